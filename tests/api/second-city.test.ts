// A second city is a seed and configuration, not a code change: the app started
// with the Hebi seed (鹤壁市, 410600) takes a report through to an approved
// reward in Hebi's areas, names Hebi everywhere, and refuses Anyang's areas.
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/server';
import { caseDriver, type Cases } from '../support/cases';
import { approvedReward } from '../support/paidReward';
import { submit } from '../support/intake';
import { pdfInfo } from '../support/pdfInfo';
import { as, errorPaths, expectProblem, type StaffSession } from '../support/staff';

const HEBI_COUNTIES = ['410602', '410603', '410611', '410621', '410622'];

let t: TestApp;
let c: Cases;
let admin: StaffSession;

beforeAll(async () => {
  t = await startTestApp({ WOODPECKER_JURISDICTION: 'hebi' });
  c = await caseDriver(t);
  admin = c.staff.admin;
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

/** Reads a response body as raw bytes (supertest only buffers text and JSON by itself). */
const bytes = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

test('the public catalog serves Hebi: its five county areas, its bureau, hotlines and footer', async () => {
  const res = await request(t.app).get('/api/v1/catalog');
  expect(res.status).toBe(200);
  expect(res.body.areas.map((a: { code: string }) => a.code)).toEqual(HEBI_COUNTIES);
  expect(res.body.areas).toContainEqual({
    code: '410611',
    name: { zh: '淇滨区', en: 'Qibin District' },
    level: 'county',
  });
  expect(res.body.jurisdiction).toMatchObject({
    area: { code: '410600', name: { zh: '鹤壁市', en: 'Hebi City' } },
    bureau: { zh: '鹤壁市应急管理局' },
    footer: { zh: expect.stringContaining('鹤壁市应急管理局') },
  });
  expect(res.body.jurisdiction.hotlines.map((h: { number: string }) => h.number)).toEqual(['12350', '0392-0000000']);
  expect(JSON.stringify(res.body)).not.toMatch(/安阳|Anyang|0372/);
});

test("the reward policy registry is the Hebi seed's: the national and Henan rules, none of Anyang's", async () => {
  const res = await request(t.app).get('/api/v1/reward-policies');
  expect(res.status).toBe(200);
  expect(res.body.items.map((p: { id: string }) => p.id)).toEqual(['national-2018', 'henan-2022', 'hebi-henan-2025']);
  expect(JSON.stringify(res.body)).not.toMatch(/安阳|Anyang/);
});

test('an Anyang area code is refused at submission with a field error, and nothing is stored', async () => {
  const res = await submit(t.app, {
    category: 'fire-exits-blocked',
    area: '410503', // 北关区, Anyang
    description: '商场的安全出口被货架堵死，消防通道长期锁闭。',
    anonymous: true,
  });
  expectProblem(res, 400, 'request.invalid');
  expect(errorPaths(res)).toEqual(['report.area']);
  expect(res.body.errors[0]).toMatchObject({ code: 'unknown_area' });
  const list = await c.get('/api/v1/reports', admin);
  expect(list.body.total).toBe(0);
});

test('a Hebi report goes through to an approved reward; the fund, ranking and transparency name Hebi', async () => {
  const r = await approvedReward(t, c, { report: { area: '410611' } });
  const stored = await c.stored(r.reference);
  expect(stored.area).toBe('410611');
  expect(stored.status).toBe('reward-approved');
  // Judged under the Henan rules the Hebi seed lists, not Anyang's city rules.
  expect(stored.reward?.policy).toBe('hebi-henan-2025');
  expect(JSON.stringify(stored.reward)).not.toMatch(/anyang|安阳/i);

  const fund = await c.get('/api/v1/fund', c.staff.finance);
  expect(fund.status).toBe(200);
  expect(fund.body.sources[0]).toMatchObject({
    source: 'main',
    name: { zh: '鹤壁市安全生产举报奖励资金', en: 'Hebi work-safety reporting reward fund' },
  });
  expect(fund.body.sources[0].reservedFen).toBeGreaterThan(0);

  const month = new Date().toISOString().slice(0, 7);
  const ranking = await c.get(`/api/v1/stats/ranking?month=${month}`, admin);
  expect(ranking.body.areas.map((a: { area: string }) => a.area).sort()).toEqual(HEBI_COUNTIES);
  const csv = await c.get(`/api/v1/stats/ranking.csv?month=${month}`, admin);
  expect(csv.status).toBe(200);
  expect(csv.text).toContain('淇滨区 Qibin District');
  expect(csv.text).not.toMatch(/安阳|林州/);

  const transparency = await request(t.app).get('/api/v1/public/transparency');
  expect(transparency.status).toBe(200);
  expect(transparency.body.areas.map((a: { area: string }) => a.area)).toEqual(HEBI_COUNTIES);
}, 60_000);

test('a Hebi poster prints the Hebi bureau; an Anyang area is refused on a poster', async () => {
  const made = await as(request(t.app).post('/api/v1/posters'), admin).send({
    siteName: '淇滨区某化工厂罐区',
    enterpriseName: '鹤壁某化工有限公司',
    areaCode: '410611',
    sector: 'hazardous-chemicals',
    address: '鹤壁市淇滨区示例路1号',
  });
  expect(made.status).toBe(201);
  const pdf = await bytes(as(request(t.app).get(`/api/v1/posters/${made.body.poster.code}/poster.pdf`), admin, null));
  expect(pdf.status).toBe(200);
  expect(pdfInfo(pdf.body as Buffer, 'Author')).toBe('鹤壁市应急管理局');

  const refused = await as(request(t.app).post('/api/v1/posters'), admin).send({
    siteName: '安钢集团冷轧厂二号厂房',
    enterpriseName: '安阳钢铁集团有限责任公司',
    areaCode: '410505',
    sector: 'industry-trade',
    address: '安阳市殷都区',
  });
  expectProblem(refused, 400, 'request.invalid');
  expect(errorPaths(refused)).toEqual(['body.areaCode']);
}, 30_000);
