// Nothing that links a person to a report is kept: after public requests from
// several addresses, no collection holds an address, a user agent or a keyed
// hash of an address, the rate-limit collection holds nothing from public routes,
// the logs hold none of it either, and delivered mail leaves no recipient behind.
import { Writable } from 'node:stream';
import type { Express } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import mongoose from 'mongoose';
import request from 'supertest';
import { createApp } from '../../server/app';
import { defaultDeliveryPolicy, deliverOutbox } from '../../server/platform/emails/outbox';
import { createTransport } from '../../server/platform/emails/transport';
import { REPORTER_NOTICE_SUBJECT } from '../../server/reports/notifications';
import { createLogger } from '../../server/platform/logger';
import { Poster } from '../../server/posters/poster.model';
import { RateLimitCounter } from '../../server/platform/http/rateLimitCounter.model';
import { Staff } from '../../server/staff/staff.model';
import { decodedHeader, Inbox } from '../support/inbox';
import { submit, validReport } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, login, signIn, type StaffSession } from '../support/staff';

const reporters = ['203.0.113.17', '198.51.100.42', '2001:db8:5::77'];
const staffAddress = '192.0.2.200';
const agent = 'Mozilla/5.0 (Linux; Android 14; Witness-Phone-7731)';
const querySecret = 'qs-secret-5d1f';
const brokenJsonSecret = 'KEY-IN-BROKEN-JSON-91';
const reporterEmail = 'witness.7731@example.cn';
const staffEmail = 'intake.officer@emb.example.cn';
/** Every purpose an address was ever keyed under, old and new. */
const purposes = ['rate-limit', 'staff-login-rate-limit', 'staff-api-rate-limit'];

let t: TestApp;
let app: Express;
let admin: StaffSession;
let posterCode: string;
const logLines: string[] = [];
const accessKeys: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'loopback', PUBLIC_BASE_URL: 'https://jubao.example.test' });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  app = createApp({ config: t.config, logger: createLogger('info', false, sink), box: t.box, store: t.store });
  admin = await signIn(app, 'admin', t.demoPassword);
  await Staff.updateOne({ username: 'intake' }, { $set: { email: staffEmail, areaCodes: [], allAreas: true } }); // told of every new report
  const poster = await as(request(app).post('/api/v1/posters'), admin).send({
    siteName: '殷都区某化工仓库',
    enterpriseName: '安阳某化工有限公司',
    areaCode: '410505',
    sector: 'hazardous-chemicals',
    address: '安阳市殷都区',
  });
  posterCode = poster.body.poster.code;
});
afterAll(async () => {
  await t?.stop();
});

/** Everything a reporter's phone does: scan, read, estimate, submit, follow up. */
async function reporterSession(address: string, withEmail: boolean): Promise<void> {
  const from = (req: request.Test) => req.set('X-Forwarded-For', address).set('User-Agent', agent);
  for (let i = 0; i < 2; i++) expect((await from(request(app).get(`/p/${posterCode}`).redirects(0))).status).toBe(302);
  expect((await from(request(app).get(`/api/v1/posters/${posterCode}/context`))).status).toBe(200);
  expect((await from(request(app).get('/api/v1/catalog'))).status).toBe(200);
  expect((await from(request(app).get(`/api/v1/public/transparency?token=${querySecret}`))).status).toBe(200);
  expect((await from(request(app).get('/api/v1/pow/challenge'))).status).toBe(200);
  expect(
    (await from(request(app).post('/api/v1/rewards/quote')).send({ scheme: 'violation', fineFen: 5_000_000 })).status,
  ).toBe(200);
  const report = withEmail
    ? validReport({ anonymous: false, reporter: { name: '李见证', phone: '13800007731', email: reporterEmail } })
    : validReport();
  const receipt = await submit(app, report, [], { 'X-Forwarded-For': address, 'User-Agent': agent });
  expect(receipt.status).toBe(201);
  accessKeys.push(receipt.body.accessKey);
  const session = await from(request(app).post('/api/v1/followup/sessions')).send({
    reference: receipt.body.reference,
    accessKey: receipt.body.accessKey,
  });
  expect(session.status).toBe(201);
  const bearer = `Bearer ${session.body.token}`;
  expect((await from(request(app).get('/api/v1/followup/report')).set('Authorization', bearer)).status).toBe(200);
  expect(
    (
      await from(request(app).post('/api/v1/followup/messages'))
        .set('Authorization', bearer)
        .send({ body: '补充：晚上十点以后最严重。' })
    ).status,
  ).toBe(204);
  expect((await from(request(app).get('/api/v1/no-such-route'))).status).toBe(404);
  const broken = from(request(app).post('/api/v1/followup/sessions')).set('Content-Type', 'application/json');
  expect((await broken.send(`{"reference":"WP-0000-0000","accessKey":"${brokenJsonSecret}`)).status).toBe(400);
}

const counters = async () => (await RateLimitCounter.find().sort({ _id: 1 }).lean()).map((c) => `${c._id} ${c.hits}`);

async function everythingStored(): Promise<string> {
  const db = mongoose.connection.db!;
  const parts: string[] = [];
  for (const { name } of await db.listCollections().toArray())
    parts.push(name, JSON.stringify(await db.collection(name).find().toArray()));
  return parts.join('\n');
}

/** The address and every keyed hash of it this system ever stored. */
const tracesOf = (address: string) => [
  address,
  ...purposes.flatMap((p) => [t.box.mac(address, p), t.box.mac(ipKeyGenerator(address), p)]),
];

describe('public traffic', () => {
  beforeAll(async () => {
    const before = await counters();
    for (const [i, address] of reporters.entries()) await reporterSession(address, i === 0);
    // A staff member reporting from a browser that still holds their console session.
    const own = await as(submit(app, validReport(), [], { 'X-Forwarded-For': reporters[1] }), admin, null);
    expect(own.status).toBe(201);
    expect(
      (await as(request(app).get('/api/v1/public/transparency').set('X-Forwarded-For', reporters[1]), admin, null))
        .status,
    ).toBe(200);
    expect(await counters()).toEqual(before); // not one counter created or bumped
  });

  test('no collection holds a reporter address, its keyed hash under any purpose, or the user agent', async () => {
    const stored = await everythingStored();
    expect(stored).toContain('rate_limits'); // the scan really covered every collection
    for (const address of reporters)
      for (const trace of tracesOf(address))
        expect({ address, found: stored.includes(trace) }).toEqual({ address, found: false });
    expect(stored).not.toContain(agent);
    expect(stored).not.toContain('Witness-Phone');
  });

  test('the logs hold no address, user agent, query string secret, request body or scanned poster', async () => {
    const logs = logLines.join('');
    expect(logs).toMatch(/"url":"\/api\/v1\/followup\/report"/); // requests are logged, just not who made them
    expect(logs).toContain('"url":"/p/:code"'); // a scan is logged as a scan, not of which poster
    expect(logs).not.toContain(posterCode);
    for (const address of reporters) expect(logs).not.toContain(address);
    for (const secret of [
      agent,
      querySecret,
      brokenJsonSecret,
      reporterEmail,
      '13800007731',
      '晚上十点',
      ...accessKeys,
    ])
      expect(logs).not.toContain(secret);
  });

  test('a poster scanned twice by each of three phones counts three', async () => {
    expect((await Poster.findOne({ code: posterCode }).lean())?.scanCount).toBe(reporters.length);
  });

  test('a flood of estimates from one address is refused with 429, counted in memory only', async () => {
    const before = await counters();
    const flood = () => request(app).post('/api/v1/rewards/quote').set('X-Forwarded-For', '203.0.113.250').send({});
    for (let i = 0; i < 60; i++) expect((await flood()).status).toBe(400);
    const refused = await flood();
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('request.rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await counters()).toEqual(before);
  });
});

describe('staff traffic', () => {
  test('sign-in is counted under a key of its own purpose, and the staff API by account, not address', async () => {
    await RateLimitCounter.deleteMany({});
    const res = await login(app, 'intake', t.demoPassword).set('X-Forwarded-For', staffAddress);
    expect(res.status).toBe(200);
    const ids = (await RateLimitCounter.find().lean()).map((c) => c._id);
    expect(ids).toContain(`login:${t.box.mac(ipKeyGenerator(staffAddress), 'staff-login-rate-limit')}`);

    // The same account from two addresses: one counter, two hits; no address in it.
    for (const address of ['192.0.2.1', '192.0.2.2'])
      expect(
        (await as(request(app).get('/api/v1/posters').set('X-Forwarded-For', address), admin).expect(200)).status,
      ).toBe(200);
    const account = await RateLimitCounter.findById(`staff:${t.box.mac(admin.user.id, 'staff-api-rate-limit')}`).lean();
    expect(account?.hits).toBe(2);
    const stored = JSON.stringify(await RateLimitCounter.find().lean());
    for (const address of [staffAddress, '192.0.2.1', '192.0.2.2'])
      for (const p of ['rate-limit', 'staff-api-rate-limit']) expect(stored).not.toContain(t.box.mac(address, p));
  });
});

describe('mail to a reporter', () => {
  test('queued sealed; after delivery over SMTP the outbox holds no address, and the reporter saw only the neutral subject', async () => {
    const outbox = () => mongoose.connection.db!.collection('outbox_emails').find().toArray();
    const queued = JSON.stringify(await outbox());
    expect(queued).toContain('reporter-notice');
    expect(queued).not.toContain(reporterEmail);
    expect(queued).not.toContain(staffEmail);

    const inbox = new Inbox();
    await inbox.start();
    const transport = createTransport({
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: inbox.smtpUrl,
      WOODPECKER_DATA_DIR: 'unused',
    });
    try {
      const result = await deliverOutbox(
        transport,
        t.box,
        defaultDeliveryPolicy('Woodpecker <no-reply@woodpecker.invalid>'),
        new Date(),
        500,
      );
      expect(result.failed).toBe(0);
    } finally {
      transport.close();
      await inbox.stop();
    }

    const toReporter = inbox.received.filter((m) => m.to.includes(reporterEmail));
    expect(toReporter).toHaveLength(1);
    expect(decodedHeader(toReporter[0].raw, 'Subject')).toBe(REPORTER_NOTICE_SUBJECT);
    const records = await outbox();
    expect(inbox.received.filter((m) => m.to.includes(staffEmail)).length).toBeGreaterThan(1); // staff were told too, of each report
    expect(records.every((r) => r.status === 'sent' && !('toSealed' in r) && !('subject' in r) && !('text' in r))).toBe(
      true,
    );
    expect(records.filter((r) => r.kind === 'reporter-notice')).toHaveLength(1);
    // No address of anyone, reporter or staff: only the random Message-IDs carry an @.
    expect(JSON.stringify(records).replace(/<[\w-]+@woodpecker>/g, '')).not.toContain('@');
  });
});
