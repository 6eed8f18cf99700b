// Browser test: the reward controls in the console. A leader sees why a large
// reward waits for them and approves it; the discipline officer puts an ID number
// on the exclusion register (the page never shows it back); the claim that uses it
// is flagged on the case and the leader settles it; finance reads the anomaly views.
import path from 'node:path';
import request from 'supertest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserSuite } from '../support/browser';
import { statusShown, takeAction } from '../support/casePage';
import { caseDriver } from '../support/cases';
import { intakeEnv } from '../support/intake';

jest.setTimeout(240_000);

const suite = browserSuite(intakeEnv);
const LISTED_ID = '410502199001015552';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `console-reward-controls-${name}.png`), fullPage: true });

async function openCase(page: Page, reference: string): Promise<void> {
  await page.goto(`${suite.server.baseUrl}/console/cases/${reference}`);
  await page.getByTestId('case-reference').getByText(reference).waitFor();
}

test('leadership approval, the exclusion register, a flagged claim settled, and the anomaly views', async () => {
  const cases = await caseDriver(suite.server);
  // A 400,000-yuan fine: 60,000 yuan, above the deputy-director tier.
  const receipt = await cases.reportAt('substantiated', { findings: { fineFen: 40_000_000 } });
  const { reference } = receipt;
  await cases.ok(reference, 'propose-reward', {}, cases.staff.verifier);
  await cases.ok(reference, 'confirm-reward', {}, cases.staff.reviewer);

  const leader = (await suite.signedIn('leader')).page;
  await openCase(leader, reference);
  await leader.getByTestId('reward-leadership').getByText('需领导审批').waitFor();
  await leader.getByTestId('reward-leadership').getByText('金额超过分管副局长审批标准').waitFor();
  await shot(leader, 'leadership-needed');
  await takeAction(leader, '领导审批奖励', (dialog) => dialog.getByLabel('审批意见').fill('同意按核算金额奖励'));
  await leader
    .getByTestId('reward-leadership')
    .getByText(/领导已于/)
    .waitFor();

  const discipline = (await suite.signedIn('discipline')).page;
  await discipline.goto(`${suite.server.baseUrl}/console/integrity`);
  const register = discipline.getByTestId('exclusion-register');
  await register.getByLabel('身份证号').fill(LISTED_ID);
  await register.getByLabel('类别').click();
  await discipline.getByTitle('上述人员的近亲属').click();
  await register.getByLabel('说明（不得含身份信息）').fill('执法科工作人员近亲属');
  await register.getByRole('button', { name: '加入名单' }).click();
  await register.locator('tbody tr.ant-table-row', { hasText: '执法科工作人员近亲属' }).waitFor();
  expect(await discipline.content()).not.toContain(LISTED_ID);
  await shot(discipline, 'register');

  await cases.ok(reference, 'approve-reward', {}, cases.staff.finance, {
    'Idempotency-Key': `e2e-controls-${reference}`,
  });
  const token = await cases.followupToken(receipt);
  const claimed = await cases.reporter(request(suite.server.app).post('/api/v1/followup/claim'), token).send({
    name: '王五',
    phone: '13800000000',
    idNumber: LISTED_ID,
    bankName: '中国工商银行安阳分行',
    bankAccount: '6222021001012345678',
  });
  expect(claimed.status).toBe(200);

  await openCase(leader, reference);
  await statusShown(leader, '已申领，待发放');
  await leader.getByTestId('reward-claim-flags').getByText('领奖人在回避名单中').waitFor();
  await shot(leader, 'claim-flagged');
  await takeAction(leader, '核处领奖核对问题', (dialog) =>
    dialog.getByLabel('核处意见').fill('经核实与名单人员非同一人'),
  );
  await leader
    .getByTestId('reward-claim-flags')
    .getByText(/已于 .* 核处：经核实与名单人员非同一人/)
    .waitFor();

  const finance = (await suite.signedIn('finance')).page;
  await finance.goto(`${suite.server.baseUrl}/console/integrity`);
  await finance.getByTestId('integrity-page').getByRole('link', { name: reference }).first().waitFor();
  await finance.getByText('领奖人在回避名单中').waitFor();
  expect(await finance.getByTestId('exclusion-register').count()).toBe(0);
  await shot(finance, 'anomalies');
});
