// Administrators manage the jurisdiction (profile, areas, sectors): every change
// is audited, others are refused, bad input changes nothing, and what the public
// and staff see follows at once on this instance and within seconds on another.
import request from 'supertest';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Area } from '../../server/jurisdiction/area.model';
import { profile } from '../../server/jurisdiction/lookup';
import { JurisdictionProfile } from '../../server/jurisdiction/profile.model';
import { Sector } from '../../server/jurisdiction/sector.model';
import { submit } from '../support/intake';
import { pdfInfo } from '../support/pdfInfo';
import { startTestApp, type TestApp } from '../support/server';
import { as, errorPaths, expectProblem, openSession, type StaffSession } from '../support/staff';

let t: TestApp;
let admin: StaffSession;
let intake: StaffSession;

beforeAll(async () => {
  t = await startTestApp();
  admin = await openSession(t, 'admin');
  intake = await openSession(t, 'intake');
});

afterAll(async () => {
  await t?.stop();
});

const catalog = async () => (await request(t.app).get('/api/v1/catalog')).body;
const send = (method: 'post' | 'patch', path: string, body: object, s = admin) =>
  as(request(t.app)[method](`/api/v1/jurisdiction${path}`), s).send(body);
const auditCount = (action: string) => AuditEntry.countDocuments({ action });
const report = (area: string) => ({
  category: 'fire-exits-blocked',
  area,
  description: '商场的安全出口被货架堵死，消防通道长期锁闭。',
  anonymous: true,
});

/** Reads a response body as raw bytes (supertest only buffers text and JSON by itself). */
const bytes = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

describe('reading and access', () => {
  test('an administrator reads the whole jurisdiction: Anyang by default, province, city and nine counties', async () => {
    const res = await as(request(t.app).get('/api/v1/jurisdiction'), admin);
    expect(res.status).toBe(200);
    expect(res.body.seed).toBe('anyang');
    expect(res.body.profile).toMatchObject({ areaCode: '410500', bureau: { zh: '安阳市应急管理局' } });
    expect(res.body.areas.filter((a: { level: string }) => a.level === 'county')).toHaveLength(9);
    expect(res.body.areas).toContainEqual(expect.objectContaining({ code: '410000', level: 'province' }));
  });

  test('nobody else reads or changes it, and a refused change leaves everything as it was', async () => {
    expectProblem(await as(request(t.app).get('/api/v1/jurisdiction'), intake), 403, 'auth.forbidden');
    const before = await JurisdictionProfile.findOne().lean();
    const calls = [
      send('patch', '/profile', { bureau: { zh: '某局', en: 'Some bureau' } }, intake),
      send(
        'post',
        '/areas',
        { code: '410590', name: { zh: '示例区', en: 'Sample' }, level: 'county', parentCode: '410500' },
        intake,
      ),
      send('patch', '/areas/410527', { active: false }, intake),
      send('post', '/sectors', { code: 'tunnels', name: { zh: '隧道', en: 'Tunnels' } }, intake),
      send('patch', '/sectors/campus', { active: false }, intake),
    ];
    for (const res of await Promise.all(calls)) expectProblem(res, 403, 'auth.forbidden');
    expect(
      await request(t.app)
        .get('/api/v1/jurisdiction')
        .then((r) => r.status),
    ).toBe(401);
    expect((await JurisdictionProfile.findOne().lean())?.version).toBe(before?.version);
    expect(await Area.exists({ code: '410590' })).toBeNull();
    expect((await Area.findOne({ code: '410527' }).lean())?.active).toBe(true);
    expect(await Sector.exists({ code: 'tunnels' })).toBeNull();
    expect(await AuditEntry.exists({ action: /^jurisdiction\./ })).toBeNull();
  });
});

describe('bad input changes nothing', () => {
  test('malformed bodies, an unknown parent and a duplicate code are refused with their fields', async () => {
    const version = (await JurisdictionProfile.findOne().lean())?.version;
    const cases: [request.Test, number, string][] = [
      [
        send('patch', '/profile', { hotlines: [{ label: { zh: '电话', en: 'Phone' }, number: 'call us' }] }),
        400,
        'body.hotlines.0.number',
      ],
      [send('patch', '/profile', {}), 400, 'body'],
      [
        send('post', '/areas', { code: '4105', name: { zh: '区', en: 'A' }, level: 'county', parentCode: '410500' }),
        400,
        'body.code',
      ],
      [
        send('post', '/areas', { code: '410590', name: { zh: '区', en: 'A' }, level: 'county', parentCode: '419900' }),
        400,
        'body.parentCode',
      ],
      [
        send('post', '/areas', { code: '410581', name: { zh: '区', en: 'A' }, level: 'county', parentCode: '410500' }),
        409,
        'body.code',
      ],
      [send('post', '/sectors', { code: 'Bad Code', name: { zh: '行业', en: 'S' } }), 400, 'body.code'],
      [send('post', '/sectors', { code: 'campus', name: { zh: '行业', en: 'S' } }), 409, 'body.code'],
    ];
    for (const [req, status, path] of cases) {
      const res = await req;
      expect({ status: res.status, paths: errorPaths(res) }).toEqual({ status, paths: expect.arrayContaining([path]) });
    }
    expect(
      await as(request(t.app).patch('/api/v1/jurisdiction/areas/419999'), admin).send({ active: false }),
    ).toMatchObject({ status: 404 });
    expect((await JurisdictionProfile.findOne().lean())?.version).toBe(version);
    expect(await Area.exists({ code: '410590' })).toBeNull();
    expect(await AuditEntry.exists({ action: /^jurisdiction\./ })).toBeNull();
  });
});

describe('changes, audited, and what follows them', () => {
  test('a new county is audited, offered on the form and accepted on a report', async () => {
    const res = await send('post', '/areas', {
      code: '410590',
      name: { zh: '示例新区', en: 'Sample New District' },
      level: 'county',
      parentCode: '410500',
      population: 100_000,
    });
    expect(res.status).toBe(201);
    expect(res.body.area).toMatchObject({ code: '410590', active: true, level: 'county' });
    expect(await auditCount('jurisdiction.area_create')).toBe(1);
    expect((await catalog()).areas.map((a: { code: string }) => a.code)).toContain('410590');
    expect((await submit(t.app, report('410590'))).status).toBe(201);
  });

  test('a retired county leaves the form, new reports and new staff grants, at once', async () => {
    expect((await submit(t.app, report('410527'))).status).toBe(201);
    const res = await send('patch', '/areas/410527', { active: false });
    expect(res.status).toBe(200);
    expect(await AuditEntry.exists({ action: 'jurisdiction.area_update', 'target.id': '410527' })).toBeTruthy();
    expect((await catalog()).areas.map((a: { code: string }) => a.code)).not.toContain('410527');
    const refused = await submit(t.app, report('410527'));
    expectProblem(refused, 400, 'request.invalid');
    expect(errorPaths(refused)).toEqual(['report.area']);
    const staff = await as(request(t.app).post('/api/v1/staff'), admin).send({
      username: 'neihuang.verifier',
      displayName: '内黄核查员',
      role: 'verifier',
      unitCode: 'city-emb',
      areaCodes: ['410527'],
    });
    expectProblem(staff, 400, 'request.invalid');
    expect(errorPaths(staff)).toEqual(['body.areaCodes.0']);
  });

  test('a retired sector is refused on a new poster; a new one is accepted', async () => {
    const poster = (sector: string) =>
      as(request(t.app).post('/api/v1/posters'), admin).send({
        siteName: '示例厂房',
        enterpriseName: '示例企业',
        areaCode: '410502',
        sector,
        address: '示例地址',
      });
    expect((await send('patch', '/sectors/campus', { active: false })).status).toBe(200);
    const refused = await poster('campus');
    expectProblem(refused, 400, 'request.invalid');
    expect(errorPaths(refused)).toEqual(['body.sector']);
    expect(
      (await send('post', '/sectors', { code: 'tunnels', name: { zh: '隧道施工', en: 'Tunnelling' } })).status,
    ).toBe(201);
    expect((await poster('tunnels')).status).toBe(201);
    expect((await catalog()).sectors.map((s: { code: string }) => s.code)).toEqual(expect.arrayContaining(['tunnels']));
    expect(await auditCount('jurisdiction.sector_update')).toBe(1);
    expect(await auditCount('jurisdiction.sector_create')).toBe(1);
  });

  test('a profile edit shows at once in the catalog, the poster PDF and the fund, audited', async () => {
    const bureau = { zh: '安阳市应急管理局（更名测试）', en: 'Anyang EMB (renamed)' };
    const fundName = { zh: '安阳市举报奖励专项资金', en: 'Anyang reporting reward fund' };
    const res = await send('patch', '/profile', { bureau, fundName });
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({ bureau, fundName });
    const entry = await AuditEntry.findOne({ action: 'jurisdiction.profile_update' }).lean();
    expect(entry?.details).toMatchObject({ fields: ['bureau', 'fundName'] });
    expect((await catalog()).jurisdiction.bureau).toEqual(bureau);
    const made = await as(request(t.app).post('/api/v1/posters'), admin).send({
      siteName: '示例厂房',
      enterpriseName: '示例企业',
      areaCode: '410502',
      sector: 'fire-safety',
      address: '示例地址',
    });
    const pdf = await bytes(as(request(t.app).get(`/api/v1/posters/${made.body.poster.code}/poster.pdf`), admin, null));
    expect(pdfInfo(pdf.body as Buffer, 'Author')).toBe(bureau.zh);
    const fund = await as(request(t.app).get('/api/v1/fund'), await openSession(t, 'finance'));
    expect(fund.body.sources[0].name).toEqual(fundName);
  }, 30_000);
});

describe('the cache across instances', () => {
  test('a change another instance made (written with a version bump) shows here within seconds, with no restart', async () => {
    const footer = { zh: '另一实例修改的页脚', en: 'Footer changed on another instance' };
    await catalog(); // this instance has the jurisdiction cached
    await JurisdictionProfile.updateOne({}, { $set: { footer }, $inc: { version: 1 } });
    // Read as the app reads it (the public API would meet its rate limit when asked in a loop).
    const deadline = Date.now() + 15_000;
    while ((await profile()).footer.zh !== footer.zh && Date.now() < deadline) await new Promise(setImmediate);
    const seen = (await catalog()).jurisdiction.footer;
    expect(seen).toEqual(footer);
  }, 30_000);
});
