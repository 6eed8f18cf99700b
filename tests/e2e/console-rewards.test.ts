// Browser test: a reward from substantiated findings to money paid. The verifier
// proposes it on the case page, the reviewer confirms, finance approves (the fund
// page shows the reservation), the reporter claims it from the follow-up page,
// finance checks the claimant and the cashier records the payment (the fund page shows it paid).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserSuite } from '../support/browser';
import { statusShown, takeAction } from '../support/casePage';
import { caseDriver } from '../support/cases';
import { intakeEnv } from '../support/intake';

jest.setTimeout(240_000);

const suite = browserSuite(intakeEnv);

const signedIn = async (username: string) => (await suite.signedIn(username)).page;

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `console-rewards-${name}.png`), fullPage: true });

async function openCase(page: Page, reference: string): Promise<void> {
  await page.goto(`${suite.server.baseUrl}/console/cases/${reference}`);
  await page.getByTestId('case-reference').getByText(reference).waitFor();
}

async function fundFigure(page: Page, key: 'available' | 'reserved' | 'paid'): Promise<string> {
  await page.goto(`${suite.server.baseUrl}/console/finance`);
  const figure = page.locator(`[data-testid=fund-${key}]`);
  await figure.waitFor();
  return (await figure.innerText()).replace(/\s+/g, ' ');
}

test('a reward goes from substantiated findings to paid, and the fund page follows it', async () => {
  const cases = await caseDriver(suite.server);
  const receipt = await cases.reportAt('substantiated');
  const { reference } = receipt;

  // The verifier proposes: the amount is computed from the findings (15% of a 5,000-yuan fine is below the 3,000 minimum).
  const verifier = await signedIn('verifier');
  await openCase(verifier, reference);
  await takeAction(verifier, '拟定奖励');
  await statusShown(verifier, '奖励已拟定，待复核');
  await verifier.getByTestId('reward-amount').getByText('3,000.00').waitFor();
  await shot(verifier, 'proposed');

  const reviewer = await signedIn('reviewer');
  await openCase(reviewer, reference);
  await takeAction(reviewer, '复核奖励');
  await statusShown(reviewer, '奖励已复核，待财务审批');

  const finance = await signedIn('finance');
  const availableBefore = await fundFigure(finance, 'available');
  expect(availableBefore).toContain('5,000,000.00');
  await finance
    .locator('[data-testid=queue-reward-reviewed] tbody tr.ant-table-row', { hasText: reference })
    .getByRole('link', { name: reference })
    .click();
  await finance.getByTestId('case-reference').getByText(reference).waitFor();
  await takeAction(finance, '批准奖励并预留资金');
  await statusShown(finance, '奖励已批准，待领取');
  await shot(finance, 'approved');
  expect(await fundFigure(finance, 'available')).toContain('4,997,000.00');
  expect(await fundFigure(finance, 'reserved')).toContain('3,000.00');
  await shot(finance, 'fund-reserved');

  // The reporter claims from the follow-up page, on a phone.
  const phone = await suite.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: true,
  });
  const reporter = await phone.newPage();
  await reporter.goto(`${suite.server.baseUrl}/followup`);
  await reporter.getByLabel('举报编号').fill(reference);
  await reporter.getByLabel('查询密钥').fill(receipt.accessKey);
  await reporter.getByTestId('followup-signin').click();
  await claimReward(reporter);
  await reporter.screenshot({ path: path.join(ARTIFACTS, 'console-rewards-reporter-claimed-360.png'), fullPage: true });

  await openCase(finance, reference);
  await statusShown(finance, '已申领，待发放');
  await finance.getByTestId('view-claim').click();
  await finance.getByTestId('claim-details').getByText('11010519491231002X').waitFor();
  await shot(finance, 'claim');
  await finance.keyboard.press('Escape');
  // Whoever approved the reward does not pay it: the cashier records the payment.
  const cashier = await signedIn('cashier');
  await openCase(cashier, reference);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await takeAction(cashier, '登记发放', async (dialog) => {
    await dialog.getByLabel('付款凭证号').fill('FK-2026-0088');
    await dialog.getByLabel('付款日期').fill(today);
    await dialog.getByText('已核对领奖人身份证件与银行账户').click();
  });
  await statusShown(cashier, '奖励已发放');
  await cashier.getByTestId('reward-card').getByText('FK-2026-0088', { exact: false }).waitFor();
  expect(await fundFigure(cashier, 'paid')).toContain('3,000.00');
  expect(await fundFigure(cashier, 'reserved')).toContain('0.00');
  await cashier.locator('[data-testid=ledger-table] tbody tr.ant-table-row', { hasText: reference }).first().waitFor();
  await shot(cashier, 'fund-paid');
});

/** The reporter's claim: the card shows the amount; the form takes identity and account. */
async function claimReward(reporter: Page): Promise<void> {
  await reporter.getByText('3,000.00', { exact: false }).first().waitFor();
  await reporter.getByLabel('姓名（与身份证一致）').fill('王五');
  await reporter.getByLabel('身份证号码').fill('11010519491231002X');
  await reporter.getByLabel('联系电话').fill('13800000000');
  await reporter.getByLabel('开户银行').fill('中国工商银行安阳分行');
  await reporter.getByLabel('银行卡号').fill('6222 0210 0101 2345 678');
  await reporter.getByRole('button', { name: '提交领奖申请' }).click();
  await reporter.getByText('领奖申请已提交，财务核对后发放。').waitFor();
}
