// `npm run bench:queue`: the staff queue at 10k and 100k reports. The reports
// are inserted through the driver (insertMany) into the embedded engine in a
// temp dir; each query is the one GET /api/v1/reports runs — the filter and
// sort from reportListFilter, one page, and the count — timed as the median of
// many runs. Growth models a system that has run longer (about 27 reports a
// day: 10k is the last year, 100k the last ten), so open cases stay a few
// hundred while history grows. With indexes the 100k/10k ratio stays ≤ 2; a
// scan would be about 10.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { anyang } from '../server/jurisdiction/seeds/anyang';
import { countiesOf } from '../server/jurisdiction/applySeed';

const areaCodes = countiesOf(anyang).map((a) => a.code);
const { categories } = anyang;
import { reportListQuery } from '../shared/schemas/workflow';
import type { Role } from '../shared/roles';
import { reportListFilter } from '../server/reports/caseWork';
import { startEmbeddedMongo, type EmbeddedMongo } from '@woodpecker/embedded-mongo';
import { planQuery } from '@woodpecker/embedded-mongo/src/planner';
import { Report } from '../server/reports/report.model';
import type { Actor } from '../server/access';
import { presentReportSummary } from '../server/reports/reportForStaff.presenter';

const DAY = 86_400_000;
const PER_DAY = 27;
const RUNS = Number(process.env.BENCH_RUNS ?? 101);
const NOW = Date.UTC(2026, 10, 28, 4, 0, 0);
/** Urban districts get more reports than the rural counties. */
const AREA_WEIGHTS = [16, 14, 12, 9, 13, 8, 10, 7, 11];
const VERIFIERS_PER_AREA = 3;

/** Deterministic pseudo-random numbers (mulberry32), so both sizes see the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, items: readonly T[], weights?: readonly number[]): T {
  const w = weights ?? items.map(() => 1);
  let x = rnd() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) if ((x -= w[i]) < 0) return items[i];
  return items[items.length - 1];
}

/** Where a report of this age usually is: new ones are screened, then verified, old ones done. */
function statusAt(ageDays: number, rnd: () => number): string {
  const [states, weights]: [string[], number[]] =
    ageDays < 2
      ? [
          ['submitted', 'screening', 'awaiting-information'],
          [60, 30, 10],
        ]
      : ageDays < 7
        ? [
            ['screening', 'awaiting-information', 'assigned', 'rejected', 'duplicate', 'transferred'],
            [20, 10, 30, 15, 10, 15],
          ]
        : ageDays < 60
          ? [
              [
                'assigned',
                'verifying',
                'findings-submitted',
                'substantiated',
                'unsubstantiated',
                'rejected',
                'duplicate',
                'transferred',
              ],
              [10, 50, 10, 5, 5, 10, 5, 5],
            ]
          : ageDays < 120
            ? [
                ['verifying', 'findings-submitted', 'closed', 'rejected', 'duplicate', 'transferred'],
                [5, 5, 60, 15, 8, 7],
              ]
            : [
                ['verifying', 'closed', 'rejected', 'duplicate', 'transferred', 'withdrawn'],
                [0.1, 70, 12, 8, 7, 3],
              ]; // a few long-overdue stragglers
  return pick(rnd, states, weights);
}

const ASSIGNED = new Set(['assigned', 'verifying', 'findings-submitted', 'substantiated', 'unsubstantiated', 'closed']);
const verifierIds = areaCodes.map((_, a) =>
  Array.from({ length: VERIFIERS_PER_AREA }, (_, v) =>
    new Types.ObjectId((a * 16 + v + 1).toString(16).padStart(24, '0')).toString(),
  ),
);

/** Report number i counted back from now (0 is the newest). */
function reportDoc(i: number, rnd: () => number) {
  const submittedAt = new Date(NOW - (i / PER_DAY) * DAY - rnd() * 3_600_000);
  const ageDays = (NOW - submittedAt.getTime()) / DAY;
  const areaIndex = areaCodes.indexOf(pick(rnd, areaCodes, AREA_WEIGHTS));
  const category = pick(rnd, categories);
  const status = statusAt(ageDays, rnd);
  const assignedAt = new Date(submittedAt.getTime() + 2 * DAY);
  return {
    reference: `WP-${i.toString(36).toUpperCase().padStart(4, '0').slice(-4)}-${(i * 7919).toString(36).toUpperCase().padStart(4, '0').slice(-4)}`,
    accessKeyHash: 'bench',
    status,
    channel: rnd() < 0.8 ? 'web' : 'hotline-12350',
    category: category.code,
    sector: category.sector,
    area: areaCodes[areaIndex],
    description: '现场发现安全隐患，请核查。',
    anonymous: rnd() < 0.4,
    evidence: [],
    timeline: [{ at: submittedAt, type: 'submitted', public: true }],
    messages: [],
    revision: 0,
    ...(ASSIGNED.has(status)
      ? {
          assignment: {
            unitCode: `emb-${areaCodes[areaIndex]}`,
            verifierId: pick(rnd, verifierIds[areaIndex]),
            assignedAt,
            dueAt: new Date(assignedAt.getTime() + 60 * DAY),
          },
        }
      : {}),
    submittedAt,
    createdAt: submittedAt,
    updatedAt: submittedAt,
  };
}

/** The Report model, bound to one of the two benchmark databases. */
type ReportModel = typeof Report;
const reportsIn = (db: string): ReportModel =>
  mongoose.connection.useDb(db).model('Report', Report.schema, 'reports') as unknown as ReportModel;

async function insertReports(model: ReportModel, from: number, to: number): Promise<void> {
  const rnd = random(from + 1);
  for (let i = from; i < to; i += 5000) {
    const batch = Array.from({ length: Math.min(5000, to - i) }, (_, j) => reportDoc(i + j, rnd));
    await model.collection.insertMany(batch, { ordered: false });
  }
}

const actor = (role: Role, id: string, areas: string[]): Actor => ({
  id,
  username: role,
  role,
  unitCode: 'city-emb',
  level: 'city',
  areaCodes: areas,
  allAreas: areas.length === 0,
});
const verifier = actor('verifier', verifierIds[0][0], [areaCodes[0]]);
const intake = actor('intake', new Types.ObjectId().toString(), []);

const queries: { name: string; who: Actor; query: Record<string, string> }[] = [
  { name: 'verifier: my queue (queue=mine)', who: verifier, query: { queue: 'mine' } },
  {
    name: 'verifier: assignedToMe, status=verifying',
    who: verifier,
    query: { assignedToMe: 'true', status: 'verifying' },
  },
  { name: 'verifier: due soon, by deadline', who: verifier, query: { queue: 'due-soon', sort: 'dueAt' } },
  { name: 'intake: area + status=submitted', who: intake, query: { area: areaCodes[0], status: 'submitted' } },
  {
    name: 'intake: area + status=verifying, page 2',
    who: intake,
    query: { area: areaCodes[4], status: 'verifying', page: '2' },
  },
];

/** One request's database work, as the route does it: a page and the count, side by side. */
async function runQuery(model: ReportModel, who: Actor, raw: Record<string, string>, now: Date): Promise<number> {
  const query = reportListQuery.parse(raw);
  const { filter, sort } = reportListFilter(query, who, now);
  const [items, total] = await Promise.all([
    model
      .find(filter)
      .sort(sort)
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean(),
    model.countDocuments(filter),
  ]);
  items.map((r) => presentReportSummary(r));
  return total;
}

/** The index the engine's planner picks for a query (as mongoose casts it), or 'scan'. */
function planOf(engine: EmbeddedMongo, ns: string, who: Actor, raw: Record<string, string>): string {
  const { filter, sort } = reportListFilter(reportListQuery.parse(raw), who, new Date(NOW));
  const query = Report.find(filter);
  query.cast(Report);
  const plan = planQuery(query.getFilter(), engine.engine.collection(ns)!.indexes, sort);
  return plan.kind === 'index' ? `${plan.index.spec.name}${plan.providesSort ? ' (sorted)' : ''}` : plan.kind;
}

const median = (v: number[]) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Each query on both sizes in alternating runs, so both see the same machine load
 * (others share it); medians per size, and the median of the per-run ratios.
 */
async function measure(small: ReportModel, large: ReportModel) {
  const now = new Date(NOW);
  const rows: { name: string; totals: number[]; ms: number[]; ratio: number }[] = [];
  for (const q of queries) {
    const run = (m: ReportModel) => () => runQuery(m, q.who, q.query, now);
    for (let i = 0; i < 10; i++) await Promise.all([run(small)(), run(large)()]); // warm up
    const a: number[] = [];
    const b: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      a.push(await timeMs(run(small)));
      b.push(await timeMs(run(large)));
      ratios.push(b[i] / a[i]);
    }
    rows.push({
      name: q.name,
      totals: [await run(small)(), await run(large)()],
      ms: [median(a), median(b)],
      ratio: median(ratios),
    });
  }
  return rows;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-bench-queue-'));
  const engine = await startEmbeddedMongo({ dataDir: path.join(dir, 'engine') });
  try {
    await mongoose.connect(engine.uri, { dbName: 'bench' });
    const small = reportsIn('queue10k');
    const large = reportsIn('queue100k');
    for (const [model, size] of [
      [small, 10_000],
      [large, 100_000],
    ] as const) {
      await model.syncIndexes();
      const t0 = Date.now();
      await insertReports(model, 0, size);
      console.log(
        `inserted ${size.toLocaleString('en')} reports in ${((Date.now() - t0) / 1000).toFixed(1)} s (insertMany, batches of 5,000)`,
      );
    }
    const rows = await measure(small, large);
    const plans = queries.map((q) => planOf(engine, 'queue100k.reports', q.who, q.query));
    console.log(`\nStaff queue: one page of 20 + the count, median of ${RUNS} runs (ms)`);
    console.log('| query | index | matches 10k / 100k | 10k | 100k | 100k/10k |');
    console.log('|---|---|---|---|---|---|');
    rows.forEach((r, i) =>
      console.log(
        `| ${r.name} | ${plans[i]} | ${r.totals[0]} / ${r.totals[1]} | ${r.ms[0].toFixed(2)} | ${r.ms[1].toFixed(2)} | ${r.ratio.toFixed(2)} |`,
      ),
    );
    const worst = Math.max(...rows.map((r) => r.ratio));
    console.log(`\nworst ratio ${worst.toFixed(2)} (goal ≤ 2: indexes, not scans)`);
    if (worst > 2) process.exitCode = 1;
  } finally {
    await mongoose.disconnect();
    await engine.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
