// Posters: staff manage and print them; a citizen's scan of /p/:code is counted and
// lands on the report form. Each case checks the response and what the database
// holds afterwards, audit entries included.
import QRCode from 'qrcode';
import sharp from 'sharp';
import request, { type Response } from 'supertest';
import { shanghaiDay } from '../../shared/dates';
import { posterCreator } from '../../server/posters/posters';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Poster } from '../../server/posters/poster.model';
import { PosterScan } from '../../server/posters/posterScan.model';
import type { Actor } from '../../server/access';
import { nextClientIp } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

const PUBLIC_BASE_URL = 'https://jubao.anyang.example';
const CODE = /^[0-9A-HJKMNP-TV-Z]{6}$/;

let t: TestApp;
let admin: StaffSession;
let intake: StaffSession;
const others = {} as Record<'verifier' | 'reviewer' | 'finance', StaffSession>;

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_BASE_URL, TRUST_PROXY: 'loopback' });
  admin = await openSession(t, 'admin');
  intake = await openSession(t, 'intake');
  for (const role of ['verifier', 'reviewer', 'finance'] as const) others[role] = await openSession(t, role);
});
afterAll(async () => {
  await t?.stop();
});

const newPoster = (over: Record<string, unknown> = {}) => ({
  siteName: '安钢集团冷轧厂二号厂房',
  enterpriseName: '安阳钢铁集团有限责任公司',
  areaCode: '410505',
  sector: 'industry-trade',
  address: '安阳市殷都区梅元庄街道安钢大道502号',
  ...over,
});

const create = (body: object, s = admin) => as(request(t.app).post('/api/v1/posters'), s).send(body);
const patch = (code: string, body: object, s = admin) =>
  as(request(t.app).patch(`/api/v1/posters/${code}`), s).send(body);
/** A scan from its own client address unless one is given (the proxy in front sets X-Forwarded-For). */
const scan = (code: string, client = nextClientIp()) =>
  request(t.app).get(`/p/${code}`).set('X-Forwarded-For', client).redirects(0);
const posterAudit = () => AuditEntry.countDocuments({ action: /^poster\./ });

/** Reads any response body as raw bytes (supertest only buffers text and JSON by itself). */
function bytes(req: request.Test): request.Test {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

async function madePoster(over: Record<string, unknown> = {}): Promise<string> {
  const res = await create(newPoster(over));
  if (res.status !== 201) throw new Error(`poster not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.poster.code as string;
}

describe('access', () => {
  let code: string;
  beforeAll(async () => {
    code = await madePoster();
  });

  const calls = () => [
    { name: 'GET /posters', req: () => request(t.app).get('/api/v1/posters'), intake: true },
    {
      name: 'POST /posters',
      req: () =>
        request(t.app)
          .post('/api/v1/posters')
          .send(newPoster({ siteName: 'should-not-exist' })),
      intake: false,
    },
    {
      name: 'PATCH /posters/:code',
      req: () => request(t.app).patch(`/api/v1/posters/${code}`).send({ siteName: 'changed' }),
      intake: false,
    },
    { name: 'GET poster.pdf', req: () => request(t.app).get(`/api/v1/posters/${code}/poster.pdf`), intake: true },
    { name: 'GET qr.svg', req: () => request(t.app).get(`/api/v1/posters/${code}/qr.svg`), intake: true },
    { name: 'GET qr.png', req: () => request(t.app).get(`/api/v1/posters/${code}/qr.png`), intake: true },
  ];

  test('without a session → 401 auth.unauthenticated', async () => {
    for (const c of calls()) expectProblem(await c.req(), 401, 'auth.unauthenticated');
  });

  test.each(['verifier', 'reviewer', 'finance'] as const)(
    '%s → 403 auth.forbidden on every poster endpoint',
    async (role) => {
      const auditBefore = await posterAudit();
      for (const c of calls()) expectProblem(await as(c.req(), others[role]), 403, 'auth.forbidden');
      expect(await Poster.exists({ siteName: 'should-not-exist' })).toBeNull();
      expect((await Poster.findOne({ code }).lean())?.siteName).toBe(newPoster().siteName);
      expect(await posterAudit()).toBe(auditBefore);
    },
  );

  test('intake lists and prints, but may not create or change', async () => {
    const auditBefore = await posterAudit();
    for (const c of calls()) {
      const res = await as(c.req(), intake);
      if (c.intake) expect([c.name, res.status]).toEqual([c.name, 200]);
      else expectProblem(res, 403, 'auth.forbidden');
    }
    expect(await Poster.exists({ siteName: 'should-not-exist' })).toBeNull();
    expect(await posterAudit()).toBe(auditBefore);
  });

  test('an admin without the CSRF token → 403 auth.csrf_invalid, nothing changes', async () => {
    const auditBefore = await posterAudit();
    expectProblem(
      await as(request(t.app).post('/api/v1/posters'), admin, null).send(newPoster({ siteName: 'should-not-exist' })),
      403,
      'auth.csrf_invalid',
    );
    expectProblem(
      await as(request(t.app).patch(`/api/v1/posters/${code}`), admin, null).send({ active: false }),
      403,
      'auth.csrf_invalid',
    );
    expect(await Poster.exists({ siteName: 'should-not-exist' })).toBeNull();
    expect((await Poster.findOne({ code }).lean())?.active).toBe(true);
    expect(await posterAudit()).toBe(auditBefore);
  });
});

describe('create', () => {
  test.each([
    ['an unknown area code', 'body.areaCode', { areaCode: '999999' }],
    ['an unknown sector', 'body.sector', { sector: 'space-travel' }],
    ['a missing site name', 'body.siteName', { siteName: undefined }],
    ['a blank enterprise name', 'body.enterpriseName', { enterpriseName: '   ' }],
    ['an address over 200 characters', 'body.address', { address: '路'.repeat(201) }],
  ])('%s → 400 naming %s, nothing stored', async (_label, path, over) => {
    const before = await Poster.countDocuments();
    const auditBefore = await posterAudit();
    const res = await create(newPoster(over));
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual([path]);
    expect(await Poster.countDocuments()).toBe(before);
    expect(await posterAudit()).toBe(auditBefore);
  });

  test('succeeds: 201 with a generated code and the QR address; stored with its creator; audited', async () => {
    const res = await create(
      newPoster({ siteName: '  林州红旗渠大道建筑工地  ', areaCode: '410581', sector: 'construction' }),
    );

    expect(res.status).toBe(201);
    const { poster } = res.body;
    expect(poster.code).toMatch(CODE);
    expect(poster).toMatchObject({
      siteName: '林州红旗渠大道建筑工地',
      areaCode: '410581',
      sector: 'construction',
      active: true,
      scanCount: 0,
      reportUrl: `${PUBLIC_BASE_URL}/p/${poster.code}`,
    });
    expect(Date.parse(poster.createdAt)).not.toBeNaN();

    const stored = (await Poster.findOne({ code: poster.code }).lean())!;
    expect(stored).toMatchObject({
      siteName: '林州红旗渠大道建筑工地',
      enterpriseName: newPoster().enterpriseName,
      areaCode: '410581',
      sector: 'construction',
      active: true,
      scanCount: 0,
    });
    expect(String(stored.createdBy)).toBe(admin.user.id);

    const entry = await AuditEntry.findOne({ action: 'poster.create', 'target.id': poster.code }).lean();
    expect(entry).toMatchObject({
      actor: { id: admin.user.id, username: 'admin', role: 'admin' },
      target: { type: 'poster', id: poster.code },
      details: { areaCode: '410581', sector: 'construction' },
    });
  });

  test('a code that is already taken is drawn again; only the saved poster is audited', async () => {
    const taken = await madePoster();
    const draws = [taken, taken, 'Z9Z9Z9'];
    const actor: Actor = {
      id: admin.user.id,
      username: 'admin',
      role: 'admin',
      unitCode: admin.user.unitCode,
      level: 'city',
      areaCodes: [],
      allAreas: true,
    };

    const poster = await posterCreator(actor, newPoster(), () => draws.shift()!);

    expect(poster.code).toBe('Z9Z9Z9');
    expect(draws).toEqual([]);
    expect(await Poster.countDocuments({ code: taken })).toBe(1);
    expect(await AuditEntry.countDocuments({ action: 'poster.create', 'target.id': taken })).toBe(1);
    expect(await AuditEntry.countDocuments({ action: 'poster.create', 'target.id': 'Z9Z9Z9' })).toBe(1);
  });
});

describe('update', () => {
  test('changes fields, returns the new view, and is audited', async () => {
    const code = await madePoster();

    const res = await patch(code, { siteName: '新场所名称', sector: 'fire-safety', address: '新地址 8 号' });

    expect(res.status).toBe(200);
    expect(res.body.poster).toMatchObject({
      code,
      siteName: '新场所名称',
      sector: 'fire-safety',
      address: '新地址 8 号',
      active: true,
    });
    expect(await Poster.findOne({ code }).lean()).toMatchObject({
      siteName: '新场所名称',
      sector: 'fire-safety',
      address: '新地址 8 号',
    });
    const entry = await AuditEntry.findOne({ action: 'poster.update', 'target.id': code }).lean();
    expect(entry).toMatchObject({
      actor: { username: 'admin' },
      details: { fields: ['siteName', 'sector', 'address'], sector: 'fire-safety' },
    });
  });

  test('retiring and reactivating: active false then true, each audited', async () => {
    const code = await madePoster();

    const off = await patch(code, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.poster.active).toBe(false);
    expect((await Poster.findOne({ code }).lean())?.active).toBe(false);

    expect((await patch(code, { active: true })).body.poster.active).toBe(true);
    const entries = await AuditEntry.find({ action: 'poster.update', 'target.id': code })
      .sort({ at: 1, _id: 1 })
      .lean();
    expect(entries.map((e) => e.details)).toEqual([
      { fields: ['active'], active: false },
      { fields: ['active'], active: true },
    ]);
  });

  test('a code typed in lowercase finds its poster', async () => {
    const code = await madePoster();
    const res = await patch(code.toLowerCase(), { enterpriseName: '小写也能找到' });
    expect(res.status).toBe(200);
    expect(res.body.poster.code).toBe(code);
  });

  test.each([
    ['nothing to change', 'body', {}],
    ['an unknown area code', 'body.areaCode', { areaCode: '123456' }],
    ['a non-boolean active', 'body.active', { active: 'no' }],
    ['an empty site name', 'body.siteName', { siteName: '' }],
  ])('%s → 400 %s, nothing changes', async (_label, path, body) => {
    const code = await madePoster();
    const res = await patch(code, body);
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual([path]);
    expect(await Poster.findOne({ code }).lean()).toMatchObject(newPoster());
    expect(await AuditEntry.exists({ action: 'poster.update', 'target.id': code })).toBeNull();
  });

  test('a malformed code → 400 params.code; an unknown code → 404 poster.not_found', async () => {
    const bad = await patch('NOT-A-CODE', { siteName: 'x' });
    expectProblem(bad, 400, 'request.invalid');
    expect(errorPaths(bad)).toEqual(['params.code']);
    expectProblem(await patch('ZZZZZZ', { siteName: 'x' }), 404, 'poster.not_found');
  });
});

describe('list', () => {
  test('newest first, with scan counts and QR addresses; filters by area and status', async () => {
    const hua = await madePoster({ areaCode: '410526', siteName: '滑县化工园区' });
    const retired = await madePoster({ areaCode: '410526', siteName: '滑县旧厂区' });
    await patch(retired, { active: false });

    const res = await as(request(t.app).get('/api/v1/posters'), intake, null);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.total).toBe(await Poster.countDocuments());
    expect(res.body.items).toHaveLength(res.body.total);
    const created = res.body.items.map((p: { createdAt: string }) => p.createdAt);
    expect(created).toEqual([...created].sort().reverse());

    const inHua = await as(request(t.app).get('/api/v1/posters?areaCode=410526'), admin, null);
    expect(inHua.body.items.map((p: { code: string }) => p.code).sort()).toEqual([hua, retired].sort());
    const activeInHua = await as(request(t.app).get('/api/v1/posters?areaCode=410526&active=true'), admin, null);
    expect(activeInHua.body.items).toEqual([
      expect.objectContaining({ code: hua, active: true, reportUrl: `${PUBLIC_BASE_URL}/p/${hua}` }),
    ]);
  });

  test('an unknown filter value → 400 naming it', async () => {
    const res = await as(request(t.app).get('/api/v1/posters?active=maybe'), admin, null);
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual(['query.active']);
  });
});

describe('the public scan address /p/:code', () => {
  test('counts the scan on the poster and on today (Asia/Shanghai), then 302 to the form with the code', async () => {
    const code = await madePoster();
    const madeAt = (await Poster.findOne({ code }).lean())?.updatedAt;

    const first = await scan(code);
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe(`/report?poster=${code}`);
    expect(first.headers['cache-control']).toBe('no-store');
    await scan(code.toLowerCase()); // typed by hand, by someone else

    expect((await Poster.findOne({ code }).lean())?.scanCount).toBe(2);
    const counters = await PosterScan.find({ posterCode: code }).lean();
    expect(counters).toEqual([expect.objectContaining({ posterCode: code, day: shanghaiDay(), count: 2 })]);
    // Nothing about the person who scanned: no address, agent or time of a scan.
    expect(Object.keys(counters[0]).sort()).toEqual(['_id', 'count', 'day', 'posterCode']);
    expect((await Poster.findOne({ code }).lean())?.updatedAt).toEqual(madeAt); // nor the time of the last scan
  });

  test('one client scanning the same poster again and again the same day inflates nothing: counted once, still sent to the form', async () => {
    const code = await madePoster();
    const other = await madePoster();
    const client = nextClientIp();

    for (const typed of [code, code, code.toLowerCase()]) {
      const res = await scan(typed, client);
      expect(res.headers.location).toBe(`/report?poster=${code}`);
    }
    await scan(other, client); // another poster is another scan

    expect((await Poster.findOne({ code }).lean())?.scanCount).toBe(1);
    expect((await PosterScan.findOne({ posterCode: code }).lean())?.count).toBe(1);
    expect((await PosterScan.findOne({ posterCode: other }).lean())?.count).toBe(1);
    await scan(code); // a second client does count
    expect((await PosterScan.findOne({ posterCode: code }).lean())?.count).toBe(2);
  });

  test('a phone rotating through its IPv6 prefix counts once', async () => {
    const code = await madePoster();
    for (const address of ['2001:db8:77:1200::1', '2001:db8:77:12ab::9', '2001:db8:77:12ff:1:2:3:4'])
      await scan(code, address); // one /56
    expect((await PosterScan.findOne({ posterCode: code }).lean())?.count).toBe(1);
  });

  test('a flood of scans from one client is refused nothing: every request still lands on the form, with the code', async () => {
    const code = await madePoster();
    const client = nextClientIp();
    const answers = await Promise.all(Array.from({ length: 125 }, () => scan(code, client)));
    expect(answers.every((r) => r.status === 302 && r.headers.location === `/report?poster=${code}`)).toBe(true);
    expect(
      answers.filter((r) => r.headers['ratelimit'] !== undefined && /r=0\b/.test(String(r.headers['ratelimit'])))
        .length,
    ).toBeGreaterThan(0); // the limit was reached
    expect((await PosterScan.findOne({ posterCode: code }).lean())?.count).toBe(1);
  });

  test('concurrent scans by different clients are all counted (the first of the day races to create the counter)', async () => {
    const code = await madePoster();
    const responses = await Promise.all(Array.from({ length: 12 }, () => scan(code)));
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(302));
    expect((await Poster.findOne({ code }).lean())?.scanCount).toBe(12);
    expect(await PosterScan.find({ posterCode: code }).lean()).toEqual([expect.objectContaining({ count: 12 })]);
  });

  test.each([
    ['an unknown code', 'ZZZZZZ'],
    ['a malformed code', 'not-a-poster'],
    ['a code with letters that are never used (I, L, O, U)', 'ILOU00'],
  ])('%s → 302 to poster=unknown, never an error page; nothing counted', async (_label, code) => {
    const scansBefore = await PosterScan.countDocuments();
    const res = await scan(code);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/report?poster=unknown');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await PosterScan.countDocuments()).toBe(scansBefore);
  });

  test('a retired poster → 302 to poster=unknown, its counters unchanged', async () => {
    const code = await madePoster();
    await scan(code);
    await patch(code, { active: false });

    const res = await scan(code);

    expect(res.headers.location).toBe('/report?poster=unknown');
    expect((await Poster.findOne({ code }).lean())?.scanCount).toBe(1);
    expect((await PosterScan.findOne({ posterCode: code }).lean())?.count).toBe(1);
  });

  test('the report form can show which poster it came from; retired or unknown → 404', async () => {
    const code = await madePoster({ siteName: '内黄县某加油站', areaCode: '410527', sector: 'hazardous-chemicals' });
    const res = await request(t.app).get(`/api/v1/posters/${code}/context`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code,
      siteName: '内黄县某加油站',
      enterpriseName: newPoster().enterpriseName,
      areaCode: '410527',
      sector: 'hazardous-chemicals',
      address: newPoster().address,
    });

    await patch(code, { active: false });
    expectProblem(await request(t.app).get(`/api/v1/posters/${code}/context`), 404, 'poster.not_found');
    expectProblem(await request(t.app).get('/api/v1/posters/ZZZZZZ/context'), 404, 'poster.not_found');
  });
});

describe('printing', () => {
  let code: string;
  let scanUrl: string;
  beforeAll(async () => {
    code = await madePoster();
    scanUrl = `${PUBLIC_BASE_URL}/p/${code}`;
  });

  const download = (file: string, s = admin): Promise<Response> =>
    bytes(as(request(t.app).get(`/api/v1/posters/${code}/${file}`), s, null));

  test('the A4 poster: a one-page PDF with the Chinese font embedded, as an attachment', async () => {
    const res = await download('poster.pdf', intake);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="poster-${code}.pdf"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/FontFile[23]?\b/);
    expect(text).toContain('NotoSansSC');
    expect(text).toMatch(/\/Type \/Pages\s*\/Count 1\b/);
  }, 30_000);

  test('a poster with very long names still prints on one page', async () => {
    const long = await madePoster({
      siteName: '场'.repeat(80),
      enterpriseName: '企'.repeat(120),
      address: '址'.repeat(200),
    });
    const res = await bytes(as(request(t.app).get(`/api/v1/posters/${long}/poster.pdf`), admin, null));
    expect(res.status).toBe(200);
    expect((res.body as Buffer).toString('latin1')).toMatch(/\/Count 1\b/);
  }, 30_000);

  test('the QR code as SVG encodes exactly the scan address', async () => {
    const res = await download('qr.svg');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="poster-${code}-qr.svg"`);
    const svg = (res.body as Buffer).toString('utf8');
    // No QR decoder is installed: regenerate the symbol for the expected address and compare.
    expect(svg).toBe(await QRCode.toString(scanUrl, { type: 'svg', errorCorrectionLevel: 'Q', margin: 4 }));
    expect(svg).not.toBe(
      await QRCode.toString(`${PUBLIC_BASE_URL}/p/ZZZZZZ`, { type: 'svg', errorCorrectionLevel: 'Q', margin: 4 }),
    );
  });

  test('the QR code as PNG: a PNG whose modules are those of the scan address', async () => {
    const res = await download('qr.png', intake);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="poster-${code}-qr.png"`);
    const png = res.body as Buffer;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    // Find the symbol (its finder patterns mark the corners), check the quiet zone,
    // then sample the centre of every module against the symbol for the expected address.
    const { modules } = QRCode.create(scanUrl, { errorCorrectionLevel: 'Q' });
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1024, 1024]);
    const isDark = (x: number, y: number) => data[y * info.width + x] < 128;
    let left = info.width;
    let top = info.height;
    let right = -1;
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) {
        if (!isDark(x, y)) continue;
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
      }
    }
    const unit = (right - left + 1) / modules.size;
    expect(Number.isInteger(unit)).toBe(true);
    expect(Math.min(left, top, info.width - 1 - right)).toBeGreaterThanOrEqual(4 * unit);
    const mismatches: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        const x = Math.floor(left + (col + 0.5) * unit);
        const y = Math.floor(top + (row + 0.5) * unit);
        if (isDark(x, y) !== !!modules.get(row, col)) mismatches.push(`${row},${col}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  test('a retired poster is not printed (409 poster.inactive); an unknown one → 404', async () => {
    const retired = await madePoster();
    await patch(retired, { active: false });
    for (const file of ['poster.pdf', 'qr.svg', 'qr.png']) {
      expectProblem(
        await as(request(t.app).get(`/api/v1/posters/${retired}/${file}`), admin, null),
        409,
        'poster.inactive',
      );
      expectProblem(
        await as(request(t.app).get(`/api/v1/posters/ZZZZZZ/${file}`), admin, null),
        404,
        'poster.not_found',
      );
    }
  });
});
