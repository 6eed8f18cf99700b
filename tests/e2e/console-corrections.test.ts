// Browser test: finance books money into a county budget and sees every source on
// the fund page; after a reward is paid, a verifier proposes a top-up (补发) for the
// fine decided later on the case page, finance approves it from a source, the
// cashier pays it, and the case card follows each step.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { LedgerEntry } from '../../server/fund/fund.model';
import { ARTIFACTS, browserSuite } from '../support/browser';
import { takeAction } from '../support/casePage';
import { caseDriver } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { paidReward } from '../support/paidReward';
import { shanghaiDay } from '../../shared/dates';

jest.setTimeout(240_000);

const suite = browserSuite(intakeEnv);
const signedIn = async (username: string) => (await suite.signedIn(username)).page;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `console-corrections-${name}.png`), fullPage: true });

async function openCase(page: Page, reference: string): Promise<void> {
  await page.goto(`${suite.server.baseUrl}/console/cases/${reference}`);
  await page.getByTestId('case-reference').getByText(reference).waitFor();
}

/** Picks a funding source in the Select of `scope` (a chosen value covers the input, so the Select itself is clicked). */
async function chooseSource(page: Page, scope: ReturnType<Page['getByRole']>, name: string): Promise<void> {
  const field = scope.locator('.ant-form-item', { hasText: '资金来源' });
  await field.locator('.ant-select').click();
  await page.locator('.ant-select-dropdown:visible').getByText(name, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  await field.locator('.ant-select-content-value', { hasText: name }).waitFor();
}

test('funding sources on the fund page, and a top-up from proposal to payment on the case page', async () => {
  const finance = await signedIn('finance');
  await finance.getByRole('link', { name: '奖励基金' }).click();
  const sources = finance.getByTestId('fund-sources');
  await sources.locator('tbody tr', { hasText: '市级奖励基金' }).waitFor();

  const form = finance.getByTestId('appropriation-form');
  await chooseSource(finance, form, '北关区县级预算');
  await form.getByLabel('金额（元）').fill('20,000');
  await form.getByLabel('拨款依据').fill('北关区财政局举报奖励预算（北财〔2026〕5号）');
  await form.getByRole('button', { name: '登记拨款' }).click();
  const county = sources.locator('tbody tr', { hasText: '北关区县级预算' });
  await county.waitFor();
  expect(await county.innerText()).toContain('20,000.00');
  await finance
    .locator('[data-testid=ledger-table] tbody tr', { hasText: '北财〔2026〕5号' })
    .getByText('北关区县级预算')
    .waitFor();
  expect(await LedgerEntry.countDocuments({ fundId: 'county-410503', kind: 'appropriate' })).toBe(1);
  await shot(finance, 'sources');

  const cases = await caseDriver(suite.server);
  const { reference } = await paidReward(suite.server, cases);

  const verifier = await signedIn('verifier');
  await openCase(verifier, reference);
  await takeAction(verifier, '提出补发奖励', async (dialog) => {
    await dialog.getByText('罚款决定作出').click();
    await dialog.getByLabel('罚款金额（元）').fill('100000');
    await dialog.getByLabel('处罚决定书文号').fill('安应急罚〔2026〕0099号');
    await dialog.getByLabel('理由').fill('处罚决定已作出，罚款十万元');
  });
  const card = verifier.getByTestId('corrections-card');
  await card.getByText('已提出，待批准').waitFor();
  await card.getByText('安应急罚〔2026〕0099号', { exact: false }).waitFor();
  await shot(verifier, 'proposed');

  await openCase(finance, reference);
  await takeAction(finance, '批准补发并预留资金', async (dialog) => {
    await chooseSource(finance, dialog, '北关区县级预算');
  });
  await finance.getByTestId('corrections-card').getByText('已批准，待登记').waitFor();
  // The cashier finds it in the corrections queue.
  const cashier = await signedIn('cashier');
  await cashier.getByRole('link', { name: '案件办理' }).click();
  await cashier.getByRole('tab', { name: '补发与追回' }).click();
  await cashier.locator('[data-testid=cases-table] tbody tr', { hasText: reference }).getByText(reference).click();
  await cashier.getByTestId('case-reference').getByText(reference).waitFor();
  await shot(cashier, 'queue');

  await takeAction(cashier, '登记补发', async (dialog) => {
    await dialog.getByLabel('凭证号').fill('BF-2026-0001');
    await dialog.getByLabel('发放日期').fill(shanghaiDay());
  });
  const paid = cashier.getByTestId('corrections-card');
  await paid.getByText('已完成').waitFor();
  await paid.getByText(`凭证 BF-2026-0001，${shanghaiDay()}`).waitFor();
  expect(await LedgerEntry.countDocuments({ rewardId: reference, kind: 'pay', fundId: 'county-410503' })).toBe(1);
  await shot(cashier, 'paid');
});

test('a top-up above the bureau-meeting tier waits for a leader, who records the meeting minutes', async () => {
  const cases = await caseDriver(suite.server);
  const { reference } = await paidReward(suite.server, cases);
  // A fine of 800,000 yuan: a new total of 120,000 yuan, above the 100,000-yuan tier.
  await cases.ok(
    reference,
    'propose-top-up',
    {
      ground: 'fine-decided',
      fineFen: 80_000_000,
      penaltyDecisionNo: '安应急罚〔2026〕0300号',
      reason: '罚款八十万元',
    },
    cases.staff.verifier,
  );
  const leader = await signedIn('leader');
  await openCase(leader, reference);
  const card = leader.getByTestId('corrections-card');
  await card.getByText('需领导审批：金额超过局务会审议标准').waitFor();
  await takeAction(leader, '领导审批补发', async (dialog) => {
    await dialog.getByLabel('局务会纪要编号').fill('局务会纪要〔2026〕30号');
    await dialog.getByLabel('会议日期').fill(shanghaiDay());
  });
  await card.getByText('领导已审批：金额超过局务会审议标准').waitFor();
  await shot(leader, 'top-up-leadership');
  expect((await cases.stored(reference)).reward!.topUps![0].leadershipApproval).toMatchObject({
    meetingMinutesNo: '局务会纪要〔2026〕30号',
  });
});
