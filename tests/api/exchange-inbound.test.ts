// Cases dispatched by partner systems (the provincial platform) through signed
// requests: the signature gate, idempotency on the partner's case id, evidence
// inspection, test mode, and the partner registry's keys.
import request from 'supertest';
import { ExchangeNonce } from '../../server/exchange/exchangeNonce.model';
import { ExchangeTestCase, TEST_CASE_DAYS } from '../../server/exchange/exchangeTestCase.model';
import { SIGNATURE_HEADERS, signedHeaders } from '../../server/exchange/signature';
import { Report } from '../../server/reports/report.model';
import { executable, filesUnder, jpeg, jpegWithExif, GPS_TEXT } from '../support/intake';
import { deliverWebhooks } from '../../server/exchange/webhookDelivery';
import { bodyBytes, registerPartner, signedGet, signedPost, type PartnerKey } from '../support/partners';
import { WebhookReceiver } from '../support/webhookReceiver';
import { startTestApp, type TestApp } from '../support/server';
import { as, expectProblem, openSession, type StaffSession } from '../support/staff';

const CASES = '/api/v1/exchange/cases';
const CREDIT_CODE = '91410500MA44XXQ1FC';

let t: TestApp;
let admin: StaffSession;
let province: PartnerKey;
let n = 0;

beforeAll(async () => {
  t = await startTestApp();
  admin = await openSession(t, 'admin');
  province = await registerPartner(t.app, admin, 'henan-province');
});
afterAll(async () => {
  await t?.stop();
});

type Dispatched = Record<string, unknown> & { externalId: string; description: string };

const dispatched = (over: Record<string, unknown> = {}): Dispatched => ({
  externalId: `HN-2026-${String(++n).padStart(6, '0')}`,
  externalChannel: 'mini-program',
  receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
  category: 'fire-exits-blocked',
  area: '410581',
  description: '仓库的两个安全出口都被货物堵死，夜班有三十多人在里面作业。',
  subjectName: '林州某仓储公司',
  subjectCreditCode: CREDIT_CODE,
  anonymous: false,
  reporter: { name: '王某', phone: '13800138000' },
  ...over,
});

const partnerCases = (code = province.code) => Report.countDocuments({ 'exchange.partnerCode': code });

describe('the signature gate', () => {
  test('a bad signature → 401 exchange.unsigned, and nothing is stored', async () => {
    const before = await partnerCases();
    const res = await signedPost(t.app, CASES, dispatched(), province, {
      headers: { [SIGNATURE_HEADERS.signature]: `v1=${'0'.repeat(64)}` },
    });
    expectProblem(res, 401, 'exchange.unsigned');
    expect(await partnerCases()).toBe(before);
  });

  test('a signature made with another secret → 401', async () => {
    const res = await signedPost(t.app, CASES, dispatched(), { keyId: province.keyId, secret: 'not-the-secret' });
    expectProblem(res, 401, 'exchange.unsigned');
  });

  test('an unknown key id → 401', async () => {
    const res = await signedPost(t.app, CASES, dispatched(), { keyId: 'wpk_unknown', secret: province.secret });
    expectProblem(res, 401, 'exchange.unsigned');
  });

  test('a timestamp ten minutes old → 401, though the signature is right', async () => {
    const res = await signedPost(t.app, CASES, dispatched(), province, { now: new Date(Date.now() - 10 * 60_000) });
    expectProblem(res, 401, 'exchange.unsigned');
  });

  test('the body changed after signing → 401, and nothing is stored', async () => {
    const before = await partnerCases();
    const signedFor = dispatched();
    const changed = Buffer.from(JSON.stringify({ ...signedFor, area: '410522' }));
    const res = await signedPost(t.app, CASES, signedFor, province, { sentBody: changed });
    expectProblem(res, 401, 'exchange.unsigned');
    expect(await partnerCases()).toBe(before);
  });

  test('the same request sent again (same nonce) → 401 exchange.replayed', async () => {
    const body = dispatched();
    const headers = signedHeaders(province.keyId, province.secret, {
      method: 'POST',
      path: CASES,
      body: bodyBytes(body),
    });
    const first = await signedPost(t.app, CASES, body, province, { headers });
    expect(first.status).toBe(201);
    const again = await signedPost(t.app, CASES, body, province, { headers });
    expectProblem(again, 401, 'exchange.replayed');
    expect(await ExchangeNonce.countDocuments({ keyId: province.keyId, nonce: headers[SIGNATURE_HEADERS.nonce] })).toBe(
      1,
    );
  });

  test('a staff session (cookie and CSRF token) does not open the exchange', async () => {
    const res = await as(request(t.app).post(CASES), admin)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(dispatched()));
    expectProblem(res, 401, 'exchange.unsigned');
  });
});

describe('a dispatched case', () => {
  test('enters screening as a report: channel partner, the partner’s id and channel, no access key', async () => {
    const body = dispatched({ externalChannel: '12345' });
    const res = await signedPost(t.app, CASES, body, province);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['receivedAt', 'reference', 'test']);
    expect(res.body.test).toBe(false);
    const report = (await Report.findOne({ reference: res.body.reference }).lean())!;
    expect(report).toMatchObject({
      status: 'submitted',
      channel: 'partner',
      exchange: { partnerCode: 'henan-province', externalId: body.externalId, externalChannel: '12345' },
      subjectCreditCode: CREDIT_CODE,
      anonymous: false,
    });
    expect(report.accessKeyHash).toBeUndefined();
    // The first step names the channel by a code, worded for each reader.
    expect(report.timeline[0]).toMatchObject({ noteKey: 'report.channel', noteParams: { channel: 'partner' } });
    expect(report.timeline[0]!.note).toBeUndefined();
    expect(report.receivedAt?.toISOString()).toBe(body.receivedAt);
    expect(report.submittedAt.toISOString()).toBe(res.body.receivedAt);
    expect(report.reporterSealed).toMatch(/\S/);
    expect(report.reporterSealed).not.toContain('13800138000');
    // Staff see it in their queue like any other report.
    const queue = await as(request(t.app).get('/api/v1/reports?pageSize=100'), admin);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((r: { reference: string }) => r.reference)).toContain(res.body.reference);
    // The case page names the partner's case, so staff can refer to it with the partner.
    const opened = await as(request(t.app).get(`/api/v1/reports/${res.body.reference}`), admin);
    expect(opened.body).toMatchObject({
      channel: 'partner',
      exchange: { partnerCode: 'henan-province', externalId: body.externalId, externalChannel: '12345' },
    });
  });

  test('the same external id twice → 200 with the same reference, one case', async () => {
    const body = dispatched();
    const first = await signedPost(t.app, CASES, body, province);
    const second = await signedPost(t.app, CASES, body, province);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body).toEqual(first.body);
    expect(await Report.countDocuments({ 'exchange.externalId': body.externalId })).toBe(1);
  });

  test('two copies at once → one case, both answered with its reference', async () => {
    const body = dispatched({ evidence: [{ contentBase64: (await jpeg()).toString('base64') }] });
    const answers = await Promise.all([
      signedPost(t.app, CASES, body, province),
      signedPost(t.app, CASES, body, province),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(answers[0].body.reference).toBe(answers[1].body.reference);
    expect(await Report.countDocuments({ 'exchange.externalId': body.externalId })).toBe(1);
    // The loser's stored copy of the evidence was removed: one file on disk for the one case.
    const report = (await Report.findOne({ 'exchange.externalId': body.externalId }).lean())!;
    expect(report.evidence).toHaveLength(1);
    const stored = filesUnder(t.uploadDir).filter((f) => f.startsWith('evidence/'));
    expect(stored.filter((f) => f.endsWith(report.evidence[0].fileId))).toHaveLength(1);
    expect(stored.length).toBe(await storedFileCount());
    expect(filesUnder(t.uploadDir).filter((f) => f.startsWith('tmp/'))).toEqual([]);
  });

  test('the same external id with different content → 409 exchange.case_conflict, the first case unchanged', async () => {
    const body = dispatched();
    const first = await signedPost(t.app, CASES, body, province);
    expect(first.status).toBe(201);
    const other = await signedPost(t.app, CASES, { ...body, description: `${body.description}（补充）` }, province);
    expectProblem(other, 409, 'exchange.case_conflict');
    const report = (await Report.findOne({ reference: first.body.reference }).lean())!;
    expect(report.description).toBe(body.description);
  });

  test('two partners may use the same case id: each is its own case', async () => {
    const city = await registerPartner(t.app, admin, 'xinxiang-city');
    const body = dispatched();
    const a = await signedPost(t.app, CASES, body, province);
    const b = await signedPost(t.app, CASES, body, city);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.reference).not.toBe(b.body.reference);
  });

  test('an invalid case → 400 with the fields named, nothing stored', async () => {
    const before = await partnerCases();
    const res = await signedPost(
      t.app,
      CASES,
      dispatched({ subjectCreditCode: '91410500MA44XXQ1F0', area: 'x' }),
      province,
    );
    expectProblem(res, 400, 'request.invalid');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.area',
      'body.subjectCreditCode',
    ]);
    expect(await partnerCases()).toBe(before);
  });
});

async function storedFileCount(): Promise<number> {
  const reports = await Report.find({}, { evidence: 1 }).lean();
  return reports.reduce((sum, r) => sum + (r.evidence?.length ?? 0), 0);
}

describe('evidence in a dispatched case', () => {
  test('is inspected and cleaned like an upload: the device and GPS tags are removed', async () => {
    const photo = await jpegWithExif();
    expect(photo.includes('AcmePhone')).toBe(true);
    const res = await signedPost(
      t.app,
      CASES,
      dispatched({ evidence: [{ filename: 'IMG_1.jpg', contentBase64: photo.toString('base64') }] }),
      province,
    );
    expect(res.status).toBe(201);
    const report = (await Report.findOne({ reference: res.body.reference }).lean())!;
    expect(report.evidence).toHaveLength(1);
    expect(report.evidence[0]).toMatchObject({ kind: 'photo', mime: 'image/jpeg', metadataRemoved: true });
    const stored = await streamBytes(report.evidence[0].fileId);
    expect(stored.includes('AcmePhone')).toBe(false);
    expect(stored.includes(GPS_TEXT)).toBe(false);
  });

  test('an executable named .jpg → 415 evidence.type_not_allowed, no case, no file left behind', async () => {
    const before = await partnerCases();
    const files = filesUnder(t.uploadDir).length;
    const body = dispatched({
      evidence: [
        { contentBase64: (await jpeg()).toString('base64') },
        { filename: 'photo.jpg', contentBase64: executable().toString('base64') },
      ],
    });
    const res = await signedPost(t.app, CASES, body, province);
    expectProblem(res, 415, 'evidence.type_not_allowed');
    expect(await partnerCases()).toBe(before);
    expect(filesUnder(t.uploadDir)).toHaveLength(files);
  });

  test('more files than the public limit → 413 evidence.too_many', async () => {
    const one = (await jpeg()).toString('base64');
    const body = dispatched({
      evidence: Array.from({ length: t.config.EVIDENCE_MAX_FILES + 1 }, () => ({ contentBase64: one })),
    });
    const res = await signedPost(t.app, CASES, body, province);
    expect(res.body.code).toBe('evidence.too_many');
  });
});

async function streamBytes(fileId: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await t.store.open(fileId)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('a partner in test mode', () => {
  let sandbox: PartnerKey;
  beforeAll(async () => {
    sandbox = await registerPartner(t.app, admin, 'province-sandbox', { testMode: true });
  });

  test('gets realistic answers, but its case is kept apart and is no report', async () => {
    const reportsBefore = await Report.countDocuments();
    const body = dispatched({ evidence: [{ contentBase64: (await jpeg()).toString('base64') }] });
    const res = await signedPost(t.app, CASES, body, sandbox);
    expect(res.status).toBe(201);
    expect(res.body.test).toBe(true);
    expect(res.body.reference).toMatch(/^TEST-WP-/);
    expect(await Report.countDocuments()).toBe(reportsBefore);
    expect(await Report.exists({ reference: res.body.reference })).toBeNull();
    const kept = (await ExchangeTestCase.findOne({ reference: res.body.reference }).lean())!;
    expect(kept.evidence).toEqual([expect.objectContaining({ kind: 'photo', mime: 'image/jpeg' })]);
    const days = (kept.expiresAt.getTime() - kept.recordedAt.getTime()) / 86_400_000;
    expect(days).toBe(TEST_CASE_DAYS);
    // Nothing of it is kept that a reader could learn the report from.
    expect(JSON.stringify(kept)).not.toContain('安全出口');
    expect(JSON.stringify(kept)).not.toContain('13800138000');
    // Not in the staff queue either.
    const queue = await as(request(t.app).get('/api/v1/reports?pageSize=100'), admin);
    expect(queue.body.items.map((r: { reference: string }) => r.reference)).not.toContain(res.body.reference);
  });

  test('the same checks apply: a repeat → 200, other content → 409, bad evidence → 415, bad signature → 401', async () => {
    const body = dispatched();
    const first = await signedPost(t.app, CASES, body, sandbox);
    const again = await signedPost(t.app, CASES, body, sandbox);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(first.body);
    expectProblem(await signedPost(t.app, CASES, { ...body, area: '410522' }, sandbox), 409, 'exchange.case_conflict');
    const exe = dispatched({ evidence: [{ contentBase64: executable().toString('base64') }] });
    expectProblem(await signedPost(t.app, CASES, exe, sandbox), 415, 'evidence.type_not_allowed');
    expectProblem(
      await signedPost(t.app, CASES, dispatched(), { keyId: sandbox.keyId, secret: 'wrong' }),
      401,
      'exchange.unsigned',
    );
  });

  test('its test cases can be pulled, and each sends its receiver a signed "test" webhook through the outbox', async () => {
    const hooked = await registerPartner(t.app, admin, 'sandbox-hooks', { testMode: true });
    const receiver = new WebhookReceiver(hooked.secret);
    await receiver.start();
    try {
      const patched = await as(request(t.app).patch(`/api/v1/partners/${hooked.code}`), admin).send({
        webhookUrl: receiver.url,
      });
      expect(patched.status).toBe(200);
      const body = dispatched();
      const res = await signedPost(t.app, CASES, body, hooked);
      expect(res.status).toBe(201);
      const pulled = await signedGet(t.app, `${CASES}/${body.externalId}`, hooked);
      expect(pulled.status).toBe(200);
      expect(pulled.body).toEqual({
        reference: res.body.reference,
        externalId: body.externalId,
        stage: 'received',
        outcome: null,
        rectification: null,
        reward: null,
        updatedAt: res.body.receivedAt,
      });
      await deliverWebhooks(t.box, new Date(Date.now() + 1000));
      expect(receiver.accepted.map((h) => [h.body.type, h.body.case.reference, h.signature])).toEqual([
        ['test', res.body.reference, 'valid'],
      ]);
      // A repeat of the case is answered, not announced again; another partner cannot pull it.
      expect((await signedPost(t.app, CASES, body, hooked)).status).toBe(200);
      await deliverWebhooks(t.box, new Date(Date.now() + 2000));
      expect(receiver.accepted).toHaveLength(1);
      expectProblem(await signedGet(t.app, `${CASES}/${body.externalId}`, sandbox), 404, 'resource.not_found');
    } finally {
      await receiver.stop();
    }
  });

  test('switched to live by an administrator, its next case is a report', async () => {
    const res = await as(request(t.app).patch(`/api/v1/partners/${sandbox.code}`), admin).send({ testMode: false });
    expect(res.status).toBe(200);
    expect(res.body.testMode).toBe(false);
    const live = await signedPost(t.app, CASES, dispatched(), sandbox);
    expect(live.status).toBe(201);
    expect(live.body.test).toBe(false);
    expect(await Report.exists({ reference: live.body.reference })).not.toBeNull();
  });
});

describe('partner keys', () => {
  test('an inactive partner is refused; reactivated, it is admitted again', async () => {
    const p = await registerPartner(t.app, admin, 'anyang-12345');
    const off = await as(request(t.app).patch(`/api/v1/partners/${p.code}`), admin).send({ active: false });
    expect(off.body.active).toBe(false);
    expectProblem(await signedPost(t.app, CASES, dispatched(), p), 401, 'exchange.unsigned');
    await as(request(t.app).patch(`/api/v1/partners/${p.code}`), admin).send({ active: true });
    expect((await signedPost(t.app, CASES, dispatched(), p)).status).toBe(201);
  });

  test('rotating the secret stops the old key id and secret at once; the new pair works', async () => {
    const p = await registerPartner(t.app, admin, 'hebi-city');
    const rotated = await as(request(t.app).post(`/api/v1/partners/${p.code}/secret`), admin).send({});
    expect(rotated.status).toBe(200);
    const fresh = { keyId: rotated.body.partner.keyId as string, secret: rotated.body.secret as string };
    expect(fresh.keyId).not.toBe(p.keyId);
    expect(fresh.secret).not.toBe(p.secret);
    expectProblem(await signedPost(t.app, CASES, dispatched(), p), 401, 'exchange.unsigned');
    expectProblem(
      await signedPost(t.app, CASES, dispatched(), { keyId: fresh.keyId, secret: p.secret }),
      401,
      'exchange.unsigned',
    );
    expect((await signedPost(t.app, CASES, dispatched(), fresh)).status).toBe(201);
  });
});
