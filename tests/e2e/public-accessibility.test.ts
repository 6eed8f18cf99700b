// Browser test: every public page on a 360 px phone, in Chinese and (through the
// language switch) English, has no WCAG 2.x A/AA violation axe-core can find, and
// no wording about assumed values (those marks are for staff). By keyboard alone,
// the home and transparency pages reach every link and scroll region with a
// visible focus ring.
import type { Page } from 'playwright-core';
import request from 'supertest';
import { Poster } from '../../server/posters/poster.model';
import { Staff } from '../../server/staff/staff.model';
import { expectNoAxeViolations } from '../support/accessibility';
import { browserSuite, keepScreenshots, waitForPageCondition } from '../support/browser';
import { caseDriver, type Cases, type Receipt } from '../support/cases';
import { followupOnPhone, phonePage } from '../support/followupPhone';
import { intakeEnv } from '../support/intake';
import { approvedReward } from '../support/paidReward';
import { as } from '../support/staff';

jest.setTimeout(240_000);

const POSTER_CODE = 'A11Y7Q';
const QUESTION = '现场的安全出口在哪一层？请说明。';

const suite = browserSuite(intakeEnv);
let c: Cases;
/** A reward approved and waiting for the claim, with a question from the verifier in its thread. */
let withThread: Receipt;
/** A new report the intake officer asked about before accepting it. */
let intakeAsked: Receipt;
const INTAKE_QUESTION = '请补充堵塞出口的照片。';

beforeAll(async () => {
  c = await caseDriver(suite.server);
  const admin = await Staff.findOne({ username: 'admin' }).lean();
  await Poster.create({
    code: POSTER_CODE,
    siteName: '三号工地',
    enterpriseName: '安阳某某建筑有限公司',
    areaCode: '410502',
    sector: 'construction',
    address: '安阳市文峰区中华路 8 号',
    createdBy: admin!._id,
  });
  withThread = await approvedReward(suite.server, c, { report: { anonymous: true, reporter: undefined } });
  const asked = await as(
    request(suite.server.app).post(`/api/v1/reports/${withThread.reference}/messages`),
    c.staff.verifier,
  ).send({ body: QUESTION });
  if (asked.status !== 200) throw new Error(`message failed: ${asked.status} ${JSON.stringify(asked.body)}`);
  intakeAsked = await c.newReport();
  await c.ok(intakeAsked.reference, 'request-information', { message: INTAKE_QUESTION }, c.staff.intake);
});

/** The page's whole visible text. */
const bodyText = async (page: Page) => String(await page.evaluate('document.body.innerText'));

/** axe finds nothing, and nothing on the page speaks of assumed values. */
async function checkPage(page: Page, where: string): Promise<void> {
  await expectNoAxeViolations(page, where);
  expect(await bodyText(page)).not.toMatch(/暂定|假定|assumed|provisional/i);
}

/** Checks the page as it is in Chinese, switches to English with the header's switch, and checks it again. */
async function bothLanguages(page: Page, where: string, englishReady: () => Promise<unknown>): Promise<void> {
  await checkPage(page, `${where} (zh-CN)`);
  await page.getByRole('button', { name: 'English' }).click();
  await waitForPageCondition(page, 'document.documentElement.lang === "en"');
  await englishReady();
  await checkPage(page, `${where} (en)`);
}

describe('axe-core on every public page, in both languages, at 360 px', () => {
  test('home', async () => {
    const { page, pageErrors } = await phonePage(suite);
    await page.goto(suite.server.baseUrl);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await bothLanguages(page, 'home', () =>
      page
        .getByRole('link', { name: /report/i })
        .first()
        .waitFor(),
    );
    expect(pageErrors).toEqual([]);
  });

  test('a poster’s landing: the report form’s first step with the poster’s site', async () => {
    const { page, pageErrors } = await phonePage(suite);
    await page.goto(`${suite.server.baseUrl}/p/${POSTER_CODE}`);
    await page.getByTestId('poster-tag').waitFor();
    await bothLanguages(page, 'poster landing', () => page.getByTestId('poster-tag').getByText(POSTER_CODE).waitFor());
    expect(pageErrors).toEqual([]);
  });

  test('the report form’s first step', async () => {
    const { page, pageErrors } = await phonePage(suite);
    await page.goto(`${suite.server.baseUrl}/report`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await bothLanguages(page, 'report form', () => page.getByRole('heading', { level: 1, name: /report/i }).waitFor());
    expect(pageErrors).toEqual([]);
  });

  test('the estimator with a quote and its steps', async () => {
    const { page, pageErrors } = await phonePage(suite);
    await page.goto(`${suite.server.baseUrl}/estimate`);
    await page.getByLabel('具体属于').selectOption('major-hazard');
    await page.getByLabel('罚款金额（元）').fill('20,010');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/rewards/quote')),
      page.getByRole('button', { name: '估算奖励' }).click(),
    ]);
    await page.getByTestId('estimate-steps').waitFor();
    await bothLanguages(page, 'estimator', () =>
      page.getByTestId('estimate-steps').filter({ hasText: 'Estimated reward' }).waitFor(),
    );
    await keepScreenshots(page, 'a11y-estimate-en');
    expect(pageErrors).toEqual([]);
  });

  test('transparency', async () => {
    const { page, pageErrors } = await phonePage(suite);
    await page.goto(`${suite.server.baseUrl}/transparency`);
    await page.locator('.tp-scroll').first().waitFor();
    await bothLanguages(page, 'transparency', () =>
      page.getByRole('heading', { level: 1, name: 'Reporting in figures' }).waitFor(),
    );
    expect(pageErrors).toEqual([]);
  });

  test('follow-up sign-in', async () => {
    const { page, pageErrors } = await phonePage(suite);
    await page.goto(`${suite.server.baseUrl}/followup`);
    await page.getByLabel('查询密钥').waitFor();
    await bothLanguages(page, 'follow-up sign-in', () => page.getByLabel('Access key').waitFor());
    expect(pageErrors).toEqual([]);
  });

  test('signed-in follow-up: the thread labelled by who asked, and the reward card', async () => {
    const { page, pageErrors } = await followupOnPhone(suite, withThread, 'reward-card');
    const thread = page.getByTestId('followup-messages');
    await thread.getByText(QUESTION).waitFor();
    // The verifier wrote: the reporter reads "核查人员", never a name.
    expect(await thread.locator('.thread__meta strong').allTextContents()).toEqual(['核查人员']);
    await keepScreenshots(page, 'a11y-followup-thread-zh');
    await bothLanguages(page, 'follow-up with a thread and a reward', () =>
      thread.locator('.thread__meta strong').filter({ hasText: 'Verifier' }).waitFor(),
    );
    await keepScreenshots(page, 'a11y-followup-thread-en');
    expect(pageErrors).toEqual([]);
  });

  test('a question from the intake officer is labelled 受理人员 / Intake officer', async () => {
    const { page, pageErrors } = await followupOnPhone(suite, intakeAsked, 'followup-messages');
    const thread = page.getByTestId('followup-messages');
    await thread.getByText(INTAKE_QUESTION).waitFor();
    expect(await thread.locator('.thread__meta strong').allTextContents()).toEqual(['受理人员']);
    expect(await bodyText(page)).toContain('受理人员需要您补充情况');
    await bothLanguages(page, 'follow-up asked by intake', () =>
      thread.locator('.thread__meta strong').filter({ hasText: 'Intake officer' }).waitFor(),
    );
    expect(pageErrors).toEqual([]);
  });

  test('not found', async () => {
    const { page, pageErrors } = await phonePage(suite);
    await page.goto(`${suite.server.baseUrl}/no-such-page`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await bothLanguages(page, 'not found', () =>
      page.getByRole('heading', { level: 1, name: /not found|find/i }).waitFor(),
    );
    expect(pageErrors).toEqual([]);
  });
});

/** What the focused element is, and whether it shows a focus ring (an outline or a box shadow). */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  return { key: el.getAttribute('data-kb') || '', ring };
})()`;

/** Tabs from the top of the page until focus leaves it or comes back round; every link and region must be reached with a ring. */
async function tabThrough(page: Page): Promise<void> {
  // Number the targets a keyboard must reach: links, buttons, fields and scroll regions.
  const expected = Number(
    await page.evaluate(`(() => {
      const all = [...document.querySelectorAll('a[href], button:not([disabled]), input, select, textarea, [tabindex="0"], [role="region"]')]
        .filter((el) => el.getClientRects().length > 0);
      all.forEach((el, i) => el.setAttribute('data-kb', String(i + 1)));
      return all.length;
    })()`),
  );
  expect(expected).toBeGreaterThan(3);
  const reached = new Set<string>();
  const withoutRing: string[] = [];
  for (let presses = 0; presses < expected + 5; presses++) {
    await page.keyboard.press('Tab');
    const focused = (await page.evaluate(FOCUSED)) as { key: string; ring: boolean } | null;
    if (!focused) continue;
    if (reached.has(focused.key)) break;
    reached.add(focused.key);
    if (!focused.ring) withoutRing.push(focused.key);
  }
  const missed = Array.from({ length: expected }, (_, i) => String(i + 1)).filter((k) => !reached.has(k));
  const describe = (keys: string[]) =>
    page.evaluate(
      `${JSON.stringify(keys)}.map((k) => document.querySelector('[data-kb="' + k + '"]').outerHTML.slice(0, 120))`,
    );
  expect(await describe(missed)).toEqual([]);
  expect(await describe(withoutRing)).toEqual([]);
}

describe('by keyboard alone', () => {
  test('the home page: every link and button is reached by Tab, each with a visible focus ring', async () => {
    const { page } = await phonePage(suite);
    await page.goto(suite.server.baseUrl);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await tabThrough(page);
  });

  test('transparency: every link and each table’s scroll region is reached, named and ringed; arrows scroll it', async () => {
    const { page } = await phonePage(suite);
    await page.goto(`${suite.server.baseUrl}/transparency`);
    await page.locator('.tp-scroll').first().waitFor();
    const scrollers = page.locator('.tp-scroll');
    const count = await scrollers.count();
    expect(count).toBeGreaterThan(0);
    // Each scroll region is the one region named by its table's heading, and holds the table.
    const headings = (await page.evaluate(
      `[...document.querySelectorAll('.tp-scroll')].map((el) => document.getElementById(el.getAttribute('aria-labelledby')).textContent)`,
    )) as string[];
    expect(headings).toHaveLength(count);
    for (const heading of headings) {
      const region = page.getByRole('region', { name: heading, exact: true });
      expect(await region.count()).toBe(1);
      expect(await region.locator('table').count()).toBe(1);
    }
    await tabThrough(page);

    // Focused, the first table scrolls sideways with the arrow key.
    const first = scrollers.first();
    await first.focus();
    const before = await first.evaluate((el) => el.scrollLeft);
    await page.keyboard.press('ArrowRight');
    await waitForPageCondition(page, `document.querySelector('.tp-scroll').scrollLeft > ${before}`);
    await keepScreenshots(page, 'a11y-transparency-focused-region');
  });
});
