// Browser test: staff case work as people meet it. Findings need an explicit answer to
// 举报属实; the reward proposal shows the server's computation as the verifier types;
// the case page and queue show the poster a report came from; the queue's deadline and
// attachment columns show at 1366 px; home pages show to-do counts that open their queue.
// axe-core checks the home page, the queue and the case page.
import { Poster } from '../../server/posters/poster.model';
import { Staff } from '../../server/staff/staff.model';
import { expectNoAxeViolations } from '../support/accessibility';
import { browserSuite, keepScreenshots } from '../support/browser';
import { statusShown } from '../support/casePage';
import { caseDriver, type Cases } from '../support/cases';
import { intakeEnv } from '../support/intake';
import type { Page } from 'playwright-core';

jest.setTimeout(240_000);

const suite = browserSuite(intakeEnv);
let cases: Cases;

beforeAll(async () => {
  cases = await caseDriver(suite.server);
});

async function openCase(page: Page, reference: string): Promise<void> {
  await page.goto(`${suite.server.baseUrl}/console/cases/${reference}`);
  await page.getByTestId('case-reference').getByText(reference).waitFor();
}

async function openAction(page: Page, action: string) {
  await page.getByTestId('case-actions').getByRole('button', { name: action }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

test('findings without a choice for 举报属实 cannot be submitted; an explicit 否 can', async () => {
  const { reference } = await cases.reportAt('verifying');
  const { page, pageErrors } = await suite.signedIn('verifier');
  await openCase(page, reference);
  const dialog = await openAction(page, '提交核查结论');
  await dialog.getByLabel('现场核查日期').fill('2026-11-20');
  await dialog.getByLabel('核查情况').fill('现场检查未发现所举报的堵塞情况。');
  const choice = dialog.locator('#action-submit-findings_substantiated');
  expect(await choice.locator('input:checked').count()).toBe(0); // neither 是 nor 否 to begin with
  await dialog.getByRole('button', { name: '提交核查结论' }).click();
  await dialog.getByText('请明确选择举报是否属实（是或否）').waitFor();
  await keepScreenshots(page, 'casework-findings-no-choice');
  expect((await cases.stored(reference)).status).toBe('verifying');

  await choice.getByText('否', { exact: true }).click();
  await dialog.getByRole('button', { name: '提交核查结论' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await statusShown(page, '核查结论待审核');
  expect((await cases.stored(reference)).findings).toMatchObject({ substantiated: false });
  expect(pageErrors).toEqual([]);
});

test('the reward proposal shows the computed amount, the range and band, and judges the typed amount', async () => {
  const { reference } = await cases.reportAt('substantiated');
  const { page, pageErrors } = await suite.signedIn('verifier');
  await openCase(page, reference);
  const dialog = await openAction(page, '拟定奖励');
  const preview = dialog.getByTestId('proposal-preview');
  // 15% of the 5,000-yuan fine is below the scheme's minimum, so the minimum is paid.
  await preview.getByTestId('proposal-computed').getByText('3,000.00').waitFor();
  expect(await preview.getByTestId('proposal-range').textContent()).toBe('3,000.00 – 300,000.00');
  await preview.getByTestId('proposal-band').waitFor();
  expect(await preview.textContent()).toContain('罚款');
  const amount = dialog.getByLabel('奖励金额（元，可选）');
  await amount.fill('1000');
  await preview
    .getByTestId('proposal-verdict')
    .getByText('拟定 1,000.00 元：超出本奖励方式的金额范围，无法提交')
    .waitFor();
  await amount.fill('200000');
  await preview
    .getByTestId('proposal-verdict')
    .getByText(/^拟定 200,000\.00 元：须经领导审批/)
    .waitFor();
  await keepScreenshots(page, 'casework-reward-proposal');
  await amount.fill('');
  await preview.getByTestId('proposal-verdict').waitFor({ state: 'detached' });
  expect(pageErrors).toEqual([]);
});

test('the case page and the intake queue show the poster code and its site', async () => {
  const admin = (await Staff.findOne({ username: 'admin' }).lean())!;
  await Poster.create({
    code: 'K7M2Q9',
    siteName: '北关区安居小区三期工地',
    enterpriseName: '安阳某建工集团有限公司',
    areaCode: '410503',
    sector: 'construction',
    address: '北关区红旗路 88 号',
    createdBy: admin._id,
  });
  const { reference } = await cases.reportAt('submitted', { report: { posterCode: 'K7M2Q9' } });
  const { page, pageErrors } = await suite.signedIn('intake');
  await page.goto(`${suite.server.baseUrl}/console/cases`);
  const row = page.locator('[data-testid=cases-table] tbody tr', { hasText: reference });
  await row.getByTestId('queue-poster').getByText('公示牌 K7M2Q9 · 北关区安居小区三期工地').waitFor();
  await expectNoAxeViolations(page, 'case queue');
  await row.getByRole('link', { name: reference }).click();
  const poster = page.getByTestId('case-poster');
  await poster.waitFor();
  expect(await poster.textContent()).toBe(
    'K7M2Q9 北关区安居小区三期工地 · 安阳某建工集团有限公司 · 北关区红旗路 88 号',
  );
  await keepScreenshots(page, 'casework-case-poster');
  await expectNoAxeViolations(page, 'case page with its poster');
  expect(pageErrors).toEqual([]);
});

test('at 1366 × 768 the case queue shows the deadline and attachment columns', async () => {
  await cases.reportAt('verifying');
  const { page, pageErrors } = await suite.signedIn('intake', { viewport: { width: 1366, height: 768 } });
  await page.goto(`${suite.server.baseUrl}/console/cases?queue=all`);
  const table = page.getByTestId('cases-table');
  await table.locator('tbody tr.ant-table-row').first().waitFor();
  for (const header of ['核查期限', '附件', '举报编号']) {
    const box = (await table.locator('thead th', { hasText: header }).first().boundingBox())!;
    expect([header, box.x >= 0 && box.x + box.width <= 1366]).toEqual([header, true]);
  }
  // A deadline itself, not only its header, is on screen.
  const due = table.getByTestId('row-due').first();
  const dueBox = (await due.boundingBox())!;
  expect(dueBox.x + dueBox.width).toBeLessThanOrEqual(1366);
  await keepScreenshots(page, 'casework-cases-table');
  expect(pageErrors).toEqual([]);
});

test('home pages show to-do counts that open the queue they count', async () => {
  await cases.reportAt('verifying');
  const { page, pageErrors } = await suite.signedIn('verifier');
  const mine = page.getByTestId('todo-mine');
  await mine.waitFor();
  const count = Number(await mine.locator('.todo-card__count').textContent());
  expect(count).toBeGreaterThan(0);
  await expectNoAxeViolations(page, 'verifier home');
  await keepScreenshots(page, 'casework-home-verifier');
  await mine.click();
  await page.waitForURL(/\/console\/cases\?queue=mine/);
  await page.getByRole('tab', { name: '我的案件', selected: true }).waitFor();
  await page.getByText(`共 ${count} 件`).waitFor();

  const finance = await suite.signedIn('finance');
  await finance.page.getByTestId('todo-rewards-to-approve').click();
  await finance.page.waitForURL(/queue=all&status=reward-reviewed/);
  await finance.page.getByRole('tab', { name: '全部', selected: true }).waitFor();
  expect(pageErrors).toEqual([]);
  expect(finance.pageErrors).toEqual([]);
});
