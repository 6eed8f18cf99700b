// Funding sources over HTTP: the city fund keeps its figures, every source is
// listed, appropriations name their source, and a reward reserved from a county
// budget is paid from it and releases back to it.
import request from 'supertest';
import { Fund, LedgerEntry } from '../../server/fund/fund.model';
import { allFundBalances, fundBalances } from '../../server/fund/ledger';
import { reconcileFund } from '../../server/fund/reconcile';
import { lapseUnclaimedRewards } from '../../server/rewards/lapse';
import { caseDriver, type Cases } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { approvedReward, moneyKey, paidReward } from '../support/paidReward';
import { startTestApp, type TestApp } from '../support/server';
import { as, errorPaths, expectProblem } from '../support/staff';

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
  const r = await c.reportAt('substantiated');
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
