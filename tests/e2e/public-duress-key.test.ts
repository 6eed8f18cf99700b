// Browser test: on a 360 px phone a worker reports, sets a duress key on the receipt page, and
// whoever signs in with that key sees the report withdrawn, in Chinese and English; the real
// key still opens the real report, which says a duress key is set. The database is checked.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Report } from '../../server/reports/report.model';
import { ARTIFACTS, browserSuite } from '../support/browser';
import { expectFitsPhone, phonePage } from '../support/followupPhone';

jest.setTimeout(120_000);

const suite = browserSuite({ WOODPECKER_POW_BITS: '4' });

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const next = (page: Page) => page.getByRole('button', { name: '下一步' }).click();

async function signInWith(page: Page, reference: string, key: string) {
  await page.goto(`${suite.server.baseUrl}/followup`);
  await page.getByLabel('举报编号').fill(reference);
  await page.getByLabel('查询密钥').fill(key);
  await page.getByTestId('followup-signin').click();
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  await page.getByTestId('followup-status').waitFor();
}

test('a duress key set on the receipt opens a withdrawn view and flags the case; the real key opens the real one', async () => {
  const { page, pageErrors } = await phonePage(suite);

  await page.goto(`${suite.server.baseUrl}/report`);
  await page.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
  await page.getByLabel('未办理动火审批擅自动火').check();
  await page.getByLabel('发生在哪个县区').selectOption('410505');
  await page.getByLabel('具体情况').fill('三号车间有人无证焊接，旁边就是油漆库房。');
  await next(page);
  await next(page);
  await page.getByRole('radio', { name: '匿名举报' }).check();
  await next(page);
  await page.getByTestId('submit-report').click();
  await page.getByRole('heading', { level: 1, name: '举报已提交' }).waitFor({ timeout: 30_000 });
  const reference = (await page.getByTestId('receipt-reference').textContent())!.trim();
  const accessKey = (await page.getByTestId('receipt-access-key').textContent())!.trim();

  // The receipt offers the duress key, explains it, and shows it once.
  const panel = page.getByTestId('duress-key');
  expect(await panel.textContent()).toContain('只会看到举报“已撤回”');
  await page.getByTestId('duress-key-set-button').click();
  const duressKey = (await page.getByTestId('duress-key-value').textContent({ timeout: 30_000 }))!.trim();
  expect(duressKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  expect(duressKey).not.toBe(accessKey);
  await page.getByTestId('duress-key-value').scrollIntoViewIfNeeded();
  await expectFitsPhone(page);
  await shot(page, 'public-duress-key-receipt-360');
  expect((await Report.findOne({ reference }).lean())?.duressKeyHash).toMatch(/^h1:/);

  // Whoever is made to sign in with it sees the report withdrawn, with nothing to act on.
  await signInWith(page, reference, duressKey);
  expect(await page.getByTestId('followup-status').textContent()).toBe('已撤回');
  expect(await page.getByTestId('followup-timeline').textContent()).toContain('您撤回了举报');
  expect(await page.getByTestId('duress-key').count()).toBe(0);
  await expectFitsPhone(page);
  await shot(page, 'public-duress-key-decoy-360');

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('Withdrawn', { exact: true }).first().waitFor();
  expect(await page.getByTestId('followup-timeline').textContent()).toContain('You withdrew the report');
  await shot(page, 'public-duress-key-decoy-english-360');
  await page.getByRole('button', { name: '中文' }).click();

  const flagged = await Report.findOne({ reference }).lean();
  expect(flagged?.status).toBe('submitted');
  // Flagged to protection staff only: protecting the case is the officer's own assessment.
  expect(flagged?.protection?.protected).toBeFalsy();
  expect(flagged?.protection?.duressSignals?.map((s) => s.context)).toEqual(['sign-in']);
  expect(flagged?.protection?.cases?.map((c) => c.source)).toEqual(['duress']);

  // The real key: the report as it is, and the page says a duress key is set.
  await page.getByTestId('followup-signout').click();
  await signInWith(page, reference, accessKey);
  expect(await page.getByTestId('followup-status').textContent()).toBe('已提交，等待受理');
  await page.getByTestId('duress-key-set').waitFor();
  await shot(page, 'public-duress-key-real-360');
  expect(pageErrors).toEqual([]);
});
