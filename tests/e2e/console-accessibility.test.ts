// Browser test: axe-core finds no WCAG 2.1 A/AA violation on the console's main pages,
// in Chinese and in English, at 1366 px; every page has exactly one h1; and the theme's
// link colour reaches 4.5:1 on white and on the layout's background.
import type { Page } from 'playwright-core';
import { browserSuite, signInByCommand, waitForPageCondition } from '../support/browser';
import { expectNoAxeViolations } from '../support/accessibility';
import { caseDriver } from '../support/cases';
import { intakeEnv } from '../support/intake';

jest.setTimeout(180_000);

const suite = browserSuite(intakeEnv);
type Lang = 'zh-CN' | 'en';
const LANGS: Lang[] = ['zh-CN', 'en'];
let reference = '';

beforeAll(async () => {
  // A case in the queue, with findings to show on its page.
  reference = (await (await caseDriver(suite.server)).reportAt('findings-submitted')).reference;
}, 120_000);

/**
 * A 1366 px page in `lang`, in a profile of its own. One profile serves a whole
 * test, so the console's scripts download once and every later page comes from
 * the browser's cache, as for a member of staff at work.
 */
async function openPage(lang: Lang): Promise<Page> {
  const context = await suite.newContext({
    viewport: { width: 1366, height: 900 },
    locale: lang,
    timezoneId: 'Asia/Shanghai',
    storageState: {
      cookies: [],
      origins: [{ origin: suite.server.baseUrl, localStorage: [{ name: 'woodpecker.lang', value: lang }] }],
    },
  });
  return context.newPage();
}

const signIn = (page: Page, username: string) => signInByCommand(page.context(), suite.server, username);

/** Opens a console path and waits until it has drawn: its h1, `ready`, and no spinner or skeleton left. */
async function visit(page: Page, path: string, ready: string | null = null): Promise<void> {
  await page.goto(`${suite.server.baseUrl}/console${path}`);
  await page.locator('h1').first().waitFor();
  if (ready) await page.locator(ready).first().waitFor();
  await waitForPageCondition(page, "!document.querySelector('.ant-spin-spinning, .ant-skeleton')");
}

async function expectOneH1(page: Page, where: string): Promise<void> {
  const headings = await page.locator('h1').allTextContents();
  expect({ where, headings: headings.length }).toEqual({ where, headings: 1 });
}

/** The administrator's main pages, with what shows each has loaded. */
const adminPages: [name: string, path: () => string, ready: string | null][] = [
  ['home', () => '/', '[data-testid=home-title]'],
  ['statistics', () => '/stats', '[data-testid=ranking-table] tbody tr.ant-table-row'],
  ['cases list', () => '/cases', '[data-testid=cases-table] tbody tr.ant-table-row'],
  ['a case page', () => `/cases/${reference}`, '[data-testid=case-reference]'],
  ['finance', () => '/finance', '[data-testid=fund-monthly-chart] canvas'],
  ['audit log', () => '/audit', 'tbody tr.ant-table-row'],
  ['staff', () => '/staff', 'tbody tr.ant-table-row'],
  ['posters', () => '/posters', null],
  ['policies', () => '/policies', null],
];

/** The other console pages: each has its one h1 too. */
const otherPages = ['/integrity', '/categories', '/responsibilities', '/security'];

/** Each main role's home page: what it sees first. */
const roles = ['intake', 'verifier', 'reviewer', 'finance', 'leader', 'cashier'];

describe.each(LANGS)('the console in %s at 1366 px', (lang) => {
  test("the login page and the administrator's main pages", async () => {
    const page = await openPage(lang);
    await page.goto(`${suite.server.baseUrl}/console/login`);
    await page.locator('h1').waitFor();
    await expectOneH1(page, 'login');
    await expectNoAxeViolations(page, `login (${lang})`);
    await signIn(page, 'admin');
    for (const [name, path, ready] of adminPages) {
      await visit(page, path(), ready);
      await expectOneH1(page, name);
      await expectNoAxeViolations(page, `${name} (${lang})`);
    }
  });

  test("each main role's home page", async () => {
    const page = await openPage(lang);
    for (const role of roles) {
      await signIn(page, role);
      await visit(page, '/', '[data-testid=home-title]');
      await expectOneH1(page, `home of ${role}`);
      await expectNoAxeViolations(page, `home of ${role} (${lang})`);
    }
  });
});

test('every other console page has exactly one h1', async () => {
  const page = await openPage('zh-CN');
  await signIn(page, 'admin');
  for (const path of otherPages) {
    await visit(page, path);
    await expectOneH1(page, path);
  }
});

/** WCAG's contrast ratio of two CSS colours, computed in the page from their rendered values. */
const contrastInPage = `(() => {
  const rgb = (css) => css.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (css) => {
    const [r, g, b] = rgb(css).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const link = getComputedStyle(document.querySelector('[data-testid=cases-table] tbody a')).color;
  const layout = getComputedStyle(document.querySelector('.ant-layout')).backgroundColor;
  return { link, onWhite: ratio(link, 'rgb(255, 255, 255)'), layout, onLayout: ratio(link, layout) };
})()`;

test('a link in the console reaches 4.5:1 on white and on the layout background', async () => {
  const page = await openPage('zh-CN');
  await signIn(page, 'admin');
  await visit(page, '/cases', '[data-testid=cases-table] tbody a');
  const measured = (await page.evaluate(contrastInPage)) as { link: string; onWhite: number; onLayout: number };
  expect(measured.link).not.toBe('rgb(22, 119, 255)'); // antd's default link blue, 4.1:1
  expect(measured.onWhite).toBeGreaterThanOrEqual(4.5);
  expect(measured.onLayout).toBeGreaterThanOrEqual(4.5);
});

/** Records the classes of antd's animations (`…-appear`, `…-enter`, `…-leave`) as elements take them. */
const recordMotion = `(() => {
  window.motionSeen = [];
  const motion = /-(appear|enter|leave)(-|$)/;
  const note = (el) => {
    for (const name of el.classList ?? []) if (motion.test(name)) window.motionSeen.push(name);
  };
  new MutationObserver((records) => {
    for (const record of records) {
      note(record.target);
      for (const added of record.addedNodes) if (added.nodeType === 1) [added, ...added.querySelectorAll('*')].forEach(note);
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
})()`;

test('antd animates only when the system does not ask for reduced motion (WCAG 2.3.3)', async () => {
  const motionWhenSwitchingLanguage = async (reducedMotion: 'reduce' | 'no-preference') => {
    const context = await suite.newContext({ viewport: { width: 1366, height: 900 }, reducedMotion });
    const page = await context.newPage();
    await page.goto(`${suite.server.baseUrl}/console/login`);
    await page.locator('h1').waitFor();
    await page.evaluate(recordMotion);
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    return (await page.evaluate('window.motionSeen')) as string[];
  };
  expect(await motionWhenSwitchingLanguage('no-preference')).not.toEqual([]);
  expect(await motionWhenSwitchingLanguage('reduce')).toEqual([]);
});
