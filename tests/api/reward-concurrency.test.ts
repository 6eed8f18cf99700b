// 100 finance approvals at once against a fund with room for exactly 10: ten
// reserve, ninety are refused, available money never goes below zero, and the
// ledger explains every fen. Retried requests move money once.
import request from 'supertest';
import { inTransaction } from '../../server/platform/db';
import { Fund, LedgerEntry, MAIN_FUND } from '../../server/fund/fund.model';
import { Report } from '../../server/reports/report.model';
import { fundBalances, ledgerBalances, moveMoney } from '../../server/fund/ledger';
import { intakeEnv, nextClientIp } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, type StaffSession, openSession } from '../support/staff';

const AMOUNT = 3_000_000; // 30,000 yuan
const REPORTS = 100;
const ROOM = 10;

let t: TestApp;
let finance: StaffSession;
const references: string[] = [];

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  finance = await openSession(t, 'finance');
  // A fund that holds exactly ten rewards: a fresh ledger with one appropriation.
  await LedgerEntry.deleteMany({});
  await Fund.deleteOne({ _id: MAIN_FUND });
  await Fund.create({ _id: MAIN_FUND, appropriatedFen: 0, reservedFen: 0, paidFen: 0 });
  await inTransaction((session) =>
    moveMoney(
      {
        kind: 'appropriate',
        amountFen: ROOM * AMOUNT,
        note: 'test appropriation',
        idempotencyKey: 'concurrency-appropriation',
      },
      session,
      new Date(),
    ),
  );
  // One hundred reviewed rewards waiting for finance.
  const now = new Date();
  const docs = Array.from({ length: REPORTS }, (_, i) => ({
    reference: `WP-CC${String(i).padStart(2, '0')}-TEST`.slice(0, 12),
    accessKeyHash: 'not-used',
    status: 'reward-reviewed',
    category: 'fire-exits-blocked',
    sector: 'fire',
    area: '410503',
    description: 'concurrency fixture',
    anonymous: true,
    submittedAt: now,
    reward: {
      eligible: true,
      amountFen: AMOUNT,
      reservedFen: 0,
      explanation: [],
      proposedById: 'verifier-x',
      reviewedById: 'reviewer-x',
    },
  }));
  for (const d of docs) references.push(d.reference);
  await Report.insertMany(docs);
});
afterAll(async () => {
  await t?.stop();
});

const approve = (reference: string, key: string) =>
  as(
    request(t.app)
      .post(`/api/v1/reports/${reference}/actions/approve-reward`)
      .set('X-Forwarded-For', nextClientIp())
      .set('Idempotency-Key', key),
    finance,
  ).send({});

test('100 simultaneous approvals against room for 10: exactly 10 reserve, the rest get fund.insufficient', async () => {
  expect(new Set(references).size).toBe(REPORTS);
  const results = await Promise.all(references.map((ref, i) => approve(ref, `concurrent-approval-${i}`)));
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(ROOM);
  const refused = results.filter((r) => r.status !== 200);
  expect(refused.every((r) => r.status === 409 && r.body.code === 'fund.insufficient')).toBe(true);

  const fund = await fundBalances();
  expect(fund).toEqual({
    appropriatedFen: ROOM * AMOUNT,
    reservedFen: ROOM * AMOUNT,
    paidFen: 0,
    recoveredFen: 0,
    availableFen: 0,
  });
  expect(fund).toEqual(await ledgerBalances());
  expect(await Report.countDocuments({ status: 'reward-approved', 'reward.reservedFen': AMOUNT })).toBe(ROOM);
  expect(await Report.countDocuments({ status: 'reward-reviewed', 'reward.reservedFen': 0 })).toBe(REPORTS - ROOM);
  expect(await LedgerEntry.countDocuments({ kind: 'reserve' })).toBe(ROOM);
});

test('the same approval sent ten times at once (one key) reserves once', async () => {
  // Make room for one more, then race ten copies of one request.
  await inTransaction((session) =>
    moveMoney(
      { kind: 'appropriate', amountFen: AMOUNT, note: 'room for one', idempotencyKey: 'concurrency-room-for-one' },
      session,
      new Date(),
    ),
  );
  const waiting = (await Report.findOne({ status: 'reward-reviewed' }).lean())!.reference;
  const results = await Promise.all(Array.from({ length: 10 }, () => approve(waiting, 'one-request-sent-ten-times')));
  // The first wins; the others either see it done (200, nothing moved) or lose the race on the report (409).
  expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
  for (const r of results) expect([200, 409]).toContain(r.status);
  for (const r of results) if (r.status === 409) expect(r.body.code).toBe('resource.stale');
  expect(await LedgerEntry.countDocuments({ rewardId: waiting, kind: 'reserve' })).toBe(1);
  expect(await fundBalances()).toEqual(await ledgerBalances());
  expect((await fundBalances()).availableFen).toBe(0);
  // A later retry still answers and still moves nothing.
  expect((await approve(waiting, 'one-request-sent-ten-times')).status).toBe(200);
  expect(await LedgerEntry.countDocuments({ rewardId: waiting, kind: 'reserve' })).toBe(1);
});
