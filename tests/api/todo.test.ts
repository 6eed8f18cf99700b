// GET /api/v1/me/todo: each role's to-do counts are its queues' totals, for the same
// person at the same moment, so no count includes a report the queue would hide.
import { trusted } from 'mongoose';
import request from 'supertest';
import type { Role } from '../../shared/roles';
import type { TodoResponse } from '../../shared/schemas/todo';
import { Report } from '../../server/reports/report.model';
import { caseDriver, type Cases } from '../support/cases';
import { startTestApp, type TestApp } from '../support/server';
import { createAccount, openSession, type StaffSession } from '../support/staff';

let t: TestApp;
let cases: Cases;

beforeAll(async () => {
  t = await startTestApp();
  cases = await caseDriver(t);
});
afterAll(async () => {
  await t?.stop();
});

const todo = async (who: StaffSession): Promise<TodoResponse['items']> => {
  const res = await cases.get('/api/v1/me/todo', who);
  expect(res.status).toBe(200);
  return res.body.items;
};
const countOf = (items: TodoResponse['items'], key: string) => items.find((i) => i.key === key)?.count;

/** The total the queue a to-do links to lists for this person. */
async function queueTotal(item: TodoResponse['items'][number], who: StaffSession): Promise<number> {
  const query = new URLSearchParams({
    ...(item.queue ? { queue: item.queue } : {}),
    ...(item.status ? { status: item.status } : {}),
  });
  const res = await cases.get(`/api/v1/reports?${query}`, who);
  expect(res.status).toBe(200);
  return res.body.total;
}

async function expectCountsMatchQueues(who: StaffSession): Promise<void> {
  for (const item of await todo(who)) expect([item.key, item.count]).toEqual([item.key, await queueTotal(item, who)]);
}

test('each role sees its own to-dos, each linked to a queue or a status', async () => {
  const keys = async (role: Role) => (await todo(cases.staff[role] ?? (await openSession(t, role)))).map((i) => i.key);
  expect(await keys('intake')).toEqual(['to-screen', 'due-soon', 'overdue', 'letters-due']);
  expect(await keys('verifier')).toEqual(['mine', 'due-soon', 'overdue', 'rectification']);
  expect(await keys('reviewer')).toEqual(['awaiting-review', 'to-decide', 'letters-due']);
  expect(await keys('finance')).toEqual(['rewards-to-approve', 'claims-to-pay', 'corrections']);
  expect(await keys('discipline')).toEqual([]);
  const finance = await todo(cases.staff.finance);
  expect(finance[0]).toMatchObject({ key: 'rewards-to-approve', status: 'reward-reviewed' });
  expect(finance[0].queue).toBeUndefined();
});

test('counts follow the work: a new report, an accepted one, findings to review, an overdue case', async () => {
  const before = {
    screen: countOf(await todo(cases.staff.intake), 'to-screen')!,
    mine: countOf(await todo(cases.staff.verifier), 'mine')!,
    review: countOf(await todo(cases.staff.reviewer), 'awaiting-review')!,
    overdue: countOf(await todo(cases.staff.verifier), 'overdue')!,
  };
  await cases.reportAt('submitted');
  await cases.reportAt('verifying');
  await cases.reportAt('findings-submitted');
  const late = await cases.reportAt('verifying');
  await Report.updateOne(
    { reference: late.reference },
    { $set: { 'assignment.dueAt': new Date(Date.now() - 60_000) } },
  );

  expect(countOf(await todo(cases.staff.intake), 'to-screen')).toBe(before.screen + 1);
  expect(countOf(await todo(cases.staff.verifier), 'mine')).toBe(before.mine + 2);
  expect(countOf(await todo(cases.staff.verifier), 'overdue')).toBe(before.overdue + 1);
  expect(countOf(await todo(cases.staff.reviewer), 'awaiting-review')).toBe(before.review + 1);
  for (const role of ['intake', 'verifier', 'reviewer', 'finance'] as const)
    await expectCountsMatchQueues(cases.staff[role]);
});

test('a count never reveals what the queue hides: other areas, no areas, someone else’s cases', async () => {
  await cases.reportAt('submitted'); // 北关区 (410503)
  await cases.reportAt('submitted', { report: { area: '410502' } }); // 文峰区
  await createAccount({ username: 'todo-wenfeng', role: 'intake', areaCodes: ['410502'] });
  await createAccount({ username: 'todo-nowhere', role: 'intake', areaCodes: [], allAreas: false });
  await createAccount({ username: 'todo-verifier', role: 'verifier', areaCodes: ['410503'] });
  const wenfeng = await openSession(t, 'todo-wenfeng');
  const nowhere = await openSession(t, 'todo-nowhere');
  const otherVerifier = await openSession(t, 'todo-verifier');

  const inWenfeng = await Report.countDocuments({
    area: '410502',
    status: trusted({ $in: ['submitted', 'screening', 'awaiting-information'] }),
  });
  expect(countOf(await todo(wenfeng), 'to-screen')).toBe(inWenfeng);
  expect(countOf(await todo(cases.staff.intake), 'to-screen')).toBeGreaterThan(inWenfeng);
  await expectCountsMatchQueues(wenfeng);
  // An account with no areas sees no report, so every count is 0.
  expect((await todo(nowhere)).map((i) => i.count)).toEqual([0, 0, 0, 0]);
  // The cases assigned to the demo verifier are not another verifier's.
  await cases.reportAt('verifying');
  expect(countOf(await todo(otherVerifier), 'mine')).toBe(0);
  expect(countOf(await todo(cases.staff.verifier), 'mine')).toBeGreaterThan(0);
  await expectCountsMatchQueues(otherVerifier);
});

test('without a session: 401', async () => {
  const res = await request(t.app).get('/api/v1/me/todo');
  expect(res.status).toBe(401);
});
