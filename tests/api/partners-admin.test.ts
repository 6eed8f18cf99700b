// The partner registry's administration: the secret is shown once and kept
// sealed, no list or audit entry carries it, and only administrators manage it.
// And the OpenAPI document describes the exchange's signature.
import request from 'supertest';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Partner } from '../../server/exchange/partner.model';
import { startTestApp, type TestApp } from '../support/server';
import { as, expectProblem, openSession, type StaffSession } from '../support/staff';

let t: TestApp;
let admin: StaffSession;

beforeAll(async () => {
  t = await startTestApp();
  admin = await openSession(t, 'admin');
});
afterAll(async () => {
  await t?.stop();
});

const register = (code: string, over: Record<string, unknown> = {}) =>
  as(request(t.app).post('/api/v1/partners'), admin).send({
    code,
    name: { zh: '河南省安全生产举报平台', en: 'Henan work-safety reporting platform' },
    testMode: true,
    ...over,
  });

test('registering answers the secret once; lists, the database and the audit log never hold it in the clear', async () => {
  const res = await register('henan-province', {
    webhookUrl: 'https://platform.example.cn/hooks/woodpecker?token=abc',
  });
  expect(res.status).toBe(201);
  const { secret, partner } = res.body;
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(partner).toMatchObject({ code: 'henan-province', testMode: true, active: true });
  expect(partner.keyId).toMatch(/^wpk_[0-9a-f]{24}$/);

  const rotated = await as(request(t.app).post('/api/v1/partners/henan-province/secret'), admin).send({});
  const secrets = [secret as string, rotated.body.secret as string];

  const list = await as(request(t.app).get('/api/v1/partners'), admin);
  expect(list.status).toBe(200);
  expect(list.body.items).toEqual([
    expect.objectContaining({ code: 'henan-province', keyId: rotated.body.partner.keyId }),
  ]);
  const stored = (await Partner.findOne({ code: 'henan-province' }).lean())!;
  const audit = await AuditEntry.find({ 'target.type': 'partner' }).lean();
  expect(audit.map((a) => a.action).sort()).toEqual(['partner.register', 'partner.rotate_secret']);
  for (const s of secrets) {
    expect(JSON.stringify(list.body)).not.toContain(s);
    expect(JSON.stringify(stored)).not.toContain(s);
    expect(JSON.stringify(audit)).not.toContain(s);
  }
  // The webhook address may carry the partner's own token: the log says a webhook exists, not where.
  expect(JSON.stringify(audit)).not.toContain('token=abc');
  expect(t.box.open(stored.secretSealed)).toBe(secrets[1]);
});

test('changes are audited with the fields that changed; unknown partners → 404; a taken code → 409', async () => {
  await register('xinxiang-city');
  const res = await as(request(t.app).patch('/api/v1/partners/xinxiang-city'), admin).send({
    testMode: false,
    webhookUrl: 'https://xinxiang.example.cn/hook',
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ testMode: false, webhookUrl: 'https://xinxiang.example.cn/hook' });
  const cleared = await as(request(t.app).patch('/api/v1/partners/xinxiang-city'), admin).send({ webhookUrl: null });
  expect(cleared.body.webhookUrl).toBeUndefined();
  const entries = await AuditEntry.find({ action: 'partner.update', 'target.id': 'xinxiang-city' })
    .sort({ at: 1 })
    .lean();
  expect(entries.map((e) => (e.details as { changed: string[] }).changed.sort())).toEqual([
    ['testMode', 'webhookUrl'],
    ['webhookUrl'],
  ]);
  expectProblem(
    await as(request(t.app).patch('/api/v1/partners/nobody-here'), admin).send({ active: false }),
    404,
    'resource.not_found',
  );
  expectProblem(await register('xinxiang-city'), 409, 'resource.conflict');
});

test('webhooks go over HTTPS (plain HTTP only to this machine); codes are short and lower-case', async () => {
  expectProblem(
    await register('plain-http', { webhookUrl: 'http://platform.example.cn/hook' }),
    400,
    'request.invalid',
  );
  expect((await register('loopback-test', { webhookUrl: 'http://127.0.0.1:9999/hook' })).status).toBe(201);
  expectProblem(await register('Bad Code'), 400, 'request.invalid');
});

test('only administrators manage partners', async () => {
  const intake = await openSession(t, 'intake');
  expectProblem(await as(request(t.app).get('/api/v1/partners'), intake), 403, 'auth.forbidden');
  expectProblem(
    await as(request(t.app).post('/api/v1/partners/henan-province/secret'), intake).send({}),
    403,
    'auth.forbidden',
  );
});

test('the OpenAPI document describes the exchange with its signature scheme', async () => {
  const doc = (await request(t.app).get('/api/v1/openapi.json')).body;
  const scheme = doc.components.securitySchemes.partnerSignature;
  expect(scheme).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Woodpecker-Signature' });
  for (const part of [
    'x-woodpecker-key',
    'x-woodpecker-timestamp',
    'x-woodpecker-nonce',
    'HMAC-SHA256',
    'SHA-256 of the raw body',
  ])
    expect(scheme.description).toContain(part);
  const dispatch = doc.paths['/api/v1/exchange/cases'].post;
  expect(dispatch.security).toEqual([{ partnerSignature: [] }]);
  expect(dispatch.requestBody.content['application/json'].schema.required).toEqual(
    expect.arrayContaining(['externalId', 'externalChannel', 'receivedAt', 'category', 'area', 'description']),
  );
  expect(doc.paths['/api/v1/partners'].get.security).toEqual([{ session: [] }]);
  // What we send back: the status webhook, signed the same way, its body the case view.
  const hook = doc.webhooks.caseStatusChanged.post;
  expect(hook.security).toEqual([{ partnerSignature: [] }]);
  const body = hook.requestBody.content['application/json'].schema;
  expect(body.required).toEqual(expect.arrayContaining(['eventId', 'type', 'sequence', 'occurredAt', 'case']));
  expect(body.properties.type.enum).toEqual(expect.arrayContaining(['accepted', 'verified', 'reward-decided', 'test']));
  expect(hook.description).toContain('sequence');
});
