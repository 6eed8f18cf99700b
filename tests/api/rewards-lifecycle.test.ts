// The reward from substantiated findings to money paid, over HTTP: the proposal
// computed from the findings, four-eyes review, finance approval that reserves
// money (once, with an Idempotency-Key), the reporter's claim, the audited claim
// view, payment, the notice PDF; refusal and appeal; lapse with a moved clock.
import request from 'supertest';
import { endOfShanghaiDay } from '../../shared/dates';
import { ledgerBalances, fundBalances } from '../../server/fund/ledger';
import { lapseUnclaimedRewards } from '../../server/rewards/lapse';
import { appealReward, claimReward } from '../../server/rewards/reporterSteps';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { LedgerEntry } from '../../server/fund/fund.model';
import { Report } from '../../server/reports/report.model';
import { caseDriver, type Cases, type Receipt } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { createAccount, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

const DAY = 86_400_000;
/** 15% of the 5,000-yuan fine is 750 yuan, below the 3,000-yuan minimum. */
const MINIMUM_FEN = 300_000;

let t: TestApp;
let c: Cases;
let secondReviewer: StaffSession;

const claim = {
  name: '王五',
  idNumber: '11010519491231002X',
  phone: '13800000000',
  bankName: '中国工商银行安阳分行',
  bankAccount: '6222 0210 0101 2345 678',
};
let keyCounter = 0;
const moneyKey = () => ({ 'Idempotency-Key': `test-key-${Date.now()}-${++keyCounter}` });

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  await createAccount({ username: 'reviewer-2', role: 'reviewer' });
  secondReviewer = await openSession(t, 'reviewer-2');
});
afterAll(async () => {
  await t?.stop();
});

async function proposed(over: { findings?: Record<string, unknown> } = {}, body: object = {}): Promise<Receipt> {
  const r = await c.reportAt('substantiated', over);
  await c.ok(r.reference, 'propose-reward', body, c.staff.verifier);
  return r;
}

async function approved(): Promise<Receipt> {
  const r = await proposed();
  await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
  await c.ok(r.reference, 'approve-reward', {}, c.staff.finance, moneyKey());
  return r;
}

const followup = async (r: Receipt) => {
  const token = await c.followupToken(r);
  const res = await c.reporter(request(t.app).get('/api/v1/followup/report'), token);
  return { token, body: res.body };
};

async function expectLedgerReconciles(): Promise<void> {
  expect(await fundBalances()).toEqual(await ledgerBalances());
}

describe('from findings to payment', () => {
  test('every step: amounts, states, money, what the reporter sees, audit', async () => {
    const fund0 = await fundBalances();
    const r = await c.reportAt('substantiated');
    const ref = r.reference;

    const proposal = await c.ok(ref, 'propose-reward', {}, c.staff.verifier);
    expect(proposal.body.status).toBe('reward-proposed');
    expect(proposal.body.reward).toMatchObject({
      eligible: true,
      amountFen: MINIMUM_FEN,
      computedFen: MINIMUM_FEN,
      minFen: 300_000,
      maxFen: 30_000_000,
      reservedFen: 0,
      policy: 'henan-2025',
      scheme: 'violation',
    });
    expect(proposal.body.reward.explanation.length).toBeGreaterThan(1);
    // The reporter is told nothing while the amount is internal.
    expect((await followup(r)).body.reward).toBeUndefined();

    const reviewed = await c.ok(ref, 'confirm-reward', {}, c.staff.reviewer);
    expect(reviewed.body.status).toBe('reward-reviewed');
    expect((await followup(r)).body.timeline.map((e: { type: string }) => e.type)).not.toContain('confirm-reward');
    // The reviewer's part in the reward is done; the result letter and rectification remain theirs (and, on a
    // real-name report, asking a custodian to see who reported).
    expect(reviewed.body.allowedActions).toEqual([
      'send-result-letter',
      'order-rectification',
      'request-identity-reveal',
    ]);
    expect((await c.view(ref, c.staff.finance)).body.allowedActions).toEqual(['send-back-reward', 'approve-reward']);

    const noKey = await c.act(ref, 'approve-reward', {}, c.staff.finance);
    expectProblem(noKey, 400, 'idempotency.required');
    // Who may act is checked before the key: a reviewer is refused, key or not.
    expectProblem(await c.act(ref, 'approve-reward', {}, c.staff.reviewer), 403, 'auth.forbidden');
    expect(await fundBalances()).toEqual(fund0);

    const key = moneyKey();
    const approval = await c.ok(ref, 'approve-reward', {}, c.staff.finance, key);
    expect(approval.body.status).toBe('reward-approved');
    expect(approval.body.reward.reservedFen).toBe(MINIMUM_FEN);
    const fund1 = await fundBalances();
    expect(fund1.reservedFen - fund0.reservedFen).toBe(MINIMUM_FEN);
    expect(fund0.availableFen - fund1.availableFen).toBe(MINIMUM_FEN);

    // A retry of the same request moves nothing and answers with the report as it is.
    const retry = await c.ok(ref, 'approve-reward', {}, c.staff.finance, key);
    expect(retry.body.status).toBe('reward-approved');
    expect(await fundBalances()).toEqual(fund1);
    expect(await LedgerEntry.countDocuments({ rewardId: ref, kind: 'reserve' })).toBe(1);

    const seen = await followup(r);
    expect(seen.body.status).toBe('reward-approved');
    expect(seen.body.reward).toMatchObject({ amountFen: MINIMUM_FEN, canClaim: true, canAppeal: true, eligible: true });
    // The claim runs to the end of the 60th day, China time.
    expect(seen.body.reward.claimDueAt).toBe(endOfShanghaiDay(new Date(Date.now() + 60 * DAY)).toISOString());
    expect(seen.body.timeline.map((e: { type: string }) => e.type)).toContain('approve-reward');

    const notice = await c.reporter(request(t.app).get('/api/v1/followup/reward-notice.pdf'), seen.token).buffer(true);
    expect(notice.status).toBe(200);
    expect(notice.headers['content-type']).toBe('application/pdf');
    expect(notice.body.subarray(0, 5).toString()).toBe('%PDF-');

    const badClaim = await c
      .reporter(request(t.app).post('/api/v1/followup/claim'), seen.token)
      .send({ ...claim, idNumber: '110105194912310021', bankAccount: '12ab' });
    expectProblem(badClaim, 400, 'request.invalid');
    expect(errorPaths(badClaim).sort()).toEqual(['body.bankAccount', 'body.idNumber']);
    expect((await c.stored(ref)).status).toBe('reward-approved');

    const claimed = await c.reporter(request(t.app).post('/api/v1/followup/claim'), seen.token).send(claim);
    expect(claimed.status).toBe(200);
    expect(claimed.body.status).toBe('reward-claimed');
    const sealed = (await c.stored(ref)).reward!.claimSealed!;
    expect(sealed).not.toContain('6222');
    expect(sealed).not.toContain('王五');
    const again = await c.reporter(request(t.app).post('/api/v1/followup/claim'), seen.token).send(claim);
    expectProblem(again, 409, 'reward.not_claimable');

    // Staff see that a claim exists; only finance opens it, and each view is audited.
    const staffView = await c.view(ref, c.staff.reviewer);
    expect(staffView.body.reward.claimed).toBe(true);
    expect(JSON.stringify(staffView.body)).not.toContain('6222');
    expectProblem(await c.get(`/api/v1/reports/${ref}/claim`, c.staff.reviewer), 403, 'auth.forbidden');
    const audits = await AuditEntry.countDocuments({ action: 'report.claim_viewed' });
    const opened = await c.get(`/api/v1/reports/${ref}/claim`, c.staff.finance);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      name: '王五',
      idNumber: '11010519491231002X',
      bankAccount: '6222021001012345678',
    });
    expect(await AuditEntry.countDocuments({ action: 'report.claim_viewed' })).toBe(audits + 1);

    // Whoever approved the reward does not record its payment.
    const byApprover = await c.act(
      ref,
      'record-payout',
      { voucherNo: 'FK-2026-0001', paidOn: '2026-11-28', claimantChecked: true },
      c.staff.finance,
      moneyKey(),
    );
    expectProblem(byApprover, 403, 'auth.forbidden');
    expect(byApprover.body.reason).toBe('four-eyes');
    const future = await c.act(
      ref,
      'record-payout',
      { voucherNo: 'FK-2026-0001', paidOn: '2099-01-01', claimantChecked: true },
      c.cashier,
      moneyKey(),
    );
    expectProblem(future, 400, 'request.invalid');
    const unchecked = await c.act(
      ref,
      'record-payout',
      { voucherNo: 'FK-2026-0001', paidOn: '2026-11-28' },
      c.cashier,
      moneyKey(),
    );
    expectProblem(unchecked, 400, 'request.invalid');

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const payoutKey = moneyKey();
    const paid = await c.ok(
      ref,
      'record-payout',
      { voucherNo: 'FK-2026-0001', paidOn: today, claimantChecked: true },
      c.cashier,
      payoutKey,
    );
    // The same key again: answered, nothing moves; with other details: refused.
    expect(
      (
        await c.ok(
          ref,
          'record-payout',
          { voucherNo: 'FK-2026-0001', paidOn: today, claimantChecked: true },
          c.cashier,
          payoutKey,
        )
      ).body.status,
    ).toBe('reward-paid');
    expectProblem(
      await c.act(
        ref,
        'record-payout',
        { voucherNo: 'FK-2026-0002', paidOn: today, claimantChecked: true },
        c.cashier,
        payoutKey,
      ),
      422,
      'idempotency.mismatch',
    );
    expect(await LedgerEntry.countDocuments({ rewardId: ref, kind: 'pay' })).toBe(1);
    const payAudit = await AuditEntry.findOne({ action: 'report.record-payout', 'target.id': ref }).lean();
    expect(payAudit!.details).toMatchObject({ voucherNo: 'FK-2026-0001', movement: 'pay', movedFen: MINIMUM_FEN });
    expect(paid.body.status).toBe('reward-paid');
    expect(paid.body.reward.payout).toMatchObject({ voucherNo: 'FK-2026-0001', paidOn: today, amountFen: MINIMUM_FEN });
    const fund2 = await fundBalances();
    expect(fund2.reservedFen).toBe(fund0.reservedFen);
    expect(fund2.paidFen - fund0.paidFen).toBe(MINIMUM_FEN);
    expect((await followup(r)).body.reward).toMatchObject({ status: 'reward-paid', paidOn: today, canClaim: false });
    await expectLedgerReconciles();

    // Closing needs the result letter sent.
    const unlettered = await c.act(ref, 'close', {}, c.staff.reviewer);
    expectProblem(unlettered, 409, 'resource.stale');
    expect(unlettered.body.reason).toBe('letter-not-sent');
    await c.sendLetter(ref);
    const closed = await c.ok(ref, 'close', {}, c.staff.reviewer);
    expect(closed.body.status).toBe('closed');
  });

  test('an adjusted amount needs a reason and must stay within the scheme’s range', async () => {
    const r = await c.reportAt('substantiated');
    const noReason = await c.act(r.reference, 'propose-reward', { amountFen: 400_000 }, c.staff.verifier);
    expectProblem(noReason, 400, 'request.invalid');
    expect(errorPaths(noReason)).toEqual(['body.adjustmentReason']);
    const tooLow = await c.act(
      r.reference,
      'propose-reward',
      { amountFen: 299_900, adjustmentReason: '情节较轻' },
      c.staff.verifier,
    );
    expectProblem(tooLow, 400, 'request.invalid');
    expect(errorPaths(tooLow)).toEqual(['body.amountFen']);
    expect((await c.stored(r.reference)).status).toBe('substantiated');

    const adjusted = await c.ok(
      r.reference,
      'propose-reward',
      { amountFen: 500_000, adjustmentReason: '举报线索详实，协助查处' },
      c.staff.verifier,
    );
    expect(adjusted.body.reward).toMatchObject({
      amountFen: 500_000,
      computedFen: MINIMUM_FEN,
      adjustmentReason: '举报线索详实，协助查处',
    });
    expect(adjusted.body.reward.explanation.at(-1).zh).toContain('举报线索详实');
  });

  test('findings that exclude a reward propose none, and the reviewer’s confirmation tells the reporter why', async () => {
    const r = await proposed({ findings: { alreadyKnownAndHandled: true } });
    const view = await c.view(r.reference, c.staff.reviewer);
    expect(view.body.reward).toMatchObject({ eligible: false, amountFen: 0 });
    const refused = await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
    expect(refused.body.status).toBe('reward-refused');
    const seen = await followup(r);
    expect(seen.body.reward).toMatchObject({
      status: 'reward-refused',
      eligible: false,
      canClaim: false,
      canAppeal: true,
    });
    expect(seen.body.reward.refusalReason).toBeTruthy();
    // The refusal stays open while the reporter may still appeal it (the letter and rectification remain).
    expect((await c.view(r.reference, c.staff.reviewer)).body.allowedActions).toEqual([
      'send-result-letter',
      'order-rectification',
      'request-identity-reveal',
    ]);
    expectProblem(await c.act(r.reference, 'close', {}, c.staff.reviewer), 409, 'resource.stale');
  });

  test('finance cannot approve more than the fund holds: 409 and nothing moves', async () => {
    const r = await proposed();
    await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
    const { availableFen } = await fundBalances();
    await Report.updateOne({ reference: r.reference }, { $set: { 'reward.amountFen': availableFen + 100 } });
    const before = await fundBalances();
    const res = await c.act(r.reference, 'approve-reward', {}, c.staff.finance, moneyKey());
    expectProblem(res, 409, 'fund.insufficient');
    expect(await fundBalances()).toEqual(before);
    const stored = await c.stored(r.reference);
    expect(stored.status).toBe('reward-reviewed');
    expect(stored.reward!.reservedFen).toBe(0);
  });

  test('the same Idempotency-Key on another report is refused', async () => {
    const a = await proposed();
    const b = await proposed();
    for (const r of [a, b]) await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
    const key = moneyKey();
    await c.ok(a.reference, 'approve-reward', {}, c.staff.finance, key);
    expectProblem(await c.act(b.reference, 'approve-reward', {}, c.staff.finance, key), 422, 'idempotency.mismatch');
    expect((await c.stored(b.reference)).status).toBe('reward-reviewed');
  });

  test('finance may send a claim back; the reporter corrects it', async () => {
    const r = await approved();
    const { token } = await followup(r);
    await c.reporter(request(t.app).post('/api/v1/followup/claim'), token).send(claim).expect(200);
    await c.ok(r.reference, 'reject-claim', { reason: '银行账户与身份证姓名不一致' }, c.staff.finance);
    const seen = await followup(r);
    expect(seen.body.reward).toMatchObject({
      status: 'reward-approved',
      canClaim: true,
      claimReturnedReason: '银行账户与身份证姓名不一致',
    });
    expect((await c.stored(r.reference)).reward!.reservedFen).toBe(MINIMUM_FEN);
    await c.reporter(request(t.app).post('/api/v1/followup/claim'), seen.token).send(claim).expect(200);
  });
});

describe('appeals', () => {
  test('a refusal appealed and revised by another reviewer goes back to finance with the new amount', async () => {
    const r = await proposed({ findings: { alreadyKnownAndHandled: true } });
    await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
    const { token } = await followup(r);
    const appealed = await c
      .reporter(request(t.app).post('/api/v1/followup/appeal'), token)
      .send({ reason: '部门此前并未处理该隐患，我的举报是首次线索。' });
    expect(appealed.status).toBe(200);
    expect(appealed.body.status).toBe('reward-appealed');
    expect(appealed.body.reward.canAppeal).toBe(false);

    // The reviewer who confirmed the refusal does not decide the appeal.
    const own = await c.act(
      r.reference,
      'decide-appeal',
      { outcome: 'revised', amountFen: 300_000, reason: '复查' },
      c.staff.reviewer,
    );
    expectProblem(own, 403, 'auth.forbidden');
    const inconsistent = await c.act(
      r.reference,
      'decide-appeal',
      { outcome: 'upheld', amountFen: 300_000, reason: '复查' },
      secondReviewer,
    );
    expectProblem(inconsistent, 400, 'request.invalid');

    const revised = await c.ok(
      r.reference,
      'decide-appeal',
      { outcome: 'revised', amountFen: 300_000, reason: '经复查，部门此前未依法处理' },
      secondReviewer,
    );
    expect(revised.body.status).toBe('reward-reviewed');
    expect(revised.body.reward).toMatchObject({ eligible: true, amountFen: 300_000, appeal: { outcome: 'revised' } });
    // While finance decides, the reporter sees the appeal's outcome and the new amount.
    expect((await followup(r)).body.reward).toMatchObject({
      status: 'reward-reviewed',
      amountFen: 300_000,
      canClaim: false,
      appeal: { outcome: 'revised' },
    });
    await c.ok(r.reference, 'approve-reward', {}, c.staff.finance, moneyKey());
    expect((await followup(r)).body.reward).toMatchObject({
      status: 'reward-approved',
      canClaim: true,
      canAppeal: false,
    });
  });

  test('an approved amount under appeal keeps its money until the decision; a revision releases it and finance approves again', async () => {
    const r = await approved();
    const held = await fundBalances();
    await appealReward(r.reference, '奖励金额过低');
    expect(await fundBalances()).toEqual(held);
    await c.ok(
      r.reference,
      'decide-appeal',
      { outcome: 'revised', amountFen: 800_000, reason: '线索价值较高，调整金额' },
      secondReviewer,
    );
    const released = await fundBalances();
    expect(held.reservedFen - released.reservedFen).toBe(MINIMUM_FEN);
    // 8,000 yuan is beyond the adjustment band of the computed 3,000: a leader approves before finance.
    expect((await c.stored(r.reference)).reward).toMatchObject({
      reservedFen: 0,
      amountFen: 800_000,
      leadershipReasons: ['adjusted-beyond-band'],
    });
    await c.ok(r.reference, 'approve-reward-leadership', {}, await openSession(t, 'leader'));
    await c.ok(r.reference, 'approve-reward', {}, c.staff.finance, moneyKey());
    expect((await fundBalances()).reservedFen - released.reservedFen).toBe(800_000);
    await expectLedgerReconciles();
  });

  test('an upheld appeal restores the decision and restarts the claim period', async () => {
    const r = await approved();
    const later = new Date(Date.now() + 10 * DAY);
    await appealReward(r.reference, '金额有误', later);
    await c.ok(r.reference, 'decide-appeal', { outcome: 'upheld', reason: '金额计算无误' }, secondReviewer);
    const stored = await c.stored(r.reference);
    expect(stored.status).toBe('reward-approved');
    expect(stored.reward!.reservedFen).toBe(MINIMUM_FEN);
    expect(stored.reward!.claimDueAt!.getTime()).toBeGreaterThan(Date.now() + 59 * DAY);
  });

  test('one appeal per reward, within 30 days of the decision (moved clock)', async () => {
    const r = await approved();
    const decidedAt = (await c.stored(r.reference)).reward!.decidedAt!;
    // Thirty days, to the end of the thirtieth day in China.
    const due = endOfShanghaiDay(new Date(decidedAt.getTime() + 30 * DAY)).getTime();
    await expect(appealReward(r.reference, '太晚了', new Date(due + 1000))).rejects.toMatchObject({
      code: 'reward.not_appealable',
    });
    await appealReward(r.reference, '及时', new Date(due - 1000));
    await c.ok(r.reference, 'decide-appeal', { outcome: 'upheld', reason: '维持' }, secondReviewer);
    await expect(appealReward(r.reference, '再次申请')).rejects.toMatchObject({ code: 'reward.not_appealable' });
  });
});

describe('lapse (moved clock)', () => {
  test('an unclaimed reward lapses after its deadline and its money returns to the fund, once', async () => {
    const r = await approved();
    const due = (await c.stored(r.reference)).reward!.claimDueAt!.getTime();

    // Rewards approved earlier in this suite may lapse now; this one may not yet.
    await lapseUnclaimedRewards(new Date(due - 1000));
    expect((await c.stored(r.reference)).status).toBe('reward-approved');
    const before = await fundBalances();

    await expect(claimReward(r.reference, claim, t.box, new Date(due + 1000))).rejects.toMatchObject({
      code: 'reward.not_claimable',
    });
    const lapseAt = new Date(due + 1000);
    await lapseUnclaimedRewards(lapseAt);
    const lapsed = await c.stored(r.reference);
    expect(lapsed.status).toBe('reward-lapsed');
    expect(lapsed.reward!.reservedFen).toBe(0);
    // Earlier rewards of this suite may lapse in the same run: the fund moves by exactly what was released.
    const releases = await LedgerEntry.find({ kind: 'release', at: lapseAt }).lean();
    expect(releases.find((e) => e.rewardId === r.reference)?.amountFen).toBe(MINIMUM_FEN);
    const releasedFen = releases.reduce((sum, e) => sum + e.amountFen, 0);
    const after = await fundBalances();
    expect(before.reservedFen - after.reservedFen).toBe(releasedFen);
    expect(after.availableFen - before.availableFen).toBe(releasedFen);

    await lapseUnclaimedRewards(new Date(due + 2 * DAY));
    expect(await fundBalances()).toEqual(after);
    expect(await LedgerEntry.countDocuments({ rewardId: r.reference, kind: 'release' })).toBe(1);
    expect((await followup(r)).body.reward).toMatchObject({ status: 'reward-lapsed', canClaim: false });
    await expectLedgerReconciles();
  });

  test('an extended deadline (once, with a reason) holds the lapse off', async () => {
    const r = await approved();
    const due = (await c.stored(r.reference)).reward!.claimDueAt!.getTime();
    const ext = await c.ok(
      r.reference,
      'extend-claim',
      { days: 30, reason: '举报人住院，无法按期办理' },
      c.staff.finance,
    );
    expect(ext.body.allowedActions).not.toContain('extend-claim');
    expectProblem(
      await c.act(r.reference, 'extend-claim', { days: 10, reason: '再延' }, c.staff.finance),
      409,
      'resource.stale',
    );
    await lapseUnclaimedRewards(new Date(due + DAY));
    expect((await c.stored(r.reference)).status).toBe('reward-approved');
    await claimReward(r.reference, claim, t.box, new Date(due + DAY));
    expect((await c.stored(r.reference)).status).toBe('reward-claimed');
  });
});
