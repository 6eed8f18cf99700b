// Statistics: a known set of reports across areas, months and outcomes, each
// first recorded as received and then moved to its final state (so the rollups
// are built by increments), checked figure by figure: the overview and its
// previous period, the median from the histogram, overdue cases, the ranking
// with its flags and weights, the poster funnel, the public figures with small
// counts suppressed and recent weeks held back, and rebuild = increments.
// Rectification counts what re-inspection verified, never orders alone.
import ExcelJS from 'exceljs';
import mongoose from 'mongoose';
import request from 'supertest';
import { inTransaction } from '../../server/platform/db';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Poster } from '../../server/posters/poster.model';
import { PosterScan } from '../../server/posters/posterScan.model';
import { Report } from '../../server/reports/report.model';
import { StatsReportFacts, StatsRollup, StatsSettings } from '../../server/stats/statsRollup.model';
import {
  monthlyRanking,
  posterFunnel,
  rebuildStats,
  refreshReportStats,
  statsOverview,
  transparencyFigures,
} from '../../server/stats';
import { medianDays } from '../../server/stats/figures';
import { hiddenRows } from '../../server/stats/transparency';
import { intakeEnv, nextClientIp, submit } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, createAccount, type StaffSession, openSession } from '../support/staff';

const A = '410502'; // 文峰区
const B = '410503'; // 北关区
const C = '410505'; // 殷都区
const D = '410506'; // 龙安区
const HUA = '410526'; // 滑县
const LINZHOU = '410581';
const ALL_AREAS = ['410502', '410503', '410505', '410506', '410522', '410523', '410526', '410527', '410581'];

interface Spec {
  ref: string;
  area: string;
  sector: string;
  at: string;
  status: string;
  poster?: string;
  accepted?: { at: string; dueAt: string };
  concluded?: { at: string; substantiated: boolean; rectification?: Rectification };
  approved?: { at: string; fen: number };
  paidOn?: string;
}

/**
 * What became of the report's rectification: only ordered (open, not yet due);
 * verified complete; overdue (open past its due day, escalated by the job); or
 * one task complete and another still open.
 */
type Rectification = 'ordered' | 'verified' | 'overdue' | 'one-of-two';

const specs: Spec[] = [
  // The period May–June 2026.
  {
    ref: 'S1',
    area: A,
    sector: 'construction',
    at: '2026-05-03T02:00:00Z',
    status: 'reward-paid',
    poster: 'PST001',
    accepted: { at: '2026-05-04T02:00:00Z', dueAt: '2026-07-03T02:00:00Z' },
    concluded: { at: '2026-05-13T02:00:00Z', substantiated: true, rectification: 'verified' },
    approved: { at: '2026-05-20T02:00:00Z', fen: 300_000 },
    paidOn: '2026-06-02',
  },
  {
    ref: 'S2',
    area: A,
    sector: 'construction',
    at: '2026-05-10T02:00:00Z',
    status: 'substantiated',
    poster: 'PST001',
    accepted: { at: '2026-05-11T02:00:00Z', dueAt: '2026-07-10T02:00:00Z' },
    concluded: { at: '2026-05-30T03:00:00Z', substantiated: true, rectification: 'overdue' },
  },
  {
    ref: 'S3',
    area: A,
    sector: 'fire-safety',
    at: '2026-06-01T02:00:00Z',
    status: 'closed',
    accepted: { at: '2026-06-02T02:00:00Z', dueAt: '2026-08-01T02:00:00Z' },
    concluded: { at: '2026-06-05T02:00:00Z', substantiated: false },
  },
  {
    ref: 'S4',
    area: B,
    sector: 'fire-safety',
    at: '2026-06-10T02:00:00Z',
    status: 'reward-approved',
    accepted: { at: '2026-06-11T02:00:00Z', dueAt: '2026-06-20T02:00:00Z' },
    concluded: { at: '2026-07-10T02:00:00Z', substantiated: true, rectification: 'verified' },
    approved: { at: '2026-07-15T02:00:00Z', fen: 500_000 },
  },
  { ref: 'S5', area: B, sector: 'construction', at: '2026-06-15T02:00:00Z', status: 'submitted' },
  {
    ref: 'S6',
    area: C,
    sector: 'welding',
    at: '2026-05-20T02:00:00Z',
    status: 'verifying',
    accepted: { at: '2026-05-21T02:00:00Z', dueAt: '2026-06-01T02:00:00Z' },
  },
  { ref: 'S7', area: C, sector: 'welding', at: '2026-06-20T02:00:00Z', status: 'withdrawn' },
  // 01:00 on 1 May in Shanghai: May, although still April in UTC.
  { ref: 'S9', area: B, sector: 'road-transport', at: '2026-04-30T17:00:00Z', status: 'screening' },
  // The previous period, March–April.
  {
    ref: 'S8',
    area: A,
    sector: 'construction',
    at: '2026-03-05T02:00:00Z',
    status: 'substantiated',
    accepted: { at: '2026-03-05T03:00:00Z', dueAt: '2026-05-04T03:00:00Z' },
    concluded: { at: '2026-03-07T02:00:00Z', substantiated: true, rectification: 'ordered' },
  },
  {
    ref: 'S10',
    area: C,
    sector: 'fire-safety',
    at: '2026-04-10T02:00:00Z',
    status: 'unsubstantiated',
    accepted: { at: '2026-04-11T02:00:00Z', dueAt: '2026-06-10T02:00:00Z' },
    concluded: { at: '2026-04-16T02:00:00Z', substantiated: false },
  },
  // February: enough in one area for public figures that are not suppressed. Of the 6
  // substantiated, 2 were verified fixed; 2 only ordered, 1 overdue, 1 half done do not count.
  ...[1, 2, 3, 4, 5, 6].map((i): Spec => ({
    ref: `F${i}`,
    area: HUA,
    sector: 'other',
    at: `2026-02-0${i}T02:00:00Z`,
    status: i <= 5 ? 'reward-paid' : 'substantiated',
    accepted: { at: `2026-02-0${i}T04:00:00Z`, dueAt: '2026-04-01T00:00:00Z' },
    concluded: {
      at: '2026-02-15T02:00:00Z',
      substantiated: true,
      rectification: (['verified', 'verified', 'ordered', 'ordered', 'overdue', 'one-of-two'] as const)[i - 1],
    },
    ...(i <= 5 ? { approved: { at: '2026-02-20T02:00:00Z', fen: 100_000 }, paidOn: '2026-02-25' } : {}),
  })),
  // August and September: every area one report handled well, except 龙安区 (both months) and 林州市 (September).
  ...(['08', '09'] as const).flatMap((m) =>
    ALL_AREAS.map((area): Spec => {
      const poor = area === D || (area === LINZHOU && m === '09');
      return {
        ref: `R${m}-${area}`,
        area,
        sector: 'industry-trade',
        at: `2026-${m}-02T02:00:00Z`,
        status: 'closed',
        accepted: { at: `2026-${m}-03T02:00:00Z`, dueAt: `2026-${m}-10T02:00:00Z` },
        concluded: {
          at: poor ? `2026-${m}-20T02:00:00Z` : `2026-${m}-08T02:00:00Z`,
          substantiated: area !== D,
          ...(area !== D ? { rectification: 'verified' as const } : {}),
        },
      };
    }),
  ),
];

let t: TestApp;
let admin: StaffSession;
let intake: StaffSession;

const refresh = (ref: string) => inTransaction((s) => refreshReportStats(ref, s));

function task(n: number, state: 'open' | 'completed' | 'overdue') {
  return {
    taskId: `R${n}`,
    orderNo: `安应急改〔2026〕${n}号`,
    enterprise: '某某公司',
    unitCode: 'city-emb',
    dueOn: state === 'overdue' ? '2026-03-01' : '2026-12-31',
    major: false,
    orderedAt: new Date('2026-02-16T02:00:00Z'),
    orderedById: 'v',
    status: state === 'completed' ? 'completed' : 'open',
    ...(state === 'completed' ? { completedAt: new Date('2026-02-20T02:00:00Z') } : {}),
    ...(state === 'overdue' ? { escalatedFor: '2026-03-01' } : {}),
    reinspections: [],
  };
}

const tasksFor: Record<Rectification, ReturnType<typeof task>[]> = {
  ordered: [task(1, 'open')],
  verified: [task(1, 'completed')],
  overdue: [task(1, 'overdue')],
  'one-of-two': [task(1, 'completed'), task(2, 'open')],
};

function finalFields(s: Spec) {
  const timeline = [{ at: new Date(s.at), type: 'submitted', public: true }];
  if (s.accepted) timeline.push({ at: new Date(s.accepted.at), type: 'accept', public: true });
  if (s.concluded) timeline.push({ at: new Date(s.concluded.at), type: 'approve-findings', public: true });
  return {
    status: s.status,
    timeline,
    ...(s.accepted
      ? {
          assignment: {
            unitCode: 'city-emb',
            verifierId: 'v',
            assignedAt: new Date(s.accepted.at),
            dueAt: new Date(s.accepted.dueAt),
          },
        }
      : {}),
    ...(s.concluded ? { findings: { substantiated: s.concluded.substantiated } } : {}),
    ...(s.concluded?.rectification ? { rectifications: tasksFor[s.concluded.rectification] } : {}),
    ...(s.approved
      ? {
          reward: {
            eligible: true,
            amountFen: s.approved.fen,
            approvedAt: new Date(s.approved.at),
            reservedFen: s.paidOn ? 0 : s.approved.fen,
            ...(s.paidOn
              ? {
                  payout: {
                    voucherNo: `V-${s.ref}`,
                    paidOn: s.paidOn,
                    amountFen: s.approved.fen,
                    recordedAt: new Date(`${s.paidOn}T08:00:00Z`),
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}

/** The rollups with their cell ids, zero counters left out (a cell emptied by increments equals one never made). */
async function rollupSnapshot() {
  const cells = await StatsRollup.find({}).sort({ _id: 1 }).lean();
  const nonZero = (o: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== 0));
  return cells
    .map((c) => ({
      _id: c._id,
      kind: c.kind,
      month: c.month,
      area: c.area,
      sector: c.sector,
      poster: c.poster,
      counts: nonZero(c.counts),
      days: nonZero(c.days),
    }))
    .filter((c) => Object.keys(c.counts).length + Object.keys(c.days).length > 0);
}

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  admin = await openSession(t, 'admin');
  intake = await openSession(t, 'intake');
  const createdBy = new mongoose.Types.ObjectId();
  await Poster.create([
    {
      code: 'PST001',
      siteName: '万达广场工地',
      enterpriseName: '安阳建工集团',
      areaCode: A,
      sector: 'construction',
      address: '文峰区中华路 1 号',
      createdBy,
      scanCount: 18,
    },
    {
      code: 'PST002',
      siteName: '北关物流园',
      enterpriseName: '北关物流有限公司',
      areaCode: B,
      sector: 'road-transport',
      address: '北关区红旗路 9 号',
      createdBy,
      scanCount: 7,
    },
  ]);
  await PosterScan.create([
    { posterCode: 'PST001', day: '2026-04-30', count: 3 },
    { posterCode: 'PST001', day: '2026-05-02', count: 10 },
    { posterCode: 'PST001', day: '2026-06-15', count: 5 },
    { posterCode: 'PST002', day: '2026-05-05', count: 7 },
  ]);
  // First as just received, then moved to where it ended up: the rollups follow by increments.
  for (const s of specs) {
    await Report.create({
      reference: s.ref,
      accessKeyHash: 'not-used',
      status: 'submitted',
      category: 'other',
      sector: s.sector,
      area: s.area,
      description: '测试举报',
      anonymous: true,
      posterCode: s.poster,
      submittedAt: new Date(s.at),
      timeline: [{ at: new Date(s.at), type: 'submitted', public: true }],
    });
    await refresh(s.ref);
  }
  for (const s of specs) {
    await Report.updateOne({ reference: s.ref }, { $set: finalFields(s) });
    await refresh(s.ref);
  }
});
afterAll(async () => {
  await t?.stop();
});

describe('the median from a histogram of whole days', () => {
  test('odd and even counts, empty, and the year-or-more bucket', () => {
    expect(medianDays({ d4: 1, d10: 1, d20: 1 })).toBe(10);
    expect(medianDays({ d4: 1, d10: 1, d20: 1, d30: 1 })).toBe(15);
    expect(medianDays({ d2: 3, d9: 1 })).toBe(2);
    expect(medianDays({})).toBeNull();
    expect(medianDays({ d1: 1, d365: 2 })).toBe(365);
  });
});

describe('the overview', () => {
  const now = new Date('2026-07-01T00:00:00Z');

  test('totals of May–June 2026, by Shanghai month of receipt', async () => {
    const o = await statsOverview('2026-05', '2026-06', {}, now, { withFund: true });
    expect(o.totals).toEqual({
      received: 8,
      accepted: 5,
      concluded: 4,
      substantiated: 3,
      unsubstantiated: 1,
      // S1 and S4 verified complete; S2's order is overdue.
      rectifiedVerified: 2,
      rectificationOverdue: 1,
      onTime: 3,
      substantiationRate: 0.75,
      medianDaysToConclusion: 15,
      rewardsApproved: 1,
      rewardsApprovedFen: 300_000,
      rewardsPaid: 1,
      rewardsPaidFen: 300_000,
    });
    expect(o.overdueNow).toBe(1); // S6: verifying, due 1 June
    expect(o.fund?.appropriatedFen).toBeGreaterThan(0);
  });

  test('the previous period of the same length: March–April', async () => {
    const o = await statsOverview('2026-05', '2026-06', {}, now);
    expect(o.previousPeriod).toEqual({ from: '2026-03', to: '2026-04' });
    expect(o.previous).toMatchObject({
      received: 2,
      accepted: 2,
      concluded: 2,
      substantiated: 1,
      rectifiedVerified: 0, // S8: ordered only
      rectificationOverdue: 0,
      substantiationRate: 0.5,
      medianDaysToConclusion: 4,
      rewardsApproved: 0,
      rewardsPaid: 0,
    });
  });

  test('by month, area and sector', async () => {
    const o = await statsOverview('2026-05', '2026-06', {}, now);
    expect(
      o.byMonth.map((m) => [
        m.month,
        m.received,
        m.concluded,
        m.substantiated,
        m.medianDaysToConclusion,
        m.rewardsApprovedFen,
        m.rewardsPaidFen,
      ]),
    ).toEqual([
      ['2026-05', 4, 2, 2, 15, 300_000, 0],
      ['2026-06', 4, 2, 1, 17, 0, 300_000],
    ]);
    const area = (code: string) => o.byArea.find((a) => a.area === code)!;
    expect(o.byArea).toHaveLength(9);
    expect([area(A).received, area(A).substantiated, area(A).substantiationRate]).toEqual([3, 2, 0.6667]);
    expect([area(B).received, area(B).substantiated, area(B).substantiationRate]).toEqual([3, 1, 1]);
    expect([area(C).received, area(C).concluded, area(C).substantiationRate]).toEqual([2, 0, null]);
    const sector = (code: string) => o.bySector.find((s) => s.sector === code)!.received;
    expect([
      sector('construction'),
      sector('fire-safety'),
      sector('welding'),
      sector('road-transport'),
      sector('coal-mine'),
    ]).toEqual([3, 2, 2, 1, 0]);
  });

  test('narrowed to one area and sector, overdue too', async () => {
    const c = await statsOverview('2026-05', '2026-06', { area: C }, now);
    expect([c.totals.received, c.overdueNow, c.byArea.length]).toEqual([2, 1, 1]);
    const fire = await statsOverview('2026-05', '2026-06', { sector: 'fire-safety' }, now);
    expect([fire.totals.received, fire.totals.concluded, fire.totals.medianDaysToConclusion, fire.overdueNow]).toEqual([
      2, 2, 17, 0,
    ]);
  });

  test('over HTTP: a staff role reads it, bad periods are refused', async () => {
    const res = await as(request(t.app).get('/api/v1/stats/overview?from=2026-05&to=2026-06&area=410502'), admin, null);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect([res.body.totals.received, res.body.totals.substantiated, res.body.previous.received]).toEqual([3, 2, 1]);
    expect((await as(request(t.app).get('/api/v1/stats/overview?from=2026-07&to=2026-05'), admin, null)).status).toBe(
      400,
    );
    expect((await as(request(t.app).get('/api/v1/stats/overview?from=2026-13'), admin, null)).status).toBe(400);
    expect((await as(request(t.app).get('/api/v1/stats/overview?area=999999'), admin, null)).status).toBe(400);
  });

  test('the fund balances only for those who may read the fund: finance yes, intake no', async () => {
    const finance = await openSession(t, 'finance');
    const path = '/api/v1/stats/overview?from=2026-05&to=2026-06';
    const forFinance = await as(request(t.app).get(path), finance, null);
    expect(forFinance.status).toBe(200);
    expect(forFinance.body.fund.appropriatedFen).toBeGreaterThan(0);
    const forIntake = await as(request(t.app).get(path), intake, null);
    expect(forIntake.status).toBe(200);
    expect(forIntake.body).not.toHaveProperty('fund');
    expect(forIntake.body.totals.received).toBe(forFinance.body.totals.received);
  });

  test("staff statistics count only the viewer's areas", async () => {
    await createAccount({ username: 'stats-wenfeng', role: 'intake', areaCodes: [A] });
    await createAccount({ username: 'stats-nowhere', role: 'intake', areaCodes: [], allAreas: false });
    const [wenfeng, nowhere] = [await openSession(t, 'stats-wenfeng'), await openSession(t, 'stats-nowhere')];
    const get = async (path: string, who: StaffSession) => {
      const res = await as(request(t.app).get(path), who, null);
      expect(res.status).toBe(200);
      return res.body;
    };
    const period = '/api/v1/stats/overview?from=2026-05&to=2026-06';
    const mine = await get(period, wenfeng);
    const areaA = await get(`${period}&area=${A}`, admin);
    expect([mine.totals, mine.previous, mine.overdueNow]).toEqual([areaA.totals, areaA.previous, areaA.overdueNow]);
    expect(mine.totals.received).toBe(3);
    expect(mine.byArea.map((a: { area: string }) => a.area)).toEqual([A]);
    // Asking for another area, or having no areas at all, counts nothing.
    for (const [path, who] of [
      [`${period}&area=${C}`, wenfeng],
      [period, nowhere],
    ] as const) {
      const o = await get(path, who);
      expect([o.totals.received, o.previous.received, o.overdueNow, o.byArea]).toEqual([0, 0, 0, []]);
    }
    expect((await get(`${period}&area=${C}`, admin)).overdueNow).toBe(1); // there was something to hide

    const funnel = await get('/api/v1/stats/posters?from=2026-05&to=2026-06', wenfeng);
    expect([
      funnel.posters.map((p: { code: string }) => p.code),
      funnel.byArea.map((a: { area: string }) => a.area),
      funnel.neverReported,
    ]).toEqual([['PST001'], [A], []]);
    expect((await get('/api/v1/stats/posters?from=2026-05&to=2026-06', nowhere)).posters).toEqual([]);

    // The ranking stays city-wide, but only the viewer's rows are shown.
    const ranking = await get('/api/v1/stats/ranking?month=2026-09', wenfeng);
    const full = await get('/api/v1/stats/ranking?month=2026-09', admin);
    expect(ranking.areas).toEqual(full.areas.filter((r: { area: string }) => r.area === A));
    expect((await get('/api/v1/stats/ranking?month=2026-09', nowhere)).areas).toEqual([]);
  });
});

describe('the refresh hook', () => {
  test('calling it again changes nothing', async () => {
    const before = await rollupSnapshot();
    for (const ref of ['S1', 'S4', 'F1']) await refresh(ref);
    expect(await rollupSnapshot()).toEqual(before);
  });

  test('a report submitted and accepted over HTTP is counted in the current month', async () => {
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
    }).format(new Date());
    const overview = () =>
      as(request(t.app).get(`/api/v1/stats/overview?from=${month}&to=${month}&area=410527`), intake, null);
    const before = (await overview()).body.totals;
    const sub = await submit(t.app, {
      category: 'fire-exits-blocked',
      area: '410527',
      description: '超市安全出口被堵塞，消防通道锁闭。',
      anonymous: true,
    });
    expect(sub.status).toBe(201);
    const verifier = await openSession(t, 'verifier');
    const accepted = await as(
      request(t.app)
        .post(`/api/v1/reports/${sub.body.reference}/actions/accept`)
        .set('X-Forwarded-For', nextClientIp()),
      intake,
    ).send({ unitCode: 'city-fire', verifierId: verifier.user.id });
    expect(accepted.status).toBe(200);
    const after = (await overview()).body.totals;
    expect([after.received - before.received, after.accepted - before.accepted]).toEqual([1, 1]);
  });
});

describe('the monthly ranking', () => {
  test('September: scores, ranks, change since August, and the area last two months running flagged', async () => {
    const r = await monthlyRanking('2026-09');
    const row = (area: string) => r.areas.find((a) => a.area === area)!;
    expect(r.areas.map((a) => a.area)).toEqual([
      '410503',
      '410523',
      '410505',
      '410502',
      '410527',
      '410522',
      '410526',
      '410581',
      '410506',
    ]);
    expect(r.areas.map((a) => a.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([row(B).score, row('410502').score, row(HUA).score, row(LINZHOU).score, row(D).score]).toEqual([
      98.5, 95, 92.6, 53.7, 40,
    ]);
    expect([row(HUA).change, row(LINZHOU).change, row(D).change, row(B).change]).toEqual([1, -1, 0, 0]);
    expect(r.areas.filter((a) => a.flagged).map((a) => a.area)).toEqual([D]);
    // 龙安区 concluded its one report late and unsubstantiated: 0 % is true; with nothing substantiated there is
    // no rectification rate at all (null), and the score counts the city-wide rate (every other area's 100 %).
    expect(row(D).measures).toEqual({ onTime: 0, substantiation: 0, rectification: null, perCapita: 1 });
    expect(row(D).reportsPerTenThousand).toBe(0.03); // 1 report, 290,000 residents
  });

  test('nothing concluded is no rate (null), never 0 %; such an area is scored at the city-wide rate', async () => {
    // June: 殷都区 received one report (withdrawn), concluded none. City-wide: 文峰区's one conclusion
    // (on time, not substantiated) and 北关区's (late, substantiated, rectification verified).
    const r = await monthlyRanking('2026-06');
    const yindu = r.areas.find((a) => a.area === C)!;
    expect(yindu).toMatchObject({ received: 1, concluded: 0, substantiated: 0 });
    expect(yindu.measures).toMatchObject({ onTime: null, substantiation: null, rectification: null });
    expect(yindu.reportsPerTenThousand).toBe(0.02); // 1 ÷ 430,000 × 10,000
    const city = { onTime: 1 / 2, substantiation: 1 / 2, rectification: 1 };
    const score =
      (40 * city.onTime + 30 * city.rectification + 20 * city.substantiation + 10 * yindu.measures.perCapita) / 100;
    expect(yindu.score).toBe(Math.round(score * 1000) / 10);
    // An area with no report at all: no rates, 0 reports per 10,000 residents.
    const quiet = r.areas.find((a) => a.area === LINZHOU)!;
    expect(quiet.measures).toEqual({ onTime: null, substantiation: null, rectification: null, perCapita: 0 });
    expect(quiet.reportsPerTenThousand).toBe(0);
    const res = await as(request(t.app).get('/api/v1/stats/ranking?month=2026-06'), admin, null);
    expect(res.body.areas.find((a: { area: string }) => a.area === C).measures.onTime).toBeNull();
  });

  test('rectification = verified complete ÷ substantiated: orders alone, overdue and half-done tasks do not count', async () => {
    const hua = (await monthlyRanking('2026-02')).areas.find((a) => a.area === HUA)!;
    expect(hua).toMatchObject({ substantiated: 6, rectifiedVerified: 2, rectificationOverdue: 1 });
    expect(hua.measures.rectification).toBeCloseTo(2 / 6, 10);
    const wenfeng = (await monthlyRanking('2026-05')).areas.find((a) => a.area === A)!;
    expect(wenfeng).toMatchObject({ substantiated: 2, rectifiedVerified: 1, rectificationOverdue: 1 });
    expect(wenfeng.measures.rectification).toBe(0.5);
    const wenfengMarch = (await monthlyRanking('2026-03')).areas.find((a) => a.area === A)!;
    expect(wenfengMarch).toMatchObject({ substantiated: 1, rectifiedVerified: 0 }); // S8: ordered only
    expect(wenfengMarch.measures.rectification).toBe(0);
  });

  test('August: last, but July had no figures, so not flagged', async () => {
    const r = await monthlyRanking('2026-08');
    expect(r.areas[8]).toMatchObject({ area: D, rank: 9, last: true, flagged: false, previousRank: 1 });
  });

  test('admins change the weights (validated, audited) and the ranking follows', async () => {
    const put = (body: object, who = admin) => as(request(t.app).put('/api/v1/stats/ranking-weights'), who).send(body);
    expect((await put({ onTime: -1, substantiation: 1, rectification: 1, perCapita: 1 })).status).toBe(400);
    expect((await put({ onTime: 0, substantiation: 0, rectification: 0, perCapita: 0 })).status).toBe(400);
    expect((await put({ onTime: 1, substantiation: 1, rectification: 1 })).status).toBe(400);
    expect((await put({ onTime: 0, substantiation: 0, rectification: 0, perCapita: 1 }, intake)).status).toBe(403);
    expect((await put({ onTime: 0, substantiation: 0, rectification: 0, perCapita: 1 })).status).toBe(200);
    const res = await as(request(t.app).get('/api/v1/stats/ranking?month=2026-09'), intake, null);
    expect(res.body.areas[0]).toMatchObject({ area: D, score: 100, rank: 1 });
    // Per resident alone, 滑县 (the most populous) is last in August and September.
    expect(res.body.areas.filter((a: { flagged: boolean }) => a.flagged).map((a: { area: string }) => a.area)).toEqual([
      HUA,
    ]);
    const audit = await AuditEntry.findOne({ action: 'stats.ranking_weights' }).lean();
    expect(audit?.details).toMatchObject({
      before: { onTime: 40, rectification: 30, substantiation: 20, perCapita: 10 },
      after: { perCapita: 1 },
    });
  });

  test('exports: CSV with every area, XLSX and PDF files', async () => {
    await StatsSettings.deleteMany({}); // back to the default weights
    const get = (format: string) =>
      as(request(t.app).get(`/api/v1/stats/ranking.${format}?month=2026-09`), admin, null)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
    const csv = await get('csv');
    expect(csv.status).toBe(200);
    const lines = (csv.body as Buffer).toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(11); // the header, 9 areas and the note on "—"
    expect(lines[9]).toMatch(/^9,龙安区 Long'an District,40,0,/);
    // 按期办结 0 %, 属实 0 % (true zeros), rectification "—" (nothing substantiated), 0.03 per 10,000 residents.
    expect(lines[9].split(',').slice(4, 8)).toEqual(['0.0%', '0.0%', '—', '0.03']);
    expect(lines[0]).toContain('每万人举报 Reports per 10,000 residents');
    expect(lines[10]).toContain('本月无办结案件');
    expect(lines[9]).toMatch(/,0,0,是 Yes$/); // 0 verified complete, 0 overdue
    expect(lines[0]).toContain('整改复查完成率 Rectification verified');
    expect(lines[0]).toContain('整改逾期 Overdue');
    expect(lines[1]).toMatch(/,1,0,$/); // 北关区: its one substantiated report verified complete
    const xlsx = await get('xlsx');
    expect([xlsx.status, (xlsx.body as Buffer).subarray(0, 2).toString()]).toEqual([200, 'PK']);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const cells = (n: number) => (book.worksheets[0].getRow(n).values as unknown[]).slice(1);
    expect(cells(12).slice(4, 8)).toEqual(['0.0%', '0.0%', '—', '0.03']); // 龙安区, after the title, weights and header
    expect(String(cells(14)[0])).toContain('nothing concluded');
    const pdf = await get('pdf');
    expect([pdf.status, (pdf.body as Buffer).subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="ranking-2026-09.pdf"');
  });
});

describe('the poster funnel', () => {
  test('scans → reports → substantiated → rewarded, per poster and area, and posters that never produced a report', async () => {
    const f = await posterFunnel('2026-05', '2026-06');
    expect(f.posters.map((p) => [p.code, p.scans, p.reports, p.substantiated, p.rewarded])).toEqual([
      ['PST001', 15, 2, 2, 1],
      ['PST002', 7, 0, 0, 0],
    ]);
    expect(f.byArea.find((a) => a.area === A)).toEqual({
      area: A,
      posters: 1,
      scans: 15,
      reports: 2,
      substantiated: 2,
      rewarded: 1,
    });
    expect(f.neverReported.map((p) => [p.code, p.scans])).toEqual([['PST002', 7]]);
    const april = await posterFunnel('2026-04', '2026-04');
    expect(april.posters[0]).toMatchObject({ code: 'PST001', scans: 3, reports: 0 });
  });
});

describe('public transparency', () => {
  const now = new Date('2026-07-20T00:00:00Z');

  test('months that ended 28 days ago or more: June is held back on 20 July', async () => {
    const p = await transparencyFigures(now);
    expect([p.publishedThrough, p.heldBack.fromMonth, p.months.length, p.months[0].month]).toEqual([
      '2026-05',
      '2026-06',
      12,
      '2025-06',
    ]);
    expect((await transparencyFigures(new Date('2026-07-29T00:00:00Z'))).publishedThrough).toBe('2026-06');
  });

  test('counts of 1–4 shown as "<5", amounts withheld with them, a second figure above zero withheld as "—" when one could be worked out', async () => {
    const p = await transparencyFigures(now);
    const month = (m: string) => p.months.find((x) => x.month === m)!;
    expect(month('2026-02')).toEqual({
      month: '2026-02',
      received: 6,
      substantiated: 6,
      rectifiedVerified: '<5',
      rectificationOverdue: '<5',
      rewardsPaid: 5,
      rewardsPaidYuan: '5000.00',
    });
    expect(month('2026-03')).toMatchObject({
      received: '<5',
      substantiated: '<5',
      rectifiedVerified: 0,
      rectificationOverdue: 0,
      rewardsPaid: 0,
      rewardsPaidYuan: '0.00',
    });
    expect(month('2026-05')).toMatchObject({
      received: '<5',
      substantiated: '<5',
      rectifiedVerified: '<5',
      rectificationOverdue: '<5',
    });
    const area = (code: string) => p.areas.find((x) => x.area === code)!;
    expect(area(HUA)).toMatchObject({ received: 6, rewardsPaid: 5, rewardsPaidYuan: '5000.00' });
    expect(area(A)).toMatchObject({ received: '<5', substantiated: '<5' });
    // Only 文峰区's 3 would be hidden: zeros stay shown, and the smallest figure above zero (滑县's 6) is withheld as "—", not "<5".
    expect([area(B).substantiated, area(C).substantiated, area(HUA).substantiated]).toEqual([0, 0, '—']);
    expect(p.total).toEqual({
      received: 12,
      substantiated: 9,
      rectifiedVerified: '<5',
      rectificationOverdue: '<5',
      rewardsPaid: 5,
      rewardsPaidYuan: '5000.00',
    });
    expect(JSON.stringify(p)).not.toMatch(/S\d|F\d|PST/);
  });

  test('a lone hidden figure with only zeros beside it: the zeros shown, the total hidden', async () => {
    // Published through March: February's 2 verified rectifications are the only figure above zero.
    const p = await transparencyFigures(new Date('2026-05-01T00:00:00Z'));
    expect(p.publishedThrough).toBe('2026-03');
    expect(p.months.map((m) => m.rectifiedVerified)).toEqual([...Array(10).fill(0), '<5', 0]);
    expect(p.areas.map((a) => a.rectifiedVerified)).toEqual(ALL_AREAS.map((a) => (a === HUA ? '<5' : 0)));
    expect(p.total).toEqual({
      received: 7,
      substantiated: 7,
      rectifiedVerified: '<5',
      rectificationOverdue: '<5',
      rewardsPaid: 5,
      rewardsPaidYuan: '5000.00',
    });
    // Received: March's 1 hidden, with February's 6 as its partner, withheld as "—".
    expect(p.months.slice(-2).map((m) => m.received)).toEqual(['—', '<5']);
    expect(p.suppression.zh).toContain('“—”');
    expect(p.suppression.en).toContain('"—"');
  });

  test('which figures are hidden: zeros never, the partner only above zero, else the total', () => {
    const hidden = (values: number[]) => {
      const h = hiddenRows(values);
      return { rows: [...h.rows].sort(), partner: h.partner, total: h.total };
    };
    expect(hidden([0, 3, 0])).toEqual({ rows: [1], partner: null, total: true });
    expect(hidden([0, 3, 0, 9, 7])).toEqual({ rows: [1, 4], partner: 4, total: false });
    expect(hidden([2, 0, 4])).toEqual({ rows: [0, 2], partner: null, total: false });
    expect(hidden([0, 0, 8])).toEqual({ rows: [], partner: null, total: false });
  });

  test('over HTTP without a session, cacheable for a few minutes', async () => {
    const res = await request(t.app).get('/api/v1/public/transparency');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body.months).toHaveLength(12);
    expect(res.body.heldBack.reason.zh).toContain('28');
  });
});

describe('rebuild', () => {
  test('gives exactly the rollups the increments built, and the same facts', async () => {
    const incremental = await rollupSnapshot();
    const facts = await StatsReportFacts.find({}).sort({ _id: 1 }).lean();
    expect(incremental.length).toBeGreaterThan(20);
    const { reports } = await rebuildStats();
    expect(reports).toBe(await Report.countDocuments());
    expect(await rollupSnapshot()).toEqual(incremental);
    expect(await StatsReportFacts.find({}).sort({ _id: 1 }).lean()).toEqual(facts);
  });

  test('after a rebuild, the increments carry on from it', async () => {
    await Report.updateOne(
      { reference: 'S5' },
      {
        $set: {
          status: 'assigned',
          assignment: { assignedAt: new Date('2026-06-16T02:00:00Z'), dueAt: new Date('2026-06-18T02:00:00Z') },
        },
      },
    );
    await refresh('S5');
    const o = await statsOverview('2026-05', '2026-06', {}, new Date('2026-07-01T00:00:00Z'));
    expect([o.totals.accepted, o.overdueNow]).toEqual([6, 2]);
    const incremental = await rollupSnapshot();
    await rebuildStats();
    expect(await rollupSnapshot()).toEqual(incremental);
  });

  test('while reports change: each change is counted once, whichever commits first', async () => {
    const move = (ref: string, area: string) =>
      inTransaction(async (session) => {
        await Report.updateOne({ reference: ref }, { $set: { area } }, { session });
        await refreshReportStats(ref, session);
      });
    await Promise.all([rebuildStats(), move('S7', D), move('S3', HUA), rebuildStats(), move('S10', B)]);
    const live = await rollupSnapshot();
    await rebuildStats();
    expect(await rollupSnapshot()).toEqual(live);
    const o = await statsOverview('2026-06', '2026-06', { area: D });
    expect(o.totals.received).toBe(1); // S7
  });
});
