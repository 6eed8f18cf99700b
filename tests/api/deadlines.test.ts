// Verification deadlines on a moved clock: one reminder a week before the due
// date, one escalation after it, each sent once however often the job runs.
import request from 'supertest';
import { Report } from '../../server/reports/report.model';
import { Staff } from '../../server/staff/staff.model';
import { Unit } from '../../server/catalog/unit.model';
import { watchDeadlines } from '../../server/reports/deadlineWatch';
import { queuedMails } from '../support/outbox';
import { startTestApp, type TestApp } from '../support/server';
import { openSession } from '../support/staff';

const DAY = 86_400_000;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await Staff.updateOne({ username: 'verifier' }, { $set: { email: 'verifier@example.cn' } });
  await Unit.updateOne({ code: 'city-fire' }, { $set: { headEmail: 'head@example.cn' } });
});

afterAll(async () => {
  await t?.stop();
});

async function acceptedReport(): Promise<{ reference: string; acceptedAt: Date }> {
  const report = {
    category: 'fire-exits-blocked',
    area: '410503',
    description: '商场安全出口被货物堵死，已经好几天了。',
    anonymous: true,
  };
  const sub = await request(t.app).post('/api/v1/reports').field('report', JSON.stringify(report)).expect(201);
  const intake = await openSession(t, 'intake');
  const verifierId = String((await Staff.findOne({ username: 'verifier' }).lean())!._id);
  await request(t.app)
    .post(`/api/v1/reports/${sub.body.reference}/actions/accept`)
    .set('Cookie', intake.cookie)
    .set('X-CSRF-Token', intake.csrfToken)
    .send({ unitCode: 'city-fire', verifierId })
    .expect(200);
  const stored = await Report.findOne({ reference: sub.body.reference }).lean();
  return { reference: sub.body.reference, acceptedAt: stored!.assignment!.assignedAt! };
}

const mailsAbout = (reference: string) => queuedMails(t.box, { subject: new RegExp(reference) });

test('a reminder goes out once in the last week, an escalation once after the due date', async () => {
  const { reference, acceptedAt } = await acceptedReport();
  const at = (days: number) => new Date(acceptedAt.getTime() + days * DAY);

  expect(await watchDeadlines(t.box, at(50), 'http://test')).toMatchObject({ reminders: 0, escalations: 0 });
  expect(await mailsAbout(reference)).toHaveLength(0);

  expect((await watchDeadlines(t.box, at(54), 'http://test')).reminders).toBe(1);
  expect((await watchDeadlines(t.box, at(55), 'http://test')).reminders).toBe(0);
  let mails = await mailsAbout(reference);
  expect(mails.map((m) => m.to)).toEqual(['verifier@example.cn']);

  expect((await watchDeadlines(t.box, at(61), 'http://test')).escalations).toBe(1);
  expect((await watchDeadlines(t.box, at(70), 'http://test')).escalations).toBe(0);
  mails = await mailsAbout(reference);
  expect(mails.map((m) => m.to).sort()).toEqual(['head@example.cn', 'verifier@example.cn', 'verifier@example.cn']);

  const stored = await Report.findOne({ reference }).lean();
  const internal = stored!.timeline.filter((e) => e.type.startsWith('deadline-'));
  expect(internal.map((e) => [e.type, e.public])).toEqual([
    ['deadline-reminder', false],
    ['deadline-escalated', false],
  ]);
});

test('a closed case is neither reminded nor escalated', async () => {
  const { reference, acceptedAt } = await acceptedReport();
  await Report.updateOne({ reference }, { $set: { status: 'closed' } });
  await watchDeadlines(t.box, new Date(acceptedAt.getTime() + 90 * DAY), 'http://test');
  expect(await mailsAbout(reference)).toHaveLength(0);
  expect((await Report.findOne({ reference }).lean())!.assignment!.escalatedAt).toBeUndefined();
});
