// The insider with the database, the logs and the mail spool. After real
// submissions (anonymous and real-name, with and without an Idempotency-Key,
// with a photo carrying a camera serial and GPS), a follow-up, a case worked to a
// paid reward with a claim, an audited identity reveal and mail delivered over
// SMTP, nothing they can read names the reporter, opens a report or recognises a
// request: every collection, every GridFS and disk evidence byte, the log output
// and the outbox are searched for each secret in every form it could be stored in.
import { shanghaiDay } from '../../shared/dates';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import sharp from 'sharp';
import { createApp } from '../../server/app';
import { defaultDeliveryPolicy, deliverOutbox } from '../../server/platform/emails/outbox';
import { createTransport } from '../../server/platform/emails/transport';
import { createLogger } from '../../server/platform/logger';
import { caseDriver, substantiatedFindings, type Cases } from '../support/cases';
import { Inbox } from '../support/inbox';
import { intakeEnv, nextClientIp, submit } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, signIn } from '../support/staff';

const witness = { name: '赵见证', phone: '13912345678', email: 'zhao.witness.5521@example.cn' };
const second = { name: '钱证人', phone: '13787654321' };
const claim = {
  name: '赵见证',
  idNumber: '11010519491231002X',
  phone: '13912345678',
  bankName: '中国农业银行安阳分行',
  bankAccount: '6228 4800 1234 5678 901',
};
const cameraSerial = 'SN-CAMERA-99172';
const clientAddresses: string[] = [];
const idempotencyKeys: string[] = [];
const accessKeys: string[] = [];
const rawParts: string[] = [];
const logLines: string[] = [];

let t: TestApp;
let app: Express;
let c: Cases;
let inbox: Inbox;

/** A photo from a phone: camera serial, owner and a full GPS position in its EXIF. */
const phonePhoto = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 90, g: 30, b: 160 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'AcmePhone', Model: 'X9', Artist: witness.name },
      IFD2: { BodySerialNumber: cameraSerial },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 21/1 0/1' },
    })
    .toBuffer();

/** A public submission as the browser sends it, keeping every secret it carries. */
async function report(body: Record<string, unknown>, withKey: boolean, photo?: Buffer) {
  const raw = JSON.stringify(body);
  rawParts.push(raw);
  const address = nextClientIp();
  clientAddresses.push(address);
  const key = withKey ? `r-${crypto.randomBytes(16).toString('hex')}` : undefined;
  if (key) idempotencyKeys.push(key);
  let req = request(app).post('/api/v1/reports').set('X-Forwarded-For', address).field('report', raw);
  if (key) req = req.set('Idempotency-Key', key);
  if (photo) req = req.attach('evidence', photo, { filename: `IMG_${cameraSerial}.jpg`, contentType: 'image/jpeg' });
  const res = await req;
  expect(res.status).toBe(201);
  accessKeys.push(res.body.accessKey);
  return res.body as { reference: string; accessKey: string };
}

beforeAll(async () => {
  inbox = new Inbox();
  await inbox.start();
  t = await startTestApp(intakeEnv);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  // Everything the app logs at its most talkative level.
  app = createApp({ config: t.config, logger: createLogger('debug', false, sink), box: t.box, store: t.store });
  t.app = app;
  c = await caseDriver(t);

  const base = {
    category: 'fire-exits-blocked',
    area: '410503',
    description: '商场的安全出口被货架堵死，夜里有人在里面违规动火。',
  };
  const realName = await report(
    { ...base, anonymous: false, reporter: witness, shareLocation: false },
    true,
    await phonePhoto(),
  );
  await report({ ...base, description: `${base.description}（匿名）`, anonymous: true }, true, await phonePhoto());
  await report(
    { ...base, description: `${base.description}（实名，无重试键）`, anonymous: false, reporter: second },
    false,
  );
  await report(
    { ...base, description: `${base.description}（匿名，无重试键）`, anonymous: true },
    false,
    await phonePhoto(),
  );

  // The reporter follows up; staff work the case to a paid reward; the reporter claims it.
  const token = await c.followupToken(realName);
  expect(
    (await c.reporter(request(app).post('/api/v1/followup/messages'), token).send({ body: '补充：北门也锁了。' }))
      .status,
  ).toBe(204);
  const ref = realName.reference;
  await c.ok(ref, 'start-screening', {}, c.staff.intake);
  await c.ok(ref, 'accept', { unitCode: 'city-fire', verifierId: c.staff.verifier.user.id }, c.staff.intake);
  await c.ok(ref, 'start-verification', {}, c.staff.verifier);
  await c.ok(ref, 'submit-findings', substantiatedFindings(), c.staff.verifier);
  await c.ok(ref, 'approve-findings', {}, c.staff.reviewer);
  // Revealing takes a request and a protection officer's approval.
  await c.ok(
    ref,
    'request-identity-reveal',
    { reason: '核实需要联系举报人 / verification needs the reporter' },
    c.staff.reviewer,
  );
  await c.ok(ref, 'approve-identity-reveal', {}, await signIn(app, 'protection', t.demoPassword));
  const revealed = await as(
    request(app).post(`/api/v1/reports/${ref}/identity`).set('X-Forwarded-For', nextClientIp()),
    c.staff.reviewer,
  ).send({});
  expect(revealed.status).toBe(200);
  expect(JSON.stringify(revealed.body)).toContain(witness.phone); // the reveal works, and is the only way in
  await c.ok(ref, 'propose-reward', {}, c.staff.verifier);
  await c.ok(ref, 'confirm-reward', {}, c.staff.reviewer);
  await c.ok(ref, 'approve-reward', {}, c.staff.finance, { 'Idempotency-Key': `insider-approve-${Date.now()}` });
  const claimToken = await c.followupToken(realName);
  expect((await c.reporter(request(app).post('/api/v1/followup/claim'), claimToken).send(claim)).status).toBe(200);
  expect((await c.get(`/api/v1/reports/${ref}/claim`, c.cashier)).status).toBe(200);
  await c.ok(
    ref,
    'record-payout',
    { voucherNo: 'PZ-2026-0099', paidOn: shanghaiDay(), claimantChecked: true },
    c.cashier,
    { 'Idempotency-Key': `insider-payout-${Date.now()}` },
  );

  // Every queued mail is delivered over SMTP: the outbox is the system's mail spool.
  const transport = createTransport({
    MAIL_TRANSPORT: 'smtp',
    SMTP_URL: inbox.smtpUrl,
    WOODPECKER_DATA_DIR: 'data/test',
  });
  let delivered;
  do
    delivered = await deliverOutbox(
      transport,
      t.box,
      defaultDeliveryPolicy('啄木鸟 <no-reply@woodpecker.test>'),
      new Date(Date.now() + 60_000),
    );
  while (delivered.sent > 0);
  expect(inbox.received.some((m) => m.to.includes(witness.email))).toBe(true);
});
afterAll(async () => {
  await t?.stop();
  await inbox?.stop();
});

/** Every document of every collection, GridFS chunks included, as one text. */
async function everythingInTheDatabase(): Promise<string> {
  const db = mongoose.connection.db!;
  const parts: string[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    const docs = await db.collection(name).find().toArray();
    parts.push(name, JSON.stringify(docs));
    // Binary fields (GridFS chunks) also as latin1 text, so a tag inside a stored file is found.
    for (const d of docs)
      for (const v of Object.values(d))
        if (v instanceof mongoose.mongo.Binary) parts.push(Buffer.from(v.buffer).toString('latin1'));
  }
  return parts.join('\n');
}

/** Every evidence file on disk, as latin1 text. */
function everythingOnDisk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const p = path.join(dir, entry.name);
    return entry.isDirectory() ? everythingOnDisk(p) : [fs.readFileSync(p).toString('latin1')];
  });
}

/** A value in the forms a careless store would keep it: as is, and its unkeyed SHA-256 in hex and base64. */
function forms(value: string): string[] {
  const digest = crypto.createHash('sha256').update(value).digest();
  return [value, digest.toString('hex'), digest.toString('base64'), digest.toString('base64url')];
}

function secrets(): Record<string, string[]> {
  const people = [
    witness.name,
    witness.phone,
    witness.email,
    second.name,
    second.phone,
    claim.idNumber,
    claim.bankAccount,
    claim.bankAccount.replace(/\s/g, ''),
  ];
  return {
    idempotencyKeys: idempotencyKeys.flatMap(forms),
    accessKeys: accessKeys.flatMap((k) => [...forms(k), ...forms(k.replace(/-/g, ''))]),
    identity: people.flatMap(forms),
    rawReportParts: rawParts.flatMap(forms).filter((f) => f.length === 64 || f.length >= 43), // the hashes; the raw text holds the description
    addresses: clientAddresses.flatMap((a) => [...forms(a), t.box.mac(a, 'rate-limit')]),
    camera: [cameraSerial],
  };
}

function found(haystack: string): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(secrets()).map(([kind, values]) => [kind, values.filter((v) => haystack.includes(v))]),
  );
}

const nothing = { idempotencyKeys: [], accessKeys: [], identity: [], rawReportParts: [], addresses: [], camera: [] };

test('the secrets searched for are real: the reporter gave them, and the scan reads every collection', async () => {
  expect(idempotencyKeys).toHaveLength(2);
  expect(accessKeys).toHaveLength(4);
  const stored = await everythingInTheDatabase();
  for (const collection of ['reports', 'audit_log', 'outbox_emails', 'fund_ledger', 'followup_sessions'])
    expect(stored).toContain(collection);
});

test('the database holds no identity, key, request fingerprint, client address or camera serial', async () => {
  expect(found(await everythingInTheDatabase())).toEqual(nothing);
});

test('the stored evidence files hold no camera serial, owner or position', async () => {
  const sent = (await phonePhoto()).toString('latin1');
  expect(sent).toContain(cameraSerial); // what the phone wrote is really in what was sent
  expect(sent).toContain('AcmePhone');
  const files = everythingOnDisk(t.uploadDir).filter((f) => f.startsWith('\xff\xd8'));
  expect(files).toHaveLength(3);
  const all = files.join('\n');
  expect(found(all)).toEqual(nothing);
  expect(all).not.toContain('AcmePhone');
  expect(all).not.toContain('GPS');
});

test('the log output names no reporter, key or address', () => {
  const logs = logLines.join('');
  expect(logs).toContain('/api/v1/reports'); // requests were logged, at debug level
  expect(found(logs)).toEqual(nothing);
});

test('after delivery the outbox keeps no recipient, and the reporter mail says nothing about reporting', async () => {
  const spool = JSON.stringify(await mongoose.connection.db!.collection('outbox_emails').find().toArray());
  expect(spool).not.toContain('@example.cn');
  expect(found(spool)).toEqual(nothing);
  const toReporter = inbox.received.filter((m) => m.to.includes(witness.email));
  for (const mail of toReporter) {
    expect(mail.raw).not.toMatch(/WP-[0-9A-Z]{4}-[0-9A-Z]{4}/); // no reference
    expect(mail.raw).not.toMatch(/举报|report/i);
  }
});

test('replaying a stored idempotency value opens no receipt', async () => {
  const stored = await mongoose.connection
    .db!.collection('reports')
    .find({ 'retry.keyHash': { $exists: true } })
    .toArray();
  expect(stored.length).toBeGreaterThan(0);
  for (const doc of stored) {
    const replay = await submit(app, JSON.parse(rawParts[0]), [], {
      'Idempotency-Key': String(doc.retry.keyHash)
        .replace(/[^\w-]/g, '')
        .slice(0, 100),
    });
    expect(replay.status).toBe(201);
    expect(replay.body.reference).not.toBe(doc.reference); // a new report of the insider's own, not the victim's receipt
    expect(accessKeys).not.toContain(replay.body.accessKey);
  }
});
