// The demo reports: the intended mix of stages, reached through the real
// commands, so the fund, the audit chain and the rollups all still hold; and a
// second start adds nothing.
import { sealAuditEntries } from '../../server/audit/sealer';
import { verifyAuditChain } from '../../server/audit/verifyChain';
import { demoFundOpening, seedDemoReports } from '../../server/demo/demoReports';
import { seedFund } from '../../server/demo/seed';
import { Fund, LedgerEntry, MAIN_FUND } from '../../server/fund/fund.model';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Report } from '../../server/reports/report.model';
import { StatsRollup } from '../../server/stats/statsRollup.model';
import { fundBalances, ledgerBalances } from '../../server/fund/ledger';
import { rebuildStats } from '../../server/stats';
import { startTestApp, type TestApp } from '../support/server';
import { Staff } from '../../server/staff/staff.model';
import { unitLevel } from '../../server/catalog/units';
import { workflowRecordOf } from '../../server/reports/pipeline';
import { actionBlocker, type StaffWorkflowActor } from '../../shared/workflow';
import type { Role } from '../../shared/roles';

let t: TestApp;
const deps = () => ({ demo: true, box: t.box, store: t.store, publicBaseUrl: 'http://localhost' });

beforeAll(async () => {
  t = await startTestApp();
  // As `npm start` in demo mode: the fund set up before the oldest demo report (the test app's is dated now).
  await LedgerEntry.deleteMany({});
  await Fund.deleteMany({});
  await seedFund(demoFundOpening());
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

async function demoActor(username: string): Promise<StaffWorkflowActor> {
  const s = (await Staff.findOne({ username }).lean())!;
  return {
    id: String(s._id),
    role: s.role as Role,
    unitCode: s.unitCode,
    level: await unitLevel(s.unitCode),
    areaCodes: s.areaCodes,
    allAreas: s.allAreas,
  };
}

async function rollupSnapshot() {
  const cells = await StatsRollup.find({}).sort({ _id: 1 }).lean();
  const nonZero = (o: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== 0));
  return cells
    .map((c) => ({ _id: c._id, counts: nonZero(c.counts), days: nonZero(c.days) }))
    .filter((c) => Object.keys(c.counts).length + Object.keys(c.days).length > 0);
}

test('nothing outside demo mode', async () => {
  expect(await seedDemoReports({ ...deps(), demo: false })).toBe(0);
  expect(await Report.countDocuments()).toBe(0);
});

test('forty-five reports at the intended stages, with every invariant intact', async () => {
  expect(await seedDemoReports(deps())).toBe(45);
  const byStatus = Object.fromEntries(
    (await Report.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }])).map((g) => [
      g._id,
      g.n,
    ]),
  );
  expect(byStatus).toEqual({
    submitted: 5,
    screening: 3,
    rejected: 3,
    assigned: 4,
    verifying: 4,
    'findings-submitted': 3,
    substantiated: 6,
    unsubstantiated: 2,
    objected: 1,
    'reward-proposed': 2,
    'reward-reviewed': 1,
    'reward-approved': 2,
    'reward-claimed': 1,
    'reward-paid': 1,
    transferred: 2,
    closed: 5,
  });
  expect(new Set((await Report.find({}, { area: 1 }).lean()).map((r) => r.area)).size).toBe(9);
  const submitted = (await Report.find({}, { submittedAt: 1 }).lean()).map((r) => r.submittedAt.getTime());
  expect(Date.now() - Math.min(...submitted)).toBeGreaterThan(120 * 86_400_000);
  expect(Math.max(...submitted)).toBeLessThan(Date.now());

  const fund = await fundBalances();
  expect(fund).toEqual(await ledgerBalances());
  expect(fund.paidFen).toBeGreaterThan(0);
  expect(fund.reservedFen).toBeGreaterThan(0);
  await sealAuditEntries(); // the chain, not only each entry's own MAC
  expect(await verifyAuditChain()).toEqual({ ok: true, checked: await AuditEntry.countDocuments() });

  const incremental = await rollupSnapshot();
  await rebuildStats();
  expect(await rollupSnapshot()).toEqual(incremental);
}, 120_000);

test('no money moves before the fund existed: every ledger entry and reward step follows its opening', async () => {
  const opening = (await LedgerEntry.findOne({ fundId: MAIN_FUND, kind: 'appropriate' }).sort({ at: 1 }).lean())!.at;
  const entries = await LedgerEntry.find({}).lean();
  expect(entries.filter((e) => e.kind !== 'appropriate').length).toBeGreaterThan(0);
  const early = entries.filter((e) => e.at < opening).map((e) => `${e.kind} ${e.at.toISOString()}`);
  expect(early).toEqual([]);
  // The reports' own record of the money steps agrees with the ledger.
  const moneySteps = new Set(['approve-reward', 'record-payout']);
  const steps = (await Report.find({}, { timeline: 1 }).lean()).flatMap((r) =>
    r.timeline.filter((e) => moneySteps.has(e.type)),
  );
  expect(steps.length).toBeGreaterThan(0);
  expect(steps.filter((e) => e.at < opening)).toEqual([]);
});

test('a second call creates nothing', async () => {
  expect(await seedDemoReports(deps())).toBe(0);
  expect(await Report.countDocuments()).toBe(45);
});

test('the demo shows what follows a conclusion: letters, an objection, rectification, a transfer’s result, a death case', async () => {
  const objected = (await Report.findOne({ status: 'objected' }).lean())!;
  expect(objected.conclusion).toMatchObject({ kind: 'unsubstantiated', level: 'county' });
  expect(objected.resultLetters).toHaveLength(1);
  expect(objected.objections).toHaveLength(1);
  expect(objected.objectionReview!.dueAt!.getTime()).toBeGreaterThan(Date.now());
  // The city supervisor reviews it; the county's own reviewer, who approved the conclusion, cannot.
  const record = workflowRecordOf(objected);
  expect(actionBlocker('decide-objection', record, await demoActor('supervisor'))).toBeNull();
  expect(actionBlocker('decide-objection', record, await demoActor('county-reviewer'))).toBe('not-level-above');

  const reports = await Report.find({}).lean();
  const tasks = reports.flatMap((r) => r.rectifications ?? []);
  const verified = tasks.find((t) => t.status === 'completed')!;
  expect(verified.reinspections[0]).toMatchObject({ result: 'completed' });
  expect(verified.reinspections[0].beforeFileIds).toHaveLength(1);
  expect(verified.reinspections[0].afterFileIds).toHaveLength(1);
  const followUp = tasks.find((t) => t.status === 'open')!;
  expect(followUp).toMatchObject({ major: true, followUp: true });

  const transfers = await Report.find({ status: 'transferred' }).lean();
  const transferred = transfers.find((r) => r.category !== 'coal-mine-illegal-mining')!;
  expect(transferred.transferredTo!.result).toMatchObject({ outcome: 'substantiated' });
  // The coal mine is outside the city scheme: transferred to the mine-safety channel, never accepted here.
  const coal = (await Report.findOne({ category: 'coal-mine-illegal-mining' }).lean())!;
  expect(coal).toMatchObject({ status: 'transferred', transferredTo: { unitCode: 'mine-safety-henan' } });
  expect(coal.assignment?.unitCode).toBeUndefined();

  const death = reports.find((r) => r.deathCase?.flaggedAt)!;
  expect(death.status).toBe('substantiated');
  expect(death.findings).toMatchObject({ gradePending: true });
  expect(death.deathCase!.investigation?.grade).toBeUndefined();

  // Every closed report had its letter; the closed unsubstantiated ones after the objection period.
  for (const r of await Report.find({ status: 'closed' }).lean()) expect(r.conclusion!.letterSentAt).toBeTruthy();
});
