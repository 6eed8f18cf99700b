// The tamper-evident audit log: the chain verifies after real actions, any edit or
// deletion in storage is named by its sequence number (over HTTP and by the CLI),
// and concurrent appends leave no gaps.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import request from 'supertest';
import { entryHash } from '../../server/audit/auditLog';
import { AuditEntry, AuditHead } from '../../server/models/AuditEntry';
import { startTestApp, type TestApp } from '../support/server';
import { as, createAccount, signIn, type StaffSession } from '../support/staff';

let t: TestApp;
let admin: StaffSession;

beforeAll(async () => {
  t = await startTestApp();
  admin = await signIn(t.app, 'admin', t.demoPassword);
  // A few real actions, so the chain has entries of several kinds.
  const created = await as(request(t.app).post('/api/v1/staff'), admin).send({ username: 'audited', displayName: 'Audited', role: 'intake', unitCode: 'city-emb' });
  await as(request(t.app).patch(`/api/v1/staff/${created.body.user.id}`), admin).send({ role: 'verifier' });
  await as(request(t.app).post(`/api/v1/staff/${created.body.user.id}/password-reset`), admin);
});
afterAll(async () => {
  await t?.stop();
});

const verify = () => as(request(t.app).post('/api/v1/audit/verify'), admin);

/** Runs `fn` with entry `seq` changed in storage, then puts the original back. */
async function withTampering(seq: number, change: () => Promise<unknown>, fn: () => Promise<void>): Promise<void> {
  const original = await AuditEntry.collection.findOne({ seq });
  if (!original) throw new Error(`no audit entry ${seq}`);
  await change();
  try {
    await fn();
  } finally {
    await AuditEntry.collection.deleteOne({ seq });
    await AuditEntry.collection.insertOne(original);
  }
}

describe('verification over HTTP', () => {
  test('an untouched chain verifies: ok, every entry checked', async () => {
    const n = await AuditEntry.countDocuments();
    expect(n).toBeGreaterThanOrEqual(5); // fund appropriation, login, create, update, reset

    const res = await verify();

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, checked: n });
  });

  test('records the actions taken, newest first, with the actor', async () => {
    const res = await as(request(t.app).get('/api/v1/audit?limit=3'), admin, null);

    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(['staff.password_reset', 'staff.update', 'staff.create']);
    expect(res.body.items[0].actor).toEqual({ id: admin.user.id, username: 'admin', role: 'admin' });
    expect(res.body.total).toBe(await AuditEntry.countDocuments());
  });

  test.each([
    ['its action', { action: 'forged' }],
    ['its time', { at: new Date('2020-01-01T00:00:00Z') }],
    ['its details', { 'details.amountFen': 1 }],
    ['its actor', { actor: { id: 'x', username: 'mallory', role: 'admin' } }],
  ])('editing %s in entry 2 → ok: false, firstBroken: 2', async (_label, $set) => {
    await withTampering(
      2,
      () => AuditEntry.updateOne({ seq: 2 }, { $set }),
      async () => {
        const res = await verify();
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ ok: false, firstBroken: 2 });
      },
    );
    expect((await verify()).body.ok).toBe(true); // restored
  });

  test('editing entry 1 (the seed) is detected at 1', async () => {
    await withTampering(
      1,
      () => AuditEntry.collection.updateOne({ seq: 1 }, { $set: { 'details.amountFen': 1 } }),
      async () => expect((await verify()).body).toMatchObject({ ok: false, firstBroken: 1 }),
    );
  });

  test('deleting an entry from the middle is detected at its number', async () => {
    await withTampering(
      3,
      () => AuditEntry.collection.deleteOne({ seq: 3 }),
      async () => expect((await verify()).body).toMatchObject({ ok: false, firstBroken: 3 }),
    );
  });

  test('deleting the newest entry is detected through the chain head', async () => {
    const last = (await AuditEntry.findOne().sort({ seq: -1 }).lean())!;
    await withTampering(
      last.seq,
      () => AuditEntry.collection.deleteOne({ seq: last.seq }),
      async () => expect((await verify()).body).toMatchObject({ ok: false, firstBroken: last.seq }),
    );
  });

  test('re-hashing an edited entry does not help: the next entry’s link breaks', async () => {
    const e = (await AuditEntry.findOne({ seq: 2 }).lean())!;
    const forged = { ...e, actor: e.actor ?? null, target: e.target ?? null, action: 'forged' };
    await withTampering(
      2,
      () => AuditEntry.collection.updateOne({ seq: 2 }, { $set: { action: 'forged', hash: entryHash(forged) } }),
      async () => expect((await verify()).body).toMatchObject({ ok: false, firstBroken: 3 }),
    );
  });
});

describe('the audit:verify CLI', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'woodpecker-audit-cli-'));
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Asynchronous on purpose: the test database engine runs in this process and must keep serving.
  function runCli(dbName: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { ...process.env, MONGODB_URI: t.db.uri, MONGODB_DB: dbName, WOODPECKER_DEMO: 'true', WOODPECKER_DATA_DIR: dataDir, NODE_ENV: 'test' };
    return new Promise((resolve) => {
      execFile('npx', ['tsx', 'server/scripts/auditVerify.ts'], { cwd: path.resolve(__dirname, '../..'), env, timeout: 60_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
      });
    });
  }

  /** A second database holding a copy of the chain, so an intact and a tampered chain can be checked side by side. */
  async function copyOfChain(): Promise<string> {
    const name = `${mongoose.connection.name}_copy`;
    const copy = mongoose.connection.useDb(name);
    for (const coll of ['audit_log', 'audit_head']) {
      const docs = await mongoose.connection.collection(coll).find().toArray();
      await copy.collection(coll).deleteMany({});
      await copy.collection(coll).insertMany(docs);
    }
    return name;
  }

  test('exits 0 when the chain is intact, and 1 naming entry 2 when it was edited', async () => {
    const n = await AuditEntry.countDocuments();
    const tampered = await copyOfChain();
    await mongoose.connection.useDb(tampered).collection('audit_log').updateOne({ seq: 2 }, { $set: { action: 'forged' } });

    const [intact, broken] = await Promise.all([runCli(mongoose.connection.name), runCli(tampered)]);

    expect({ code: intact.code, stderr: intact.stderr }).toEqual({ code: 0, stderr: '' });
    expect(intact.stdout).toContain(`${n} entries`);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/\bentry 2\b/);
  }, 60_000);
});

describe('concurrent appends', () => {
  test('20 concurrent staff updates all succeed and leave a gapless, verifiable chain', async () => {
    const ids = await Promise.all(Array.from({ length: 4 }, (_, i) => createAccount({ username: `busy-${i}`, role: 'intake' }).then((a) => a.id)));
    const before = await AuditEntry.countDocuments();

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => as(request(t.app).patch(`/api/v1/staff/${ids[i % 4]}`), admin).send({ displayName: `Busy ${i}` })));

    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const seqs = (await AuditEntry.find().sort({ seq: 1 }).select({ seq: 1 }).lean()).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: before + 20 }, (_, i) => i + 1));
    expect(await AuditHead.findById('head').lean()).toMatchObject({ seq: before + 20 });
    expect((await verify()).body).toEqual({ ok: true, checked: before + 20 });
  });
});
