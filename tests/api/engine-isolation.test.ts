// The app stays responsive while the embedded engine works hard: started as
// `npm start` starts it (openDatabase() with the default isolation, createApp(),
// a listening HTTP server), it answers /healthz in under 100 ms while a $group
// over 50,000 documents runs in the engine's own process.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { createApp } from '../../server/app';
import { openDatabase, type Database } from '../../server/platform/db';
import { loadConfig } from '../../server/env';
import { createLogger } from '../../server/platform/logger';
import { DiskEvidenceStore } from '../../server/platform/evidenceStore';
import { SecretBox } from '../../server/platform/secretBox';
import { heavyGroup, insertScratch, SCRATCH_DOCUMENTS } from '../support/heavyAggregation';

const HEALTH_CHECKS = 20;

describe('the app answers while the engine works', () => {
  let dataDir: string;
  let uploadDir: string;
  let db: Database;
  let server: http.Server;
  let port: number;
  const agent = new http.Agent({ keepAlive: true });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-isolation-'));
    uploadDir = path.join(dataDir, 'uploads');
    db = await openDatabase({ dataDir, dbName: 'woodpecker' });
    const config = loadConfig({
      NODE_ENV: 'test',
      WOODPECKER_DATA_DIR: dataDir,
      UPLOAD_DIR: uploadDir,
      LOG_LEVEL: 'silent',
      AUDIT_CHECKPOINT_FILE: path.join(dataDir, 'audit-checkpoints.log'),
    });
    const app = createApp({
      config,
      logger: createLogger('silent', false),
      box: new SecretBox(crypto.randomBytes(32)),
      store: new DiskEvidenceStore(uploadDir),
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    agent.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await db?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** One GET /healthz on a kept-alive connection, timed around the whole request. */
  function healthz(): Promise<{ status: number; ms: number }> {
    const start = process.hrtime.bigint();
    return new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/healthz', agent }, (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - start) / 1e6 }),
          );
        })
        .on('error', reject);
    });
  }

  test('by default the engine runs in a process of its own, which holds the data directory', () => {
    const lockHolder = Number(fs.readFileSync(path.join(dataDir, 'db', 'engine.lock'), 'utf8'));
    expect(lockHolder).toBeGreaterThan(0);
    expect(lockHolder).not.toBe(process.pid);
  });

  test(`/healthz answers in under 100 ms while a $group over ${SCRATCH_DOCUMENTS.toLocaleString('en')} documents runs`, async () => {
    const scratch = mongoose.connection.db!.collection('scratch');
    await insertScratch(scratch);
    expect((await healthz()).status).toBe(200); // the connection is open before the clock matters

    let running = true;
    const aggregation = scratch
      .aggregate<{ _id: number; n: number }>(heavyGroup)
      .toArray()
      .finally(() => (running = false));
    const answers: { status: number; ms: number; duringAggregation: boolean }[] = [];
    while (running && answers.length < HEALTH_CHECKS)
      answers.push({ ...(await healthz()), duringAggregation: running });
    const groups = await aggregation;

    // The answers were fast: nine in ten under 100 ms, and none stalled. (On a shared
    // machine the scheduler alone can hold a process for ~100 ms now and then; an
    // engine on the app's own event loop stalls every answer for seconds.)
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    const times = answers.map((a) => a.ms).sort((a, b) => a - b);
    expect(times[Math.ceil(times.length * 0.9) - 1]).toBeLessThan(100);
    expect(times[times.length - 1]).toBeLessThan(1000);
    // …and came while the aggregation was still running (else it was not heavy enough to prove anything).
    expect(answers.filter((a) => a.duringAggregation)).toHaveLength(HEALTH_CHECKS);
    // The aggregation itself was right: 5,000 buckets, every document counted once.
    expect(groups).toHaveLength(5000);
    expect(groups.reduce((sum, g) => sum + g.n, 0)).toBe(SCRATCH_DOCUMENTS);
  }, 120_000);

  test("closing the database (the app's shutdown) ends the engine's process and releases the lock", async () => {
    const lock = path.join(dataDir, 'db', 'engine.lock');
    const enginePid = Number(fs.readFileSync(lock, 'utf8'));
    await db.close();
    expect(() => process.kill(enginePid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    expect(fs.existsSync(lock)).toBe(false);
  });
});
