// Receipts against insiders and guessers: what a retried submission may get back
// and for how long, what the report document keeps of the request and the key, how
// access keys are checked, signing out on the server, and throttling wrong receipts
// per client (in memory, with harder proof of work) instead of per report.
import crypto from 'node:crypto';
import type { Express } from 'express';
import request, { type Test } from 'supertest';
import { createApp } from '../../server/app';
import { hashPassword } from '../../server/staff/passwords';
import { loadConfig } from '../../server/env';
import { hashAccessKey, verifyAccessKey } from '../../server/reports/intake/receipt';
import { expireRetryWindows, RETRY_WINDOW_MS, retryFingerprint } from '../../server/reports/intake/retryWindow';
import { createLogger } from '../../server/platform/logger';
import { FollowupSession } from '../../server/reports/followupSession.model';
import { RateLimitCounter } from '../../server/platform/http/rateLimitCounter.model';
import { Report } from '../../server/reports/report.model';
import { reportInputSchema } from '../../shared/schemas/report';
import type { Receipt } from '../support/cases';
import { filesUnder, intakeEnv, jpeg, nextClientIp, sha256, solvePow, submit, validReport } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { expectProblem } from '../support/staff';

let t: TestApp;
let photo: Buffer;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  photo = await jpeg();
});
afterAll(async () => {
  await t?.stop();
});

let keys = 0;
const newKey = () => `k-${crypto.randomBytes(8).toString('hex')}-${++keys}`;
const reportText = (n: string) =>
  validReport({ description: `回执测试 ${n}：车间的灭火器全部过期，消防通道被堆放的原料堵住。` });

async function submitted(report: Record<string, unknown>, key: string): Promise<Receipt> {
  const res = await submit(t.app, report, [{ content: photo }], { 'Idempotency-Key': key });
  expect(res.status).toBe(201);
  return res.body as Receipt;
}

describe('retried submissions and what the report keeps', () => {
  test('a retry with the real key within the day gets the same receipt, from one report', async () => {
    const key = newKey();
    const report = reportText('retry');
    const first = await submitted(report, key);
    const second = await submitted(report, key);
    expect(second).toEqual(first);
    expect(await Report.countDocuments({ reference: first.reference })).toBe(1);
    const doc = (await Report.findOne({ reference: first.reference }).lean())!;
    expect(doc.retry!.until.getTime() - doc.submittedAt.getTime()).toBe(RETRY_WINDOW_MS);
  });

  test('an insider replaying the stored idempotency key hash gets no receipt, only a report of their own', async () => {
    const key = newKey();
    const report = reportText('replay');
    const original = await submitted(report, key);
    const stolen = (await Report.findOne({ reference: original.reference }).lean())!.retry!.keyHash;
    const replay = await submitted(report, stolen);
    expect(replay.reference).not.toBe(original.reference);
    expect(replay.accessKey).not.toBe(original.accessKey);
  });

  test('after the window the sealed receipt is gone: the sweep removes it, and a late retry cannot reopen the report', async () => {
    const key = newKey();
    const report = reportText('window');
    const original = await submitted(report, key);
    expect((await Report.findOne({ reference: original.reference }).lean())!.retry).toBeDefined();
    const r = await expireRetryWindows(new Date(Date.now() + RETRY_WINDOW_MS + 1000));
    expect(r.closed).toBeGreaterThanOrEqual(1);
    const doc = (await Report.findOne({ reference: original.reference }).lean())!;
    expect(doc.retry).toBeUndefined();
    expect(JSON.stringify(doc)).not.toContain('v1:'); // no sealed receipt left (the report is anonymous: nothing else is sealed)
    const late = await submitted(report, key);
    expect(late.reference).not.toBe(original.reference);
    expect(late.accessKey).not.toBe(original.accessKey);
  });

  test('an expired window is ignored even before the sweep runs, and closed on the spot', async () => {
    const key = newKey();
    const report = reportText('expired');
    const original = await submitted(report, key);
    await Report.updateOne({ reference: original.reference }, { $set: { 'retry.until': new Date(Date.now() - 1000) } });
    const late = await submitted(report, key);
    expect(late.reference).not.toBe(original.reference);
    expect((await Report.findOne({ reference: original.reference }).lean())!.retry).toBeUndefined();
  });

  test('an insider reading the report finds neither the idempotency key, nor the access key, nor a hash of the raw request', async () => {
    const key = newKey();
    const raw = JSON.stringify(
      validReport({
        anonymous: false,
        reporter: { name: '赵敏', phone: '13912345678', email: 'zhao@example.cn' },
        description: '回执测试 leak：锅炉房压力表损坏仍在运行。',
      }),
    );
    const res = await submit(t.app, raw, [{ content: photo }], { 'Idempotency-Key': key });
    expect(res.status).toBe(201);
    const receipt = res.body as Receipt;
    const json = JSON.stringify(await Report.findOne({ reference: receipt.reference }).lean());
    const rawSha = crypto.createHash('sha256').update(raw).digest();
    const oldRequestHash = crypto.createHash('sha256').update(raw).update(sha256(photo)).digest('hex');
    for (const secret of [
      key,
      receipt.accessKey,
      receipt.accessKey.replace(/-/g, ''),
      rawSha.toString('hex'),
      rawSha.toString('base64'),
      rawSha.toString('base64url'),
      oldRequestHash,
      '赵敏',
      '13912345678',
      'zhao@example.cn',
    ])
      expect({ secret, found: json.includes(secret) }).toEqual({ secret, found: false });
  });

  test('the retry fingerprint ignores who sent it: a name, phone or email leaves no trace in it', () => {
    const base = {
      category: 'fire-exits-blocked',
      area: '410581',
      description: '回执测试 fingerprint：安全出口上锁。',
      anonymous: false,
    };
    const a = reportInputSchema.parse({ ...base, reporter: { name: '甲', phone: '13900000001' } });
    const b = reportInputSchema.parse({
      ...base,
      reporter: { name: '乙', phone: '13900000002', email: 'b@example.cn' },
    });
    const c = reportInputSchema.parse({
      ...base,
      description: '回执测试 fingerprint：另一件事。',
      reporter: { name: '甲', phone: '13900000001' },
    });
    expect(retryFingerprint(t.box, a, ['f1'])).toBe(retryFingerprint(t.box, b, ['f1']));
    expect(retryFingerprint(t.box, a, ['f1'])).not.toBe(retryFingerprint(t.box, c, ['f1']));
    expect(retryFingerprint(t.box, a, ['f1'])).not.toBe(retryFingerprint(t.box, a, ['f2']));
  });

  test('what older versions kept in the clear (idempotency key, unkeyed request hash) is cleared by the sweep', async () => {
    const receipt = await submitted(reportText('legacy'), newKey());
    await Report.collection.updateOne(
      { reference: receipt.reference },
      { $set: { idempotencyKey: 'legacy-key-123456', requestHash: 'ab'.repeat(32) } },
    );
    const r = await expireRetryWindows(new Date());
    expect(r.legacy).toBe(1);
    const doc = await Report.collection.findOne({ reference: receipt.reference });
    expect(doc).not.toHaveProperty('idempotencyKey');
    expect(doc).not.toHaveProperty('requestHash');
  });
});

const signInReq = (
  app: Express,
  body: { reference: string; accessKey: string },
  ip: string,
  headers: Record<string, string> = {},
): Test => {
  const req = request(app).post('/api/v1/followup/sessions').set('X-Forwarded-For', ip);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req.send(body);
};

describe('checking access keys', () => {
  test('the key is checked as an HMAC in constant time, against the access key and the duress key alike; a missing report does the same work as a wrong key', async () => {
    const receipt = await submitted(reportText('timing'), newKey());
    const mac = jest.spyOn(t.box, 'mac');
    const equal = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      const work = async (reference: string) => {
        mac.mockClear();
        equal.mockClear();
        expectProblem(
          await signInReq(t.app, { reference, accessKey: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' }, nextClientIp()),
          401,
          'followup.invalid_credentials',
        );
        return { macs: mac.mock.calls.filter((c) => c[1] === 'access-key').length, compares: equal.mock.calls.length };
      };
      const wrongKey = await work(receipt.reference);
      const missing = await work('WP-0000-0000');
      // Both stored keys are compared whichever was typed (or none is set), so the time tells nothing.
      expect(wrongKey).toEqual({ macs: 2, compares: 2 });
      expect(missing).toEqual(wrongKey);
    } finally {
      mac.mockRestore();
      equal.mockRestore();
    }
  });

  test('a report from before keeps working: its scrypt hash still verifies, and is replaced by the current form at sign-in', async () => {
    const receipt = await submitted(reportText('legacy-key'), newKey());
    await Report.updateOne(
      { reference: receipt.reference },
      { $set: { accessKeyHash: await hashPassword(receipt.accessKey) } },
    );
    expect(
      (
        await verifyAccessKey(
          t.box,
          'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ',
          (await Report.findOne({ reference: receipt.reference }).lean())!.accessKeyHash,
        )
      ).ok,
    ).toBe(false);
    expect((await signInReq(t.app, receipt, nextClientIp())).status).toBe(201);
    expect((await Report.findOne({ reference: receipt.reference }).lean())!.accessKeyHash).toBe(
      hashAccessKey(t.box, receipt.accessKey),
    );
    expect((await signInReq(t.app, receipt, nextClientIp())).status).toBe(201);
  });

  test('a stored hash of an unknown version opens nothing', async () => {
    expect(
      (
        await verifyAccessKey(
          t.box,
          'ABCD-EFGH-JKMN-PQRS-TVWX',
          `h9:${t.box.mac('ABCD-EFGH-JKMN-PQRS-TVWX', 'access-key')}`,
        )
      ).ok,
    ).toBe(false);
  });
});

describe('signing out', () => {
  test('a signed-out token is refused at once (a copy left on a shared phone opens nothing)', async () => {
    const receipt = await submitted(reportText('signout'), newKey());
    const token = (await signInReq(t.app, receipt, nextClientIp())).body.token as string;
    const get = () =>
      request(t.app)
        .get('/api/v1/followup/report')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Forwarded-For', nextClientIp());
    expect((await get()).status).toBe(200);
    const out = await request(t.app)
      .delete('/api/v1/followup/sessions')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Forwarded-For', nextClientIp());
    expect(out.status).toBe(204);
    expectProblem(await get(), 401, 'followup.session_expired');
    expect(await FollowupSession.countDocuments({ reference: receipt.reference })).toBe(0);
    // signing out again (a retry on a weak network) is answered the same way
    expect(
      (
        await request(t.app)
          .delete('/api/v1/followup/sessions')
          .set('Authorization', `Bearer ${token}`)
          .set('X-Forwarded-For', nextClientIp())
      ).status,
    ).toBe(204);
  });
});

describe('guessing receipts', () => {
  let powApp: Express;
  const BASE = 2;
  beforeAll(() => {
    const config = loadConfig({
      NODE_ENV: 'test',
      WOODPECKER_DEMO: 'true',
      LOG_LEVEL: 'silent',
      WOODPECKER_DATA_DIR: 'data/test',
      ...intakeEnv,
      WOODPECKER_POW_BITS: String(BASE),
    });
    powApp = createApp({ config, logger: createLogger('silent', false), box: t.box, store: t.store });
  });
  const proof = async (ip: string, path = '/api/v1/followup/challenge') => {
    const res = await request(powApp).get(path).set('X-Forwarded-For', ip);
    expect(res.status).toBe(200);
    return {
      bits: res.body.bits as number,
      headers: { 'X-Pow-Challenge': res.body.challenge, 'X-Pow-Nonce': solvePow(res.body.challenge, res.body.bits) },
    };
  };

  test('ten wrong keys from one client do not lock the real holder out (from another client, or the same one)', async () => {
    const receipt = await submitted(reportText('lockout'), newKey());
    const guesser = nextClientIp();
    for (let i = 0; i < 10; i++)
      expectProblem(
        await signInReq(t.app, { reference: receipt.reference, accessKey: `ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZ${i}` }, guesser),
        401,
        'followup.invalid_credentials',
      );
    expect((await signInReq(t.app, receipt, nextClientIp())).status).toBe(201);
    expect((await signInReq(t.app, receipt, guesser)).status).toBe(201); // proof of work is off in this app: nothing slows anyone
    const counters = (await RateLimitCounter.find({}, { _id: 1 }).lean()).map((c) => String(c._id));
    expect(counters.filter((id) => id.startsWith('followup'))).toEqual([]); // nothing counted in the database
  });

  test('each wrong key makes that client’s proof of work harder (up to a cap); others are not slowed, and the holder still gets in', async () => {
    const receipt = await submitted(reportText('pow-escalation'), newKey());
    const guesser = nextClientIp();
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) {
      const p = await proof(guesser);
      seen.push(p.bits);
      expectProblem(
        await signInReq(
          powApp,
          { reference: receipt.reference, accessKey: `ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZ${i % 10}` },
          guesser,
          p.headers,
        ),
        401,
        'followup.invalid_credentials',
      );
    }
    expect(seen).toEqual([
      BASE,
      BASE,
      BASE,
      BASE,
      BASE + 1,
      BASE + 2,
      BASE + 3,
      BASE + 4,
      BASE + 5,
      BASE + 6,
      BASE + 6,
      BASE + 6,
    ]);
    // an easier proof than this client now owes is refused before the key is looked at
    const easy = await proof(guesser, '/api/v1/pow/challenge');
    expect(easy.bits).toBe(BASE);
    expectProblem(await signInReq(powApp, receipt, guesser, easy.headers), 400, 'pow.invalid');
    // another client still works at the base difficulty
    const other = nextClientIp();
    const fresh = await proof(other);
    expect(fresh.bits).toBe(BASE);
    expect((await signInReq(powApp, receipt, other, fresh.headers)).status).toBe(201);
    // the holder behind the guesser's address gets in by doing the harder work
    expect((await signInReq(powApp, receipt, guesser, (await proof(guesser)).headers)).status).toBe(201);
  });

  test('adding evidence needs proof of work: without it → 428 and nothing is read or stored', async () => {
    const receipt = await submitted(reportText('evidence-pow'), newKey());
    const token = (await signInReq(powApp, receipt, nextClientIp(), (await proof(nextClientIp())).headers)).body
      .token as string;
    const before = (await Report.findOne({ reference: receipt.reference }).lean())!.evidence.length;
    const upload = (ip: string, headers: Record<string, string> = {}) => {
      const req = request(powApp)
        .post('/api/v1/followup/evidence')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Forwarded-For', ip);
      for (const [k, v] of Object.entries(headers)) req.set(k, v);
      return req.attach('evidence', photo, { filename: 'more.jpg', contentType: 'image/jpeg' });
    };
    expectProblem(await upload(nextClientIp()), 428, 'pow.required');
    expect((await Report.findOne({ reference: receipt.reference }).lean())!.evidence.length).toBe(before);
    expect(filesUnder(t.store.tempDir)).toEqual([]);
    const ok = await upload(nextClientIp(), (await proof(nextClientIp(), '/api/v1/pow/challenge')).headers);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ added: 1 });
  });

  test('a flood of evidence uploads from one address is cut off after 20 a minute', async () => {
    const receipt = await submitted(reportText('evidence-flood'), newKey());
    const token = (await signInReq(t.app, receipt, nextClientIp())).body.token as string;
    const flooder = nextClientIp();
    const statuses: number[] = [];
    // No files: each is refused (400) after the limiter has counted it, so the flood stays cheap.
    for (let i = 0; i < 21; i++)
      statuses.push(
        (
          await request(t.app)
            .post('/api/v1/followup/evidence')
            .set('Authorization', `Bearer ${token}`)
            .set('X-Forwarded-For', flooder)
            .field('note', 'x')
        ).status,
      );
    expect(statuses.slice(0, 20).filter((s) => s < 400 || s >= 500 || s === 429)).toEqual([]);
    expect(statuses[20]).toBe(429);
  });
});
