// Browser test: on a 360 px phone the reporter follows up an approved reward, downloads
// the notice, is stopped by a wrong ID number, then claims; a refused reward is appealed.
// Staff steps go over HTTP to the same server; the database is checked afterwards.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { withoutAssumptionMarks } from '../../shared/rewards/texts';
import { expectFitsPhone, followupOnPhone } from '../support/followupPhone';
import { ARTIFACTS, browserSuite, waitForPageCondition } from '../support/browser';
import { caseDriver, type Cases, type Receipt } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { createAccount, signIn, TEST_PASSWORD, type StaffSession } from '../support/staff';

jest.setTimeout(120_000);

const suite = browserSuite(intakeEnv);
let c: Cases;
/** Appeals are decided by a reviewer who took no part in the reward. */
let appealReviewer: StaffSession;

beforeAll(async () => {
  c = await caseDriver(suite.server);
  await createAccount({ username: 'reviewer-appeals', role: 'reviewer' });
  appealReviewer = await signIn(suite.server.app, 'reviewer-appeals', TEST_PASSWORD);
});

/** An anonymous report whose 3,000-yuan reward finance has approved. */
async function approvedReward(): Promise<Receipt> {
  const r = await c.reportAt('substantiated', { report: { anonymous: true, reporter: undefined } });
  await c.ok(r.reference, 'propose-reward', {}, c.staff.verifier);
  await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
  await c.ok(r.reference, 'approve-reward', {}, c.staff.finance, { 'Idempotency-Key': `e2e-claim-${r.reference}` });
  return r;
}

/** Findings that exclude a reward: the reviewer's confirmation refuses it. */
async function refusedReward(): Promise<Receipt> {
  const r = await c.reportAt('substantiated', { findings: { alreadyKnownAndHandled: true } });
  await c.ok(r.reference, 'propose-reward', {}, c.staff.verifier);
  await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
  return r;
}

const signedInPhone = (receipt: Receipt) => followupOnPhone(suite, receipt, 'reward-card');

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();

describe('the reward in follow-up', () => {
  test('an approved reward: amount and reasons, the notice, a wrong ID number refused, then the claim', async () => {
    const receipt = await approvedReward();
    const { page, pageErrors } = await signedInPhone(receipt);
    const stored = await c.stored(receipt.reference);

    expect(await text(page, 'reward-amount')).toBe('3,000.00 元');
    expect(await text(page, 'reward-status')).toBe('已批准，等待您领取');
    expect(await text(page, 'followup-status')).toBe('奖励已批准');
    const lines = page.getByTestId('reward-explanation').locator('li');
    expect(await lines.count()).toBe(stored.reward!.explanation.length);
    // What applies, without the staff's marks on assumed values.
    expect(await lines.first().textContent()).toBe(withoutAssumptionMarks(stored.reward!.explanation[0].zh));
    expect(await text(page, 'reward-policy')).toContain('河南省安全生产领域举报奖励办法');
    expect(await text(page, 'reward-due')).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
    const form = page.getByTestId('claim-form');
    await form.getByText('只有财务人员能看到').waitFor();
    await form.getByText('这是您第一次向我们提供身份信息').waitFor();
    await form.getByText(/请在 .* 之前提交/).waitFor();
    await expectFitsPhone(page);
    await shot(page, 'public-reward-approved-360');

    // The notice comes through fetch with the bearer token, then as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reward-notice').click()]);
    expect(download.suggestedFilename()).toBe(`reward-notice-${receipt.reference}.pdf`);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByRole('textbox', { name: '姓名（与身份证一致）' }).fill('赵六');
    await page.getByRole('textbox', { name: '身份证号码' }).fill('110105194912310021'); // checksum wrong
    await page.getByRole('textbox', { name: '联系电话' }).fill('138 0000 0000');
    await page.getByRole('textbox', { name: '开户银行' }).fill('中国工商银行安阳分行');
    await page.getByRole('textbox', { name: '银行卡号' }).fill('6222 0210 0101 2345 678');
    // Sent from the keyboard, as a keyboard user would: no click can land on a shifting layout.
    await page.getByTestId('claim-submit').press('Enter');
    await page.getByText('身份证号码不正确').waitFor();
    expect(await page.getByRole('textbox', { name: '身份证号码' }).getAttribute('aria-invalid')).toBe('true');
    await waitForPageCondition(page, `document.activeElement && document.activeElement.id === 'claim-idNumber'`);
    expect(await page.getByText('银行卡号应为').count()).toBe(0);
    expect((await c.stored(receipt.reference)).status).toBe('reward-approved');
    await expectFitsPhone(page);
    await shot(page, 'public-reward-claim-invalid-360');

    // A field the server refuses is marked on the form too (answer replaced once).
    await page.getByRole('textbox', { name: '身份证号码' }).fill('11010519491231002x');
    await page.route('**/api/v1/followup/claim', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          status: 400,
          code: 'request.invalid',
          title: 'Invalid request',
          errors: [{ path: 'body.bankAccount', message: '12–30 digits' }],
        }),
      }),
    );
    await Promise.all([
      page.waitForRequest('**/api/v1/followup/claim'),
      page.getByTestId('claim-submit').press('Enter'),
    ]);
    await page.getByText('银行卡号应为 12 到 30 位数字').waitFor();
    expect(await page.getByText('身份证号码不正确').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: '银行卡号' }).getAttribute('aria-invalid')).toBe('true');
    await page.unroute('**/api/v1/followup/claim');

    await page.getByTestId('claim-submit').press('Enter');
    await page.getByText('领奖申请已提交，财务核对后发放。').waitFor();
    expect(await text(page, 'reward-status')).toBe('已提交，待财务核对发放');
    expect(await text(page, 'followup-status')).toBe('已申领，待发放');
    expect(await page.getByTestId('followup-timeline').textContent()).toContain('已申领，待发放');
    expect(await page.getByTestId('claim-form').count()).toBe(0);
    expect(await text(page, 'reward-claimed')).toMatch(/^\d{4}\/\d{2}\/\d{2} /);
    await page.getByTestId('reward-notice').waitFor(); // still printable once claimed
    await expectFitsPhone(page);
    await shot(page, 'public-reward-claimed-360');

    const claimed = await c.stored(receipt.reference);
    expect(claimed.status).toBe('reward-claimed');
    const sealed = claimed.reward!.claimSealed!;
    expect(sealed).not.toContain('6222');
    expect(sealed).not.toContain('赵六');
    const opened = await c.get(`/api/v1/reports/${receipt.reference}/claim`, c.staff.finance);
    expect(opened.body).toMatchObject({
      name: '赵六',
      idNumber: '11010519491231002X',
      phone: '13800000000',
      bankAccount: '6222021001012345678',
    });

    // The language switch words the reward in English, the explanation included.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Reward' }).waitFor();
    expect(await text(page, 'reward-amount')).toBe('3,000.00 yuan');
    expect(await text(page, 'reward-status')).toBe('Claim received; finance will check it and pay');
    await page.getByText('Claim sent. Finance will check it and pay.').waitFor();
    expect(await page.getByTestId('followup-timeline').textContent()).toContain('Approve and reserve the money');
    expect(await lines.first().textContent()).toBe(withoutAssumptionMarks(stored.reward!.explanation[0].en));
    await expectFitsPhone(page);
    await shot(page, 'public-reward-claimed-english-360');
    expect(pageErrors).toEqual([]);
  });

  test('a refused reward: the reason, and an appeal', async () => {
    const receipt = await refusedReward();
    const { page, pageErrors } = await signedInPhone(receipt);
    const stored = await c.stored(receipt.reference);

    expect(await text(page, 'reward-status')).toBe('不予奖励');
    expect(await text(page, 'reward-refusal')).toBe(stored.reward!.refusalReason);
    expect(await page.getByTestId('reward-amount').count()).toBe(0);
    expect(await page.getByTestId('reward-notice').count()).toBe(0);
    expect(await page.getByTestId('claim-form').count()).toBe(0);

    await page.getByText('对奖励决定有异议？申请复查').click();
    await page.getByText(/请在 .* 之前提出。/).waitFor();
    await page.getByTestId('appeal-submit').click();
    await page.getByText('请写下您认为决定不对的理由').waitFor();
    await expectFitsPhone(page);
    await shot(page, 'public-reward-refused-appeal-360');

    const reason = '我举报时这个隐患还没有被发现，整改是在我举报之后才开始的。';
    await page.getByLabel('您的理由').fill(reason);
    await page.getByTestId('appeal-submit').click();
    await page.getByText('复查申请已提交。').waitFor();
    expect(await text(page, 'reward-status')).toBe('正在复查');
    expect(await page.getByTestId('reward-appeal').textContent()).toContain('正在复查，结果会显示在这里。');
    expect(await page.getByTestId('appeal').count()).toBe(0); // one appeal per reward
    await expectFitsPhone(page);
    await shot(page, 'public-reward-appealed-360');

    const appealed = await c.stored(receipt.reference);
    expect(appealed.status).toBe('reward-appealed');
    expect(appealed.reward!.appeal).toMatchObject({ reason, fromStatus: 'reward-refused' });

    // The decision reaches the reporter on the next look.
    const decision = '执法记录显示该隐患在举报前三天已立案查处。';
    await c.ok(receipt.reference, 'decide-appeal', { outcome: 'upheld', reason: decision }, appealReviewer);
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByTestId('reward-appeal').getByText('维持原决定').waitFor();
    expect(await page.getByTestId('reward-appeal').textContent()).toContain(`复查说明：${decision}`);
    expect(await text(page, 'reward-status')).toBe('不予奖励');
    expect(await page.getByTestId('appeal').count()).toBe(0);
    await shot(page, 'public-reward-appeal-decided-360');
    expect(pageErrors).toEqual([]);
  });

  test('a paid reward shows the day it was paid', async () => {
    const receipt = await approvedReward();
    const token = await c.followupToken(receipt);
    const claim = {
      name: '孙七',
      // Another payee than the earlier test's: a second claim with the same ID number is flagged for a leader.
      idNumber: '410502199001015552',
      phone: '13900000000',
      bankName: '中国建设银行安阳分行',
      bankAccount: '6217000010002000300',
    };
    const claimed = await c.reporter(request(suite.server.app).post('/api/v1/followup/claim'), token).send(claim);
    expect(claimed.status).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await c.ok(
      receipt.reference,
      'record-payout',
      { voucherNo: 'FK-E2E-0001', paidOn: today, claimantChecked: true },
      c.cashier,
      { 'Idempotency-Key': `e2e-pay-${receipt.reference}` },
    );

    const { page, pageErrors } = await signedInPhone(receipt);
    expect(await text(page, 'reward-status')).toBe('奖励已发放');
    expect(await text(page, 'reward-paid')).toBe(today.replaceAll('-', '/'));
    expect(await page.getByTestId('claim-form').count()).toBe(0);
    expect(await page.getByTestId('appeal').count()).toBe(0);
    await page.getByTestId('reward-notice').waitFor();
    await expectFitsPhone(page);
    await shot(page, 'public-reward-paid-360');
    expect(pageErrors).toEqual([]);
  });
});
