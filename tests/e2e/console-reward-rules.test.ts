// Browser test: the reward rules in the console. A coal-mine report says it is outside
// the city scheme, cannot be accepted, and its transfer form comes with the mine-safety
// channel chosen; a verifier records employment with its proof, shown beside the
// reporter's own word.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Report } from '../../server/reports/report.model';
import { ARTIFACTS, browserSuite } from '../support/browser';
import { caseDriver } from '../support/cases';
import { statusShown, takeAction } from '../support/casePage';
import { intakeEnv } from '../support/intake';

jest.setTimeout(180_000);

const suite = browserSuite(intakeEnv);

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `console-reward-rules-${name}.png`), fullPage: true });

/** Picks an option in an antd Select of the open dialog, found by its form label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('dialog').getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  const field = page.getByRole('dialog').locator('.ant-form-item', { has: page.getByText(label, { exact: true }) });
  await field.locator('.ant-select-content-value', { hasText: option }).waitFor();
}

async function openCase(page: Page, reference: string): Promise<void> {
  await page.goto(`${suite.server.baseUrl}/console/cases/${reference}`);
  await page.getByTestId('case-reference').getByText(reference).waitFor();
}

describe('reward rules in the console', () => {
  test('a coal-mine report is transferred to the mine-safety channel, not accepted', async () => {
    const c = await caseDriver(suite.server);
    const { reference } = await c.newReport({ category: 'coal-mine-illegal-mining', area: '410506' });
    const { page, pageErrors } = await suite.signedIn('intake');
    await openCase(page, reference);
    await page.getByTestId('case-outside-scheme').getByText('国家矿山安全监察局河南局', { exact: false }).waitFor();
    await takeAction(page, '开始受理审查');
    await statusShown(page, '受理审查中');
    const actions = page.getByTestId('case-actions');
    await actions.getByRole('button', { name: '转办' }).waitFor();
    expect(await actions.getByRole('button', { name: '受理并分派' }).count()).toBe(0);

    await takeAction(page, '转办', async (dialog) => {
      // The channel is chosen and the reason written in already.
      await dialog.locator('.ant-select-content-value', { hasText: '国家矿山安全监察局河南局' }).waitFor();
      expect(await dialog.getByLabel('转办说明').inputValue()).toContain('不属于本市安全生产领域举报奖励范围');
      await shot(page, '1-transfer-form');
    });
    await statusShown(page, '已转办');
    await shot(page, '2-transferred');
    const stored = (await Report.findOne({ reference }).lean())!;
    expect(stored.transferredTo).toMatchObject({ unitCode: 'mine-safety-henan' });
    expect(pageErrors).toEqual([]);
  });

  test('the verifier records employment with its proof; the case shows it beside the reporter’s word', async () => {
    const c = await caseDriver(suite.server);
    const { reference } = await c.reportAt('verifying', { report: { employeeOfSubject: true } });
    const { page, pageErrors } = await suite.signedIn('verifier');
    await openCase(page, reference);
    expect(await page.getByTestId('case-employment').textContent()).toBe('举报人自称在该单位工作');

    const proof = '劳动合同及 2026 年 10 月工资单';
    await takeAction(page, '提交核查结论', async (dialog) => {
      await dialog.getByLabel('现场核查日期').fill('2026-11-20');
      await dialog.getByLabel('核查情况').fill('现场检查确认安全出口被堵塞，举报人系该商场员工。');
      await dialog.locator('#action-submit-findings_substantiated').getByText('是', { exact: true }).click();
      await choose(page, '违法行为类型', '安全生产违法行为');
      await dialog.getByLabel('核查确认举报人是被举报单位员工').click();
      await dialog.getByLabel('证明材料（劳动合同、工资单、工牌等）').fill(proof);
      await shot(page, '3-findings-employment');
    });
    await statusShown(page, '核查结论待审核');
    await page.getByTestId('case-findings').getByText(proof).waitFor();
    expect(await page.getByTestId('case-employment').textContent()).toBe(
      `举报人自称在该单位工作 · 核查确认是该单位员工（证明：${proof}）`,
    );
    await shot(page, '4-findings-shown');
    const stored = (await Report.findOne({ reference }).lean())!;
    expect(stored.findings).toMatchObject({ employeeOfSubject: true, employmentProof: proof });
    expect(pageErrors).toEqual([]);
  });
});
