// Browser test: on a 360 px phone the reporter of an unsubstantiated report reads the
// result letter, objects (written, read back, confirmed), sees the objection pending,
// and after a city reviewer who took no part upholds the conclusion, reloads and reads
// the review's decision. Staff steps go over HTTP to the same server.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expectFitsPhone, followupOnPhone } from '../support/followupPhone';
import { ARTIFACTS, browserSuite, waitForPageCondition } from '../support/browser';
import { caseDriver, type Cases, type Receipt } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { createAccount, signIn, TEST_PASSWORD, type StaffSession } from '../support/staff';

jest.setTimeout(120_000);

const suite = browserSuite(intakeEnv);
let c: Cases;
/** Objections are reviewed at the city level by someone who took no part in the conclusion. */
let cityReviewer: StaffSession;

beforeAll(async () => {
  c = await caseDriver(suite.server);
  await createAccount({ username: 'reviewer-objections', role: 'reviewer', unitCode: 'city-emb', allAreas: true });
  cityReviewer = await signIn(suite.server.app, 'reviewer-objections', TEST_PASSWORD);
});

const ACCOUNT = '执法人员于 11 月 20 日到现场检查，两个安全出口均畅通，未发现货架堵塞。';
const HANDLING = '不予立案；已提醒商场保持安全出口畅通。';

/** Verified as not substantiated, approved, and the result letter sent. */
async function unsubstantiatedWithLetter(): Promise<Receipt> {
  const r = await c.reportAt('substantiated', {
    findings: {
      substantiated: false,
      violationKind: undefined,
      hazardLevel: undefined,
      fineFen: undefined,
      penaltyDecisionNo: undefined,
    },
  });
  await c.ok(r.reference, 'send-result-letter', { account: ACCOUNT, handling: HANDLING }, c.staff.reviewer);
  return r;
}

const signedInPhone = (receipt: Receipt) => followupOnPhone(suite, receipt, 'result-letters');

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();
const focusedId = (page: Page) => page.evaluate('document.activeElement && document.activeElement.id');

/** Everything this origin keeps on the phone: only the sign-in token, never what the report says. */
const keptOnPhone = async (page: Page) =>
  String(await page.evaluate('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })'));

describe('the result letter and an objection in follow-up', () => {
  test('the reporter reads the letter, objects, and sees the review uphold the conclusion', async () => {
    const receipt = await unsubstantiatedWithLetter();
    const { page, pageErrors } = await signedInPhone(receipt);
    const stored = await c.stored(receipt.reference);
    expect(stored.status).toBe('unsubstantiated');

    // The letter: number, day, conclusion, account, handling, reward conditions, and its PDF.
    const letter = page.getByTestId('result-letter-1');
    expect(await letter.getByTestId('letter-no').textContent()).toBe(`${receipt.reference}-L1`);
    expect(await letter.getByTestId('letter-date').textContent()).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);
    expect(await letter.getByTestId('letter-conclusion').textContent()).toBe('经核查，举报不属实');
    await letter.getByText(ACCOUNT).waitFor();
    await letter.getByText(HANDLING).waitFor();
    expect(await letter.getByTestId('letter-reward').textContent()).toBe('不符合奖励条件（举报未经核查属实）');
    expect(await letter.getByTestId('letter-penalty').count()).toBe(0);
    expect(await page.getByTestId('result-letter-pdf-1').textContent()).toBe('下载告知书 (PDF)');
    expect(await text(page, 'followup-status')).toBe('核查不属实');
    expect(await page.getByTestId('followup-timeline').textContent()).toContain('已向您发出核查结果告知书');

    // The right to object, with its deadline.
    const objection = page.getByTestId('objection');
    await objection.getByRole('heading', { level: 2, name: '对核查结论有异议' }).waitFor();
    expect(await text(page, 'objection-deadline')).toMatch(/^请在 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} 之前提出。$/);
    await expectFitsPhone(page);
    await shot(page, 'public-result-letter-360');

    // Written first: an empty reason is stopped here, with focus back in the box.
    await page.getByTestId('objection-start').click();
    await waitForPageCondition(page, `document.activeElement && document.activeElement.id === 'objection-reason'`);
    await page.getByTestId('objection-next').click();
    await page.getByText('请写下您的异议理由').waitFor();
    expect(await page.getByLabel('您的异议理由').getAttribute('aria-invalid')).toBe('true');
    expect(await focusedId(page)).toBe('objection-reason');

    const reason = '我每天上班都经过那里，检查前一天货架才被临时搬走，检查后又搬回来了，安全出口现在还是堵着的。';
    await page.getByLabel('您的异议理由').fill(reason);
    await page.getByTestId('objection-next').click();
    // Read back before it is sent: it cannot be taken back.
    await objection.getByRole('heading', { level: 3, name: '请确认您的异议' }).waitFor();
    await objection.getByText(reason).waitFor();
    await objection.getByText('提交后不能修改或撤回').waitFor();
    await expectFitsPhone(page);
    await shot(page, 'public-objection-confirm-360');

    // A refusal (the period closed meanwhile) is told in plain words (answer replaced once).
    await page.route('**/api/v1/followup/objection', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({ status: 409, code: 'report.not_objectable', title: 'Conflict', detail: 'x' }),
      }),
    );
    await page.getByTestId('objection-confirm').click();
    await objection.getByText('现在不能提出异议：可能已经提出过，或者已超过异议期限。').waitFor();
    expect((await c.stored(receipt.reference)).status).toBe('unsubstantiated');
    await page.unroute('**/api/v1/followup/objection');

    // Sent from the keyboard.
    await page.getByTestId('objection-confirm').focus();
    await page.keyboard.press('Enter');
    await page.getByText('异议已提交。复查决定会显示在本页。').waitFor();
    expect(await focusedId(page)).toBe('objection-title');
    expect(await text(page, 'followup-status')).toBe('异议复查中');
    const filed = page.getByTestId('objection-1');
    expect(await filed.getByTestId('objection-outcome').textContent()).toBe('正在复查，复查决定会显示在这里。');
    expect(await filed.getByTestId('objection-due').textContent()).toMatch(/^\d{4}\/\d{2}\/\d{2} /);
    await filed.getByText(reason).waitFor();
    expect(await page.getByTestId('objection-form').count()).toBe(0); // once per conclusion
    expect(await page.getByTestId('followup-timeline').textContent()).toContain('您提出了异议');
    expect(await keptOnPhone(page)).not.toContain('安全出口');
    await expectFitsPhone(page);
    await shot(page, 'public-objection-pending-360');

    const objected = await c.stored(receipt.reference);
    expect(objected.status).toBe('objected');
    expect(objected.objections).toHaveLength(1);
    expect(objected.objections![0]).toMatchObject({ reason, fromStatus: 'unsubstantiated', reviewLevel: 'city' });

    // The city reviewer, new to the case, upholds it; the reporter reloads and reads the decision.
    const decision = '复查调取了商场连续一周的监控录像，安全出口始终畅通，维持原核查结论。';
    await c.ok(receipt.reference, 'decide-objection', { outcome: 'upheld', reason: decision }, cityReviewer);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: receipt.reference }).waitFor();
    const decided = page.getByTestId('objection-1');
    await decided.getByTestId('objection-decision').waitFor();
    expect(await decided.getByTestId('objection-outcome').textContent()).toBe('维持原结论');
    expect(await decided.getByTestId('objection-decision').textContent()).toBe(decision);
    expect(await text(page, 'followup-status')).toBe('核查不属实');
    expect(await page.getByTestId('objection-form').count()).toBe(0);
    expect(await page.getByTestId('followup-timeline').textContent()).toContain('异议复查已作出决定');
    expect(await keptOnPhone(page)).not.toContain('监控录像');
    await expectFitsPhone(page);
    await shot(page, 'public-objection-decided-360');

    const reviewed = await c.stored(receipt.reference);
    expect(reviewed.status).toBe('unsubstantiated');
    expect(reviewed.objections![0]).toMatchObject({
      outcome: 'upheld',
      decisionReason: decision,
      decidedById: cityReviewer.user.id,
    });

    // In English the system's words of the letter follow the language; staff's words stay as written.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Result letter' }).waitFor();
    expect(await letter.getByTestId('letter-conclusion').textContent()).toBe('The report was not substantiated');
    expect(await letter.getByTestId('letter-reward').textContent()).toBe('No reward: the report was not substantiated');
    expect(await page.getByTestId('result-letter-pdf-1').textContent()).toBe('Download the letter (PDF)');
    expect(await decided.getByTestId('objection-outcome').textContent()).toBe('The conclusion stands');
    expect(await text(page, 'followup-status')).toBe('Not confirmed');
    await expectFitsPhone(page);
    await shot(page, 'public-objection-decided-english-360');
    expect(pageErrors).toEqual([]);
  });
});
