// The email outbox against a real SMTP server on loopback: messages are delivered
// exactly once, survive the mail server being down (retried with backoff), and a
// message left claimed by a crashed sender is picked up again. Recipients are
// sealed while queued and gone, with the content, once a message is done.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { trusted } from 'mongoose';
import type { Transporter } from 'nodemailer';
import { SecretBox } from '../../server/platform/secretBox';
import { inTransaction } from '../../server/platform/db';
import { sealLegacyOutbox } from '../../server/platform/emails/legacyOutbox';
import {
  defaultDeliveryPolicy,
  deliverOutbox,
  enqueueEmail,
  type DeliveryPolicy,
} from '../../server/platform/emails/outbox';
import { createTransport } from '../../server/platform/emails/transport';
import { OutboxEmail } from '../../server/platform/emails/outboxEmail.model';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { Inbox, type Received } from '../support/inbox';

let db: TestDatabase;
const policy: DeliveryPolicy = {
  ...defaultDeliveryPolicy('Woodpecker <no-reply@woodpecker.invalid>'),
  backoffMs: 30_000,
};
const box = new SecretBox(crypto.randomBytes(32));
let inbox: Inbox;
let transport: Transporter;

beforeAll(async () => {
  db = await startTestDatabase();
  await mongoose.connect(db.uri, { dbName: db.dbName('outbox') });
  await mongoose.connection.syncIndexes();
});
afterAll(async () => {
  await mongoose.disconnect();
  await db?.stop();
});
beforeEach(async () => {
  await OutboxEmail.deleteMany({});
  inbox = new Inbox();
  await inbox.start();
  transport = createTransport({ MAIL_TRANSPORT: 'smtp', SMTP_URL: inbox.smtpUrl, WOODPECKER_DATA_DIR: 'unused' });
});
afterEach(async () => {
  transport.close();
  await inbox.stop();
});

const mail = (i: number) => ({
  kind: 'staff-deadline' as const,
  to: `person${i}@example.org`,
  subject: `Notice ${i}`,
  text: `Your reference is ready (${i}).`,
});
/** Every stored outbox document as text, to look for what must not be there. */
const storedText = async () =>
  JSON.stringify(await mongoose.connection.db!.collection('outbox_emails').find().toArray());
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const ids = (received: Received[]) => received.map((r) => r.messageId).sort();

test('three queued emails are delivered once each and marked sent', async () => {
  const t0 = new Date();
  for (let i = 1; i <= 3; i++) await enqueueEmail(box, mail(i), undefined, t0);

  expect(await deliverOutbox(transport, box, policy, t0)).toEqual({ sent: 3, failed: 0 });

  const stored = await OutboxEmail.find().lean();
  expect(stored.map((m) => [m.kind, m.status, m.attempts])).toEqual(Array(3).fill(['staff-deadline', 'sent', 1]));
  expect(stored.every((m) => m.sentAt?.getTime() === t0.getTime() && m.claimedUntil === undefined)).toBe(true);
  expect(inbox.received).toHaveLength(3);
  expect(ids(inbox.received)).toEqual(stored.map((m) => m.messageId).sort());
  expect(
    inbox.received
      .map((r) => r.to)
      .flat()
      .sort(),
  ).toEqual(['person1@example.org', 'person2@example.org', 'person3@example.org']);
  expect(inbox.received[0].raw).toMatch(/^Subject: Notice \d/m);

  // A second run finds nothing to do.
  expect(await deliverOutbox(transport, box, policy, at(t0, 60_000))).toEqual({ sent: 0, failed: 0 });
  expect(inbox.received).toHaveLength(3);
});

test('SMTP down: messages stay pending with backoff, and are delivered once it is back (none twice)', async () => {
  const t0 = new Date();
  for (let i = 1; i <= 3; i++) await enqueueEmail(box, mail(i), undefined, t0);
  expect(await deliverOutbox(transport, box, policy, t0)).toEqual({ sent: 3, failed: 0 });
  const firstInbox = inbox;
  const port = inbox.port;
  await inbox.stop();

  const t1 = at(t0, 1000);
  await enqueueEmail(box, mail(4), undefined, t1);
  await enqueueEmail(box, mail(5), undefined, t1);
  // A run stops at the first failure (the server is likely down); the next run tries the other one.
  expect(await deliverOutbox(transport, box, policy, t1)).toEqual({ sent: 0, failed: 1 });
  expect(await deliverOutbox(transport, box, policy, t1)).toEqual({ sent: 0, failed: 1 });

  const waiting = await OutboxEmail.find({ status: trusted({ $ne: 'sent' }) }).lean();
  expect(waiting).toHaveLength(2);
  for (const m of waiting) {
    expect(m).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
    });
    expect(m.nextAttemptAt.getTime()).toBe(t1.getTime() + policy.backoffMs);
    expect(m.claimedUntil).toBeUndefined();
  }

  // Before the backoff has passed nothing is attempted, even with the server back.
  inbox = new Inbox();
  await inbox.start(port);
  expect(await deliverOutbox(transport, box, policy, at(t1, policy.backoffMs - 1))).toEqual({ sent: 0, failed: 0 });
  expect(inbox.received).toHaveLength(0);
  expect(await OutboxEmail.countDocuments({ status: 'pending', attempts: 1 })).toBe(2);

  expect(await deliverOutbox(transport, box, policy, at(t1, policy.backoffMs + 1))).toEqual({ sent: 2, failed: 0 });

  expect(
    inbox.received
      .map((r) => r.to)
      .flat()
      .sort(),
  ).toEqual(['person4@example.org', 'person5@example.org']);
  const all = [...firstInbox.received, ...inbox.received];
  expect(all).toHaveLength(5);
  const stored = await OutboxEmail.find().lean();
  expect(stored.every((m) => m.status === 'sent')).toBe(true);
  expect(ids(all)).toEqual(stored.map((m) => m.messageId).sort()); // each message id exactly once
  expect(new Set(ids(all)).size).toBe(5);
  expect(await OutboxEmail.countDocuments({ attempts: 2, lastError: trusted({ $exists: false }) })).toBe(2);
});

test('a message claimed by a sender that crashed is picked up once the claim lapses, not before', async () => {
  const t0 = new Date();
  await enqueueEmail(box, mail(1), undefined, t0);
  await OutboxEmail.updateOne({}, { $set: { status: 'sending', claimedUntil: at(t0, 60_000) } });

  expect(await deliverOutbox(transport, box, policy, at(t0, 1000))).toEqual({ sent: 0, failed: 0 }); // claim still live
  expect(inbox.received).toHaveLength(0);

  expect(await deliverOutbox(transport, box, policy, at(t0, 60_001))).toEqual({ sent: 1, failed: 0 });
  expect(inbox.received).toHaveLength(1);
  expect(await OutboxEmail.findOne().lean()).toMatchObject({ status: 'sent', attempts: 1 });
});

test('after maxAttempts failures a message is marked failed and never tried again', async () => {
  const t0 = new Date();
  await enqueueEmail(box, mail(1), undefined, t0);
  await inbox.stop();
  const strict = { ...policy, maxAttempts: 2 };

  expect(await deliverOutbox(transport, box, strict, t0)).toEqual({ sent: 0, failed: 1 });
  expect(await deliverOutbox(transport, box, strict, at(t0, strict.backoffMs))).toEqual({ sent: 0, failed: 1 });

  expect(await OutboxEmail.findOne().lean()).toMatchObject({ status: 'failed', attempts: 2 });
  expect(await deliverOutbox(transport, box, strict, at(t0, 24 * 3_600_000))).toEqual({ sent: 0, failed: 0 });
});

test('an email queued in a transaction that aborts is never sent', async () => {
  await expect(
    inTransaction(async (session) => {
      await enqueueEmail(box, mail(1), session);
      throw new Error('the action failed');
    }),
  ).rejects.toThrow('the action failed');

  expect(await OutboxEmail.countDocuments()).toBe(0);
  expect(await deliverOutbox(transport, box, policy, new Date())).toEqual({ sent: 0, failed: 0 });
  expect(inbox.received).toHaveLength(0);
});

test('two senders running at once (two app instances) deliver each message exactly once', async () => {
  const t0 = new Date();
  for (let i = 1; i <= 6; i++) await enqueueEmail(box, mail(i), undefined, t0);
  const second = createTransport({ MAIL_TRANSPORT: 'smtp', SMTP_URL: inbox.smtpUrl, WOODPECKER_DATA_DIR: 'unused' });

  const [a, b] = await Promise.all([deliverOutbox(transport, box, policy, t0), deliverOutbox(second, box, policy, t0)]);
  second.close();

  expect(a.sent + b.sent).toBe(6);
  expect(inbox.received).toHaveLength(6);
  expect(new Set(ids(inbox.received)).size).toBe(6);
  expect(await OutboxEmail.countDocuments({ status: 'sent', attempts: 1 })).toBe(6);
});

test('a queued message keeps its recipient sealed: the address appears nowhere in the collection', async () => {
  await enqueueEmail(box, mail(1));
  await enqueueEmail(box, mail(1)); // the same person twice: two different sealed values, nothing to match up

  const queued = await OutboxEmail.find().lean();
  expect(queued.map((m) => box.open(m.toSealed!))).toEqual(['person1@example.org', 'person1@example.org']);
  expect(queued[0].toSealed).not.toBe(queued[1].toSealed);
  expect(await storedText()).not.toContain('person1');
});

test('once delivered, a message keeps no recipient and no content: only its kind, status, time and attempts', async () => {
  const t0 = new Date();
  await enqueueEmail(box, mail(1), undefined, t0);
  expect(await deliverOutbox(transport, box, policy, t0)).toEqual({ sent: 1, failed: 0 });

  expect(inbox.received.map((r) => r.to)).toEqual([['person1@example.org']]);
  const [record] = await mongoose.connection.db!.collection('outbox_emails').find().toArray();
  expect(Object.keys(record).sort()).toEqual([
    '__v',
    '_id',
    'attempts',
    'createdAt',
    'kind',
    'messageId',
    'nextAttemptAt',
    'sentAt',
    'status',
    'updatedAt',
  ]);
  expect(record).toMatchObject({ kind: 'staff-deadline', status: 'sent', attempts: 1, sentAt: t0 });
  expect(await storedText()).not.toMatch(/person1|Notice 1|reference is ready/);
});

test('a mail server refusal that quotes the recipient is stored without the address; giving up erases the rest', async () => {
  await inbox.stop();
  inbox = new Inbox({ refuseRecipients: true });
  await inbox.start();
  const refusing = createTransport({ MAIL_TRANSPORT: 'smtp', SMTP_URL: inbox.smtpUrl, WOODPECKER_DATA_DIR: 'unused' });
  const strict = { ...policy, maxAttempts: 2 };
  const t0 = new Date();
  await enqueueEmail(box, mail(7), undefined, t0);

  expect(await deliverOutbox(refusing, box, strict, t0)).toEqual({ sent: 0, failed: 1 });
  const waiting = await OutboxEmail.findOne().lean();
  expect(waiting?.lastError).toMatch(/550.*\[address\]/);
  expect(box.open(waiting!.toSealed!)).toBe('person7@example.org'); // still to be retried
  expect(await storedText()).not.toContain('person7');

  expect(await deliverOutbox(refusing, box, strict, at(t0, strict.backoffMs))).toEqual({ sent: 0, failed: 1 });
  const given = await OutboxEmail.findOne().lean();
  expect(given).toMatchObject({ status: 'failed', attempts: 2 });
  expect(given?.toSealed).toBeUndefined();
  expect(given?.subject).toBeUndefined();
  refusing.close();
});

test('the development mail spool (data/mail) is readable by the service user alone, even if the folder was open before', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-mail-'));
  fs.mkdirSync(path.join(dataDir, 'mail'), { mode: 0o777 });
  fs.chmodSync(path.join(dataDir, 'mail'), 0o777);
  try {
    const spool = createTransport({ MAIL_TRANSPORT: 'file', WOODPECKER_DATA_DIR: dataDir });
    await enqueueEmail(box, mail(2));
    expect(await deliverOutbox(spool, box, policy, new Date())).toEqual({ sent: 1, failed: 0 });

    const dir = path.join(dataDir, 'mail');
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, files[0])).mode & 0o777).toBe(0o600);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('mail an earlier version queued with the address in the clear is sealed, or erased once finished, and an old reporter notice loses its reference', async () => {
  await OutboxEmail.deleteMany({});
  const raw = OutboxEmail.collection;
  const now = new Date();
  const old = (over: Record<string, unknown>) => ({
    messageId: `<${crypto.randomUUID()}@woodpecker>`,
    attempts: 0,
    nextAttemptAt: now,
    ...over,
  });
  await raw.insertMany([
    old({
      to: 'witness@example.cn',
      subject: '【啄木鸟】您的举报 WP-AAAA-BBBB 有新进展 / There is an update on report WP-AAAA-BBBB',
      text: '您的举报 WP-AAAA-BBBB 有新进展。',
      status: 'pending',
    }),
    old({
      to: 'officer@example.cn',
      subject: '【啄木鸟】新举报待受理 WP-CCCC-DDDD / New report to screen',
      text: 'WP-CCCC-DDDD',
      status: 'pending',
    }),
    old({
      to: 'earlier@example.cn',
      subject: '【啄木鸟】您的举报 WP-EEEE-FFFF 有新进展',
      text: 'WP-EEEE-FFFF',
      status: 'sent',
      sentAt: now,
    }),
    old({
      to: 'refused@example.cn',
      subject: 'Notice',
      text: 'x',
      status: 'failed',
      lastError: '550 <refused@example.cn>: mailbox unavailable',
    }),
  ]);

  expect(await sealLegacyOutbox(box, 'https://jubao.example.test')).toEqual({ sealed: 2, erased: 2 });
  const stored = await storedText();
  for (const secret of ['witness@', 'officer@', 'earlier@', 'refused@', 'WP-AAAA', 'WP-EEEE'])
    expect(stored).not.toContain(secret);
  expect(stored).toContain('WP-CCCC-DDDD'); // staff mail may name the reference, as it does today

  // The waiting ones go out as this version would send them.
  expect(await deliverOutbox(transport, box, policy, now)).toEqual({ sent: 2, failed: 0 });
  const toWitness = inbox.received.find((m) => m.to.includes('witness@example.cn'))!;
  expect(toWitness.raw).not.toContain('WP-AAAA');
  expect(await sealLegacyOutbox(box, 'https://jubao.example.test')).toEqual({ sealed: 0, erased: 0 }); // once is enough
});
