// The tamper-evident audit log: a chain keyed with a secret the database does not
// hold, sealed off the hot path, with signed checkpoints kept outside the
// database. Any edit or deletion in storage is named by its sequence number (over
// HTTP and by the CLI), rewriting without the key or truncating the newest
// entries is found, and concurrent appends share no document and leave no gaps.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { auditKeys } from '../../server/audit/auditKeys';
import { appendAudit, entryMac, linkMac } from '../../server/audit/auditLog';
import {
  lastCheckpoint,
  mailCheckpointToAuditors,
  parseCheckpoint,
  publishCheckpoint,
  signCheckpoint,
} from '../../server/audit/checkpoints';
import { unkeyedHash } from '../../server/audit/legacyChain';
import { sealAuditEntries } from '../../server/audit/sealer';
import { sealAndVerify } from '../../server/audit/verifyChain';
import { inTransaction } from '../../server/platform/db';
import { defaultDeliveryPolicy, deliverOutbox } from '../../server/platform/emails/outbox';
import { createTransport } from '../../server/platform/emails/transport';
import { AuditEntry, AuditHead } from '../../server/audit/auditEntry.model';
import { OutboxEmail } from '../../server/platform/emails/outboxEmail.model';
import { startTestApp, type TestApp } from '../support/server';
import { queuedMails } from '../support/outbox';
import { as, createAccount, signIn, type StaffSession } from '../support/staff';

let t: TestApp;
let admin: StaffSession;

beforeAll(async () => {
  t = await startTestApp();
  admin = await signIn(t.app, 'admin', t.demoPassword);
  // A few real actions, so the chain has entries of several kinds.
  const created = await as(request(t.app).post('/api/v1/staff'), admin).send({
    username: 'audited',
    displayName: 'Audited',
    role: 'intake',
    unitCode: 'city-emb',
  });
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
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual([
      'staff.password_reset',
      'staff.update',
      'staff.create',
    ]);
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
    await sealAuditEntries();
    const last = (await AuditEntry.findOne().sort({ seq: -1 }).lean())!.seq!;
    await withTampering(
      last,
      () => AuditEntry.collection.deleteOne({ seq: last }),
      async () => expect((await verify()).body).toMatchObject({ ok: false, firstBroken: last }),
    );
  });

  test('rewriting entries and their hashes without the key is detected', async () => {
    // The attack on an unkeyed chain: edit entry 2, recompute every MAC and link after it and the head, with a key of one's own.
    const originals = await AuditEntry.collection
      .find({ seq: { $gte: 1 } })
      .sort({ seq: 1 })
      .toArray();
    const originalHead = await AuditHead.collection.findOne({ _id: 'head' as never });
    const forgerKey = crypto.randomBytes(32);
    let link = originals[0].link as string;
    for (const e of originals.slice(1)) {
      const content = {
        _id: e._id as unknown as Types.ObjectId,
        keyVersion: e.keyVersion,
        at: e.at,
        actor: e.actor,
        action: e.seq === 2 ? 'forged' : e.action,
        target: e.target,
        details: e.details,
      };
      const mac = entryMac(content, forgerKey);
      link = linkMac(e.seq, mac, link, forgerKey);
      await AuditEntry.collection.updateOne({ _id: e._id }, { $set: { action: content.action, mac, link } });
    }
    await AuditHead.collection.updateOne({ _id: 'head' as never }, { $set: { link } });
    try {
      expect(originals.length).toBeGreaterThanOrEqual(5);
      expect((await verify()).body).toMatchObject({ ok: false, firstBroken: 2 });
    } finally {
      for (const e of originals) await AuditEntry.collection.replaceOne({ _id: e._id }, e);
      await AuditHead.collection.replaceOne({ _id: 'head' as never }, originalHead!);
    }
    expect((await verify()).body.ok).toBe(true);
  });

  test('deleting the newest entries is detected by the last checkpoint', async () => {
    const checkpoint = await publishCheckpoint(t.config.AUDIT_CHECKPOINT_FILE, new Date());
    const newest = await AuditEntry.collection.find({ seq: { $gt: checkpoint.seq - 2 } }).toArray();
    const originalHead = await AuditHead.collection.findOne({ _id: 'head' as never });
    const kept = (await AuditEntry.findOne({ seq: checkpoint.seq - 2 }).lean())!;
    // Delete the two newest and rewind the head to the entry before them: the chain alone still holds.
    await AuditEntry.collection.deleteMany({ seq: { $gt: checkpoint.seq - 2 } });
    await AuditHead.collection.updateOne({ _id: 'head' as never }, { $set: { seq: kept.seq, link: kept.link } });
    try {
      const res = await verify();
      expect(res.body).toMatchObject({ ok: false, checked: checkpoint.seq - 2, firstBroken: checkpoint.seq - 1 });
      expect(res.body.reason).toMatch(/checkpoint/);
      // The checkpoint job must not bless the shortened chain a minute later: it refuses, and the finding stays.
      await expect(publishCheckpoint(t.config.AUDIT_CHECKPOINT_FILE, new Date())).rejects.toThrow(/no longer extends/);
      expect((await verify()).body).toMatchObject({ ok: false, firstBroken: checkpoint.seq - 1 });
    } finally {
      await AuditEntry.collection.insertMany(newest);
      await AuditHead.collection.replaceOne({ _id: 'head' as never }, originalHead!);
    }
    expect((await verify()).body.ok).toBe(true);
  });

  test('a shortened checkpoint appended to the file is reported, even when the chain matches it', async () => {
    const file = path.join(os.tmpdir(), `wp-checkpoints-${process.pid}-${Date.now()}.log`);
    try {
      const full = await publishCheckpoint(file, new Date());
      const earlier = (await AuditEntry.findOne({ seq: full.seq - 1 }).lean())!;
      fs.appendFileSync(
        file,
        `${JSON.stringify(signCheckpoint({ seq: earlier.seq!, link: earlier.link! }, new Date()))}\n`,
      );
      const report = await sealAndVerify(file);
      expect(report.ok).toBe(false);
      expect(report.reason).toMatch(/shortened/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  test('an unkeyed head forged over a keyed chain is never adopted', async () => {
    const originalHead = await AuditHead.collection.findOne({ _id: 'head' as never });
    // What an upgrade from the unkeyed chain would look like: a head with a hash and no link.
    await AuditHead.collection.updateOne(
      { _id: 'head' as never },
      { $set: { hash: 'f'.repeat(64) }, $unset: { link: '' } },
    );
    try {
      await expect(sealAuditEntries()).rejects.toThrow(/already keyed/);
      expect((await verify()).body.ok).toBe(false);
    } finally {
      await AuditHead.collection.replaceOne({ _id: 'head' as never }, originalHead!);
    }
    expect((await verify()).body.ok).toBe(true);
  });

  test('an entry edited before it was sealed is detected once sealed', async () => {
    const id = await inTransaction((session) =>
      appendAudit({ actor: null, action: 'test.pending', details: { n: 1 } }, session),
    );
    await AuditEntry.collection.updateOne({ _id: new Types.ObjectId(id) }, { $set: { 'details.n': 2 } });
    const res = await verify();
    const sealed = (await AuditEntry.findById(id).lean())!;
    expect(sealed.seq).toBeGreaterThan(0);
    expect(res.body).toMatchObject({ ok: false, firstBroken: sealed.seq });
    await AuditEntry.collection.updateOne({ _id: new Types.ObjectId(id) }, { $set: { 'details.n': 1 } });
    expect((await verify()).body.ok).toBe(true);
  });

  test('a forged entry naming an unknown key does not stall the sealer, and is reported', async () => {
    await sealAuditEntries();
    const before = await AuditEntry.countDocuments();
    const head = await AuditHead.collection.findOne({ _id: 'head' as never });
    const forged = {
      _id: new Types.ObjectId(),
      keyVersion: 999,
      at: new Date(),
      actor: null,
      action: 'forged',
      target: null,
      details: {},
      mac: 'f'.repeat(64),
      pending: true,
    };
    await AuditEntry.collection.insertOne(forged);
    await inTransaction((session) => appendAudit({ actor: null, action: 'test.after-forgery' }, session));
    try {
      expect((await sealAuditEntries()).head.seq).toBe(before + 2);
      expect((await verify()).body).toMatchObject({ ok: false, firstBroken: before + 1 });
    } finally {
      await AuditEntry.collection.deleteMany({ seq: { $gt: before } });
      await AuditHead.collection.replaceOne({ _id: 'head' as never }, head!);
    }
    expect((await verify()).body.ok).toBe(true);
  });
});

describe('checkpoints', () => {
  test('the checkpoint file is readable by its owner only, one signed line per head', async () => {
    const file = t.config.AUDIT_CHECKPOINT_FILE;
    const first = await publishCheckpoint(file, new Date());
    const again = await publishCheckpoint(file, new Date());
    expect(again).toEqual(first); // nothing new: no new line
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(lastCheckpoint(file)).toEqual(first);
    expect(first.seq).toBe(await AuditEntry.countDocuments());
  });

  test("a checkpoint's signature verifies with the public key alone", async () => {
    const checkpoint = await publishCheckpoint(t.config.AUDIT_CHECKPOINT_FILE, new Date());
    // What an auditor does, with node's crypto and the published key only: no server module, no secret.
    const publicKey = crypto.createPublicKey({
      key: Buffer.from(auditKeys().publicKeyText, 'base64'),
      format: 'der',
      type: 'spki',
    });
    const signed = (c: { seq: number; link: string; at: string }) =>
      Buffer.from(`woodpecker-audit-checkpoint:v1:${c.seq}:${c.link}:${c.at}`);
    const sig = Buffer.from(checkpoint.sig, 'base64');

    expect(crypto.verify(null, signed(checkpoint), publicKey, sig)).toBe(true);
    expect(crypto.verify(null, signed({ ...checkpoint, seq: checkpoint.seq - 1 }), publicKey, sig)).toBe(false);
    // Another server's key (another secret) does not verify it either.
    const otherKey = crypto.createPublicKey(crypto.generateKeyPairSync('ed25519').privateKey);
    expect(crypto.verify(null, signed(checkpoint), otherKey, sig)).toBe(false);
  });

  test('a forged checkpoint (signed with another key) is refused by verification', async () => {
    const real = await publishCheckpoint(t.config.AUDIT_CHECKPOINT_FILE, new Date());
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    const body = { seq: real.seq, link: real.link, at: new Date().toISOString() };
    const sig = crypto
      .sign(null, Buffer.from(`woodpecker-audit-checkpoint:v1:${body.seq}:${body.link}:${body.at}`), privateKey)
      .toString('base64');
    const forged = {
      v: 1,
      ...body,
      publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      sig,
    };
    fs.appendFileSync(t.config.AUDIT_CHECKPOINT_FILE, `${JSON.stringify(forged)}\n`);
    try {
      expect((await verify()).body).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/not signed by this server/),
      });
    } finally {
      await publishCheckpoint(t.config.AUDIT_CHECKPOINT_FILE, new Date()); // a genuine line after it
    }
    expect((await verify()).body.ok).toBe(true);
  });

  test('a garbled newest checkpoint is reported, not passed over', async () => {
    fs.appendFileSync(t.config.AUDIT_CHECKPOINT_FILE, '{"v":1,"seq":"many"}\n');
    try {
      expect((await verify()).body).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/checkpoint cannot be read/),
      });
    } finally {
      await publishCheckpoint(t.config.AUDIT_CHECKPOINT_FILE, new Date()); // a genuine line after it
    }
    expect((await verify()).body.ok).toBe(true);
  });

  test('the daily auditor email is queued with the checkpoint, once a day, and delivered over SMTP', async () => {
    await OutboxEmail.deleteMany({});
    const auditors = ['auditor-a@bureau.example', 'auditor-b@bureau.example'];
    const day = new Date('2030-03-01T08:00:00Z');

    expect(await mailCheckpointToAuditors(t.box, t.config.AUDIT_CHECKPOINT_FILE, auditors, day)).toBe(true);
    expect(
      await mailCheckpointToAuditors(t.box, t.config.AUDIT_CHECKPOINT_FILE, auditors, new Date('2030-03-01T23:00:00Z')),
    ).toBe(false);

    const queued = (await queuedMails(t.box)).sort((a, b) => a.to.localeCompare(b.to));
    expect(queued.map((m) => m.to)).toEqual(auditors);
    expect(queued.every((m) => m.kind === 'auditor-checkpoint')).toBe(true);
    for (const m of queued) {
      expect(m.subject).not.toMatch(/audit|审计|举报|tamper/i); // neutral for gateways and lock screens
      const line = m.text.split('\n').find((l) => l.startsWith('{'))!;
      expect(parseCheckpoint(line)).toEqual(lastCheckpoint(t.config.AUDIT_CHECKPOINT_FILE));
    }

    // Delivered through a real SMTP server on loopback.
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks).toString('utf8'));
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const transport = createTransport({
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}/?ignoreTLS=true`,
      WOODPECKER_DATA_DIR: 'unused',
    });
    try {
      expect(
        await deliverOutbox(
          transport,
          t.box,
          defaultDeliveryPolicy('Woodpecker <no-reply@woodpecker.invalid>'),
          new Date('2030-03-01T23:00:00Z'),
        ),
      ).toEqual({ sent: 2, failed: 0 });
    } finally {
      transport.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
    expect(received).toHaveLength(2);

    // The next day brings the next one; no auditors configured, none.
    expect(
      await mailCheckpointToAuditors(t.box, t.config.AUDIT_CHECKPOINT_FILE, auditors, new Date('2030-03-02T00:30:00Z')),
    ).toBe(true);
    expect(await OutboxEmail.countDocuments()).toBe(4);
    expect(
      await mailCheckpointToAuditors(t.box, t.config.AUDIT_CHECKPOINT_FILE, [], new Date('2030-03-03T00:30:00Z')),
    ).toBe(false);
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
  function runCli(dbName: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = {
      ...process.env,
      MONGODB_URI: t.db.uri,
      MONGODB_DB: dbName,
      WOODPECKER_DEMO: 'true',
      WOODPECKER_DATA_DIR: dataDir,
      WOODPECKER_SECRET_KEY: t.secretKey,
      NODE_ENV: 'test',
    };
    return new Promise((resolve) => {
      execFile(
        'npx',
        ['tsx', 'server/scripts/auditVerify.ts', ...args],
        { cwd: path.resolve(__dirname, '../..'), env, timeout: 60_000 },
        (err, stdout, stderr) => {
          resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
        },
      );
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
    await mongoose.connection
      .useDb(tampered)
      .collection('audit_log')
      .updateOne({ seq: 2 }, { $set: { action: 'forged' } });

    const [intact, broken] = await Promise.all([runCli(mongoose.connection.name), runCli(tampered)]);

    expect({ code: intact.code, stderr: intact.stderr }).toEqual({ code: 0, stderr: '' });
    expect(intact.stdout).toContain(`${n} entries`);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/\bentry 2\b/);
  }, 60_000);

  test('given an auditor’s checkpoint file, it finds the newest entries deleted; --public-key prints the signing key', async () => {
    const checkpoint = await publishCheckpoint(t.config.AUDIT_CHECKPOINT_FILE, new Date());
    const kept = path.join(dataDir, 'from-the-daily-email.log');
    fs.writeFileSync(kept, `${JSON.stringify(checkpoint)}\n`);
    const truncated = await copyOfChain();
    const copy = mongoose.connection.useDb(truncated);
    const before = (await copy.collection('audit_log').findOne({ seq: checkpoint.seq - 1 }))!;
    await copy.collection('audit_log').deleteOne({ seq: checkpoint.seq });
    await copy
      .collection('audit_head')
      .updateOne({ _id: 'head' as never }, { $set: { seq: before.seq, link: before.link } });

    const [intact, broken, key] = await Promise.all([
      runCli(mongoose.connection.name, ['--checkpoint', kept]),
      runCli(truncated, ['--checkpoint', kept]),
      runCli('unused', ['--public-key']),
    ]);

    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('covering the checkpoint');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(new RegExp(`entry ${checkpoint.seq}\\b.*checkpoint`));
    expect(key.code).toBe(0);
    expect(key.stdout).toContain(auditKeys().publicKeyText);
  }, 60_000);
});

describe('concurrent appends', () => {
  test('20 concurrent staff updates all succeed and, once sealed, leave a gapless, verifiable chain', async () => {
    const ids = await Promise.all(
      Array.from({ length: 4 }, (_, i) => createAccount({ username: `busy-${i}`, role: 'intake' }).then((a) => a.id)),
    );
    const before = await AuditEntry.countDocuments();

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        as(request(t.app).patch(`/api/v1/staff/${ids[i % 4]}`), admin).send({ displayName: `Busy ${i}` }),
      ),
    );

    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect((await verify()).body).toEqual({ ok: true, checked: before + 20 });
    const seqs = (await AuditEntry.find().sort({ seq: 1 }).select({ seq: 1 }).lean()).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: before + 20 }, (_, i) => i + 1));
    expect(await AuditHead.findById('head').lean()).toMatchObject({ seq: before + 20 });
  });

  test('concurrent transactions do not share a head document', async () => {
    await sealAuditEntries();
    const head = await AuditHead.findById('head').lean();
    const before = await AuditEntry.countDocuments();
    let attempts = 0;

    // 40 transactions at once, each appending an entry: none conflicts with another, so none is retried.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        inTransaction(async (session) => {
          attempts++;
          await appendAudit({ actor: null, action: 'test.concurrent', details: { i } }, session);
        }),
      ),
    );

    expect(attempts).toBe(40);
    expect(await AuditHead.findById('head').lean()).toEqual(head); // appends never touched it
    expect(await AuditEntry.countDocuments({ pending: true })).toBe(40);
    expect(await sealAuditEntries()).toMatchObject({ sealed: 40, head: { seq: before + 40 } });
    const seqs = (await AuditEntry.find({ action: 'test.concurrent' }).sort({ seq: 1 }).lean()).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => before + i + 1));
    expect((await verify()).body).toEqual({ ok: true, checked: before + 40 });
  });

  test('an entry whose transaction commits after a newer one was sealed is sealed next, not skipped', async () => {
    await sealAuditEntries();
    const before = await AuditEntry.countDocuments();
    let appended!: () => void;
    let release!: () => void;
    const wasAppended = new Promise<void>((r) => (appended = r));
    const released = new Promise<void>((r) => (release = r));
    // The slow transaction takes the older id and the earlier time, and commits last.
    const slow = inTransaction(async (session) => {
      await appendAudit({ actor: null, action: 'test.slow' }, session, new Date(Date.now() - 1000));
      appended();
      await released;
    });
    await wasAppended;
    await inTransaction((session) => appendAudit({ actor: null, action: 'test.fast' }, session));
    expect((await sealAuditEntries()).sealed).toBe(1);
    release();
    await slow;
    expect((await sealAuditEntries()).sealed).toBe(1);

    const order = await AuditEntry.find({ action: /^test\.(slow|fast)$/ })
      .sort({ seq: 1 })
      .lean();
    expect(order.map((e) => [e.action, e.seq])).toEqual([
      ['test.fast', before + 1],
      ['test.slow', before + 2],
    ]);
    expect((await verify()).body).toEqual({ ok: true, checked: before + 2 });
  });
});

describe('an upgrade from the unkeyed chain', () => {
  // Last: it starts the log over, as a deployment upgraded from the old design.
  test('old entries are checked under the old rules and then keyed in place; a rewritten old chain is refused', async () => {
    await AuditEntry.collection.deleteMany({});
    await AuditHead.collection.deleteMany({});
    fs.rmSync(t.config.AUDIT_CHECKPOINT_FILE, { force: true });
    let prevHash = '0'.repeat(64);
    const docs = [];
    for (let seq = 1; seq <= 3; seq++) {
      const e = {
        seq,
        at: new Date(Date.UTC(2026, 0, seq)),
        actor: { id: 'a1', username: 'admin', role: 'admin' },
        action: `legacy.${seq}`,
        target: { type: 'fund', id: 'main' },
        details: { n: seq },
        prevHash,
      };
      const hash = unkeyedHash(e);
      docs.push({ ...e, hash });
      prevHash = hash;
    }
    await AuditEntry.collection.insertMany(docs);
    await AuditHead.collection.insertOne({ _id: 'head' as never, seq: 3, hash: prevHash });
    await inTransaction((session) => appendAudit({ actor: null, action: 'test.after-upgrade' }, session));

    await AuditEntry.collection.updateOne({ seq: 2 }, { $set: { action: 'rewritten' } });
    expect((await verify()).body).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/unkeyed audit chain is broken at entry 2/),
    });
    expect(await AuditEntry.collection.countDocuments({ mac: { $exists: true } })).toBe(1); // only the new entry: nothing adopted

    await AuditEntry.collection.updateOne({ seq: 2 }, { $set: { action: 'legacy.2' } });
    expect((await verify()).body).toEqual({ ok: true, checked: 4 });
    expect(await AuditEntry.collection.countDocuments({ hash: { $exists: true } })).toBe(0);
    expect((await AuditEntry.findOne({ seq: 4 }).lean())?.action).toBe('test.after-upgrade');
  });
});
