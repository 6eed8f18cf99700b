// Browser test: an administrator drafts a new reward-policy version effective
// today with a higher minimum (a value the server refuses is shown on its field
// first); the drafter cannot publish it, a bureau leader does; the public
// estimator and the report form then use the new version for today.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { shanghaiDay } from '../../shared/dates';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { PolicyVersion } from '../../server/rewards/policyVersion.model';
import { ARTIFACTS, browserSuite } from '../support/browser';

jest.setTimeout(180_000);

const suite = browserSuite();
const PHONE = { width: 360, height: 740 };
const NEW_TITLE = '测试：今日起施行的奖励办法';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

const openPolicies = async (page: Page) => {
  await page.getByRole('link', { name: '奖励办法' }).click();
  await page.getByRole('heading', { level: 1, name: '奖励办法版本' }).waitFor();
};

test('an administrator drafts, a leader publishes, the estimator uses it from today', async () => {
  const today = shanghaiDay();
  const admin = await suite.signedIn('admin');
  let page = admin.page;
  await openPolicies(page);
  const inForceRow = page.locator('tr', { hasText: '现行' });
  await inForceRow.waitFor();

  // The in-force version's values, with what is assumed marked.
  await inForceRow.getByRole('button', { name: '查看' }).click();
  const viewer = page.locator('.ant-modal', { hasText: '待局里决定的事项' });
  await viewer.getByTestId('assumed-decisions.rounding').waitFor();
  await shot(page, 'console-policies-view');
  await viewer.getByRole('button', { name: '关闭' }).click();

  await inForceRow.getByRole('button', { name: '以此起草' }).click();
  const form = page.locator('.ant-modal', { hasText: '编辑草稿' });
  await form.getByRole('textbox', { name: '版本编号' }).waitFor();
  await form.getByRole('textbox', { name: '版本编号' }).fill('e2e-today');
  await form.getByRole('textbox', { name: '生效日期' }).first().fill(today);
  await form.getByRole('textbox', { name: '名称（中文）' }).first().fill(NEW_TITLE);
  const violation = form.getByRole('region', { name: '重大事故隐患和非法违法行为' });

  // A minimum above the maximum: the server's refusal appears on that field.
  await violation.getByRole('spinbutton', { name: '最低（元）' }).fill('400000');
  await form.getByRole('button', { name: '保存草稿' }).click();
  await violation.getByText('the minimum is above the maximum').waitFor();
  await violation.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-policies-field-error.png') });

  await violation.getByRole('spinbutton', { name: '最低（元）' }).fill('5000');
  // The field's old error clears as the value changes; a click that lands while the form
  // redraws can be undone by it, so tick until the box stays ticked.
  const assumedMinimum = violation.getByRole('checkbox', { name: '假定: 最低（元）' });
  for (let tries = 0; tries < 3 && !(await assumedMinimum.isChecked()); tries++) await assumedMinimum.click();
  expect(await assumedMinimum.isChecked()).toBe(true);
  await form.getByRole('button', { name: '保存草稿' }).click();
  await page.getByText('草稿已保存').waitFor();
  const draftRow = page.locator('tr', { hasText: NEW_TITLE });
  await draftRow.getByText('本人起草或修改的草稿须由他人发布').waitFor();
  expect(await draftRow.getByRole('button', { name: '发布' }).count()).toBe(0);
  await shot(page, 'console-policies-draft');
  expect(admin.pageErrors).toEqual([]);

  const leader = await suite.signedIn('leader');
  page = leader.page;
  await openPolicies(page);
  const leaderRow = page.locator('tr', { hasText: NEW_TITLE });
  expect(await leaderRow.getByRole('button', { name: '编辑' }).count()).toBe(0);
  await leaderRow.getByRole('button', { name: '发布' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '发布' }).click();
  await page.getByText('版本已发布').waitFor();
  await page.locator('tr', { hasText: NEW_TITLE }).getByText('现行').waitFor();
  await shot(page, 'console-policies-published');
  expect(leader.pageErrors).toEqual([]);

  const stored = await PolicyVersion.findById('e2e-today').lean();
  expect(stored).toMatchObject({ status: 'published', effectiveFrom: today });
  const policy = stored!.policy as { violation: { minFen: number }; assumed: string[] };
  expect(policy.violation.minFen).toBe(500_000);
  expect(policy.assumed).toContain('violation.minFen');
  expect(await AuditEntry.exists({ action: 'reward-policy.publish', 'target.id': 'e2e-today' })).toBeTruthy();

  // The public side, on a phone: today's estimate and the report form's range follow the new version.
  const context = await suite.newContext({
    viewport: PHONE,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: true,
  });
  const phone = await context.newPage();
  const phoneErrors: Error[] = [];
  phone.on('pageerror', (error) => phoneErrors.push(error));
  await phone.goto(`${suite.server.baseUrl}/estimate`);
  await phone.getByLabel('具体属于').selectOption('major-hazard');
  await Promise.all([
    phone.waitForResponse((r) => r.url().endsWith('/api/v1/rewards/quote')),
    phone.getByRole('button', { name: '估算奖励' }).click(),
  ]);
  await phone.getByTestId('estimate-amount').filter({ hasText: '5,000 元' }).waitFor();
  await phone.getByTestId('estimate-range').filter({ hasText: '5,000 – 300,000 元' }).waitFor();
  await phone.getByTestId('estimate-policy').filter({ hasText: NEW_TITLE }).waitFor();
  await shot(phone, 'public-estimate-new-policy-360');

  await phone.goto(`${suite.server.baseUrl}/report`);
  await phone.getByLabel('重大事故隐患', { exact: true }).check();
  await phone.getByTestId('reward-range').filter({ hasText: '属实可获奖励 5,000 – 300,000 元' }).waitFor();
  await shot(phone, 'public-report-new-range-360');
  expect(phoneErrors).toEqual([]);
});
