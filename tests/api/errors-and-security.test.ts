// Cross-cutting HTTP behaviour: problem documents, body limits, security headers,
// health and readiness, the OpenAPI document, the public catalog, and that query
// operators smuggled in through input never reach the database as operators.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { MongoClient } from 'mongodb';
import mongoose, { trusted } from 'mongoose';
import request from 'supertest';
import { countiesOf } from '../../server/jurisdiction/applySeed';
import { anyang } from '../../server/jurisdiction/seeds/anyang';

const areas = countiesOf(anyang);
import { startEmbeddedMongo } from '@woodpecker/embedded-mongo';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { RateLimitCounter } from '../../server/platform/http/rateLimitCounter.model';
import { Report } from '../../server/reports/report.model';
import { Session } from '../../server/staff/session.model';
import { Staff } from '../../server/staff/staff.model';
import { filesUnder, jpeg, submit, validReport } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, errorPaths, expectProblem, sessionCookieOf, type StaffSession, openSession } from '../support/staff';

let t: TestApp;
let admin: StaffSession;

beforeAll(async () => {
  t = await startTestApp();
  admin = await openSession(t, 'admin');
});
afterAll(async () => {
  await t?.stop();
});

describe('problem documents', () => {
  test('an unknown /api route → 404 problem+json with every member', async () => {
    const res = await request(t.app).get('/api/v1/no-such-thing');

    expectProblem(res, 404, 'resource.not_found');
    expect(res.body).toEqual({
      type: 'https://woodpecker.invalid/problems/resource.not_found',
      title: expect.any(String),
      status: 404,
      detail: expect.any(String),
      code: 'resource.not_found',
      requestId: res.headers['x-request-id'],
    });
  });

  test('an unknown method on a known path → 404 problem too', async () => {
    expectProblem(await request(t.app).delete('/api/v1/catalog'), 404, 'resource.not_found');
  });

  test('a malformed JSON body → 400 request.malformed_json', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "admin", ');

    expectProblem(res, 400, 'request.malformed_json');
    expect(JSON.stringify(res.body)).not.toMatch(/SyntaxError|at JSON\.parse|node_modules/);
  });

  test('a body over 100 kB → 413 request.too_large', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'x'.repeat(101 * 1024) });
    expectProblem(res, 413, 'request.too_large');
  });

  test('a bogus Content-Encoding gets a 400, on a JSON body and on an upload, and signs nobody in', async () => {
    const sessionsBefore = await Session.countDocuments();
    const json = await request(t.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'bogus')
      .send(JSON.stringify({ username: 'admin', password: t.demoPassword }));
    expectProblem(json, 400, 'request.unsupported_encoding');
    expect(sessionCookieOf(json)).toBeUndefined();

    const reportsBefore = await Report.countDocuments();
    const upload = await submit(t.app, validReport(), [{ content: await jpeg() }]).set('Content-Encoding', 'bogus');
    expectProblem(upload, 400, 'request.unsupported_encoding');
    expect(await Report.countDocuments()).toBe(reportsBefore);
    expect(filesUnder(t.store.tempDir)).toEqual([]);
    expect(await Session.countDocuments()).toBe(sessionsBefore);
  });

  test('a body declared gzip that does not inflate gets a 400, not a 500', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send('{"username": "admin"}');
    expectProblem(res, 400, 'request.unsupported_encoding');
  });

  test('a JSON body that really is gzip-compressed is still read', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize((body: unknown) => body as string) // the compressed bytes as they are
      .send(zlib.gzipSync(JSON.stringify({ username: 'nobody-here', password: 'x' })));
    expectProblem(res, 401, 'auth.invalid_credentials');
  });

  test('a validation problem lists each field with path, code and message', async () => {
    const res = await request(t.app).post('/api/v1/auth/login').send({ password: 'x' });

    expectProblem(res, 400, 'request.invalid');
    expect(res.body.errors).toEqual([{ path: 'body.username', code: 'invalid_type', message: expect.any(String) }]);
    expect(res.body).toMatchObject({
      type: expect.any(String),
      title: expect.any(String),
      status: 400,
      detail: expect.any(String),
      requestId: expect.any(String),
    });
  });

  test('a well-formed X-Request-Id is echoed; a hostile one is replaced', async () => {
    const good = await request(t.app).get('/api/v1/nope').set('X-Request-Id', 'trace-12345678');
    expect(good.headers['x-request-id']).toBe('trace-12345678');
    expect(good.body.requestId).toBe('trace-12345678');

    const bad = await request(t.app).get('/api/v1/nope').set('X-Request-Id', '<script>alert(1)</script>');
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('security headers', () => {
  test('no X-Powered-By', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  test("CSP has default-src 'self' and names no other host", async () => {
    const csp = (await request(t.app).get('/api/v1/catalog')).headers['content-security-policy'] as string;

    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    // Every source is a keyword or a local scheme: no third-party host, no wildcard.
    const sources = Object.values(directives).flat();
    expect(sources.filter((s) => !/^('self'|'none'|'unsafe-inline'|data:|blob:)$/.test(s))).toEqual([]);
  });

  test('other hardening headers are present', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  test.each(['/api/v1/auth/session', '/api/v1/staff', '/api/v1/units', '/api/v1/fund', '/api/v1/audit'])(
    'staff response %s is Cache-Control: no-store',
    async (path) => {
      const res = await as(request(t.app).get(path), admin, null);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    },
  );
});

describe('operations endpoints', () => {
  test('GET /healthz → {status: "ok"}', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('GET /readyz → 200 while the database answers', async () => {
    const res = await request(t.app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('GET /api/v1/openapi.json is OpenAPI 3.1 with the documented paths', async () => {
    const res = await request(t.app).get('/api/v1/openapi.json');

    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/staff',
        '/api/v1/staff/{id}',
        '/api/v1/staff/{id}/password-reset',
      ]),
    );
    expect(Object.keys(res.body.paths['/api/v1/staff/{id}'])).toEqual(['patch']);
    const patch = res.body.paths['/api/v1/staff/{id}'].patch;
    expect(patch.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(patch.security).toEqual([{ session: [] }]);
    expect(res.body.paths['/api/v1/auth/login'].post.security).toBeUndefined();
    expect(res.body.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['username', 'password']),
    );
  });

  test('GET /api/v1/catalog lists the 9 areas (with 410581 林州市) and the categories, without a session', async () => {
    const res = await request(t.app).get('/api/v1/catalog');

    expect(res.status).toBe(200);
    expect(res.body.areas).toHaveLength(9);
    expect(res.body.areas).toContainEqual({
      code: '410581',
      name: { zh: '林州市', en: 'Linzhou City' },
      level: 'county',
    });
    expect(res.body.areas.map((a: { code: string }) => a.code)).toEqual(areas.map((a) => a.code));
    expect(res.body.categories.length).toBeGreaterThan(5);
    for (const c of res.body.categories)
      expect(c).toEqual({
        code: expect.any(String),
        sector: expect.any(String),
        scheme: expect.stringMatching(/^(violation|concealed-accident|welding)$/),
        name: { zh: expect.any(String), en: expect.any(String) },
      });
    expect(res.body.categories.map((c: { code: string }) => c.code)).toContain('major-hazard');
  });
});

describe('files at rest', () => {
  const isPrivate = (p: string) => (fs.statSync(p).mode & 0o077) === 0;

  test('evidence files are readable by the owner only (files 0600, directories 0700)', async () => {
    const res = await submit(t.app, validReport(), [{ content: await jpeg() }]);
    expect(res.status).toBe(201);

    const stored = filesUnder(path.join(t.uploadDir, 'evidence'));
    expect(stored).toHaveLength(1);
    const file = path.join(t.uploadDir, 'evidence', stored[0]);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    for (const dir of [t.uploadDir, t.store.tempDir, path.join(t.uploadDir, 'evidence'), path.dirname(file)])
      expect([dir, isPrivate(dir)]).toEqual([dir, true]);
  });

  test('the embedded database files are readable by the owner only', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wp-db-modes-')), 'db');
    const engine = await startEmbeddedMongo({ dataDir: dir });
    try {
      const client = await MongoClient.connect(engine.uri);
      await client.db('modes').collection('c').insertOne({ secret: 'reporter identity' });
      await client.close();
      const files = fs.readdirSync(dir);
      expect(files).toEqual(expect.arrayContaining(['woodpecker.sqlite', 'engine.lock']));
      for (const name of files) expect([name, isPrivate(path.join(dir, name))]).toEqual([name, true]);
      expect(isPrivate(dir)).toBe(true);
    } finally {
      await engine.stop();
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});

describe('query-operator injection', () => {
  test.each([
    ['username', { username: { $ne: 'x' }, password: 'x' }, 'body.username'],
    ['password', { username: 'admin', password: { $ne: '' } }, 'body.password'],
    ['username regex', { username: { $regex: '.*' }, password: 'x' }, 'body.username'],
  ])('an operator object as %s → 400, and nobody is signed in', async (_label, body, path) => {
    const sessionsBefore = await Session.countDocuments();
    const res = await request(t.app).post('/api/v1/auth/login').send(body);

    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual([path]);
    expect(sessionCookieOf(res)).toBeUndefined();
    expect(await Session.countDocuments()).toBe(sessionsBefore);
  });

  test('a filter built from input has its operators neutralised (sanitizeFilter), unless marked trusted', async () => {
    expect(mongoose.get('sanitizeFilter')).toBe(true);
    const input = JSON.parse('{"$ne": "x"}') as { $ne: string }; // as it would arrive in a request body
    // Wrapped as {$eq: {$ne: "x"}}: on a string path that cannot even be cast, so it never matches anyone.
    expect(mongoose.sanitizeFilter({ username: input })).toEqual({ username: { $eq: { $ne: 'x' } } });
    await expect(Staff.findOne({ username: input })).rejects.toThrow(mongoose.Error.CastError);
    // On an untyped (Mixed) path it runs, as a literal equality that matches nothing.
    expect(await AuditEntry.findOne({ details: input })).toBeNull();
    // The same filters, declared trusted by the code, do match: the outcomes above are the sanitiser's doing.
    expect(await Staff.findOne({ username: trusted({ $ne: 'x' }) })).not.toBeNull();
    expect(await AuditEntry.findOne({ details: trusted({ $ne: 'x' }) })).not.toBeNull();
  });

  test('an operator in a query string never filters: it is ignored or rejected', async () => {
    const res = await as(request(t.app).get('/api/v1/staff?role[$ne]=admin&role[$regex]=.'), admin, null);
    const names = ((res.body.items ?? []) as { username: string }[]).map((u) => u.username);
    const outcome =
      res.status === 400
        ? 'rejected'
        : res.status === 200 && names.includes('admin') && res.body.total === (await Staff.countDocuments())
          ? 'ignored'
          : `applied (${res.status})`;
    expect(['rejected', 'ignored']).toContain(outcome);
  });
});

describe('rate limiting', () => {
  afterAll(async () => {
    await RateLimitCounter.deleteMany({});
  });

  test('more than 30 sign-in requests a minute from one address → 429 request.rate_limited with Retry-After', async () => {
    await RateLimitCounter.deleteMany({});
    // Invalid bodies are cheap (no password hashing) and still count.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await request(t.app).post('/api/v1/auth/login').send({})).status);
    expect(statuses).toEqual(Array(30).fill(400));

    const res = await request(t.app).post('/api/v1/auth/login').send({ username: 'admin', password: t.demoPassword });

    expectProblem(res, 429, 'request.rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(sessionCookieOf(res)).toBeUndefined();
    // The counter is stored under a keyed hash, never the address itself.
    const keys = (await RateLimitCounter.find().lean()).map((c) => c._id);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/127\.0\.0\.1|::1/);
  });
});
