// The reward anomaly views over a small known set: three rewards approved today by
// one verifier in two areas, two of them to one payee (also flagged at the claim),
// one adjusted, two to one enterprise written two ways, one concluded long after
// its acceptance. The figures are checked exactly, and who may read them.
import request from 'supertest';
import { addMonths, shanghaiDay, shanghaiMonthOf } from '../../shared/dates';
import { Report } from '../../server/reports/report.model';
import { caseDriver, type Cases, type Receipt } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

const DAY = 86_400_000;
let t: TestApp;
let c: Cases;
let leader: StaffSession;
let discipline: StaffSession;
const refs: Receipt[] = [];
let keyCounter = 0;
const moneyKey = () => ({ 'Idempotency-Key': `anomalies-${++keyCounter}` });

const claimWith = (idNumber: string, bankAccount: string) => ({
  name: '王五',
  phone: '13800000000',
  idNumber,
  bankName: '中国工商银行安阳分行',
  bankAccount,
});

/** A real-name report rewarded (a 100,000-yuan fine: 15,000 yuan computed), optionally adjusted, then claimed. */
async function rewarded(report: Record<string, unknown>, claim: object, amountFen?: number): Promise<Receipt> {
  const r = await c.reportAt('substantiated', { report, findings: { fineFen: 10_000_000 } });
  const adjust = amountFen === undefined ? {} : { amountFen, adjustmentReason: '主动配合调查，酌情上调' };
  await c.ok(r.reference, 'propose-reward', adjust, c.staff.verifier);
  await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
  await c.ok(r.reference, 'approve-reward', {}, c.staff.finance, moneyKey());
  const token = await c.followupToken(r);
  const res = await c.reporter(request(t.app).post('/api/v1/followup/claim'), token).send(claim);
  if (res.status !== 200) throw new Error(`claim failed: ${res.status} ${JSON.stringify(res.body)}`);
  return r;
}

const anomalies = (query: string, who: StaffSession) =>
  as(request(t.app).get(`/api/v1/rewards/anomalies?${query}`), who, null);

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  leader = await openSession(t, 'leader');
  discipline = await openSession(t, 'discipline');
  refs.push(await rewarded({ subjectName: '安阳 某化工厂' }, claimWith('11010519491231002X', '6222021001012345678')));
  refs.push(
    await rewarded({ subjectName: '安阳某化工厂' }, claimWith('11010519491231002X', '6222021001099999999'), 1_700_000),
  );
  refs.push(
    await rewarded(
      { subjectName: '龙安区某砖厂', area: '410506' },
      claimWith('410502199001015552', '6222021001088888888'),
    ),
  );
  // The third was accepted ten days before it was concluded: not a quick closure.
  const third = await Report.findOne({ reference: refs[2].reference }).lean();
  const concludedAt = third!.conclusion!.at;
  await Report.updateOne(
    { reference: refs[2].reference, 'timeline.type': 'accept' },
    { $set: { 'timeline.$.at': new Date(concludedAt.getTime() - 10 * DAY) } },
  );
});
afterAll(async () => {
  await t?.stop();
});

test('the figures of a known set', async () => {
  const day = shanghaiDay();
  const res = await anomalies(`from=${day}&to=${day}`, discipline);
  expect(res.status).toBe(200);
  const v = res.body;
  const [a, b, third] = refs.map((r) => r.reference);
  expect(v.quickClosureDays).toBe(3);
  expect(v.byVerifier).toEqual([
    {
      verifierId: c.staff.verifier.user.id,
      verifier: 'verifier',
      count: 3,
      totalFen: 1_500_000 + 1_700_000 + 1_500_000,
      adjustedCount: 1,
    },
  ]);
  expect(v.byArea).toEqual([
    { area: '410503', count: 2, totalFen: 3_200_000 },
    { area: '410506', count: 1, totalFen: 1_500_000 },
  ]);
  expect(v.byPayee).toHaveLength(2);
  expect(v.byPayee[0]).toMatchObject({ count: 2, totalFen: 3_200_000 });
  expect(v.byPayee[1]).toMatchObject({ count: 1, totalFen: 1_500_000 });
  // A pseudonym, stable and short: not the blind index, not an identity.
  const index = (await c.stored(a)).reward!.claimChecks!.payeeIndex!;
  expect(v.byPayee[0].payee).toMatch(/^P-[0-9A-F]{8}$/);
  expect(JSON.stringify(v)).not.toContain(index);
  expect(JSON.stringify(v)).not.toContain('11010519491231002X');
  expect(v.bySubject).toEqual([
    { subject: '安阳某化工厂', count: 2, totalFen: 3_200_000 },
    { subject: '龙安区某砖厂', count: 1, totalFen: 1_500_000 },
  ]);
  expect(v.adjusted).toEqual([
    { reference: b, computedFen: 1_500_000, amountFen: 1_700_000, reason: '主动配合调查，酌情上调' },
  ]);
  expect(v.quickClosures.map((q: { reference: string }) => q.reference)).toEqual([a, b]);
  expect(v.quickClosures.map((q: { reference: string }) => q.reference)).not.toContain(third);
  expect(v.flagged).toEqual([{ reference: b, flags: ['same-payee'], amountFen: 1_700_000, cleared: false }]);

  // The same pseudonym again, and the month reads the same; last month had none of it.
  const month = shanghaiMonthOf();
  const byMonth = await anomalies(`from=${month}&to=${month}`, c.staff.finance);
  expect(byMonth.body.byPayee).toEqual(v.byPayee);
  const before = addMonths(month, -1);
  const empty = (await anomalies(`from=${before}&to=${before}`, leader)).body;
  expect([empty.byVerifier, empty.byArea, empty.byPayee, empty.adjusted, empty.flagged]).toEqual([[], [], [], [], []]);
});

test('the period is checked', async () => {
  const backwards = await anomalies('from=2026-05&to=2026-04', discipline);
  expectProblem(backwards, 400, 'request.invalid');
  expect(errorPaths(backwards)).toEqual(['query.to']);
  const bad = await anomalies('from=2026-13&to=2026-14-01', discipline);
  expectProblem(bad, 400, 'request.invalid');
  expect(errorPaths(bad).sort()).toEqual(['query.from', 'query.to']);
});

test('finance, discipline and leaders read the views; no one else', async () => {
  const day = shanghaiDay();
  for (const who of [c.staff.finance, discipline, leader])
    expect((await anomalies(`from=${day}&to=${day}`, who)).status).toBe(200);
  for (const who of [c.staff.admin, c.staff.intake, c.staff.verifier, c.staff.reviewer])
    expectProblem(await anomalies(`from=${day}&to=${day}`, who), 403, 'auth.forbidden');
});
