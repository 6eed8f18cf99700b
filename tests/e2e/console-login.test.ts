// Browser test: the built client against a real server on loopback, in Debian's Chromium.
// Each demo role signs in and lands on its own desk; the public home works on a small phone.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Staff } from '../../server/staff/staff.model';
import { expectNoAxeViolations } from '../support/accessibility';
import { ARTIFACTS, browserSuite } from '../support/browser';
import { createAccount } from '../support/staff';

const DESKS = {
  admin: '系统管理工作台',
  intake: '受理员工作台',
  verifier: '核查人员工作台',
  reviewer: '审核人工作台',
  finance: '财务工作台',
} as const;

jest.setTimeout(60_000);

const suite = browserSuite();

/** A fresh browser profile (no cookies) that fails the test on any uncaught page error. */
async function openPage(viewport = { width: 1280, height: 800 }): Promise<{ page: Page; pageErrors: Error[] }> {
  const context = await suite.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  return { page, pageErrors };
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${suite.server.baseUrl}/console/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

describe('staff console sign-in', () => {
  test.each(Object.entries(DESKS))('%s lands on the %s', async (role, desk) => {
    const { page, pageErrors } = await openPage();
    await signIn(page, role, suite.server.demoPassword);

    const title = page.locator('[data-testid=home-title]');
    await title.waitFor();
    expect(await title.textContent()).toContain(desk);
    expect(new URL(page.url()).pathname).toMatch(/^\/console\/?$/); // the router writes the home as /console
    expect(await page.locator('[data-testid=role-duties] li').count()).toBeGreaterThan(0);

    await page.screenshot({ path: path.join(ARTIFACTS, `console-home-${role}.png`), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  test('a wrong password shows the server’s error and stays on the login page', async () => {
    const { page, pageErrors } = await openPage();
    await signIn(page, 'intake', `${suite.server.demoPassword}-wrong`);

    const error = page.locator('[data-testid=login-error]');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-login-error.png') });
    expect(pageErrors).toEqual([]);
  });

  test('the administrator reaches staff accounts and verifies the audit chain', async () => {
    const { page, pageErrors } = await openPage();
    await signIn(page, 'admin', suite.server.demoPassword);
    await page.locator('[data-testid=home-title]').waitFor();

    await page.getByRole('link', { name: '人员管理' }).click();
    await page.locator('[data-testid=staff-table]').getByText('verifier', { exact: true }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-staff.png'), fullPage: true });

    await page.getByRole('link', { name: '审计日志' }).click();
    await page.locator('[data-testid=audit-verify]').click();
    const verification = page.locator('[data-testid=audit-verification]');
    await verification.waitFor();
    expect(await verification.textContent()).toContain('哈希链完整');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-audit.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  test('the administrator adds a report category and retires another', async () => {
    const { page, pageErrors } = await openPage();
    await signIn(page, 'admin', suite.server.demoPassword);
    await page.getByRole('link', { name: '举报类别' }).click();
    await page.getByRole('button', { name: '新增类别' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('编码').fill('scaffold-collapse-risk');
    await dialog.getByLabel('中文名称').fill('脚手架坍塌风险');
    await dialog.getByLabel('英文名称').fill('Scaffold collapse risk');
    await dialog.getByLabel('行业').click();
    await page.locator('.ant-select-dropdown:visible').getByText('建筑施工', { exact: true }).click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('cell', { name: '脚手架坍塌风险' }).waitFor();
    await page.getByRole('switch', { name: '启用: campus-hazard' }).click();
    await page.locator('[aria-label="启用: campus-hazard"][aria-checked="false"]').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-categories.png'), fullPage: true });
    const catalog = (await (await fetch(`${suite.server.baseUrl}/api/v1/catalog`)).json()) as {
      categories: { code: string }[];
    };
    const codes = catalog.categories.map((c) => c.code);
    expect(codes).toContain('scaffold-collapse-risk');
    expect(codes).not.toContain('campus-hazard');
    expect(pageErrors).toEqual([]);
  });
});

describe('a handed-out password', () => {
  test('holds the account on the security page until it is replaced, then opens the console', async () => {
    const handedOut = 'handed out by the admin 7';
    const { _id } = await createAccount({ username: 'new-reviewer', role: 'reviewer', password: handedOut });
    await Staff.updateOne({ _id }, { $set: { mustChangePassword: true } });
    const { page, pageErrors } = await openPage();
    await signIn(page, 'new-reviewer', handedOut);

    await page.locator('[data-testid=must-change-password]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/security');
    expect(await page.getByRole('link', { name: '案件办理' }).count()).toBe(0); // the menu offers only the security page
    expect(await page.getByText('双因素认证（动态验证码）').count()).toBe(0); // enrolment waits for the new password
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-must-change-password.png'), fullPage: true });

    await page.getByLabel('当前密码').fill(handedOut);
    await page.getByLabel('新密码', { exact: true }).fill('only this reviewer knows');
    await page.getByLabel('确认新密码').fill('only this reviewer knows');
    await page.getByRole('button', { name: '修改密码' }).click();

    await page.locator('[data-testid=must-change-password]').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: '首页' }).first().click();
    await page.locator('[data-testid=home-title]').waitFor();
    expect((await Staff.findById(_id).lean())?.mustChangePassword).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});

/** Presses Tab until the focused element matches `selector` (at most `limit` presses). */
async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`!!document.activeElement?.matches(${JSON.stringify(selector)})`)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

describe('the console on a phone', () => {
  test('the navigation opens from the header’s menu button, by keyboard, and never covers the page', async () => {
    const { page, pageErrors } = await suite.signedIn('intake', { viewport: { width: 360, height: 740 } });
    expect(await page.locator('.console-sider').isVisible()).toBe(false);
    const header = await box(page, '.console-header');
    const button = await box(page, '[data-testid=menu-button]');
    // The button sits inside the header, and the page starts below it.
    expect(button.y).toBeGreaterThanOrEqual(header.y);
    expect(button.y + button.height).toBeLessThanOrEqual(header.y + header.height);
    expect((await box(page, '.console-content')).y).toBeGreaterThanOrEqual(header.y + header.height);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);

    await tabTo(page, '[data-testid=menu-button]');
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('navigation', { name: '工作平台导航' }).waitFor();
    expect(await page.getAttribute('[data-testid=menu-button]', 'aria-expanded')).toBe('true');
    await expectNoAxeViolations(page, 'the console’s navigation drawer at 360 px');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-phone-menu-360.png') });

    await tabTo(page, '.console-drawer a[href="/console/cases"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/cases(\?|$)/);
    await drawer.waitFor({ state: 'hidden' });
    expect(await page.getAttribute('[data-testid=menu-button]', 'aria-expanded')).toBe('false');

    // Escape closes it too, and focus returns to the button.
    await page.locator('[data-testid=menu-button]').focus();
    await page.keyboard.press('Enter');
    await drawer.getByRole('navigation').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(await page.evaluate(`document.activeElement?.dataset.testid`)).toBe('menu-button');
    expect(pageErrors).toEqual([]);
  });

  test('on a wide screen the navigation stands on the left and the menu button is not shown', async () => {
    const { page } = await suite.signedIn('intake', { viewport: { width: 1366, height: 900 } });
    expect(await page.locator('.console-sider').getByRole('navigation', { name: '工作平台导航' }).isVisible()).toBe(
      true,
    );
    expect(await page.locator('[data-testid=menu-button]').isVisible()).toBe(false);
  });
});

describe('public site', () => {
  test('home fits a 360 px phone and offers the report button', async () => {
    const { page, pageErrors } = await openPage({ width: 360, height: 740 });
    await page.goto(`${suite.server.baseUrl}/`);

    const report = page.getByRole('link', { name: /我要举报/ });
    await report.waitFor();
    expect(await report.isVisible()).toBe(true);
    // A string expression: the test tsconfig has no DOM types.
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(ARTIFACTS, 'public-home-360.png'), fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: /^Report/ }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.getByRole('link', { name: /^Report/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Report a hazard' }).waitFor(); // the form (tests/e2e/public-report.test.ts)
    expect(pageErrors).toEqual([]);
  });
});
