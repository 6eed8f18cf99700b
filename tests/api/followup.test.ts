// The reporter's follow-up: signing in with the receipt (and nothing else), the
// reporter's view of the report, messages, more
// evidence, withdrawal, and expired or missing tokens.
import crypto from 'node:crypto';
import fs from 'node:fs';
import request, { type Response, type Test } from 'supertest';
import { FollowupSession } from '../../server/reports/followupSession.model';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Report } from '../../server/reports/report.model';
import { hashAccessKey } from '../../server/reports/intake/receipt';
import {
  executable,
  filesUnder,
  intakeEnv,
  jpeg,
  nextClientIp,
  sha256,
  storedPath,
  submit,
  validReport,
} from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { expectProblem } from '../support/staff';
import type { Receipt } from '../support/cases';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
});
afterAll(async () => {
  await t?.stop();
});

async function newReport(over: Record<string, unknown> = {}): Promise<Receipt> {
  const res = await submit(t.app, validReport(over), [{ content: await jpeg() }]);
  if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Receipt;
}

const signInReq = (reference: string, accessKey: string): Test =>
  request(t.app)
    .post('/api/v1/followup/sessions')
    .set('X-Forwarded-For', nextClientIp())
    .send({ reference, accessKey });

async function signIn(r: Receipt): Promise<string> {
  const res = await signInReq(r.reference, r.accessKey);
  if (res.status !== 201) throw new Error(`follow-up sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

const bearer = (req: Test, token: string) =>
  req.set('Authorization', `Bearer ${token}`).set('X-Forwarded-For', nextClientIp());
const getReport = (token: string) => bearer(request(t.app).get('/api/v1/followup/report'), token);
const sendMessage = (token: string, body: string) =>
  bearer(request(t.app).post('/api/v1/followup/messages'), token).send({ body });
const addEvidence = (token: string, files: Buffer[]) => {
  let req = bearer(request(t.app).post('/api/v1/followup/evidence'), token);
  for (const [i, f] of files.entries())
    req = req.attach('evidence', f, { filename: `more-${i}.jpg`, contentType: 'image/jpeg' });
  return req;
};
const withdraw = (token: string, reason?: string) =>
  bearer(request(t.app).post('/api/v1/followup/withdraw'), token).send(reason ? { reason } : {});

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

function expectNoStore(res: Response): void {
  expect(res.headers['cache-control']).toBe('no-store');
}

describe('signing in with the receipt', () => {
  let receipt: Receipt;
  beforeAll(async () => {
    receipt = await newReport();
  });

  test('the right pair → 201 {token, expiresAt}; only the token’s hash is stored', async () => {
    const res = await signInReq(receipt.reference, receipt.accessKey);
    expect(res.status).toBe(201);
    expectNoStore(res);
    expect(res.body.token).toMatch(/^[\w-]{40,}$/);
    const expiresAt = new Date(res.body.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThan(Date.now() + 20 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 31 * 60_000);
    const session = await FollowupSession.findById(tokenHash(res.body.token)).lean();
    expect(session?.reference).toBe(receipt.reference);
    expect(JSON.stringify(await FollowupSession.find().lean())).not.toContain(res.body.token);
  });

  test('a wrong key → 401 followup.invalid_credentials; an unknown reference → the same 401, same shape', async () => {
    const wrongKey = await signInReq(receipt.reference, 'ABCD-EFGH-JKMN-PQRS-TVWX');
    const unknown = await signInReq('WP-0000-0000', receipt.accessKey);
    expectProblem(wrongKey, 401, 'followup.invalid_credentials');
    expectProblem(unknown, 401, 'followup.invalid_credentials');
    const shape = (r: Response) => ({
      code: r.body.code,
      title: r.body.title,
      status: r.body.status,
      detail: r.body.detail,
      type: r.body.type,
      keys: Object.keys(r.body).sort(),
    });
    expect(shape(unknown)).toEqual(shape(wrongKey));
    expectNoStore(wrongKey);
    expectNoStore(unknown);
    expect(wrongKey.body.token).toBeUndefined();
  });

  test('the key may be typed in lower case, without dashes, with spaces', async () => {
    const key = receipt.accessKey;
    for (const typed of [
      key.toLowerCase(),
      key.replace(/-/g, ''),
      key.replace(/-/g, ' '),
      `  ${key.toLowerCase().replace(/-/g, '')} `,
    ]) {
      const res = await signInReq(receipt.reference, typed);
      expect({ typed, status: res.status }).toEqual({ typed, status: 201 });
    }
    const lowerRef = await signInReq(receipt.reference.toLowerCase(), key);
    expect(lowerRef.status).toBe(201);
  });

  test('look-alikes are read as what they look like: O as 0, I and L as 1', async () => {
    // A receipt whose key has zeros and ones in it (a random key may have neither).
    const r = await newReport();
    const key = '0A1B-0C1D-2E3F-4G5H-6J7K';
    await Report.updateOne({ reference: r.reference }, { $set: { accessKeyHash: hashAccessKey(t.box, key) } });
    for (const typed of ['OA1B-OC1D-2E3F-4G5H-6J7K', 'oaib-oc1d-2e3f-4g5h-6j7k', '0AlB0CLD2E3F4G5H6J7K']) {
      const res = await signInReq(r.reference, typed);
      expect({ typed, status: res.status }).toEqual({ typed, status: 201 });
    }
  });

  test('a malformed body → 400 naming the field', async () => {
    const res = await request(t.app)
      .post('/api/v1/followup/sessions')
      .set('X-Forwarded-For', nextClientIp())
      .send({ reference: receipt.reference });
    expectProblem(res, 400, 'request.invalid');
  });
});

describe('the reporter’s view, messages, evidence and withdrawal', () => {
  let receipt: Receipt;
  let token: string;

  beforeAll(async () => {
    receipt = await newReport({ anonymous: false, reporter: { name: '孙丽', phone: '13937200000' } });
    token = await signIn(receipt);
  });

  test('GET /followup/report: status submitted and the public timeline only', async () => {
    await Report.updateOne(
      { reference: receipt.reference },
      {
        $push: {
          timeline: {
            at: new Date(),
            type: 'screened',
            public: false,
            actorId: 'staff-123',
            note: '内部备注：举报人疑似企业前员工',
          },
        },
      },
    );
    const res = await getReport(token);
    expect(res.status).toBe(200);
    expectNoStore(res);
    expect(res.body).toMatchObject({
      reference: receipt.reference,
      status: 'submitted',
      anonymous: false,
      evidenceCount: 1,
      messages: [],
    });
    expect(res.body.timeline.map((e: { type: string }) => e.type)).toEqual(['submitted']);
    const json = JSON.stringify(res.body);
    for (const hidden of [
      'screened',
      '内部备注',
      'staff-123',
      '孙丽',
      '13937200000',
      'accessKeyHash',
      'scrypt',
      'reporterSealed',
      'fileId',
      'Sha256',
    ])
      expect(json).not.toContain(hidden);
  });

  test('a message → 204, then visible to the reporter and stored with a public timeline entry', async () => {
    const res = await sendMessage(token, '  补充：今天下午又看到他们在堵门。  ');
    expect(res.status).toBe(204);
    expectNoStore(res);
    const view = await getReport(token);
    expect(view.body.messages).toEqual([
      { at: expect.any(String), from: 'reporter', body: '补充：今天下午又看到他们在堵门。' },
    ]);
    expect(view.body.timeline.map((e: { type: string }) => e.type)).toEqual(['submitted', 'reporter-message']);
    expect(await AuditEntry.countDocuments({ action: 'report.reporter_message', 'target.id': receipt.reference })).toBe(
      1,
    );
  });

  test('an empty message → 400', async () => {
    const res = await sendMessage(token, '   ');
    expectProblem(res, 400, 'request.invalid');
  });

  test('more evidence → {added}, stored with its hashes, and a reporter-evidence timeline entry', async () => {
    const a = await jpeg();
    const b = await jpeg();
    const res = await addEvidence(token, [a, b]);
    expect(res.status).toBe(200);
    expectNoStore(res);
    expect(res.body).toEqual({ added: 2 });
    const doc = (await Report.findOne({ reference: receipt.reference }).lean())!;
    expect(doc.evidence).toHaveLength(3);
    const added = doc.evidence.slice(1);
    expect(added.map((e) => e.receivedSha256)).toEqual([sha256(a), sha256(b)]);
    for (const e of added) {
      expect(e.addedBy).toBe('reporter');
      expect(sha256(fs.readFileSync(storedPath(t.uploadDir, e.fileId)))).toBe(e.storedSha256);
    }
    expect(doc.timeline.filter((e) => e.type === 'reporter-evidence')).toEqual([
      expect.objectContaining({ public: true }),
    ]);
    const view = await getReport(token);
    expect(view.body.evidenceCount).toBe(3);
    expect(view.body.timeline.map((e: { type: string }) => e.type)).toContain('reporter-evidence');
    expect(filesUnder(t.store.tempDir)).toEqual([]);
  });

  test('more evidence that is refused → 4xx, nothing added, nothing left on disk', async () => {
    const before = filesUnder(t.uploadDir);
    const res = await addEvidence(token, [executable()]);
    expectProblem(res, 415, 'evidence.type_not_allowed');
    expect((await Report.findOne({ reference: receipt.reference }).lean())!.evidence).toHaveLength(3);
    expect(filesUnder(t.uploadDir)).toEqual(before);
  });

  test('a good photo with a refused file → 415, and the good photo’s cleaned copy is not left in the temp dir', async () => {
    const before = filesUnder(t.uploadDir);
    const res = await addEvidence(token, [await jpeg(), executable()]);
    expectProblem(res, 415, 'evidence.type_not_allowed');
    expect((await Report.findOne({ reference: receipt.reference }).lean())!.evidence).toHaveLength(3);
    const after = filesUnder(t.uploadDir);
    for (const f of after.filter((x) => !before.includes(x))) fs.rmSync(`${t.uploadDir}/${f}`, { force: true }); // keep later tests independent
    expect(after).toEqual(before);
  });

  test('an evidence request with no files → 400', async () => {
    const res = await bearer(request(t.app).post('/api/v1/followup/evidence'), token).field('note', 'nothing attached');
    expect(res.status).toBe(400);
    expectNoStore(res);
  });

  test('withdraw → 204, status withdrawn; then messages, evidence and withdraw → 409 report.closed', async () => {
    const res = await withdraw(token, '已经和企业协商解决');
    expect(res.status).toBe(204);
    expectNoStore(res);
    const doc = (await Report.findOne({ reference: receipt.reference }).lean())!;
    expect(doc.status).toBe('withdrawn');
    expect(doc.timeline.at(-1)).toMatchObject({ type: 'withdrawn', public: true });
    expect(await AuditEntry.countDocuments({ action: 'report.withdraw', 'target.id': receipt.reference })).toBe(1);

    const view = await getReport(token);
    expect(view.body.status).toBe('withdrawn');

    const before = filesUnder(t.uploadDir);
    const msg = await sendMessage(token, '我又想补充一点');
    const ev = await addEvidence(token, [await jpeg()]);
    const again = await withdraw(token);
    for (const r of [msg, ev, again]) {
      expectProblem(r, 409, 'report.closed');
      expectNoStore(r);
    }
    expect(filesUnder(t.uploadDir)).toEqual(before);
    const after = (await Report.findOne({ reference: receipt.reference }).lean())!;
    expect(after.messages).toHaveLength(1);
    expect(after.evidence).toHaveLength(3);
    expect(await AuditEntry.countDocuments({ action: 'report.withdraw', 'target.id': receipt.reference })).toBe(1);
  });
});

describe('tokens', () => {
  let receipt: Receipt;
  beforeAll(async () => {
    receipt = await newReport();
  });

  test('an expired token → 401 followup.session_expired on every endpoint', async () => {
    const token = await signIn(receipt);
    expect((await getReport(token)).status).toBe(200);
    await FollowupSession.updateOne({ _id: tokenHash(token) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    for (const res of [
      await getReport(token),
      await sendMessage(token, 'hello'),
      await addEvidence(token, [await jpeg()]),
      await withdraw(token),
    ]) {
      expectProblem(res, 401, 'followup.session_expired');
      expectNoStore(res);
    }
    const doc = (await Report.findOne({ reference: receipt.reference }).lean())!;
    expect(doc.status).toBe('submitted');
    expect(doc.messages).toHaveLength(0);
    expect(doc.evidence).toHaveLength(1);
    expect(filesUnder(t.store.tempDir)).toEqual([]);
  });

  test('no token, a malformed one, or an unknown one → 401', async () => {
    const noToken = await request(t.app).get('/api/v1/followup/report').set('X-Forwarded-For', nextClientIp());
    expectProblem(noToken, 401, 'followup.session_expired');
    expectNoStore(noToken);
    for (const auth of [
      'Bearer',
      'Bearer short',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      `Bearer ${crypto.randomBytes(32).toString('base64url')}`,
    ]) {
      const res = await request(t.app)
        .get('/api/v1/followup/report')
        .set('X-Forwarded-For', nextClientIp())
        .set('Authorization', auth);
      expectProblem(res, 401, 'followup.session_expired');
    }
    const msg = await request(t.app)
      .post('/api/v1/followup/messages')
      .set('X-Forwarded-For', nextClientIp())
      .send({ body: 'hi' });
    expectProblem(msg, 401, 'followup.session_expired');
  });

  test('a token is bound to its own report', async () => {
    const other = await newReport();
    const token = await signIn(other);
    const res = await getReport(token);
    expect(res.body.reference).toBe(other.reference);
    await sendMessage(token, '只属于另一份举报的消息');
    expect((await Report.findOne({ reference: receipt.reference }).lean())!.messages).toHaveLength(0);
  });

  test('a staff session cookie is not a follow-up token', async () => {
    const res = await request(t.app)
      .get('/api/v1/followup/report')
      .set('X-Forwarded-For', nextClientIp())
      .set('Cookie', 'wp_session=whatever');
    expectProblem(res, 401, 'followup.session_expired');
  });
});
