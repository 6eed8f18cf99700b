// Browser test: a Chinese console shows no codes and no "中文 / English" joins in a
// case's timeline, the fund ledger or the audit log of a report walked to a paid
// reward; the audit log's filters live in the address; an English console shows English.
import type { Page } from 'playwright-core';
import { browserSuite, keepScreenshots, waitForPageCondition } from '../support/browser';
import { caseDriver } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { paidReward } from '../support/paidReward';

jest.setTimeout(240_000);

const suite = browserSuite(intakeEnv);
let reference = '';

beforeAll(async () => {
  const cases = await caseDriver(suite.server);
  ({ reference } = await paidReward(suite.server, cases));
});

/** Codes as the system writes them ("approve-reward", "report.resume-screening") and bilingual joins. */
function expectNoCodes(text: string): void {
  expect(text).not.toMatch(/[a-z]+-[a-z]+/);
  expect(text).not.toMatch(/report\.[a-z_-]+/);
  expect(text).not.toContain(' / ');
}

async function inEnglish(page: Page): Promise<void> {
  await page.evaluate("localStorage.setItem('woodpecker.lang', 'en')");
  await page.reload();
}

const timelineOf = async (page: Page) => {
  await page.goto(`${suite.server.baseUrl}/console/cases/${reference}`);
  const timeline = page.getByTestId('case-timeline');
  await timeline.getByText(/元已批准|yuan was approved/).waitFor();
  return timeline;
};

const ledgerOf = async (page: Page) => {
  await page.goto(`${suite.server.baseUrl}/console/finance`);
  const ledger = page.getByTestId('ledger-table');
  await ledger.locator('tbody tr', { hasText: reference }).first().waitFor();
  return ledger;
};

const auditOf = async (page: Page, query: string) => {
  await page.goto(`${suite.server.baseUrl}/console/audit?${query}`);
  const table = page.getByTestId('audit-table');
  await table.locator('tbody tr', { hasText: reference }).first().waitFor();
  return table;
};

test('a Chinese console words the timeline, the ledger and the audit log in Chinese', async () => {
  const reviewer = (await suite.signedIn('reviewer')).page;
  const timeline = await timelineOf(reviewer);
  const told = await timeline.innerText();
  expect(told).toMatch(/奖励 [\d,]+\.\d\d 元已批准，请于 \d{4}-\d\d-\d\d 前在查询页面申领/);
  expect(told).toMatch(/奖励 [\d,]+\.\d\d 元已于 \d{4}-\d\d-\d\d 发放/);
  expectNoCodes(told);
  await keepScreenshots(reviewer, 'console-codes-timeline');

  const finance = (await suite.signedIn('finance')).page;
  const ledger = await ledgerOf(finance);
  const rows = await ledger.locator('tbody tr', { hasText: reference }).allInnerTexts();
  expect(rows.join('\n')).toContain('付款凭证');
  expectNoCodes(rows.join('\n'));
  expectNoCodes(await ledger.innerText());
  await keepScreenshots(finance, 'console-codes-ledger');

  const admin = (await suite.signedIn('admin')).page;
  const audit = await auditOf(admin, `target=${reference}`);
  const log = await audit.locator('tbody').innerText();
  expect(log).toContain('举报人'); // the reporter's claim, not "系统"
  expect(log).not.toContain('系统');
  expectNoCodes(log);
  // The code is at hand in the tooltip.
  await audit.locator('[title="report.approve-reward"]').waitFor();
});

/** The audit table shows one row, the approval's, and is not loading. */
const onlyTheApproval = `(() => {
  const rows = [...document.querySelectorAll('[data-testid=audit-table] tbody tr.ant-table-row')];
  return rows.length === 1 && rows[0].textContent.includes('批准奖励并预留资金') && !document.querySelector('.ant-spin-spinning');
})()`;

test("the audit log's filters live in the address", async () => {
  const admin = (await suite.signedIn('admin')).page;
  await auditOf(admin, `target=${reference}`);
  const rows = admin.locator('[data-testid=audit-table] tbody tr.ant-table-row');
  const picker = admin.getByTestId('audit-filter-action');
  await picker.click();
  const dropdown = admin.locator('.ant-select-dropdown:visible');
  await admin.keyboard.type('批准奖励');
  await keepScreenshots(admin, 'console-codes-audit');
  await dropdown.getByText('批准奖励并预留资金', { exact: true }).click();
  await admin.waitForURL(/action=report\.approve-reward/);
  expect(admin.url()).toContain(`target=${reference}`);
  // The filtered list replaces the whole one (it may redraw more than once while loading).
  await waitForPageCondition(admin, onlyTheApproval);
  expect(await rows.count()).toBe(1);

  // A copied link shows the same filtered log.
  await admin.reload();
  await waitForPageCondition(admin, onlyTheApproval);
  expect(await rows.count()).toBe(1);
});

test('an English console shows English', async () => {
  const reviewer = (await suite.signedIn('reviewer')).page;
  await inEnglish(reviewer);
  const timeline = await timelineOf(reviewer);
  const told = await timeline.innerText();
  expect(told).toMatch(/A reward of [\d,]+\.\d\d yuan was approved; claim it on the follow-up page by \d{4}-\d\d-\d\d/);
  expect(told).not.toMatch(/[\u3400-\u9fff]/);

  const finance = (await suite.signedIn('finance')).page;
  await inEnglish(finance);
  const ledger = await ledgerOf(finance);
  const rows = (await ledger.locator('tbody tr', { hasText: reference }).allInnerTexts()).join('\n');
  expect(rows).toContain('Voucher');
  expect(rows).not.toMatch(/[\u3400-\u9fff]/);

  const admin = (await suite.signedIn('admin')).page;
  await inEnglish(admin);
  const audit = await auditOf(admin, `target=${reference}`);
  const log = await audit.locator('tbody').innerText();
  expect(log).toContain('Reporter');
  expect(log).toContain('(report.approve-reward)');
  expect(log).not.toMatch(/[\u3400-\u9fff]/);
});
