// The responsibility table: staff read it, administrators change a cell (audited),
// bad input changes nothing, and the case view offers intake the cell's unit for a report.
import request from 'supertest';
import { defaultResponsibilities, seedReferenceData } from '../../server/demo/seed';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Responsibility } from '../../server/catalog/responsibility.model';
import { startTestApp, type TestApp } from '../support/server';
import { as, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

let t: TestApp;
let admin: StaffSession;
let intake: StaffSession;
let verifier: StaffSession;

beforeAll(async () => {
  t = await startTestApp();
  admin = await openSession(t, 'admin');
  intake = await openSession(t, 'intake');
  verifier = await openSession(t, 'verifier');
});

afterAll(async () => {
  await t?.stop();
});

type Cell = { sector: string; area: string; unitCode: string };
const cellOf = (items: Cell[], sector: string, area: string) =>
  items.find((c) => c.sector === sector && c.area === area)?.unitCode;

async function submitted(category: string, area: string): Promise<string> {
  const report = { category, area, description: '商场安全出口被货物堵死，已经好几天了。', anonymous: true };
  const res = await request(t.app).post('/api/v1/reports').field('report', JSON.stringify(report)).expect(201);
  return res.body.reference as string;
}

test('staff read the whole table: every sector in every area, seeded by who supervises it', async () => {
  const res = await as(request(t.app).get('/api/v1/responsibilities'), verifier).expect(200);
  const items = res.body.items as Cell[];
  expect(items).toHaveLength(13 * 9);
  expect(items).toHaveLength(defaultResponsibilities().length);
  expect(cellOf(items, 'hazardous-chemicals', '410523')).toBe('emb-410523'); // the county emergency bureau
  expect(cellOf(items, 'construction', '410523')).toBe('city-housing'); // no county housing office in the catalog
  expect(cellOf(items, 'fire-safety', '410581')).toBe('city-fire');
  expect(cellOf(items, 'coal-mine', '410581')).toBe('city-energy');
});

test('an administrator changes a cell; it is audited, and the seed does not undo it', async () => {
  const res = await as(request(t.app).put('/api/v1/responsibilities/construction/410523'), admin).send({
    unitCode: 'emb-410523',
  });
  expect(res.status).toBe(200);
  expect(res.body.responsibility).toMatchObject({ sector: 'construction', area: '410523', unitCode: 'emb-410523' });
  const entry = await AuditEntry.findOne({
    action: 'responsibility.update',
    'target.id': 'construction/410523',
  }).lean();
  expect(entry?.details).toEqual({ from: 'city-housing', to: 'emb-410523' });
  expect(entry?.actor).toMatchObject({ username: 'admin' });

  await seedReferenceData();
  const list = await as(request(t.app).get('/api/v1/responsibilities'), intake).expect(200);
  expect(cellOf(list.body.items, 'construction', '410523')).toBe('emb-410523');
});

test('only administrators change the table', async () => {
  for (const who of [intake, verifier]) {
    expectProblem(
      await as(request(t.app).put('/api/v1/responsibilities/campus/410502'), who).send({ unitCode: 'emb-410502' }),
      403,
      'auth.forbidden',
    );
  }
  expect((await Responsibility.findOne({ sector: 'campus', area: '410502' }).lean())?.unitCode).toBe('city-education');
});

test('an unknown sector, area or unit is a 400 naming the field, and changes nothing', async () => {
  const before = await Responsibility.find().sort({ sector: 1, area: 1 }).lean();
  const audits = await AuditEntry.countDocuments({ action: 'responsibility.update' });
  const put = (path: string, body: unknown) =>
    as(request(t.app).put(`/api/v1/responsibilities/${path}`), admin).send(body as object);

  let res = await put('mining/410502', { unitCode: 'city-emb' });
  expectProblem(res, 400, 'request.invalid');
  expect(errorPaths(res)).toEqual(['params.sector']);
  res = await put('campus/999999', { unitCode: 'city-emb' });
  expectProblem(res, 400, 'request.invalid');
  expect(errorPaths(res)).toEqual(['params.area']);
  res = await put('campus/410502', { unitCode: 'no-such-unit' });
  expectProblem(res, 400, 'request.invalid');
  expect(errorPaths(res)).toEqual(['body.unitCode']);
  res = await put('campus/410502', {});
  expectProblem(res, 400, 'request.invalid');
  expect(errorPaths(res)).toEqual(['body.unitCode']);
  res = await put('campus/410502', { unitCode: 'emb-410581' }); // Linzhou's bureau cannot take Wenfeng's reports
  expectProblem(res, 400, 'request.invalid');
  expect(errorPaths(res)).toEqual(['body.unitCode']);

  expect(await Responsibility.find().sort({ sector: 1, area: 1 }).lean()).toEqual(before);
  expect(await AuditEntry.countDocuments({ action: 'responsibility.update' })).toBe(audits);
});

test("the case view offers intake the unit for the report's sector and area while the report can be accepted", async () => {
  const reference = await submitted('fire-exits-blocked', '410503');
  const caseView = async () =>
    (await as(request(t.app).get(`/api/v1/reports/${reference}`), intake).expect(200)).body as {
      suggestedUnitCode?: string | null;
    };
  expect((await caseView()).suggestedUnitCode).toBe('city-fire');

  await as(request(t.app).put('/api/v1/responsibilities/fire-safety/410503'), admin)
    .send({ unitCode: 'emb-410503' })
    .expect(200);
  expect((await caseView()).suggestedUnitCode).toBe('emb-410503');

  await Responsibility.deleteOne({ sector: 'fire-safety', area: '410503' });
  expect((await caseView()).suggestedUnitCode).toBeNull();

  await as(request(t.app).post(`/api/v1/reports/${reference}/actions/reject`), intake)
    .send({ reason: '不属于安全生产举报范围' })
    .expect(200);
  expect(await caseView()).not.toHaveProperty('suggestedUnitCode');
});
