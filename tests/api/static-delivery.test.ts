// How the server delivers: the built client's files precompressed (Brotli, gzip or as
// they are, as the client accepts), cache rules per kind of file, API answers never
// stored and compressed only when they are JSON or text over 1 KB, downloads as they are.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { shouldCompress } from '../../server/platform/http/compression';
import { ensureClientBuilt, ROOT } from '../support/browser';
import { intakeEnv, submit, validReport } from '../support/intake';
import { listenOnLoopback, rawRequest, type RawResponse } from '../support/rawHttp';
import { startTestApp, type TestApp } from '../support/server';
import { signIn, type StaffSession } from '../support/staff';

const CLIENT = path.join(ROOT, 'dist/client');
const BR = { 'Accept-Encoding': 'gzip, deflate, br' };
const IMMUTABLE = 'public, max-age=31536000, immutable';

let t: TestApp;
let http: { baseUrl: string; close(): Promise<void> };
let intake: StaffSession;
/** The public page's entry script, e.g. /assets/public-AbCd1234.js. */
let entry: string;

const get = (url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> =>
  rawRequest(http.baseUrl, url, { method, headers });
const fileOf = (url: string) => fs.readFileSync(path.join(CLIENT, url));

function expectBodyMatchesLength(res: RawResponse): void {
  expect(res.headers['content-length']).toBe(String(res.body.length));
}

beforeAll(async () => {
  await ensureClientBuilt();
  t = await startTestApp(intakeEnv, { clientDir: CLIENT });
  http = await listenOnLoopback(t.app);
  intake = await signIn(t.app, 'intake', t.demoPassword);
  entry = /<script type="module" crossorigin src="([^"]+)"/.exec(fileOf('index.html').toString())![1];
}, 180_000);
afterAll(async () => {
  await http?.close();
  await t?.stop();
});

describe('the built client, precompressed', () => {
  test('every compressible file has Brotli and gzip twins beside the original', () => {
    // A twin is left out only where it would not be smaller (a few files of some 100 bytes).
    const files = fs
      .readdirSync(path.join(CLIENT, 'assets'))
      .filter((f) => /\.(js|mjs|css)$/.test(f) && fs.statSync(path.join(CLIENT, 'assets', f)).size > 1024);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      expect(fs.existsSync(path.join(CLIENT, 'assets', `${f}.br`))).toBe(true);
      expect(fs.existsSync(path.join(CLIENT, 'assets', `${f}.gz`))).toBe(true);
    }
    for (const page of ['index.html', 'console/index.html'])
      expect(fs.existsSync(path.join(CLIENT, `${page}.br`))).toBe(true);
  });

  test('a browser that accepts Brotli gets the .br file, whole, kept for a year', async () => {
    const res = await get(entry, BR);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expectBodyMatchesLength(res);
    expect(res.body.equals(fileOf(`${entry}.br`))).toBe(true);
    expect(zlib.brotliDecompressSync(res.body).equals(fileOf(entry))).toBe(true);
    expect(res.body.length).toBeLessThan(fileOf(entry).length / 2);
  });

  test('gzip when the client knows no Brotli', async () => {
    const res = await get(entry, { 'Accept-Encoding': 'gzip, deflate' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expectBodyMatchesLength(res);
    expect(zlib.gunzipSync(res.body).equals(fileOf(entry))).toBe(true);
  });

  test('the file as it is when the client sends no Accept-Encoding', async () => {
    const res = await get(entry);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expectBodyMatchesLength(res);
    expect(res.body.equals(fileOf(entry))).toBe(true);
  });

  test('HEAD answers the headers of the same representation, without a body', async () => {
    const [head, full] = [await get(entry, BR, 'HEAD'), await get(entry, BR)];
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.headers.etag).toBe(full.headers.etag);
    expect(head.body.length).toBe(0);
  });

  test('a Range request gets that part of the compressed representation it was sent', async () => {
    const whole = fileOf(`${entry}.br`);
    const res = await get(entry, { ...BR, Range: 'bytes=0-99' });
    expect(res.status).toBe(206);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-range']).toBe(`bytes 0-99/${whole.length}`);
    expect(res.body.equals(whole.subarray(0, 100))).toBe(true);
  });

  test('the Brotli and identity versions have different ETags (a cache cannot mix them up)', async () => {
    expect((await get(entry, BR)).headers.etag).not.toBe((await get(entry)).headers.etag);
  });

  test('both index pages and every page route: HTML, compressed, checked on every visit', async () => {
    const publicPage = fileOf('index.html');
    const consolePage = fileOf('console/index.html');
    for (const [url, page] of [
      ['/', publicPage],
      ['/report', publicPage],
      ['/follow-up/anything', publicPage],
      ['/console', consolePage],
      ['/console/login', consolePage],
      ['/console/deep/link', consolePage],
    ] as const) {
      const res = await get(url, BR);
      expect([url, res.status]).toEqual([url, 200]);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expectBodyMatchesLength(res);
      expect(zlib.brotliDecompressSync(res.body).equals(page)).toBe(true);
    }
    const plain = await get('/console/deep/link');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(consolePage)).toBe(true);
  });

  test('a file without a hash in its name is kept for a short while only', async () => {
    const res = await get('/favicon.svg', BR);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  test.each(['/assets/gone-AbCd1234.js', '/console/assets/gone-AbCd1234.js'])(
    'a missing bundle file is a 404, never a page in its place: %s',
    async (missing) => {
      const res = await get(missing, BR);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).not.toMatch(/text\/html/);
    },
  );
});

describe('API answers', () => {
  test('JSON over 1 KB is compressed, never stored', async () => {
    const res = await get('/api/v1/catalog', BR);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('no-store');
    const json = zlib.brotliDecompressSync(res.body);
    expect(json.length).toBeGreaterThan(1024);
    expect(JSON.parse(json.toString())).toHaveProperty('areas');
    expect((await get('/api/v1/catalog', { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    const plain = await get('/api/v1/catalog');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(json)).toBe(true);
  });

  test('an answer under 1 KB is sent as it is, and refusals are not stored either', async () => {
    const res = await get('/api/v1/no-such-thing', BR);
    expect(res.status).toBe(404);
    expect(res.body.length).toBeLessThan(1024);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await get('/api/v1/auth/session', BR)).headers['cache-control']).toBe('no-store');
  });

  test('answers that carry the CSRF token are never compressed (BREACH)', async () => {
    const res = await get('/api/v1/auth/session', { ...BR, Cookie: intake.cookie });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toHaveProperty('csrfToken');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    // That answer is under 1 KB anyway; the rule holds whatever its size.
    const json = { getHeader: (name: string) => (name === 'Content-Type' ? 'application/json' : undefined) };
    expect(shouldCompress({ originalUrl: '/api/v1/auth/session' }, json)).toBe(false);
    expect(shouldCompress({ originalUrl: '/api/v1/auth/login' }, json)).toBe(false);
    expect(shouldCompress({ originalUrl: '/api/v1/Auth/totp/setup' }, json)).toBe(false);
    expect(shouldCompress({ originalUrl: '/api/v1/reports?page=2' }, json)).toBe(true);
    // A JSON or CSV download is compressible by type; its Content-Disposition keeps it as stored.
    const download = (type: string) => ({
      getHeader: (name: string) =>
        ({ 'content-type': type, 'content-disposition': 'attachment; filename="ledger.csv"' })[name.toLowerCase()],
    });
    expect(shouldCompress({ originalUrl: '/api/v1/fund/ledger.csv' }, download('text/plain; charset=utf-8'))).toBe(
      false,
    );
    expect(shouldCompress({ originalUrl: '/api/v1/exports/x' }, download('application/json'))).toBe(false);
  });

  test('a poster scan redirect is never stored', async () => {
    const res = await get('/p/NOSUCHCODE', BR);
    expect(res.status).toBe(302);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('evidence is downloaded exactly as stored, never compressed on the way', async () => {
    // A text-heavy PDF: compression would shrink it; downloads go as stored.
    const pdf = Buffer.from(
      `%PDF-1.4\n${'% 安全出口被堵死 the exits are blocked\n'.repeat(200)}1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
      'utf8',
    );
    const submitted = await submit(t.app, validReport(), [
      { content: pdf, filename: 'notice.pdf', contentType: 'application/pdf' },
    ]);
    expect(submitted.status).toBe(201);
    const reference = (submitted.body as { reference: string }).reference;
    const report = await request(t.app).get(`/api/v1/reports/${reference}`).set('Cookie', intake.cookie);
    const [item] = (report.body as { evidence: { fileId: string; storedSha256: string }[] }).evidence;
    const res = await get(`/api/v1/reports/${reference}/evidence/${item.fileId}`, { ...BR, Cookie: intake.cookie });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.length).toBeGreaterThan(1024);
    expect(res.headers['x-evidence-sha256']).toBe(item.storedSha256);
  });
});
