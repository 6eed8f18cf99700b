// The acceptance clock on a moved clock: screening is due at the end of the
// report's acceptance period (its policy version's, 7 calendar days, in China) or
// exactly the configured days after submission when ACCEPTANCE_DAYS overrides it; time awaiting the reporter's answer does not count (the due date moves by exactly
// the pause), a reminder and an escalation go out once each, and a reporter's
// message or evidence while awaited resumes screening by itself.
import request, { type Test } from 'supertest';
import { transition } from '../../server/reports/pipeline';
import { reporterMessage } from '../../server/reports/followup';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Report } from '../../server/reports/report.model';
import { Staff } from '../../server/staff/staff.model';
import { Unit } from '../../server/catalog/unit.model';
import type { Actor } from '../../server/access';
import type { Role } from '../../shared/roles';
import { acceptanceDueAt } from '../../server/reports/acceptanceClock';
import { watchDeadlines } from '../../server/reports/deadlineWatch';
import { shanghaiDay, shanghaiDayStart } from '../../shared/dates';
import { jpeg, nextClientIp } from '../support/intake';
import { queuedMails } from '../support/outbox';
import { startTestApp, type TestApp } from '../support/server';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const policy = { days: 7, reminderDaysBefore: 2 };
let t: TestApp;
let intake: Actor;

beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'loopback' });
  await Staff.updateOne({ username: 'intake' }, { $set: { email: 'intake@example.cn' } });
  await Unit.updateOne({ code: 'city-fire' }, { $set: { headEmail: 'fire-head@example.cn' } }); // the table's unit for fire safety in 410503
  const s = (await Staff.findOne({ username: 'intake' }).lean())!;
  intake = {
    id: String(s._id),
    username: s.username,
    role: s.role as Role,
    unitCode: s.unitCode,
    level: 'city',
    areaCodes: s.areaCodes,
    allAreas: s.allAreas,
  };
});

afterAll(async () => {
  await t?.stop();
});

async function submitted(): Promise<{ reference: string; accessKey: string; submittedAt: Date }> {
  const report = {
    category: 'fire-exits-blocked',
    area: '410503',
    description: '商场安全出口被货物堵死，已经好几天了。',
    anonymous: true,
  };
  const res = await request(t.app)
    .post('/api/v1/reports')
    .set('X-Forwarded-For', nextClientIp())
    .field('report', JSON.stringify(report))
    .expect(201);
  const stored = (await Report.findOne({ reference: res.body.reference }).lean())!;
  return { reference: res.body.reference, accessKey: res.body.accessKey, submittedAt: stored.submittedAt };
}

const act = (
  reference: string,
  name: 'request-information' | 'resume-screening' | 'reject',
  payload: object,
  at: Date,
) => transition(reference, name, payload as never, intake, { box: t.box, publicBaseUrl: 'http://test', now: at });
const stored = async (reference: string) => (await Report.findOne({ reference }).lean())!;
/** The acceptance clock's mails about a report (other notifications, such as new-report alerts, left out). */
const mailsAbout = async (reference: string) =>
  (await queuedMails(t.box, { subject: new RegExp(`受理(期限将至|超期督办) ${reference}`) }))
    .map((m) => `${m.to} ${m.subject.split(' ')[0]}`)
    .sort();

test('time awaiting information moves the due date by exactly the pause; reminder and escalation go out once', async () => {
  const { reference, submittedAt } = await submitted();
  const at = (ms: number) => new Date(submittedAt.getTime() + ms);
  expect(acceptanceDueAt(await stored(reference), policy.days)).toEqual(at(7 * DAY));

  await act(reference, 'request-information', { message: '请补充现场照片和具体楼层。' }, at(DAY + 3 * HOUR));
  expect((await stored(reference)).acceptance?.pausedAt).toEqual(at(DAY + 3 * HOUR));
  await watchDeadlines(t.box, at(30 * DAY), 'http://test', policy); // paused: long past the old due date, yet nothing is sent
  expect(await mailsAbout(reference)).toEqual([]);

  await act(reference, 'resume-screening', {}, at(4 * DAY + 3 * HOUR + 17 * 60_000));
  let r = await stored(reference);
  expect(r.status).toBe('screening');
  expect(r.acceptance).toMatchObject({ pausedAt: null, pausedMs: 3 * DAY + 17 * 60_000 });
  expect(acceptanceDueAt(r, policy.days)).toEqual(at(10 * DAY + 17 * 60_000));

  // A second pause, ended by the reporter's answer: six hours more.
  await act(reference, 'request-information', { message: '请说明是哪一个出口。' }, at(5 * DAY));
  await reporterMessage(reference, '是东侧二号安全出口。', at(5 * DAY + 6 * HOUR));
  r = await stored(reference);
  expect(r.status).toBe('screening');
  const dueAt = at(10 * DAY + 17 * 60_000 + 6 * HOUR);
  expect(acceptanceDueAt(r, policy.days)).toEqual(dueAt);

  const before = (ms: number) => new Date(dueAt.getTime() - ms);
  await watchDeadlines(t.box, before(2 * DAY + 1), 'http://test', policy);
  expect(await mailsAbout(reference)).toEqual([]);
  await watchDeadlines(t.box, before(2 * DAY), 'http://test', policy);
  await watchDeadlines(t.box, before(DAY), 'http://test', policy);
  expect(await mailsAbout(reference)).toEqual(['intake@example.cn 【啄木鸟】受理期限将至']);
  await watchDeadlines(t.box, before(1), 'http://test', policy);
  expect(await mailsAbout(reference)).toHaveLength(1);

  await watchDeadlines(t.box, dueAt, 'http://test', policy);
  await watchDeadlines(t.box, new Date(dueAt.getTime() + 3 * DAY), 'http://test', policy);
  expect(await mailsAbout(reference)).toEqual([
    'fire-head@example.cn 【啄木鸟】受理超期督办',
    'intake@example.cn 【啄木鸟】受理期限将至',
    'intake@example.cn 【啄木鸟】受理超期督办',
  ]);
  r = await stored(reference);
  expect(r.acceptance).toMatchObject({ reminderSentAt: before(2 * DAY), escalatedAt: dueAt });
  expect(r.timeline.filter((e) => e.type.startsWith('acceptance-')).map((e) => [e.type, e.public])).toEqual([
    ['acceptance-reminder', false],
    ['acceptance-escalated', false],
  ]);
});

test("the reporter's message while awaited resumes screening with a timeline entry, and moves the revision", async () => {
  const { reference, submittedAt } = await submitted();
  await act(reference, 'request-information', { message: '请补充现场照片。' }, new Date(submittedAt.getTime() + HOUR));
  const asked = await stored(reference);
  await reporterMessage(reference, '照片稍后上传，出口在东侧。', new Date(submittedAt.getTime() + 2 * HOUR));
  const r = await stored(reference);
  expect(r.status).toBe('screening');
  expect(r.revision).toBe(asked.revision + 1);
  expect(r.acceptance).toMatchObject({ pausedAt: null, pausedMs: HOUR });
  expect(r.timeline.slice(-2).map((e) => e.type)).toEqual(['reporter-message', 'resume-screening']);
  expect(
    await AuditEntry.exists({
      action: 'report.resume-screening',
      'target.id': reference,
      'details.cause': 'reporter-reply',
    }),
  ).toBeTruthy();

  // Another message while screening changes nothing on the clock.
  await reporterMessage(reference, '补充：东侧出口外还堆着纸箱。', new Date(submittedAt.getTime() + 3 * HOUR));
  expect((await stored(reference)).acceptance).toMatchObject({ pausedMs: HOUR });
  expect((await stored(reference)).revision).toBe(r.revision + 1); // like every step, so staff see it before acting
});

test('evidence sent through follow-up while awaited resumes screening too', async () => {
  const { reference, accessKey } = await submitted();
  await act(reference, 'request-information', { message: '请补充现场照片。' }, new Date());
  const session = await request(t.app)
    .post('/api/v1/followup/sessions')
    .set('X-Forwarded-For', nextClientIp())
    .send({ reference, accessKey })
    .expect(201);
  const bearer = (req: Test) =>
    req.set('Authorization', `Bearer ${session.body.token}`).set('X-Forwarded-For', nextClientIp());
  await bearer(request(t.app).post('/api/v1/followup/evidence'))
    .attach('evidence', await jpeg(), { filename: 'exit.jpg', contentType: 'image/jpeg' })
    .expect((res) => expect(res.status).toBeLessThan(300));
  const r = await stored(reference);
  expect(r.status).toBe('screening');
  expect(r.acceptance?.pausedAt).toBeNull();
  expect(r.timeline.slice(-2).map((e) => e.type)).toEqual(['reporter-evidence', 'resume-screening']);
});

test('a report screened in time is neither reminded nor escalated, nor is one still awaiting the reporter', async () => {
  const screened = await submitted();
  await act(
    screened.reference,
    'reject',
    { reason: '不属于安全生产领域' },
    new Date(screened.submittedAt.getTime() + DAY),
  );
  const waiting = await submitted();
  await act(
    waiting.reference,
    'request-information',
    { message: '请补充地址。' },
    new Date(waiting.submittedAt.getTime() + DAY),
  );
  await watchDeadlines(t.box, new Date(waiting.submittedAt.getTime() + 60 * DAY), 'http://test', policy);
  expect(await mailsAbout(screened.reference)).toEqual([]);
  expect(await mailsAbout(waiting.reference)).toEqual([]);
});

test("without ACCEPTANCE_DAYS the report's policy period decides: to the end of the 7th day after submission in China", async () => {
  const { reference, submittedAt } = await submitted();
  const dueAt = new Date(shanghaiDayStart(shanghaiDay(submittedAt)).getTime() + 8 * DAY);
  expect(acceptanceDueAt(await stored(reference))).toEqual(dueAt);
  // The override keeps its meaning: exactly that many days after submission.
  expect(acceptanceDueAt(await stored(reference), 3)).toEqual(new Date(submittedAt.getTime() + 3 * DAY));

  const escalated = async () => (await mailsAbout(reference)).filter((m) => m.includes('超期')).length;
  await watchDeadlines(t.box, new Date(dueAt.getTime() - 2 * DAY - 1), 'http://test');
  expect(await mailsAbout(reference)).toEqual([]);
  await watchDeadlines(t.box, new Date(dueAt.getTime() - DAY), 'http://test');
  expect(await mailsAbout(reference)).toEqual(['intake@example.cn 【啄木鸟】受理期限将至']);
  await watchDeadlines(t.box, new Date(dueAt.getTime() - 1), 'http://test');
  expect(await escalated()).toBe(0);
  const counts = await watchDeadlines(t.box, dueAt, 'http://test');
  expect(counts.escalations).toBeGreaterThanOrEqual(1);
  expect(await escalated()).toBe(2);
});
