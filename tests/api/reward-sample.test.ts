// The monthly random sample of paid rewards (抽查复核): drawn on the first days of
// a month at the policy's rate, each case given to a verifier of its area who did
// not handle it, never twice; the verifier sees it in their queue and records the
// check, and nobody else may.
import { addMonths, shanghaiDay, shanghaiDayStart, shanghaiMonthOf } from '../../shared/dates';
import { builtInPolicies } from '../../shared/rewards';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { usePolicies } from '../../server/rewards/policyRegistry';
import { handlersOf } from '../../server/rewards/sampleChanges';
import { drawMonthlySample } from '../../server/rewards/sampleJob';
import { transition } from '../../server/reports/pipeline';
import { Report } from '../../server/reports/report.model';
import { caseDriver, type Cases } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { moneyKey, paidReward } from '../support/paidReward';
import { startTestApp, type TestApp } from '../support/server';
import { createAccount, expectProblem, type StaffSession, openSession } from '../support/staff';

jest.setTimeout(120_000);

let t: TestApp;
let c: Cases;
let countyVerifier: StaffSession;
let secondVerifier: StaffSession;
const references: string[] = [];
/** A case only the verifier who handled it covers: it can never be sampled. */
let uncovered = '';

/** The draw days are Shanghai days of the month after the payments (made today). */
const paidMonth = shanghaiMonthOf();
const drawMonth = addMonths(paidMonth, 1);
const at = (day: string) => new Date(shanghaiDayStart(day).getTime() + 10 * 3600_000);
const withRate = (ratePercent: number) =>
  usePolicies(builtInPolicies.map((p) => ({ ...p, controls: { ...p.controls, sampleRatePercent: ratePercent } })));

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  countyVerifier = await openSession(t, 'county-verifier');
  await createAccount({ username: 'verifier-b', role: 'verifier', areaCodes: ['410503'], unitCode: 'emb-410503' });
  secondVerifier = await openSession(t, 'verifier-b');
  for (let i = 0; i < 5; i++) references.push((await paidReward(t, c)).reference);
  uncovered = (await paidReward(t, c, { report: { area: '410522' } })).reference;
});
afterAll(async () => {
  usePolicies(builtInPolicies);
  await t?.stop();
});

const drawnFor = async (month: string) =>
  Report.find(
    { 'reward.sampleCheck.month': month },
    { reference: 1, reward: 1, assignment: 1, findingsById: 1, conclusion: 1 },
  ).lean();

test('nothing is drawn after the first days of the month', async () => {
  expect(await drawMonthlySample(at(`${drawMonth}-10`))).toBeNull();
  expect(await drawnFor(paidMonth)).toHaveLength(0);
});

test('the draw takes the policy rate of last month’s paid rewards, never to a verifier who handled the case', async () => {
  withRate(50);
  const draw = (await drawMonthlySample(at(`${drawMonth}-02`)))!;
  expect(draw).toMatchObject({ month: paidMonth, paid: 6, ratePercent: 50, target: 3 });
  expect(draw.drawn).toHaveLength(3);
  const drawn = await drawnFor(paidMonth);
  expect(drawn.map((r) => r.reference).sort()).toEqual([...draw.drawn].sort());
  const eligible = [countyVerifier.user.id, secondVerifier.user.id];
  for (const r of drawn) {
    const verifierId = r.reward!.sampleCheck!.verifierId!;
    expect(eligible).toContain(verifierId);
    expect(handlersOf(r as never).has(verifierId)).toBe(false);
    expect(r.reward!.sampleCheck!.recordedAt ?? undefined).toBeUndefined();
  }
  expect(await AuditEntry.countDocuments({ action: 'report.sample-drawn' })).toBe(3);

  // Run again the same month: nothing more is drawn.
  const again = (await drawMonthlySample(at(`${drawMonth}-03`)))!;
  expect(again.drawn).toEqual([]);
  expect(await drawnFor(paidMonth)).toHaveLength(3);

  // A higher rate later in the draw days draws only what is missing; a case nobody new covers is skipped.
  withRate(100);
  const rest = (await drawMonthlySample(at(`${drawMonth}-04`)))!;
  expect(rest.drawn.sort()).toEqual(references.filter((r) => !draw.drawn.includes(r)).sort());
  expect(rest.skipped).toEqual([uncovered]);
  expect(await drawnFor(paidMonth)).toHaveLength(5);
  usePolicies(builtInPolicies);
});

test('the drawn verifier sees the case in the sample-checks queue and records the check; another verifier is refused', async () => {
  const drawn = await drawnFor(paidMonth);
  const mine = drawn.filter((r) => r.reward!.sampleCheck!.verifierId === countyVerifier.user.id);
  const theirs = drawn.filter((r) => r.reward!.sampleCheck!.verifierId === secondVerifier.user.id);
  expect(mine.length + theirs.length).toBe(5);
  const [owner, other, target] = mine.length
    ? [countyVerifier, secondVerifier, mine[0].reference]
    : [secondVerifier, countyVerifier, theirs[0].reference];

  const queue = await c.get('/api/v1/reports?queue=sample-checks&pageSize=100', owner);
  expect(queue.status).toBe(200);
  const expected = (owner === countyVerifier ? mine : theirs).map((r) => r.reference).sort();
  expect(queue.body.items.map((i: { reference: string }) => i.reference).sort()).toEqual(expected);

  const check = { outcome: 'confirmed', note: '复核现场与处罚文书，奖励无误。' };
  const refused = await c.act(target, 'record-sample-check', check, other);
  expectProblem(refused, 403, 'auth.forbidden');
  // The verifier who handled the case is not the one drawn either.
  expectProblem(await c.act(target, 'record-sample-check', check, c.staff.verifier), 403, 'auth.forbidden');

  // Until the check is recorded, nobody on the case page learns who was drawn.
  const before = await c.view(target, c.staff.verifier);
  expect(before.body.reward.sampleCheck).toMatchObject({ month: paidMonth });
  expect(before.body.reward.sampleCheck.verifierId).toBeUndefined();

  await c.ok(target, 'record-sample-check', check, owner);
  expect((await c.view(target, c.staff.reviewer)).body.reward.sampleCheck).toMatchObject({
    verifierId: owner.user.id,
    outcome: 'confirmed',
  });
  const stored = await c.stored(target);
  expect(stored.reward!.sampleCheck).toMatchObject({ outcome: 'confirmed', note: check.note });
  expect(stored.reward!.sampleCheck!.recordedAt).toBeInstanceOf(Date);
  // Recorded once: it leaves the queue and cannot be recorded again.
  const after = await c.get('/api/v1/reports?queue=sample-checks&pageSize=100', owner);
  expect(after.body.items.map((i: { reference: string }) => i.reference)).not.toContain(target);
  expectProblem(await c.act(target, 'record-sample-check', check, owner), 403, 'auth.forbidden');
  expect(shanghaiDay(stored.reward!.sampleCheck!.recordedAt!)).toBe(shanghaiDay());
});

test('whoever proposed, approved or recorded a top-up or recovery on the case is not drawn for it', async () => {
  const ref = (await paidReward(t, c)).reference;
  // The second verifier proposes a top-up (refused later); finance and a leader handle a recovery.
  const fine = {
    ground: 'fine-decided',
    fineFen: 10_000_000,
    penaltyDecisionNo: '安应急罚〔2026〕0199号',
    reason: '罚款',
  };
  await c.ok(ref, 'propose-top-up', fine, secondVerifier);
  await c.ok(ref, 'refuse-top-up', { reason: '处罚决定尚未生效' }, c.staff.finance);
  const leader = await openSession(t, 'leader');
  await c.ok(ref, 'propose-recovery', { ground: 'other', amountFen: 1_000, reason: '多付' }, c.staff.finance);
  await c.ok(ref, 'approve-recovery', {}, leader);
  await c.ok(ref, 'record-recovery', { voucherNo: 'ZH-S', receivedOn: shanghaiDay() }, c.cashier, moneyKey());
  const stored = await c.stored(ref);
  const handled = handlersOf(stored);
  for (const id of [secondVerifier.user.id, c.staff.finance.user.id, leader.user.id, c.cashier.user.id])
    expect(handled.has(id)).toBe(true);
  expect(handled.has(countyVerifier.user.id)).toBe(false);

  const month = addMonths(paidMonth, 2);
  const drawTo = (verifierId: string) =>
    transition(ref, 'sample-drawn', { month, verifierId }, { kind: 'system' }, { now: new Date() });
  await expect(drawTo(secondVerifier.user.id)).rejects.toMatchObject({ code: 'request.invalid' });
  expect((await c.stored(ref)).revision).toBe(stored.revision);
  await drawTo(countyVerifier.user.id);
  expect((await c.stored(ref)).reward!.sampleCheck).toMatchObject({ month, verifierId: countyVerifier.user.id });
});
