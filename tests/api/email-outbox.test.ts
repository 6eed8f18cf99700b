// The email outbox against a real SMTP server on loopback: messages are delivered
// exactly once, survive the mail server being down (retried with backoff), and a
// message left claimed by a crashed sender is picked up again.
import type { AddressInfo } from 'node:net';
import mongoose, { trusted } from 'mongoose';
import type { Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { inTransaction } from '../../server/db';
import { defaultDeliveryPolicy, deliverOutbox, enqueueEmail, type DeliveryPolicy } from '../../server/emails/outbox';
import { createTransport } from '../../server/emails/transport';
import { OutboxEmail } from '../../server/models/OutboxEmail';
import { startTestDatabase, type TestDatabase } from '../support/database';

interface Received {
  messageId: string;
  to: string[];
  raw: string;
}

/** A loopback SMTP server that records what it accepts. */
class Inbox {
  readonly received: Received[] = [];
  private server?: SMTPServer;
  port = 0;

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.received.push({ messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '', to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

let db: TestDatabase;
const policy: DeliveryPolicy = { ...defaultDeliveryPolicy('Woodpecker <no-reply@woodpecker.invalid>'), backoffMs: 30_000 };
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
  transport = createTransport({ MAIL_TRANSPORT: 'smtp', SMTP_URL: `smtp://127.0.0.1:${inbox.port}/?ignoreTLS=true`, WOODPECKER_DATA_DIR: 'unused' });
});
afterEach(async () => {
  transport.close();
  await inbox.stop();
});

const mail = (i: number) => ({ to: `person${i}@example.org`, subject: `Notice ${i}`, text: `Your reference is ready (${i}).` });
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const ids = (received: Received[]) => received.map((r) => r.messageId).sort();

test('three queued emails are delivered once each and marked sent', async () => {
  const t0 = new Date();
  for (let i = 1; i <= 3; i++) await enqueueEmail(mail(i), undefined, t0);

  expect(await deliverOutbox(transport, policy, t0)).toEqual({ sent: 3, failed: 0 });

  const stored = await OutboxEmail.find().sort({ to: 1 }).lean();
  expect(stored.map((m) => [m.to, m.status, m.attempts])).toEqual([
    ['person1@example.org', 'sent', 1],
    ['person2@example.org', 'sent', 1],
    ['person3@example.org', 'sent', 1],
  ]);
  expect(stored.every((m) => m.sentAt?.getTime() === t0.getTime() && m.claimedUntil === undefined)).toBe(true);
  expect(inbox.received).toHaveLength(3);
  expect(ids(inbox.received)).toEqual(stored.map((m) => m.messageId).sort());
  expect(inbox.received.map((r) => r.to).flat().sort()).toEqual(['person1@example.org', 'person2@example.org', 'person3@example.org']);
  expect(inbox.received[0].raw).toMatch(/^Subject: Notice \d/m);

  // A second run finds nothing to do.
  expect(await deliverOutbox(transport, policy, at(t0, 60_000))).toEqual({ sent: 0, failed: 0 });
  expect(inbox.received).toHaveLength(3);
});

test('SMTP down: messages stay pending with backoff, and are delivered once it is back (none twice)', async () => {
  const t0 = new Date();
  for (let i = 1; i <= 3; i++) await enqueueEmail(mail(i), undefined, t0);
  expect(await deliverOutbox(transport, policy, t0)).toEqual({ sent: 3, failed: 0 });
  const firstInbox = inbox;
  const port = inbox.port;
  await inbox.stop();

  const t1 = at(t0, 1000);
  await enqueueEmail(mail(4), undefined, t1);
  await enqueueEmail(mail(5), undefined, t1);
  // A run stops at the first failure (the server is likely down); the next run tries the other one.
  expect(await deliverOutbox(transport, policy, t1)).toEqual({ sent: 0, failed: 1 });
  expect(await deliverOutbox(transport, policy, t1)).toEqual({ sent: 0, failed: 1 });

  const waiting = await OutboxEmail.find({ status: trusted({ $ne: 'sent' }) }).lean();
  expect(waiting).toHaveLength(2);
  for (const m of waiting) {
    expect(m).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect(m.nextAttemptAt.getTime()).toBe(t1.getTime() + policy.backoffMs);
    expect(m.claimedUntil).toBeUndefined();
  }

  // Before the backoff has passed nothing is attempted, even with the server back.
  inbox = new Inbox();
  await inbox.start(port);
  expect(await deliverOutbox(transport, policy, at(t1, policy.backoffMs - 1))).toEqual({ sent: 0, failed: 0 });
  expect(inbox.received).toHaveLength(0);
  expect(await OutboxEmail.countDocuments({ status: 'pending', attempts: 1 })).toBe(2);

  expect(await deliverOutbox(transport, policy, at(t1, policy.backoffMs + 1))).toEqual({ sent: 2, failed: 0 });

  expect(inbox.received.map((r) => r.to).flat().sort()).toEqual(['person4@example.org', 'person5@example.org']);
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
  await enqueueEmail(mail(1), undefined, t0);
  await OutboxEmail.updateOne({}, { $set: { status: 'sending', claimedUntil: at(t0, 60_000) } });

  expect(await deliverOutbox(transport, policy, at(t0, 1000))).toEqual({ sent: 0, failed: 0 }); // claim still live
  expect(inbox.received).toHaveLength(0);

  expect(await deliverOutbox(transport, policy, at(t0, 60_001))).toEqual({ sent: 1, failed: 0 });
  expect(inbox.received).toHaveLength(1);
  expect(await OutboxEmail.findOne().lean()).toMatchObject({ status: 'sent', attempts: 1 });
});

test('after maxAttempts failures a message is marked failed and never tried again', async () => {
  const t0 = new Date();
  await enqueueEmail(mail(1), undefined, t0);
  await inbox.stop();
  const strict = { ...policy, maxAttempts: 2 };

  expect(await deliverOutbox(transport, strict, t0)).toEqual({ sent: 0, failed: 1 });
  expect(await deliverOutbox(transport, strict, at(t0, strict.backoffMs))).toEqual({ sent: 0, failed: 1 });

  expect(await OutboxEmail.findOne().lean()).toMatchObject({ status: 'failed', attempts: 2 });
  expect(await deliverOutbox(transport, strict, at(t0, 24 * 3_600_000))).toEqual({ sent: 0, failed: 0 });
});

test('an email queued in a transaction that aborts is never sent', async () => {
  await expect(
    inTransaction(async (session) => {
      await enqueueEmail(mail(1), session);
      throw new Error('the action failed');
    }),
  ).rejects.toThrow('the action failed');

  expect(await OutboxEmail.countDocuments()).toBe(0);
  expect(await deliverOutbox(transport, policy, new Date())).toEqual({ sent: 0, failed: 0 });
  expect(inbox.received).toHaveLength(0);
});

test('two senders running at once (two app instances) deliver each message exactly once', async () => {
  const t0 = new Date();
  for (let i = 1; i <= 6; i++) await enqueueEmail(mail(i), undefined, t0);
  const second = createTransport({ MAIL_TRANSPORT: 'smtp', SMTP_URL: `smtp://127.0.0.1:${inbox.port}/?ignoreTLS=true`, WOODPECKER_DATA_DIR: 'unused' });

  const [a, b] = await Promise.all([deliverOutbox(transport, policy, t0), deliverOutbox(second, policy, t0)]);
  second.close();

  expect(a.sent + b.sent).toBe(6);
  expect(inbox.received).toHaveLength(6);
  expect(new Set(ids(inbox.received)).size).toBe(6);
  expect(await OutboxEmail.countDocuments({ status: 'sent', attempts: 1 })).toBe(6);
});
