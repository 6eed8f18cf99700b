// Administrators edit the report categories; the public form's catalog follows.
import request from 'supertest';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Category } from '../../server/catalog/category.model';
import { startTestApp, type TestApp } from '../support/server';
import { as, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

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

const newCategory = {
  code: 'scaffold-collapse-risk',
  sector: 'construction',
  scheme: 'violation',
  name: { zh: '脚手架坍塌风险', en: 'Scaffold collapse risk' },
  order: 5,
};

test('an administrator adds a category; it is audited and appears on the public form', async () => {
  const res = await as(request(t.app).post('/api/v1/categories'), admin).send(newCategory);
  expect(res.status).toBe(201);
  expect(res.body.category).toMatchObject({ code: newCategory.code, active: true, name: newCategory.name });
  expect(await AuditEntry.exists({ action: 'category.create', 'target.id': newCategory.code })).toBeTruthy();
  const catalog = await request(t.app).get('/api/v1/catalog');
  expect(catalog.body.categories.map((c: { code: string }) => c.code)).toContain(newCategory.code);
});

test('a retired category leaves the public catalog but stays in the administrators’ list', async () => {
  const res = await as(request(t.app).patch('/api/v1/categories/campus-hazard'), admin).send({
    active: false,
    name: { zh: '校园安全隐患（停用）', en: 'Campus hazard (retired)' },
  });
  expect(res.status).toBe(200);
  expect(res.body.category).toMatchObject({ active: false });
  expect((await Category.findOne({ code: 'campus-hazard' }).lean())?.active).toBe(false);
  const catalog = await request(t.app).get('/api/v1/catalog');
  expect(catalog.body.categories.map((c: { code: string }) => c.code)).not.toContain('campus-hazard');
  const list = await as(request(t.app).get('/api/v1/categories'), admin);
  expect(list.body.items.find((c: { code: string }) => c.code === 'campus-hazard')).toMatchObject({ active: false });
  const form = await request(t.app)
    .post('/api/v1/reports')
    .field(
      'report',
      JSON.stringify({
        category: 'campus-hazard',
        area: '410502',
        description: '学校门口的围墙裂缝很大，随时可能倒塌。',
        anonymous: true,
      }),
    );
  expectProblem(form, 400, 'report.unknown_category');
});

test('bad input is refused and changes nothing', async () => {
  const before = await Category.countDocuments();
  const dup = await as(request(t.app).post('/api/v1/categories'), admin).send({ ...newCategory, code: 'other' });
  expectProblem(dup, 409, 'resource.conflict');
  const bad = await as(request(t.app).post('/api/v1/categories'), admin).send({
    code: 'Bad Code',
    sector: 'nowhere',
    scheme: 'lottery',
    name: { zh: '' },
  });
  expectProblem(bad, 400, 'request.invalid');
  expect(errorPaths(bad)).toEqual(expect.arrayContaining(['body.code', 'body.scheme']));
  // A well-formed sector code that is no sector here is the domain's refusal, checked against the database.
  const nowhere = await as(request(t.app).post('/api/v1/categories'), admin).send({
    ...newCategory,
    code: 'nowhere-hazard',
    sector: 'nowhere',
  });
  expectProblem(nowhere, 400, 'request.invalid');
  expect(errorPaths(nowhere)).toEqual(['body.sector']);
  expectProblem(
    await as(request(t.app).patch('/api/v1/categories/no-such-thing'), admin).send({ active: false }),
    404,
    'resource.not_found',
  );
  expectProblem(await as(request(t.app).patch('/api/v1/categories/other'), admin).send({}), 400, 'request.invalid');
  expect(await Category.countDocuments()).toBe(before);
});

test('only administrators manage categories', async () => {
  expectProblem(await as(request(t.app).post('/api/v1/categories'), intake).send(newCategory), 403, 'auth.forbidden');
  expectProblem(await as(request(t.app).get('/api/v1/categories'), intake), 403, 'auth.forbidden');
  expectProblem(await request(t.app).get('/api/v1/categories'), 401, 'auth.unauthenticated');
});
