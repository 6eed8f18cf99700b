// Funding sources over HTTP: the city fund keeps its figures, every source is
// listed, appropriations name their source, and a reward reserved from a county
// budget is paid from it and releases back to it.
import request from 'supertest';
import { Fund, LedgerEntry } from '../../server/fund/fund.model';
import { Report } from '../../server/reports/report.model';
import { shanghaiDay } from '../../shared/dates';
import { allFundBalances, fundBalances } from '../../server/fund/ledger';
import { reconcileFund } from '../../server/fund/reconcile';
import { lapseUnclaimedRewards } from '../../server/rewards/lapse';
import { caseDriver, type Cases } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { approvedReward, moneyKey, paidReward } from '../support/paidReward';
import { startTestApp, type TestApp } from '../support/server';
import { as, errorPaths, expectProblem, openSession } from '../support/staff';

const today = () => shanghaiDay();

jest.setTimeout(60_000);

let t: TestApp;
let c: Cases;
const COUNTY = 'county-410503';

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
});
afterAll(async () => {
  await t?.stop();
});

const appropriate = (body: object, key = moneyKey()) =>
  as(request(t.app).post('/api/v1/fund/appropriations'), c.staff.finance).set(key).send(body);

const overview = async () => {
  const res = await c.get('/api/v1/fund', c.staff.finance);
  expect(res.status).toBe(200);
  return res.body;
};

test('GET /fund keeps the city fund figures and lists every source', async () => {
  const body = await overview();
  const city = await fundBalances();
  expect(body).toMatchObject({
    appropriatedFen: city.appropriatedFen,
    reservedFen: city.reservedFen,
    paidFen: city.paidFen,
    availableFen: city.availableFen,
  });
  expect(Object.keys(body).sort()).toEqual(
    [
      'appropriatedFen',
      'availableFen',
      'liabilitiesFen',
      'paidFen',
      'pipelineFen',
      'reservedFen',
      'shortfall',
      'sources',
    ].sort(),
  );
  expect(body.sources[0]).toEqual({
    source: 'main',
    name: { zh: '市级奖励基金', en: 'City reward fund' },
    ...city,
  });
});

test('appropriations name their source; unknown sources are refused', async () => {
  const res = await appropriate({ amountFen: 2_000_000, note: '北关区预算', source: COUNTY });
  expect(res.status).toBe(201);
  expect(res.body.entry).toMatchObject({ source: COUNTY, kind: 'appropriate', amountFen: 2_000_000 });
  const provincial = await appropriate({ amountFen: 500_000, note: '省级预拨', source: 'provincial' });
  expect(provincial.status).toBe(201);

  const bad = await appropriate({ amountFen: 1_000, note: 'x', source: 'county-999999' });
  expectProblem(bad, 400, 'request.invalid');
  expect(errorPaths(bad)).toEqual(['body.source']);
  expect(await Fund.exists({ _id: 'county-999999' })).toBeNull();

  // The same key with another source is a different request.
  const key = moneyKey();
  expect((await appropriate({ amountFen: 1_000, note: 'same', source: 'provincial' }, key)).status).toBe(201);
  expectProblem(
    await appropriate({ amountFen: 1_000, note: 'same', source: COUNTY }, key),
    422,
    'idempotency.mismatch',
  );

  const body = await overview();
  const sources = body.sources.map((s: { source: string }) => s.source);
  expect(sources).toEqual(['main', 'provincial', COUNTY]);
  const county = body.sources.find((s: { source: string }) => s.source === COUNTY);
  expect(county).toMatchObject({
    name: { zh: '北关区县级预算', en: 'Beiguan District county budget' },
    appropriatedFen: 2_000_000,
    reservedFen: 0,
    paidFen: 0,
    recoveredFen: 0,
    availableFen: 2_000_000,
  });
  const ledger = await c.get(`/api/v1/fund/ledger?source=${COUNTY}`, c.staff.finance);
  expect(ledger.body.items.map((e: { source: string }) => e.source)).toEqual([COUNTY]);
});

test('a source never appropriated has nothing to reserve', async () => {
  // A report in the county whose budget was never appropriated.
  const r = await c.reportAt('substantiated', { report: { area: '410522' } });
  await c.ok(r.reference, 'propose-reward', {}, c.staff.verifier);
  await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
  const before = await allFundBalances();
  const refused = await c.act(
    r.reference,
    'approve-reward',
    { fundSource: 'county-410522' },
    c.staff.finance,
    moneyKey(),
  );
  expectProblem(refused, 409, 'fund.insufficient');
  expect(await allFundBalances()).toEqual(before);
  expect((await c.stored(r.reference)).status).toBe('reward-reviewed');
});

test('a reward reserved from a county budget is paid from it; the city fund does not move', async () => {
  const city0 = await fundBalances();
  const county0 = await fundBalances(undefined, COUNTY);
  const r = await paidReward(t, c, { fundSource: COUNTY });
  const stored = await c.stored(r.reference);
  expect(stored.reward?.fundSource).toBe(COUNTY);
  const amount = stored.reward!.payout!.amountFen!;
  expect(amount).toBeGreaterThan(0);
  expect(await fundBalances()).toEqual(city0);
  const county1 = await fundBalances(undefined, COUNTY);
  expect(county1.paidFen - county0.paidFen).toBe(amount);
  expect(county0.availableFen - county1.availableFen).toBe(amount);
  const entries = await LedgerEntry.find({ rewardId: r.reference }).lean();
  expect(entries.map((e) => [e.kind, e.fundId])).toEqual([
    ['reserve', COUNTY],
    ['pay', COUNTY],
  ]);
  expect((await reconcileFund()).differences).toEqual([]);
});

test('an unclaimed reward from a county budget lapses back to that budget', async () => {
  const r = await approvedReward(t, c, { fundSource: COUNTY });
  const held = await fundBalances(undefined, COUNTY);
  const city = await fundBalances();
  const due = (await c.stored(r.reference)).reward!.claimDueAt!;
  await lapseUnclaimedRewards(new Date(due.getTime() + 1));
  expect((await c.stored(r.reference)).status).toBe('reward-lapsed');
  const released = await fundBalances(undefined, COUNTY);
  expect(held.reservedFen - released.reservedFen).toBeGreaterThan(0);
  expect(released.availableFen - held.availableFen).toBe(held.reservedFen - released.reservedFen);
  expect(await fundBalances()).toEqual(city);
  const release = await LedgerEntry.findOne({ rewardId: r.reference, kind: 'release' }).lean();
  expect(release?.fundId).toBe(COUNTY);
  expect((await reconcileFund()).differences).toEqual([]);
});

test('a top-up paid from a county budget is recovered into it, at most what it paid; the books check each source', async () => {
  const r = await paidReward(t, c);
  const ref = r.reference;
  const paidFen = (await c.stored(ref)).reward!.payout!.amountFen!;
  const fine = {
    ground: 'fine-decided',
    fineFen: 10_000_000,
    penaltyDecisionNo: '安应急罚〔2026〕0101号',
    reason: '罚款十万元',
  };
  await c.ok(ref, 'propose-top-up', fine, c.staff.verifier);
  await c.ok(ref, 'approve-top-up', { fundSource: COUNTY }, c.staff.finance, moneyKey());
  await c.ok(ref, 'record-top-up-payout', { voucherNo: 'BF-C', paidOn: today() }, c.cashier, moneyKey());
  const topUpFen = (await c.stored(ref)).reward!.topUps![0].amountFen!;
  // 15% of 100,000 yuan is 15,000 yuan, 12,000 more than the 3,000 computed and paid at the decision.
  expect([paidFen, topUpFen]).toEqual([300_000, 1_200_000]);

  // The county paid 12,000 yuan for this reward, the city fund 3,000: neither takes back more than it paid.
  const tooMuch = await c.act(
    ref,
    'propose-recovery',
    { ground: 'penalty-quashed', amountFen: topUpFen + 1, reason: '处罚决定被撤销', fundSource: COUNTY },
    c.staff.finance,
  );
  expectProblem(tooMuch, 400, 'request.invalid');
  expect(errorPaths(tooMuch)).toEqual(['body.amountFen']);
  const intoCity = await c.act(
    ref,
    'propose-recovery',
    { ground: 'penalty-quashed', amountFen: paidFen + 1, reason: '处罚决定被撤销' },
    c.staff.finance,
  );
  expect(errorPaths(intoCity)).toEqual(['body.amountFen']);

  await c.ok(
    ref,
    'propose-recovery',
    { ground: 'penalty-quashed', amountFen: topUpFen, reason: '处罚决定被撤销', fundSource: COUNTY },
    c.staff.finance,
  );
  expect((await c.stored(ref)).reward!.recoveries![0].fundSource).toBe(COUNTY);
  await c.ok(ref, 'approve-recovery', {}, await openSession(t, 'leader'));
  const city0 = await fundBalances();
  const county0 = await fundBalances(undefined, COUNTY);
  await c.ok(ref, 'record-recovery', { voucherNo: 'ZH-C', receivedOn: today() }, c.cashier, moneyKey());
  expect(await fundBalances()).toEqual(city0);
  const county1 = await fundBalances(undefined, COUNTY);
  expect(county1.recoveredFen - county0.recoveredFen).toBe(topUpFen);
  expect((await c.view(ref, c.staff.finance)).body.reward.recoveries[0].fundSource).toBe(COUNTY);
  expect((await reconcileFund()).differences).toEqual([]);
  // Nothing more is left in the county for this reward.
  const again = await c.act(
    ref,
    'propose-recovery',
    { ground: 'other', amountFen: 1, reason: '复查', fundSource: COUNTY },
    c.staff.finance,
  );
  expect(errorPaths(again)).toEqual(['body.amountFen']);

  // The report saying the money went back to the city fund disagrees with the ledger in both sources.
  await Report.updateOne({ reference: ref }, { $set: { 'reward.recoveries.0.fundSource': 'main' } });
  try {
    const result = await reconcileFund();
    expect(result.differences).toEqual([
      expect.objectContaining({ subject: ref, source: 'main', recordedFen: paidFen - topUpFen, ledgerFen: paidFen }),
      expect.objectContaining({ subject: ref, source: COUNTY, recordedFen: topUpFen, ledgerFen: 0 }),
    ]);
  } finally {
    await Report.updateOne({ reference: ref }, { $set: { 'reward.recoveries.0.fundSource': COUNTY } });
  }
});

test('a county budget funds only its own county, for the reward and for a top-up', async () => {
  const r = await c.reportAt('substantiated');
  await c.ok(r.reference, 'propose-reward', {}, c.staff.verifier);
  await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
  const before = await allFundBalances();
  const revision = (await c.stored(r.reference)).revision;
  // The report is in 410503; 410522's budget is not for it.
  const other = { fundSource: 'county-410522' };
  const refused = await c.act(r.reference, 'approve-reward', other, c.staff.finance, moneyKey());
  expectProblem(refused, 400, 'request.invalid');
  expect(errorPaths(refused)).toEqual(['body.fundSource']);
  expect(await allFundBalances()).toEqual(before);
  expect((await c.stored(r.reference)).revision).toBe(revision);

  const paid = await paidReward(t, c);
  const fine = {
    ground: 'fine-decided',
    fineFen: 10_000_000,
    penaltyDecisionNo: '安应急罚〔2026〕0102号',
    reason: '罚款',
  };
  await c.ok(paid.reference, 'propose-top-up', fine, c.staff.verifier);
  const topUp = await c.act(paid.reference, 'approve-top-up', other, c.staff.finance, moneyKey());
  expectProblem(topUp, 400, 'request.invalid');
  expect(errorPaths(topUp)).toEqual(['body.fundSource']);
  expect((await c.stored(paid.reference)).reward!.topUps![0].approvedAt).toBeFalsy();
});
