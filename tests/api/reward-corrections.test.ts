// Money after the decision, over HTTP: a top-up (补发) computed from the new fact,
// approved and paid by two finance officers, once per key; a recovery (追回)
// proposed, approved by a leader and recorded by a third person; the reporter
// told; and the books reconciled, with a broken balance caught.
import { noteText } from '../../shared/notes';
import request from 'supertest';
import { shanghaiDay } from '../../shared/dates';
import { rewardForFindings } from '../../shared/rewards';
import { Fund, LedgerEntry, MAIN_FUND } from '../../server/fund/fund.model';
import { fundBalances } from '../../server/fund/ledger';
import { reconcileFund } from '../../server/fund/reconcile';
import { Report } from '../../server/reports/report.model';
import { reportFactsOf } from '../../server/rewards/reportFacts';
import { currentPolicies } from '../../server/rewards/policyRegistry';
import { caseDriver, substantiatedFindings, type Cases } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { moneyKey, paidReward } from '../support/paidReward';
import { startTestApp, type TestApp } from '../support/server';
import { createAccount, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

jest.setTimeout(90_000);

let t: TestApp;
let c: Cases;
let leader: StaffSession;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  leader = await openSession(t, 'leader');
});
afterAll(async () => {
  await t?.stop();
});

/** A fine of 100,000 yuan decided after the reward was paid. */
const LATE_FINE_FEN = 10_000_000;
const fineDecided = {
  ground: 'fine-decided',
  fineFen: LATE_FINE_FEN,
  penaltyDecisionNo: '安应急罚〔2026〕0099号',
  reason: '处罚决定已作出，罚款十万元',
};

const publicSteps = async (ref: string) => {
  const token = await c.followupToken({ reference: ref, accessKey: accessKeys.get(ref)! });
  const res = await c.reporter(request(t.app).get('/api/v1/followup/report'), token);
  return (res.body.timeline as { type: string }[]).map((s) => s.type);
};
const accessKeys = new Map<string, string>();
const paid = async () => {
  const r = await paidReward(t, c);
  accessKeys.set(r.reference, r.accessKey);
  return r.reference;
};

describe('top-up (补发)', () => {
  test('recomputed from the new fine, approved and paid by different officers, once per key', async () => {
    const ref = await paid();
    const stored = await c.stored(ref);
    const paidFen = stored.reward!.payout!.amountFen!;
    const recomputed = rewardForFindings(
      { ...substantiatedFindings(), fineFen: LATE_FINE_FEN } as Parameters<typeof rewardForFindings>[0],
      reportFactsOf(stored, stored.reward!.proposedAt!),
      currentPolicies(),
    );
    if (!recomputed.eligible) throw new Error('the larger fine should be rewarded');
    const due = recomputed.quote.amountFen - paidFen;
    expect(due).toBeGreaterThan(0);

    // A fine decided with no decision number is refused, naming the field.
    const incomplete = await c.act(
      ref,
      'propose-top-up',
      { ...fineDecided, penaltyDecisionNo: undefined },
      c.staff.verifier,
    );
    expectProblem(incomplete, 400, 'request.invalid');
    expect(errorPaths(incomplete)).toEqual(['body.ground']);
    // Finance does not propose.
    expectProblem(await c.act(ref, 'propose-top-up', fineDecided, c.staff.finance), 403, 'auth.forbidden');

    const proposed = await c.ok(ref, 'propose-top-up', fineDecided, c.staff.verifier);
    expect(proposed.body.status).toBe('reward-paid');
    const topUp = (await c.stored(ref)).reward!.topUps![0];
    expect(topUp).toMatchObject({ ground: 'fine-decided', newAmountFen: recomputed.quote.amountFen, amountFen: due });
    expect(topUp.explanation.length).toBeGreaterThan(1);
    // One correction at a time.
    expectProblem(await c.act(ref, 'propose-top-up', fineDecided, c.staff.reviewer), 409, 'resource.stale');
    expectProblem(
      await c.act(ref, 'record-top-up-payout', { voucherNo: 'BF-1', paidOn: shanghaiDay() }, c.cashier, moneyKey()),
      409,
      'resource.stale',
    );

    // Finance finds it in the corrections queue until it is paid.
    const queue = async () =>
      (await c.get('/api/v1/reports?queue=corrections&pageSize=100', c.staff.finance)).body.items.map(
        (i: { reference: string }) => i.reference,
      );
    expect(await queue()).toContain(ref);

    const fund0 = await fundBalances();
    const key = moneyKey();
    await c.ok(ref, 'approve-top-up', { comment: '同意补发' }, c.staff.finance, key);
    const fund1 = await fundBalances();
    expect(fund1.reservedFen - fund0.reservedFen).toBe(due);
    // The same request again moves nothing.
    await c.ok(ref, 'approve-top-up', { comment: '同意补发' }, c.staff.finance, key);
    expect(await fundBalances()).toEqual(fund1);
    expect(await LedgerEntry.countDocuments({ rewardId: ref, kind: 'reserve' })).toBe(2);
    expect((await c.stored(ref)).reward!.reservedFen).toBe(due);

    // Whoever approved does not pay.
    const byApprover = await c.act(
      ref,
      'record-top-up-payout',
      { voucherNo: 'BF-1', paidOn: shanghaiDay() },
      c.staff.finance,
      moneyKey(),
    );
    expectProblem(byApprover, 403, 'auth.forbidden');
    expect(byApprover.body.reason).toBe('four-eyes');
    const future = await c.act(
      ref,
      'record-top-up-payout',
      { voucherNo: 'BF-1', paidOn: '2099-01-01' },
      c.cashier,
      moneyKey(),
    );
    expectProblem(future, 400, 'request.invalid');
    expect(errorPaths(future)).toEqual(['body.paidOn']);

    const payKey = moneyKey();
    await c.ok(ref, 'record-top-up-payout', { voucherNo: 'BF-1', paidOn: shanghaiDay() }, c.cashier, payKey);
    await c.ok(ref, 'record-top-up-payout', { voucherNo: 'BF-1', paidOn: shanghaiDay() }, c.cashier, payKey);
    const otherVoucher = await c.act(
      ref,
      'record-top-up-payout',
      { voucherNo: 'BF-2', paidOn: shanghaiDay() },
      c.cashier,
      payKey,
    );
    expectProblem(otherVoucher, 422, 'idempotency.mismatch');
    expect(await queue()).not.toContain(ref);
    // The payouts export lists the top-up beside the reward's payment.
    const today = shanghaiDay();
    const csv = await c.get(`/api/v1/fund/exports/payouts.csv?from=${today}&to=${today}`, c.staff.finance);
    const rows = String(csv.text)
      .split('\r\n')
      .filter((line) => line.startsWith(ref));
    expect(rows.map((line) => line.split(',').slice(5, 7).concat(line.split(',').slice(8, 9)))).toEqual([
      [`FK-${ref}`, today, '发放 payout'],
      ['BF-1', today, '补发 top-up'],
    ]);
    const fund2 = await fundBalances();
    expect(fund2.paidFen - fund0.paidFen).toBe(due);
    expect(fund2.reservedFen).toBe(fund0.reservedFen);
    const after = await c.stored(ref);
    expect(after.reward!.reservedFen).toBe(0);
    expect(after.reward!.topUps![0]).toMatchObject({ voucherNo: 'BF-1', recordedById: c.cashier.user.id });
    const view = await c.view(ref, c.staff.reviewer);
    expect(view.body.reward.fundSource).toBe('main');
    expect(view.body.reward.topUps).toEqual([
      expect.objectContaining({
        ground: 'fine-decided',
        fineFen: LATE_FINE_FEN,
        amountFen: due,
        fundSource: 'main',
        voucherNo: 'BF-1',
        recordedById: c.cashier.user.id,
      }),
    ]);
    expect(await publicSteps(ref)).toEqual(expect.arrayContaining(['approve-top-up', 'record-top-up-payout']));
    expect(await publicSteps(ref)).not.toContain('propose-top-up');

    // The same fine again: the reward already matches it.
    const again = await c.act(ref, 'propose-top-up', fineDecided, c.staff.verifier);
    expectProblem(again, 400, 'request.invalid');
    expect(JSON.stringify(again.body)).toContain('no top-up due');
    expect((await c.stored(ref)).reward!.topUps).toHaveLength(1);
    expect((await reconcileFund()).differences).toEqual([]);
  });

  test('no top-up is due when the new fact does not raise the amount, and nothing changes', async () => {
    const ref = await paid();
    const before = await c.stored(ref);
    const res = await c.act(ref, 'propose-top-up', { ...fineDecided, fineFen: 100_000 }, c.staff.reviewer);
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual(['body.fineFen']);
    const after = await c.stored(ref);
    expect(after.revision).toBe(before.revision);
    expect(after.reward!.topUps ?? []).toEqual([]);
  });

  test('measured from the computed amount, so a reviewed adjustment stays; the fine on record is no new fact', async () => {
    // A fine of 40,000 yuan computes 15% = 6,000 yuan; the verifier adjusted it down to 5,000 yuan.
    const r = await paidReward(t, c, {
      findings: { fineFen: 4_000_000 },
      proposal: { amountFen: 500_000, adjustmentReason: '举报内容部分不实，酌减' },
    });
    const ref = r.reference;
    accessKeys.set(ref, r.accessKey);
    const before = await c.stored(ref);
    expect(before.reward).toMatchObject({ computedFen: 600_000, amountFen: 500_000 });
    expect(before.reward!.payout!.amountFen).toBe(500_000);

    // The same fine again would undo the adjustment: refused on the field, nothing changes.
    const same = await c.act(ref, 'propose-top-up', { ...fineDecided, fineFen: 4_000_000 }, c.staff.verifier);
    expectProblem(same, 400, 'request.invalid');
    expect(errorPaths(same)).toEqual(['body.fineFen']);
    expect((await c.stored(ref)).revision).toBe(before.revision);

    // A fine of 50,000 yuan computes 7,500 yuan: 1,500 yuan more than computed at the decision.
    await c.ok(ref, 'propose-top-up', { ...fineDecided, fineFen: 5_000_000 }, c.staff.verifier);
    expect((await c.stored(ref)).reward!.topUps![0]).toMatchObject({ newAmountFen: 750_000, amountFen: 150_000 });
    await c.ok(ref, 'approve-top-up', { comment: '同意' }, c.staff.finance, moneyKey());
    await c.ok(ref, 'record-top-up-payout', { voucherNo: 'BF-A', paidOn: shanghaiDay() }, c.cashier, moneyKey());

    // The next top-up is measured from the last one paid: 60,000 yuan computes 9,000 yuan, 1,500 more.
    await c.ok(ref, 'propose-top-up', { ...fineDecided, fineFen: 6_000_000 }, c.staff.verifier);
    expect((await c.stored(ref)).reward!.topUps![1]).toMatchObject({ newAmountFen: 900_000, amountFen: 150_000 });
  });

  test('an upward adjustment does not block a real increase', async () => {
    // Computed 3,000 yuan (the minimum), adjusted up to 3,500 yuan and paid.
    const r = await paidReward(t, c, { proposal: { amountFen: 350_000, adjustmentReason: '线索详实，酌增' } });
    const ref = r.reference;
    expect((await c.stored(ref)).reward).toMatchObject({ computedFen: 300_000, amountFen: 350_000 });
    // A fine of 22,000 yuan computes 3,300 yuan: 300 yuan over the 3,000 computed, though below the 3,500 paid.
    await c.ok(ref, 'propose-top-up', { ...fineDecided, fineFen: 2_200_000 }, c.staff.verifier);
    expect((await c.stored(ref)).reward!.topUps![0]).toMatchObject({ newAmountFen: 330_000, amountFen: 30_000 });
  });

  test('a new total above a tier waits for a leader, with the meeting minutes at the bureau-meeting tier', async () => {
    const ref = await paid();
    // A fine of 800,000 yuan computes 120,000 yuan, above the 100,000-yuan bureau-meeting tier.
    await c.ok(ref, 'propose-top-up', { ...fineDecided, fineFen: 80_000_000 }, c.staff.verifier);
    const topUp = (await c.stored(ref)).reward!.topUps![0];
    expect(topUp).toMatchObject({ newAmountFen: 12_000_000, amountFen: 11_700_000 });
    expect(topUp.leadershipReasons).toEqual(['bureau-meeting']);
    const view = await c.view(ref, c.staff.finance);
    expect(view.body.reward.topUps[0].leadershipReasons).toEqual(['bureau-meeting']);
    expect(view.body.allowedActions).not.toContain('approve-top-up');

    const fund0 = await fundBalances();
    const early = await c.act(ref, 'approve-top-up', {}, c.staff.finance, moneyKey());
    expect(early.status).toBe(409);
    expect(early.body.reason).toBe('leadership-approval');
    for (const who of [c.staff.finance, c.staff.verifier])
      expectProblem(await c.act(ref, 'approve-top-up-leadership', {}, who), 403, 'auth.forbidden');
    const noMinutes = await c.act(ref, 'approve-top-up-leadership', { meetingOn: shanghaiDay() }, leader);
    expectProblem(noMinutes, 400, 'request.invalid');
    expect(errorPaths(noMinutes)).toEqual(['body.meetingMinutesNo']);
    expect((await c.stored(ref)).reward!.topUps![0].leadershipApproval).toBeFalsy();

    const minutes = { meetingMinutesNo: '局务会纪要〔2026〕12号', meetingOn: shanghaiDay(), comment: '同意补发' };
    const approved = await c.ok(ref, 'approve-top-up-leadership', minutes, leader);
    expect(approved.body.reward.topUps[0].leadershipApproval).toMatchObject({ byId: leader.user.id, ...minutes });
    expect((await c.act(ref, 'approve-top-up-leadership', {}, leader)).body.reason).toBe('nothing-to-approve');
    expect(await fundBalances()).toEqual(fund0);
    await c.ok(ref, 'approve-top-up', {}, c.staff.finance, moneyKey());
    expect((await fundBalances()).reservedFen - fund0.reservedFen).toBe(11_700_000);
  });

  test("a top-up within one officer's say needs no leader", async () => {
    const ref = await paid();
    await c.ok(ref, 'propose-top-up', fineDecided, c.staff.verifier);
    expect((await c.stored(ref)).reward!.topUps![0].leadershipReasons ?? []).toEqual([]);
    expect((await c.act(ref, 'approve-top-up-leadership', {}, leader)).body.reason).toBe('nothing-to-approve');
  });

  test('the key of the reward’s approval is not answered as done for the top-up’s approval', async () => {
    const ref = await paid();
    const approval = (await LedgerEntry.findOne({ rewardId: ref, kind: 'reserve' }).lean())!;
    expect(approval.step).toBe('approve-reward');
    const approvalKey = approval.idempotencyKey.slice(`${c.staff.finance.user.id}:`.length);
    await c.ok(ref, 'propose-top-up', fineDecided, c.staff.verifier);
    await c.ok(ref, 'approve-top-up', {}, c.staff.finance, moneyKey());
    const before = await c.stored(ref);
    const replay = await c.act(ref, 'approve-top-up', {}, c.staff.finance, { 'Idempotency-Key': approvalKey });
    expectProblem(replay, 422, 'idempotency.mismatch');
    expect((await c.stored(ref)).revision).toBe(before.revision);
  });

  test('a reward not yet paid has no top-up', async () => {
    const r = await c.reportAt('substantiated');
    expectProblem(await c.act(r.reference, 'propose-top-up', fineDecided, c.staff.verifier), 409, 'resource.stale');
  });
});

describe('a proposal refused', () => {
  const inCorrectionsQueue = async (ref: string) => {
    const res = await c.get('/api/v1/reports?queue=corrections&pageSize=100', c.staff.finance);
    return (res.body.items as { reference: string }[]).some((i) => i.reference === ref);
  };

  test('a top-up finance refuses, and a recovery a leader refuses, free the case for a new proposal; no proposer refuses their own', async () => {
    const ref = await paid();
    await c.ok(ref, 'propose-top-up', fineDecided, c.staff.reviewer);
    expect(await inCorrectionsQueue(ref)).toBe(true);
    const noReason = await c.act(ref, 'refuse-top-up', {}, c.staff.finance);
    expectProblem(noReason, 400, 'request.invalid');
    expect(errorPaths(noReason)).toEqual(['body.reason']);
    expectProblem(await c.act(ref, 'refuse-top-up', { reason: '无' }, leader), 403, 'auth.forbidden');
    const fund0 = await fundBalances();
    await c.ok(ref, 'refuse-top-up', { reason: '处罚决定尚未生效' }, c.staff.finance);
    expect(await fundBalances()).toEqual(fund0);
    const stored = await c.stored(ref);
    expect(stored.reward!.topUps!.at(-1)).toMatchObject({ refusalReason: '处罚决定尚未生效' });
    expect(await inCorrectionsQueue(ref)).toBe(false);
    // Refused is over: it can be neither approved nor refused again.
    expectProblem(await c.act(ref, 'approve-top-up', {}, c.cashier, moneyKey()), 409, 'resource.stale');

    await c.ok(ref, 'propose-recovery', { ground: 'other', amountFen: 100_000, reason: '复查' }, c.staff.finance);
    const own = await c.act(ref, 'refuse-recovery', { reason: '不追回' }, leader);
    expect(own.status).toBe(200);
    await c.ok(ref, 'propose-top-up', fineDecided, c.staff.reviewer);
    const byProposer = await c.act(ref, 'refuse-top-up', { reason: '撤回' }, c.staff.reviewer);
    expectProblem(byProposer, 403, 'auth.forbidden');
  });
});

describe('refused after approval', () => {
  test('an approved top-up refused by someone who neither proposed nor approved it releases its money', async () => {
    const ref = await paid();
    await c.ok(ref, 'propose-top-up', fineDecided, c.staff.reviewer);
    const fund0 = await fundBalances();
    await c.ok(ref, 'approve-top-up', { comment: '同意' }, c.staff.finance, moneyKey());
    const amountFen = (await c.stored(ref)).reward!.topUps![0].amountFen!;
    expect((await fundBalances()).reservedFen - fund0.reservedFen).toBe(amountFen);

    const byApprover = await c.act(ref, 'refuse-top-up', { reason: '重复' }, c.staff.finance);
    expectProblem(byApprover, 403, 'auth.forbidden');
    expect(byApprover.body.reason).toBe('four-eyes');
    await c.ok(ref, 'refuse-top-up', { reason: '处罚决定已被复议撤销' }, c.cashier);
    expect(await fundBalances()).toEqual(fund0);
    const stored = await c.stored(ref);
    expect(stored.reward!.reservedFen).toBe(0);
    expect(stored.reward!.topUps![0]).toMatchObject({ refusalReason: '处罚决定已被复议撤销' });
    expect(stored.timeline.find((s) => s.type === 'refuse-top-up')).toMatchObject({ public: true });
    const release = await LedgerEntry.findOne({ rewardId: ref, kind: 'release' }).lean();
    expect(release).toMatchObject({ fundId: MAIN_FUND, amountFen });
    // Over: it can be neither paid nor refused again.
    const pay = { voucherNo: 'BF-X', paidOn: shanghaiDay() };
    expectProblem(await c.act(ref, 'record-top-up-payout', pay, c.cashier, moneyKey()), 409, 'resource.stale');
    expectProblem(await c.act(ref, 'refuse-top-up', { reason: '再次' }, c.cashier), 409, 'resource.stale');
    expect((await reconcileFund()).differences).toEqual([]);
  });

  test('an approved recovery refused by another leader is written off with its reason', async () => {
    const ref = await paid();
    await c.ok(ref, 'propose-recovery', { ground: 'fraud', amountFen: 100_000, reason: '伪造证据' }, c.staff.finance);
    await c.ok(ref, 'approve-recovery', { comment: '同意追回' }, leader);
    const byApprover = await c.act(ref, 'refuse-recovery', { reason: '无法追回' }, leader);
    expectProblem(byApprover, 403, 'auth.forbidden');
    expect(byApprover.body.reason).toBe('four-eyes');

    await createAccount({ username: 'leader-two', role: 'leader' });
    const other = await openSession(t, 'leader-two');
    const fund0 = await fundBalances();
    await c.ok(ref, 'refuse-recovery', { reason: '举报人已死亡，无法追回' }, other);
    expect(await fundBalances()).toEqual(fund0);
    const view = await c.view(ref, c.staff.finance);
    expect(view.body.reward.recoveries[0]).toMatchObject({
      refusalReason: '举报人已死亡，无法追回',
      writtenOff: true,
    });
    // The reporter, told to return the money, is told they need not; the reason stays with staff.
    const step = (await c.stored(ref)).timeline.find((s) => s.type === 'refuse-recovery');
    expect(step).toMatchObject({ public: true });
    expect(noteText(step!, 'zh')).toContain('不再追回');
    expect(noteText(step!, 'zh')).not.toContain('举报人已死亡');
    expect(await publicSteps(ref)).toContain('refuse-recovery');
    const receipt = { voucherNo: 'ZH-X', receivedOn: shanghaiDay() };
    expectProblem(await c.act(ref, 'record-recovery', receipt, c.cashier, moneyKey()), 409, 'resource.stale');
  });
});

describe('recovery (追回)', () => {
  const proposal = { ground: 'fraud', amountFen: 100_000, reason: '举报人伪造证据骗取奖励' };

  test('proposed, approved by a leader, recorded by a third person into the source; the reporter is told', async () => {
    const ref = await paid();
    const paidFen = (await c.stored(ref)).reward!.payout!.amountFen!;

    const tooMuch = await c.act(ref, 'propose-recovery', { ...proposal, amountFen: paidFen + 1 }, c.staff.finance);
    expectProblem(tooMuch, 400, 'request.invalid');
    expect(errorPaths(tooMuch)).toEqual(['body.amountFen']);
    expectProblem(await c.act(ref, 'propose-recovery', proposal, c.staff.verifier), 403, 'auth.forbidden');

    await c.ok(ref, 'propose-recovery', proposal, c.staff.finance);
    // Finance does not approve a recovery; a leader does.
    expectProblem(await c.act(ref, 'approve-recovery', {}, c.cashier), 403, 'auth.forbidden');
    await c.ok(ref, 'approve-recovery', { comment: '同意追回' }, leader);

    const byProposer = await c.act(
      ref,
      'record-recovery',
      { voucherNo: 'ZH-1', receivedOn: shanghaiDay() },
      c.staff.finance,
      moneyKey(),
    );
    expectProblem(byProposer, 403, 'auth.forbidden');
    expect(byProposer.body.reason).toBe('four-eyes');

    const fund0 = await fundBalances();
    const key = moneyKey();
    await c.ok(ref, 'record-recovery', { voucherNo: 'ZH-1', receivedOn: shanghaiDay() }, c.cashier, key);
    await c.ok(ref, 'record-recovery', { voucherNo: 'ZH-1', receivedOn: shanghaiDay() }, c.cashier, key);
    const fund1 = await fundBalances();
    expect(fund1.recoveredFen - fund0.recoveredFen).toBe(proposal.amountFen);
    expect(fund1.availableFen - fund0.availableFen).toBe(proposal.amountFen);
    expect(fund1.paidFen).toBe(fund0.paidFen);
    const entry = await LedgerEntry.findOne({ rewardId: ref, kind: 'recover' }).lean();
    expect(entry).toMatchObject({ fundId: MAIN_FUND, amountFen: proposal.amountFen });
    expect(await LedgerEntry.countDocuments({ rewardId: ref, kind: 'recover' })).toBe(1);

    const steps = await publicSteps(ref);
    expect(steps).toEqual(expect.arrayContaining(['approve-recovery', 'record-recovery']));
    expect(steps).not.toContain('propose-recovery');

    // What may still be recovered is what was paid less what came back.
    const rest = await c.act(
      ref,
      'propose-recovery',
      { ...proposal, amountFen: paidFen - proposal.amountFen + 1 },
      c.staff.reviewer,
    );
    expectProblem(rest, 400, 'request.invalid');
    await c.ok(ref, 'propose-recovery', { ...proposal, amountFen: paidFen - proposal.amountFen }, c.staff.reviewer);

    const ledger = await c.get('/api/v1/fund/ledger?kind=recover', c.staff.finance);
    expect(ledger.status).toBe(200);
    expect(ledger.body.items[0]).toMatchObject({ kind: 'recover', rewardId: ref, source: 'main' });
  });

  test('after top-ups and recoveries the books reconcile, and a broken balance is caught', async () => {
    expect((await reconcileFund()).differences).toEqual([]);
    await Fund.updateOne({ _id: MAIN_FUND }, { $inc: { recoveredFen: 7 } });
    try {
      const result = await reconcileFund();
      expect(result.ok).toBe(false);
      expect(result.differences).toEqual([
        expect.objectContaining({
          subject: 'fund',
          field: 'recoveredFen',
          recordedFen: result.ledger.recoveredFen + 7,
        }),
        expect.objectContaining({
          subject: 'fund',
          field: 'availableFen',
          recordedFen: result.ledger.availableFen + 7,
        }),
      ]);
    } finally {
      await Fund.updateOne({ _id: MAIN_FUND }, { $inc: { recoveredFen: -7 } });
    }
    // A recovery recorded on the report that the ledger never saw.
    const ref = (await LedgerEntry.findOne({ kind: 'recover' }).lean())!.rewardId!;
    const original = (await c.stored(ref)).reward!.recoveries![0].amountFen!;
    await Report.updateOne({ reference: ref }, { $set: { 'reward.recoveries.0.amountFen': original + 1 } });
    const result = await reconcileFund();
    expect(result.differences).toEqual([
      expect.objectContaining({ subject: ref, field: 'reward paid (payout + top-ups − recoveries)' }),
    ]);
  });
});
