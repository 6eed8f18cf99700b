// Reporters' notices by SMS, through the real path: the app with a gateway
// configured, reports submitted over HTTP (or entered by intake), staff steps over
// HTTP, and the delivery loop posting to a real HTTP gateway on loopback that
// records what it receives. Then the gateway down or refusing, the dead letter, the
// number at rest, the retention schedule, and the app with no gateway at all.
import mongoose, { trusted } from 'mongoose';
import request from 'supertest';
import { httpSmsGateway, type SmsGateway } from '../../server/platform/sms/gateway';
import { defaultSmsPolicy, deliverSmsOutbox } from '../../server/platform/sms/outbox';
import { OutboxSms } from '../../server/platform/sms/outboxSms.model';
import { smsJobs } from '../../server/platform/sms/smsJob';
import { createLogger } from '../../server/platform/logger';
import { ReportKey } from '../../server/protection/reportKey.model';
import { runRetention } from '../../server/protection/retentionJob';
import { caseDriver, realNameReport, type Cases, type Receipt } from '../support/cases';
import { submit } from '../support/intake';
import { queuedMails } from '../support/outbox';
import { startTestApp, type TestApp } from '../support/server';
import { SmsGatewayServer } from '../support/smsGateway';
import { as } from '../support/staff';

const KEY = 'test-gateway-key-0123456789';
/** The one text every reporter's SMS carries, whatever happened. */
const NEUTRAL = '【啄木鸟】您有一条新通知，请凭查询密钥登录查看。';
const DAY = 24 * 60 * 60_000;
const policy = { ...defaultSmsPolicy, backoffMs: 30_000 };

const anonymousReport = (noticePhone?: string) => ({
  category: 'fire-exits-blocked',
  area: '410503',
  description: '仓库的安全出口被货物堵死，夜班工人无法疏散。',
  anonymous: true,
  ...(noticePhone ? { noticePhone } : {}),
});

let t: TestApp;
let c: Cases;
let gateway: SmsGatewayServer;
let gw: SmsGateway;

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const deliver = (now = new Date(), p = policy) => deliverSmsOutbox(gw, t.box, p, now);
const stored = async (ref: string) => (await c.stored(ref)) as Awaited<ReturnType<Cases['stored']>>;
/** Every stored string of one collection (or all of them), to look for what must not be there. */
async function storedText(collection?: string): Promise<string> {
  const db = mongoose.connection.db!;
  const names = collection ? [collection] : (await db.listCollections().toArray()).map((x) => x.name);
  const docs = await Promise.all(names.map((n) => db.collection(n).find({}).toArray()));
  return JSON.stringify(docs);
}
async function submitted(report: object): Promise<Receipt> {
  const res = await submit(t.app, report);
  if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Receipt;
}
/** A staff step the reporter is told of: a message from intake. */
async function staffMessage(ref: string, body: string): Promise<void> {
  const res = await as(request(t.app).post(`/api/v1/reports/${ref}/messages`), c.staff.intake).send({ body });
  if (res.status !== 200) throw new Error(`message on ${ref} failed: ${res.status} ${JSON.stringify(res.body)}`);
}
/** A report submitted and its submission notice delivered, so what follows counts from zero. */
async function reportWithNoticesSent(report: object): Promise<Receipt> {
  const receipt = await submitted(report);
  await deliver();
  gateway.requests.splice(0);
  return receipt;
}

describe('with a gateway configured', () => {
  beforeAll(async () => {
    gateway = new SmsGatewayServer();
    await gateway.start();
    t = await startTestApp({ SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_KEY: KEY });
    c = await caseDriver(t);
    gw = httpSmsGateway({ url: gateway.url, key: KEY, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    await gateway.stop();
    await t.stop();
  });
  beforeEach(async () => {
    gateway.answer = 200;
    gateway.echoNumber = false;
    await OutboxSms.deleteMany({}); // nothing left over from an earlier test
    gateway.requests.splice(0);
  });

  test('the form and the console are told SMS is on offer', async () => {
    const res = await request(t.app).get('/api/v1/notice-channels');
    expect([res.status, res.body]).toEqual([200, { sms: true }]);
  });

  test('a staff step sends an anonymous reporter one SMS: the neutral text, to the number they left', async () => {
    const phone = '13912345678';
    const receipt = await reportWithNoticesSent(anonymousReport(phone));

    await staffMessage(receipt.reference, '请问堵塞的是哪一个出口？');
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });

    expect(gateway.requests).toHaveLength(1);
    const [sms] = gateway.requests;
    expect(sms).toMatchObject({ to: phone, text: NEUTRAL, authorization: `Bearer ${KEY}`, status: 200 });
    expect(sms.contentType).toMatch(/^application\/json/);
    expect(sms.messageId).toMatch(/^[0-9a-f-]{36}$/);
    // One SMS segment (70 characters in UCS-2), naming neither the report nor what happened.
    expect([...sms.text].length).toBeLessThanOrEqual(70);
    expect(sms.text).not.toContain(receipt.reference);
    expect(sms.text).not.toMatch(/举报|report/i);

    // Delivered: the record keeps no number and no text.
    const record = await OutboxSms.findOne({ messageId: sms.messageId }).lean();
    expect(record).toMatchObject({ kind: 'reporter-notice', status: 'sent', attempts: 1 });
    expect(record).not.toHaveProperty('toSealed');
    expect(record).not.toHaveProperty('text');
  });

  test('a real-name reporter who ticked SMS gets it at their phone, with the mail; one who did not gets none', async () => {
    const reporter = { name: '赵六', phone: '13700001111', email: 'zhao.liu.sms@example.test' };
    const ticked = await reportWithNoticesSent(realNameReport({ reporter, notifyBySms: true }));
    const unticked = await reportWithNoticesSent(realNameReport({ reporter: { name: '钱七', phone: '13700002222' } }));
    const mailsBefore = (await queuedMails(t.box, { to: reporter.email })).length;

    await staffMessage(ticked.reference, '请补充现场照片。');
    await staffMessage(unticked.reference, '请补充现场照片。');
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });

    expect(gateway.requests.map((r) => [r.to, r.text])).toEqual([[reporter.phone, NEUTRAL]]);
    expect(await queuedMails(t.box, { to: reporter.email })).toHaveLength(mailsBefore + 1);
  });

  test('a hotline caller who gives no email: intake enters the report with an SMS notice', async () => {
    const phone = '+8613655556666';
    const entered = await as(request(t.app).post('/api/v1/reports/entered'), c.staff.intake).send({
      channel: 'hotline-12350',
      report: anonymousReport(phone),
    });
    expect(entered.status).toBe(201);
    expect(await deliver()).toEqual({ sent: 1, failed: 0 }); // the notice that the report is in
    expect(gateway.requests.map((r) => r.to)).toEqual([phone]);

    // The number is for notices only: the case page does not show it.
    const view = await c.view(entered.body.reference as string);
    expect(view.status).toBe(200);
    expect(JSON.stringify(view.body)).not.toContain('13655556666');
  });

  test('SMS needs a mobile: a landline, a notice phone on a real-name report or a tick on an anonymous one are refused', async () => {
    const landline = await submit(t.app, anonymousReport('0372-5551234'));
    expect(landline.status).toBe(400);
    expect(landline.body.errors.map((e: { path: string }) => e.path)).toContain('report.noticePhone');
    const realLandline = await submit(
      t.app,
      realNameReport({ reporter: { name: '孙八', phone: '0372-5551234' }, notifyBySms: true }),
    );
    expect(realLandline.body.errors.map((e: { path: string }) => e.path)).toContain('report.reporter.phone');
    const realWithNoticePhone = await submit(t.app, realNameReport({ noticePhone: '13912345678' }));
    expect(realWithNoticePhone.body.errors.map((e: { path: string }) => e.path)).toContain('report.noticePhone');
    const anonymousTick = await submit(t.app, { ...anonymousReport(), notifyBySms: true });
    expect(anonymousTick.body.errors.map((e: { path: string }) => e.path)).toContain('report.notifyBySms');
  });

  test('gateway down: the SMS waits with backoff and is delivered once it is back, none lost, none twice', async () => {
    const phones = ['13911110001', '13911110002'];
    const receipts = [];
    for (const phone of phones) receipts.push(await reportWithNoticesSent(anonymousReport(phone)));
    const port = gateway.port;
    await gateway.stop();

    for (const r of receipts) await staffMessage(r.reference, '请补充说明。');
    const t1 = new Date();
    // A run stops at the first failure (the gateway is likely down); the next run tries the other.
    expect(await deliver(t1)).toEqual({ sent: 0, failed: 1 });
    expect(await deliver(t1)).toEqual({ sent: 0, failed: 1 });
    const waiting = await OutboxSms.find({ status: 'pending' }).lean();
    expect(waiting).toHaveLength(2);
    for (const m of waiting) {
      expect(m.attempts).toBe(1);
      expect(m.lastError).toMatch(/^SMS gateway unreachable: ECONNREFUSED$/);
      expect(m.nextAttemptAt.getTime()).toBe(t1.getTime() + policy.backoffMs);
      expect(m.toSealed).toBeTruthy(); // kept sealed until delivered
    }

    await gateway.start(port);
    expect(await deliver(at(t1, policy.backoffMs - 1))).toEqual({ sent: 0, failed: 0 }); // not before its time
    expect(await deliver(at(t1, policy.backoffMs))).toEqual({ sent: 2, failed: 0 });
    expect(gateway.requests.map((r) => r.to).sort()).toEqual(phones);
    expect(new Set(gateway.requests.map((r) => r.messageId)).size).toBe(2);
    expect(
      await OutboxSms.countDocuments({ status: 'sent', attempts: 2, lastError: trusted({ $exists: false }) }),
    ).toBe(2);
  });

  test('a gateway answering 4xx or 5xx is tried again later; the stored error names the status, never the number', async () => {
    const phone = '13922223333';
    const receipt = await reportWithNoticesSent(anonymousReport(phone));
    await staffMessage(receipt.reference, '请补充说明。');
    const t1 = new Date();

    gateway.echoNumber = true;
    gateway.answer = 503;
    expect(await deliver(t1)).toEqual({ sent: 0, failed: 1 });
    expect(await OutboxSms.findOne({ status: 'pending' }).lean()).toMatchObject({
      attempts: 1,
      lastError: 'SMS gateway answered 503',
    });
    gateway.answer = 429;
    expect(await deliver(at(t1, policy.backoffMs))).toEqual({ sent: 0, failed: 1 });
    expect(await OutboxSms.findOne({ status: 'pending' }).lean()).toMatchObject({
      attempts: 2,
      lastError: 'SMS gateway answered 429',
    });
    expect(await storedText('outbox_sms')).not.toContain(phone);

    gateway.answer = 200;
    expect(await deliver(at(t1, 3 * policy.backoffMs))).toEqual({ sent: 1, failed: 0 });
    expect(gateway.requests.map((r) => [r.to, r.status])).toEqual([
      [phone, 503],
      [phone, 429],
      [phone, 200],
    ]);
    // The same message each time, so the gateway can tell a resend.
    expect(new Set(gateway.requests.map((r) => r.messageId)).size).toBe(1);
  });

  test('a gateway that does not answer in time counts as a failure, retried later', async () => {
    const receipt = await reportWithNoticesSent(anonymousReport('13966668888'));
    await staffMessage(receipt.reference, '请补充说明。');
    gateway.hang = true;
    const impatient = httpSmsGateway({ url: gateway.url, key: KEY, timeoutMs: 300 });
    try {
      expect(await deliverSmsOutbox(impatient, t.box, policy, new Date())).toEqual({ sent: 0, failed: 1 });
    } finally {
      gateway.hang = false;
    }
    expect(await OutboxSms.findOne({ status: 'pending' }).lean()).toMatchObject({
      attempts: 1,
      lastError: 'SMS gateway unreachable: timed out',
    });
  });

  test('after the last attempt the SMS is a dead letter with its number and text erased', async () => {
    const phone = '13933334444';
    const receipt = await reportWithNoticesSent(anonymousReport(phone));
    await staffMessage(receipt.reference, '请补充说明。');
    const strict = { ...policy, maxAttempts: 2 };
    gateway.answer = 500;
    const t1 = new Date();

    expect(await deliver(t1, strict)).toEqual({ sent: 0, failed: 1 });
    expect(await deliver(at(t1, strict.backoffMs), strict)).toEqual({ sent: 0, failed: 1 });

    const dead = await OutboxSms.findOne({ status: 'failed' }).lean();
    expect(dead).toMatchObject({ kind: 'reporter-notice', attempts: 2, lastError: 'SMS gateway answered 500' });
    expect(dead).not.toHaveProperty('toSealed');
    expect(dead).not.toHaveProperty('text');
    expect(await deliver(at(t1, DAY), strict)).toEqual({ sent: 0, failed: 0 }); // never tried again
    expect(gateway.requests).toHaveLength(2);
  });

  test('the number is nowhere in the database in clear, and two queued copies match nothing', async () => {
    const phone = '13944445555';
    const receipt = await reportWithNoticesSent(anonymousReport(phone));
    await staffMessage(receipt.reference, '第一条');
    await staffMessage(receipt.reference, '第二条');

    const queued = await OutboxSms.find({ status: 'pending' }).lean();
    expect(queued).toHaveLength(2);
    expect(queued.map((m) => t.box.open(m.toSealed!))).toEqual([phone, phone]);
    expect(queued[0].toSealed).not.toBe(queued[1].toSealed); // sealed afresh per message
    const report = await stored(receipt.reference);
    expect(report.noticePhoneSealed).toMatch(/^k1:/); // under the report's own notice-phone key
    for (const m of queued) expect(m.toSealed).not.toBe(report.noticePhoneSealed);

    const everything = await storedText();
    for (const form of [phone, '139 4444 5555', '139-4444-5555']) expect(everything).not.toContain(form);
    expect(everything).not.toMatch(/1394444/);
  });

  test('the retention schedule deletes the notice phone once the case is final, and no SMS follows', async () => {
    const phone = '13955556666';
    const original = await submitted(anonymousReport());
    const receipt = await reportWithNoticesSent(anonymousReport(phone));
    const ref = receipt.reference;
    // Before the case is final nothing goes.
    await runRetention(t.box, t.store, new Date());
    expect((await stored(ref)).noticePhoneSealed).toBeTruthy();

    await c.ok(ref, 'mark-duplicate', { duplicateOf: original.reference }, c.staff.intake);
    await deliver();
    gateway.requests.splice(0);
    const run = await runRetention(t.box, t.store, at(new Date(), 60_000));
    expect(run.classes['notice-phone']).toBeGreaterThanOrEqual(1);

    const after = await stored(ref);
    expect(after).not.toHaveProperty('noticePhoneSealed');
    expect(after.deletedData?.map((d) => d.dataClass)).toContain('notice-phone');
    expect(await ReportKey.countDocuments({ _id: `${ref}/notice-phone` })).toBe(0);
    // The access key is kept its own 30 days; the reporter can sign in but is sent nothing.
    expect(after.accessKeyHash).toBeTruthy();
    expect(await OutboxSms.countDocuments({ status: 'pending' })).toBe(0);
  });
});

describe('without a gateway', () => {
  beforeAll(async () => {
    t = await startTestApp();
    c = await caseDriver(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('SMS is not on offer, no number is kept, no SMS is queued and no job runs', async () => {
    const res = await request(t.app).get('/api/v1/notice-channels');
    expect([res.status, res.body]).toEqual([200, { sms: false }]);

    const anonymous = await submitted(anonymousReport('13966667777'));
    const real = await submitted(realNameReport({ notifyBySms: true }));
    for (const r of [anonymous, real]) {
      expect(await stored(r.reference)).not.toHaveProperty('noticePhoneSealed');
      await staffMessage(r.reference, '请补充说明。');
    }
    expect(await OutboxSms.countDocuments()).toBe(0);
    expect(await ReportKey.countDocuments({ _id: trusted({ $regex: /\/notice-phone$/ }) })).toBe(0);
    expect(smsJobs(t.config, t.box, createLogger('silent', false))).toEqual([]);
  });
});
