// `npm run bench:engine`: the embedded engine against raw better-sqlite3, and its
// indexed queries at 10k vs 100k documents. Figures are ratios from one run,
// because this machine is shared and absolute timings drift.
import Database from 'better-sqlite3';
import { serialize } from 'bson';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { decodeBson } from '@woodpecker/embedded-mongo/src/bson-values';
import { startEmbeddedMongo, startEmbeddedMongoProcess } from '@woodpecker/embedded-mongo';
import { eventLoopDelayRows } from './engineEventLoop';
import { driverPointQueries, engineMicrosPerPointQuery, fillPointDocs, pointDoc as docOf } from './pointQueries';

function opsPerSecond(fn: () => void, minMs = 1500): number {
  const start = process.hrtime.bigint();
  let n = 0;
  while (Number(process.hrtime.bigint() - start) / 1e6 < minMs) {
    fn();
    n++;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * Rates of `a` and `b` measured in alternating short rounds, so both see the same
 * machine load; returns the median of the per-round ratios a/b and the median rates.
 */
function interleaved(a: () => void, b: () => void, rounds = 7, ms = 250): { ratio: number; a: number; b: number } {
  const ratios: number[] = [];
  const ra: number[] = [];
  const rb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const x = opsPerSecond(a, ms);
    const y = opsPerSecond(b, ms);
    ra.push(x);
    rb.push(y);
    ratios.push(x / y);
  }
  const median = (v: number[]) => v.slice().sort((p, q) => p - q)[Math.floor(v.length / 2)];
  return { ratio: median(ratios), a: median(ra), b: median(rb) };
}

async function asyncOpsPerSecond(fn: () => Promise<unknown>, minMs = 1500): Promise<number> {
  const start = process.hrtime.bigint();
  let n = 0;
  while (Number(process.hrtime.bigint() - start) / 1e6 < minMs) {
    await fn();
    n++;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

function rawSqlite(dir: string) {
  const db = new Database(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE docs (id INTEGER PRIMARY KEY, email TEXT, doc BLOB); CREATE UNIQUE INDEX docs_email ON docs(email)',
  );
  return db;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-bench-'));
  const rows: [string, string][] = [];
  try {
    // ---- engine in process vs raw SQLite, same durability settings ----
    const engine = await startEmbeddedMongo({ dataDir: path.join(dir, 'engine') });
    const e = engine.engine;
    e.createIndexes('bench.docs', [{ key: { email: 1 }, name: 'email_1', unique: true }]);
    const raw = rawSqlite(dir);
    const rawInsert = raw.prepare('INSERT INTO docs (id, email, doc) VALUES (?, ?, ?)');

    const batch = 500;
    let next = 0;
    let rawNext = 0;
    const inserts = interleaved(
      () => {
        const start = next;
        next += batch;
        e.write(() => {
          for (let i = start; i < start + batch; i++) e.insertOne('bench.docs', docOf(i));
          return {};
        });
      },
      () => {
        const start = rawNext;
        rawNext += batch;
        raw.transaction(() => {
          for (let i = start; i < start + batch; i++) {
            const d = docOf(i);
            rawInsert.run(d._id, d.email, Buffer.from(serialize(d)));
          }
        })();
      },
    );
    rows.push([
      'insert throughput, engine / raw SQLite (goal ≥ 0.3)',
      `${inserts.ratio.toFixed(2)}  (${Math.round(inserts.a * batch)} vs ${Math.round(inserts.b * batch)} docs/s, batches of ${batch}, one index)`,
    ]);

    const total = Math.min(next, rawNext);
    let k = 0;
    let j = 0;
    const rawGet = raw.prepare('SELECT doc FROM docs WHERE email = ?');
    const points = interleaved(
      () => {
        const i = (k++ * 7919) % total;
        if (e.find('bench.docs', { email: `user${i}@example.cn` }).length !== 1)
          throw new Error('engine point read missed');
      },
      () => {
        const i = (j++ * 7919) % total;
        const row = rawGet.get(`user${i}@example.cn`) as { doc: Buffer } | undefined;
        if (!row || !decodeBson(row.doc)) throw new Error('raw point read missed');
      },
    );
    const rawPoint = points.b;
    rows.push([
      'indexed point query, engine / raw SQLite (goal ≥ 0.3)',
      `${points.ratio.toFixed(2)}  (${Math.round(points.a)} vs ${Math.round(points.b)} reads/s)`,
    ]);

    // The point query through the official driver, and what the engine itself spends on it.
    const engineMicros = await engineMicrosPerPointQuery();
    rows.push(['point query: engine CPU per query (wire message in, reply out)', `${engineMicros.toFixed(0)} µs`]);
    const local = await startEmbeddedMongo({ inMemory: true });
    await fillPointDocs(local.uri);
    const inProcess = await driverPointQueries(local.uri);
    await local.stop();
    const separate = await startEmbeddedMongoProcess({ inMemory: true });
    await fillPointDocs(separate.uri);
    const ownProcess = await driverPointQueries(separate.uri);
    await separate.stop();
    for (const [where, f] of [
      ['engine in this process', inProcess],
      ['engine in its own process', ownProcess],
    ] as const)
      rows.push([
        `  through the driver, ${where}`,
        `${Math.round(f.sequential)} reads/s one at a time (${(f.sequential / rawPoint).toFixed(3)} of raw SQLite), ` +
          `${Math.round(f.concurrent)} reads/s from 8 callers; this process ${f.clientMicros.toFixed(0)} µs CPU per read`,
      ]);
    rows.push([
      "  the driver's own share of a read",
      `${((100 * ownProcess.clientMicros) / inProcess.clientMicros).toFixed(0)} % of the in-process CPU per read`,
    ]);
    raw.close();
    await engine.stop();

    // ---- filter + sort + limit at 10k and 100k documents, through the driver ----
    const timings: number[] = [];
    for (const size of [10_000, 100_000]) {
      const db = await startEmbeddedMongo({ inMemory: true });
      const c = new MongoClient(db.uri);
      await c.connect();
      const col = c.db('bench').collection<ReturnType<typeof docOf>>('reports');
      await col.createIndex({ status: 1, createdAt: -1 });
      for (let i = 0; i < size; i += 5000)
        await col.insertMany(Array.from({ length: Math.min(5000, size - i) }, (_, j) => docOf(i + j)));
      const qps = await asyncOpsPerSecond(async () => {
        const page = await col.find({ status: 'open' }).sort({ createdAt: -1 }).limit(20).toArray();
        if (page.length !== 20) throw new Error('short page');
      });
      timings.push(1 / qps);
      rows.push([`filter + sort + limit 20 at ${size.toLocaleString('en')} documents`, `${Math.round(qps)} queries/s`]);
      await c.close();
      await db.stop();
    }
    rows.push(['  100k time / 10k time (goal ≤ 2)', (timings[1] / timings[0]).toFixed(2)]);

    // ---- the app's event loop while the engine works hard ----
    rows.push(...(await eventLoopDelayRows()));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log('\nembedded engine benchmark (one run; ratios are what count)\n');
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
