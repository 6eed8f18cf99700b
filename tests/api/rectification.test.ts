// Rectification (整改闭环) over HTTP: orders by verifiers and reviewers, with their
// refusals; re-inspection with photos before and after by any inspector of the
// area; sign-off of major hazards by a second person; follow-ups with a new due
// day and an internal penalty note; the overdue job on a moved clock (once per
// due day); the reporter's "it is still there"; rewards that never wait; and the
// statistics, which count verified completions and overdue tasks, not orders.
import { noteText } from '../../shared/notes';
import request from 'supertest';
import { Unit } from '../../server/catalog/unit.model';
import { inTransaction } from '../../server/platform/db';
import { watchRectifications } from '../../server/reports/rectificationWatch';
import { Report } from '../../server/reports/report.model';
import { lastDayOf } from '../../server/platform/calendar';
import { Staff } from '../../server/staff/staff.model';
import { refreshReportStats } from '../../server/stats';
import { shanghaiDay, shanghaiMonthOf } from '../../shared/dates';
import { caseDriver, type Cases, type Receipt } from '../support/cases';
import { intakeEnv, jpeg, nextClientIp, sha256 } from '../support/intake';
import { queuedMails } from '../support/outbox';
import { startTestApp, type TestApp } from '../support/server';
import { as, createAccount, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

const DAY = 86_400_000;
/** The Asia/Shanghai calendar day `n` days from today. */
const day = (n: number) => shanghaiDay(new Date(Date.now() + n * DAY));
/** Noon in Shanghai on that day: a clock for the job. */
const noonOn = (d: string) => new Date(`${d}T12:00:00+08:00`);

const HEAD = 'fire-head@example.cn';
const VERIFIER = 'verifier@example.cn';
const REVIEWER = 'reviewer@example.cn';
const INSPECTOR = 'inspector@example.cn';
const FAR = 'far@example.cn';

let t: TestApp;
let c: Cases;
/** A verifier of the area who is not the report's assigned verifier. */
let inspector: StaffSession;
/** A verifier of another area only. */
let farVerifier: StaffSession;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  await Unit.updateOne({ code: 'city-fire' }, { $set: { headEmail: HEAD } });
  await Staff.updateOne({ username: 'verifier' }, { $set: { email: VERIFIER } });
  await Staff.updateOne({ username: 'reviewer' }, { $set: { email: REVIEWER } });
  await createAccount({ username: 'inspector', role: 'verifier', unitCode: 'city-enforcement', areaCodes: ['410503'] });
  await createAccount({ username: 'far-verifier', role: 'verifier', areaCodes: ['410581'] });
  await Staff.updateOne({ username: 'inspector' }, { $set: { email: INSPECTOR } });
  await Staff.updateOne({ username: 'far-verifier' }, { $set: { email: FAR } });
  inspector = await openSession(t, 'inspector');
  farVerifier = await openSession(t, 'far-verifier');
});

afterAll(async () => {
  await t?.stop();
});

const order = (over: Record<string, unknown> = {}) => ({
  orderNo: '安应急责改〔2026〕0042号',
  enterprise: '北关商贸有限公司',
  unitCode: 'city-fire',
  dueOn: day(5),
  major: false,
  ...over,
});

/** Findings of an illegal operation, not a hazard: its rectification is not a major hazard's. */
const notMajor = { findings: { violationKind: 'illegal-operation', hazardLevel: undefined } };

/** A substantiated report (in `area`) with one rectification ordered by the verifier: major when the findings say so. */
async function ordered(over: Record<string, unknown> = {}, area = '410503'): Promise<Receipt> {
  const r = await c.reportAt('substantiated', { report: { area }, ...(over.major ? {} : notMajor) });
  await c.ok(r.reference, 'order-rectification', order(over), c.staff.verifier);
  return r;
}

type Stage = 'before' | 'after';

/** The multipart re-inspection: the JSON part, then one photo per stage; answers with the bytes sent. */
async function reinspect(
  reference: string,
  who: StaffSession,
  part: Record<string, unknown>,
  stages: Stage[] = [],
): Promise<{ res: request.Response; photos: Buffer[] }> {
  const photos = await Promise.all(stages.map((_, i) => jpeg(24 + i, 16 + i)));
  let req = as(request(t.app).post(`/api/v1/reports/${reference}/reinspections`), who)
    .set('X-Forwarded-For', nextClientIp())
    .field('reinspection', JSON.stringify({ taskId: 'R1', inspectedOn: day(0), note: '现场复查。', ...part, stages }));
  for (const [i, stage] of stages.entries())
    req = req.attach('evidence', photos[i], { filename: `${stage}-${i}.jpg`, contentType: 'image/jpeg' });
  return { res: await req, photos };
}

async function reinspectOk(reference: string, who: StaffSession, part: Record<string, unknown>, stages: Stage[]) {
  const { res, photos } = await reinspect(reference, who, part, stages);
  if (res.status !== 200) throw new Error(`re-inspection failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { res, photos };
}

const reporterView = async (r: Receipt) =>
  c.reporter(request(t.app).get('/api/v1/followup/report'), await c.followupToken(r));

async function stillThere(r: Receipt, body: string, photo?: Buffer) {
  let req = c
    .reporter(request(t.app).post('/api/v1/followup/still-there'), await c.followupToken(r))
    .field('body', body);
  if (photo) req = req.attach('evidence', photo, { filename: 'now.jpg', contentType: 'image/jpeg' });
  return req;
}

const task = async (reference: string, i = 0) => (await c.stored(reference)).rectifications[i];
const mailsAbout = (reference: string) => queuedMails(t.box, { subject: new RegExp(reference) });

describe('ordering a rectification', () => {
  test('the verifier or a reviewer orders; each task has its order number, unit, due day and, when major, its listing', async () => {
    const r = await c.reportAt('substantiated', notMajor);
    await c.ok(r.reference, 'order-rectification', order(), c.staff.verifier);
    const res = await c.ok(
      r.reference,
      'order-rectification',
      order({ orderNo: '安应急责改〔2026〕0043号', major: true, listingBody: '安阳市安委会', dueOn: day(30) }),
      c.staff.reviewer,
    );
    expect(res.body.rectifications.map((x: { taskId: string; status: string }) => [x.taskId, x.status])).toEqual([
      ['R1', 'open'],
      ['R2', 'open'],
    ]);
    const stored = await c.stored(r.reference);
    expect(stored.rectifications[1]).toMatchObject({
      taskId: 'R2',
      orderNo: '安应急责改〔2026〕0043号',
      enterprise: '北关商贸有限公司',
      unitCode: 'city-fire',
      dueOn: day(30),
      major: true,
      listingBody: '安阳市安委会',
      orderedById: c.staff.reviewer.user.id,
      status: 'open',
    });
    expect(stored.timeline.filter((e) => e.type === 'order-rectification').map((e) => e.public)).toEqual([
      false,
      false,
    ]);
    // The reporter sees the tasks and their due days, not the enterprise's file.
    const seen = await reporterView(r);
    expect(seen.body.rectifications.map((x: { taskId: string; dueOn: string }) => [x.taskId, x.dueOn])).toEqual([
      ['R1', day(5)],
      ['R2', day(30)],
    ]);
    expect(JSON.stringify(seen.body)).not.toMatch(/0042|0043|北关商贸|安委会/);
  });

  test.each([
    ['a major hazard without its listing body', { major: true }, 'body.listingBody'],
    ['a due day already past', { dueOn: day(-1) }, 'body.dueOn'],
    ['an unknown unit', { unitCode: 'no-such-unit' }, 'body.unitCode'],
    ['no order number', { orderNo: '' }, 'body.orderNo'],
  ])('400 naming the field for %s, and nothing changes', async (_what, over, path) => {
    const r = await c.reportAt('substantiated', notMajor);
    const before = await c.stored(r.reference);
    const res = await c.act(r.reference, 'order-rectification', order(over), c.staff.verifier);
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual([path]);
    const after = await c.stored(r.reference);
    expect([after.revision, after.rectifications]).toEqual([before.revision, []]);
  });

  test('a major hazard in the findings is ordered as one: listed, and signed off later by a second person', async () => {
    const r = await c.reportAt('substantiated');
    const res = await c.act(r.reference, 'order-rectification', order({ major: false }), c.staff.verifier);
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual(['body.major']);
    expect((await c.stored(r.reference)).rectifications).toEqual([]);
  });

  test("without a due day, the report's rectification period from today", async () => {
    const r = await c.reportAt('substantiated', notMajor);
    const { dueOn: _omitted, ...withoutDay } = order();
    await c.ok(r.reference, 'order-rectification', withoutDay, c.staff.verifier);
    expect((await task(r.reference)).dueOn).toBe(day(30));
  });

  test('403 for the roles that may not order; an inspector of another area cannot even see the report', async () => {
    const r = await c.reportAt('substantiated');
    for (const who of [c.staff.intake, c.staff.finance])
      expectProblem(await c.act(r.reference, 'order-rectification', order(), who), 403, 'auth.forbidden');
    // Outside the reader's areas a report reads as unknown: nothing says it exists.
    expectProblem(await c.act(r.reference, 'order-rectification', order(), farVerifier), 404, 'resource.not_found');
    expect((await c.stored(r.reference)).rectifications).toEqual([]);
  });

  test('409 on a report not substantiated', async () => {
    const r = await c.reportAt('verifying');
    expectProblem(await c.act(r.reference, 'order-rectification', order(), c.staff.verifier), 409, 'resource.stale');
    const rejected = await c.reportAt('findings-submitted', {
      findings: { substantiated: false, violationKind: undefined },
    });
    await c.ok(rejected.reference, 'approve-findings', {}, c.staff.reviewer);
    expectProblem(
      await c.act(rejected.reference, 'order-rectification', order(), c.staff.reviewer),
      409,
      'resource.stale',
    );
    expect((await c.stored(rejected.reference)).rectifications).toEqual([]);
    // Closed after its letter and the objection period: still nothing to rectify.
    await c.sendLetter(rejected.reference);
    await Report.updateOne(
      { reference: rejected.reference },
      { $set: { 'conclusion.objectionDueAt': new Date(Date.now() - 1000) } },
    );
    await c.ok(rejected.reference, 'close', {}, c.staff.reviewer);
    expect((await c.view(rejected.reference, c.staff.reviewer)).body.allowedActions).not.toContain(
      'order-rectification',
    );
    expectProblem(
      await c.act(rejected.reference, 'order-rectification', order(), c.staff.reviewer),
      409,
      'resource.stale',
    );
  });
});

describe('re-inspection', () => {
  test('another inspector of the area re-inspects with photos before and after, kept with their hashes: a general hazard is complete', async () => {
    const r = await ordered();
    const { res, photos } = await reinspectOk(
      r.reference,
      inspector,
      { result: 'completed', note: '复查确认安全出口已清理畅通。' },
      ['before', 'after'],
    );
    expect(res.body.rectifications[0]).toMatchObject({ status: 'completed', overdue: false });
    const stored = await c.stored(r.reference);
    const t1 = stored.rectifications[0];
    expect(t1.status).toBe('completed');
    expect(t1.completedAt).toBeInstanceOf(Date);
    expect(t1.reinspections).toHaveLength(1);
    const [ri] = t1.reinspections;
    expect(ri).toMatchObject({ inspectedOn: day(0), result: 'completed', inspectorId: inspector.user.id });
    expect([ri.beforeFileIds.length, ri.afterFileIds.length]).toEqual([1, 1]);
    // The chain of custody: each photo is in the report's evidence with the hash of the bytes received.
    const file = (id: string) => stored.evidence.find((e) => e.fileId === id)!;
    expect(file(ri.beforeFileIds[0])).toMatchObject({ addedBy: 'staff', receivedSha256: sha256(photos[0]) });
    expect(file(ri.afterFileIds[0])).toMatchObject({ addedBy: 'staff', receivedSha256: sha256(photos[1]) });
    expect(file(ri.afterFileIds[0]).storedSha256).toMatch(/^[0-9a-f]{64}$/);
    // The reporter hears the outcome.
    const seen = await reporterView(r);
    expect(seen.body.rectifications[0]).toMatchObject({ status: 'completed', lastResult: 'completed' });
    expect(seen.body.canSayStillThere).toBe(true);
    expect(seen.body.timeline.map((e: { type: string }) => e.type)).toContain('record-reinspection');
  });

  test('400 for a completed re-inspection without a photo after, or a follow-up without its due day; nothing is kept', async () => {
    const r = await ordered();
    const noAfter = await reinspect(r.reference, inspector, { result: 'completed' }, ['before']);
    expectProblem(noAfter.res, 400, 'request.invalid');
    expect(errorPaths(noAfter.res)).toEqual(['reinspection.stages']);
    const noDue = await reinspect(r.reference, inspector, { result: 'partly' }, ['before']);
    expect(errorPaths(noDue.res)).toEqual(['reinspection.newDueOn']);
    const pastDue = await reinspect(r.reference, inspector, { result: 'partly', newDueOn: day(-1) }, ['before']);
    expectProblem(pastDue.res, 400, 'request.invalid');
    expect(errorPaths(pastDue.res)).toEqual(['body.newDueOn']);
    const stored = await c.stored(r.reference);
    expect([stored.rectifications[0].reinspections, stored.evidence.filter((e) => e.addedBy === 'staff')]).toEqual([
      [],
      [],
    ]);
  });

  test('403 for roles that do not re-inspect', async () => {
    const r = await ordered();
    for (const who of [c.staff.intake, c.staff.reviewer]) {
      const { res } = await reinspect(r.reference, who, { result: 'completed' }, ['after']);
      expectProblem(res, 403, 'auth.forbidden');
    }
    expect((await task(r.reference)).status).toBe('open');
  });

  test('a major hazard waits for sign-off (销号) by a second person: never whoever re-inspected it', async () => {
    const r = await ordered({ major: true, listingBody: '安阳市安委会' });
    // One person, a verifier when re-inspecting and a reviewer by the time of the sign-off.
    const dual = await createAccount({ username: 'dual', role: 'verifier', areaCodes: ['410503'] });
    await reinspectOk(r.reference, await openSession(t, 'dual'), { result: 'completed', note: '重大隐患已整改。' }, [
      'before',
      'after',
    ]);
    expect((await task(r.reference)).status).toBe('awaiting-sign-off');
    expect((await reporterView(r)).body.canSayStillThere).toBe(false);

    await Staff.updateOne({ _id: dual._id }, { $set: { role: 'reviewer' } });
    const dualReviewer = await openSession(t, 'dual');
    const signOff = { taskId: 'R1', note: '经审核同意销号。' };
    const same = await c.act(r.reference, 'sign-off-rectification', signOff, dualReviewer);
    expectProblem(same, 403, 'auth.forbidden');
    expect(same.body.reason).toBe('four-eyes');
    expectProblem(await c.act(r.reference, 'sign-off-rectification', signOff, inspector), 403, 'auth.forbidden');
    expect((await task(r.reference)).status).toBe('awaiting-sign-off');

    await c.ok(r.reference, 'sign-off-rectification', signOff, c.staff.reviewer);
    expect(await task(r.reference)).toMatchObject({ status: 'completed', signedOffById: c.staff.reviewer.user.id });
    // Nothing is left to sign off.
    expectProblem(await c.act(r.reference, 'sign-off-rectification', signOff, c.staff.reviewer), 409, 'resource.stale');
  });

  test('partly or not done: a follow-up with a new due day; the penalty note stays with staff', async () => {
    const r = await ordered();
    const penalty = '拟对该企业逾期未整改行为立案处罚（内部）';
    await reinspectOk(
      r.reference,
      c.staff.verifier,
      { result: 'not-done', note: '安全出口仍有货物堆放。', penaltyNote: penalty, newDueOn: day(12) },
      ['before'],
    );
    const t1 = await task(r.reference);
    expect(t1).toMatchObject({ status: 'open', dueOn: day(12), followUp: true });
    expect(t1.reinspections[0]).toMatchObject({ result: 'not-done', penaltyNote: penalty });
    const stored = await c.stored(r.reference);
    expect(stored.timeline.find((e) => e.note === penalty)).toMatchObject({ type: 'staff-comment', public: false });
    const staffView = await c.view(r.reference, c.staff.reviewer);
    expect(JSON.stringify(staffView.body)).toContain(penalty);

    const seen = await reporterView(r);
    expect(JSON.stringify(seen.body)).not.toContain(penalty);
    expect(seen.body.rectifications[0]).toMatchObject({ status: 'open', dueOn: day(12), lastResult: 'not-done' });
    const told = seen.body.timeline.map((e: Parameters<typeof noteText>[0]) => [noteText(e, 'zh'), noteText(e, 'en')]);
    expect(told).toContainEqual([`整改未完成，限期 ${day(12)} 前完成`, `Not fixed; to be finished by ${day(12)}`]);

    // The follow-up is re-inspected in turn: partly, then done.
    await reinspectOk(r.reference, inspector, { result: 'partly', note: '已部分清理。', newDueOn: day(20) }, [
      'before',
    ]);
    expect(await task(r.reference)).toMatchObject({ status: 'open', dueOn: day(20) });
    await reinspectOk(r.reference, inspector, { result: 'completed', note: '已全部清理。' }, ['after']);
    expect((await task(r.reference)).status).toBe('completed');
    expect((await task(r.reference)).reinspections.map((x) => x.result)).toEqual(['not-done', 'partly', 'completed']);
  });
});

describe('overdue rectifications escalate once per due day', () => {
  const watch = (d: string) => watchRectifications(t.box, noonOn(d), 'http://test');

  test("to the unit's head and the area's inspectors and reviewers; again after a follow-up's new due day", async () => {
    const r = await ordered({ dueOn: day(3) });
    // On the due day itself it is not overdue yet.
    await watch(day(3));
    expect(await mailsAbout(r.reference)).toHaveLength(0);

    expect((await watch(day(4))).escalations).toBeGreaterThanOrEqual(1);
    const mails = await mailsAbout(r.reference);
    expect(mails.map((m) => m.to).sort()).toEqual([HEAD, INSPECTOR, REVIEWER, VERIFIER].sort());
    for (const m of mails) {
      // A lock screen learns only that something is overdue; the body (staff mail) names the task.
      expect(m.subject).toBe(`【啄木鸟】整改逾期督办 ${r.reference} / Overdue rectification`);
      expect(m.text).toContain(`R1`);
      expect(m.text).toContain(day(3));
      expect(m.text).toContain('安应急责改〔2026〕0042号');
      expect(m.text).not.toContain('北关商贸');
    }
    // However often the job runs, the same due day is not escalated again.
    await watch(day(4));
    await watch(day(9));
    expect(await mailsAbout(r.reference)).toHaveLength(4);
    expect(await task(r.reference)).toMatchObject({ status: 'open', escalatedFor: day(3) });
    const stored = await c.stored(r.reference);
    expect(stored.timeline.filter((e) => e.type === 'rectification-overdue').map((e) => e.public)).toEqual([false]);
    // Staff see which due day was escalated (overdue is read on the real clock, where it is not yet due).
    const seen = await c.view(r.reference, c.staff.reviewer);
    expect(seen.body.rectifications[0]).toMatchObject({ escalatedFor: day(3), overdue: false });

    // A follow-up's new due day is escalated once in its turn.
    await reinspectOk(r.reference, inspector, { result: 'not-done', note: '未整改。', newDueOn: day(10) }, ['before']);
    await watch(day(10));
    expect(await mailsAbout(r.reference)).toHaveLength(4);
    await watch(day(11));
    await watch(day(15));
    expect(await mailsAbout(r.reference)).toHaveLength(8);
    expect(await task(r.reference)).toMatchObject({ escalatedFor: day(10), followUp: true });
  });

  test('a completed task is never escalated; nor one not yet due', async () => {
    const done = await ordered({ dueOn: day(2) });
    await reinspectOk(done.reference, inspector, { result: 'completed' }, ['after']);
    const later = await ordered({ dueOn: day(60) });
    await watch(day(30));
    expect(await mailsAbout(done.reference)).toEqual([]);
    expect(await mailsAbout(later.reference)).toEqual([]);
    expect((await task(done.reference)).escalatedFor).toBeUndefined();
  });

  test('mail only to staff of the area, with an address, and not disabled', async () => {
    await Staff.updateOne({ username: 'inspector' }, { $set: { disabled: true } });
    try {
      const r = await ordered({ dueOn: day(1) });
      await watch(day(2));
      expect((await mailsAbout(r.reference)).map((m) => m.to).sort()).toEqual([HEAD, REVIEWER, VERIFIER].sort());
    } finally {
      await Staff.updateOne({ username: 'inspector' }, { $set: { disabled: false } });
    }
  });
});

describe('the reporter says "it is still there"', () => {
  test('within the period: the task reopens for a new re-inspection, the photo is kept, staff see it', async () => {
    const r = await ordered();
    await reinspectOk(r.reference, inspector, { result: 'completed' }, ['before', 'after']);
    const seen = await reporterView(r);
    expect(seen.body.canSayStillThere).toBe(true);
    expect(seen.body.stillThereDueAt).toBeDefined();

    const photo = await jpeg(40, 30);
    const res = await stillThere(r, '今天路过，安全出口又被货物堵上了。', photo);
    expect(res.status).toBe(200);
    expect(res.body.rectifications[0]).toMatchObject({ status: 'open' });
    expect(res.body.canSayStillThere).toBe(false);

    const stored = await c.stored(r.reference);
    expect(stored.rectifications[0].status).toBe('open');
    expect(stored.rectifications[0].disputedAt).toBeInstanceOf(Date);
    expect(stored.evidence.filter((e) => e.addedBy === 'reporter').map((e) => e.receivedSha256)).toContain(
      sha256(photo),
    );
    const staffView = await c.view(r.reference, inspector);
    expect(staffView.body.rectifications[0]).toMatchObject({ status: 'open' });
    expect(staffView.body.rectifications[0].disputedAt).toBeDefined();
    expect(staffView.body.messages.map((m: { from: string; body: string }) => [m.from, m.body])).toContainEqual([
      'reporter',
      '今天路过，安全出口又被货物堵上了。',
    ]);
    expect(staffView.body.timeline.map((e: { type: string }) => e.type)).toContain('still-there');

    // The re-inspection it opened.
    await reinspectOk(r.reference, inspector, { result: 'completed', note: '再次复查已清理。' }, ['after']);
    expect(await task(r.reference)).toMatchObject({ status: 'completed' });
    expect((await task(r.reference)).reinspections).toHaveLength(2);
  });

  test('a reopened task is due for re-inspection within five working days, and escalated afresh once that passes', async () => {
    const r = await ordered({ dueOn: day(1) });
    await watchRectifications(t.box, noonOn(day(2)), 'http://test');
    expect(await mailsAbout(r.reference)).toHaveLength(4);
    await reinspectOk(r.reference, inspector, { result: 'completed' }, ['after']);
    expect((await stillThere(r, '出口又堵了。')).status).toBe(200);
    const reinspectBy = lastDayOf(new Date(), { days: 5, unit: 'working' });
    expect(await task(r.reference)).toMatchObject({ status: 'open', dueOn: reinspectBy, escalatedFor: null });
    // Not before its re-inspection day has passed; then once.
    await watchRectifications(t.box, noonOn(reinspectBy), 'http://test');
    expect(await mailsAbout(r.reference)).toHaveLength(4);
    const after = shanghaiDay(new Date(noonOn(reinspectBy).getTime() + DAY));
    await watchRectifications(t.box, noonOn(after), 'http://test');
    await watchRectifications(t.box, noonOn(after), 'http://test');
    expect(await mailsAbout(r.reference)).toHaveLength(8);
    expect(await task(r.reference)).toMatchObject({ status: 'open', escalatedFor: reinspectBy });
  });

  test('409 report.not_objectable after the period, and while nothing is completed; nothing is kept', async () => {
    const open = await ordered();
    expectProblem(await stillThere(open, '还在。', await jpeg()), 409, 'report.not_objectable');
    expect((await c.stored(open.reference)).evidence.filter((e) => e.addedBy === 'reporter')).toEqual([]);

    const r = await ordered();
    await reinspectOk(r.reference, inspector, { result: 'completed' }, ['after']);
    await Report.updateOne(
      { reference: r.reference },
      { $set: { 'rectifications.0.completedAt': new Date(Date.now() - 31 * DAY) } },
    );
    expect((await reporterView(r)).body.canSayStillThere).toBe(false);
    expectProblem(await stillThere(r, '还在。'), 409, 'report.not_objectable');
    expect((await task(r.reference)).status).toBe('completed');
  });
});

test('rewards never wait for the rectification: proposed, reviewed and approved while a task is open and overdue', async () => {
  const r = await ordered({ dueOn: day(1) });
  await watchRectifications(t.box, noonOn(day(2)), 'http://test');
  expect((await task(r.reference)).escalatedFor).toBe(day(1));
  await c.ok(r.reference, 'propose-reward', {}, c.staff.verifier);
  await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
  await c.ok(r.reference, 'approve-reward', {}, c.staff.finance, { 'Idempotency-Key': `rect-${r.reference}` });
  const stored = await c.stored(r.reference);
  expect([stored.status, stored.rectifications[0].status]).toEqual(['reward-approved', 'open']);
  // And the rectification goes on after the reward.
  await reinspectOk(r.reference, inspector, { result: 'completed' }, ['after']);
  expect((await task(r.reference)).status).toBe('completed');
});

describe('statistics count verified completions and overdue tasks, not orders', () => {
  // One area each, so the figures read exactly.
  const ORDERED = '410522';
  const VERIFIED = '410523';
  const OVERDUE = '410527';
  const AWAITING_SIGN_OFF = '410526';
  const refs: string[] = [];

  beforeAll(async () => {
    refs.push((await ordered({}, ORDERED)).reference);
    const verified = await ordered({}, VERIFIED);
    await reinspectOk(verified.reference, c.staff.verifier, { result: 'completed' }, ['after']);
    refs.push(verified.reference);
    const overdue = await ordered({ dueOn: day(1) }, OVERDUE);
    await watchRectifications(t.box, noonOn(day(2)), 'http://test');
    refs.push(overdue.reference);
    const major = await ordered({ major: true, listingBody: '安阳市安委会' }, AWAITING_SIGN_OFF);
    await reinspectOk(major.reference, c.staff.verifier, { result: 'completed' }, ['after']);
    refs.push(major.reference);
  });

  test('the monthly ranking: rectification = verified complete ÷ substantiated', async () => {
    const month = shanghaiMonthOf(new Date());
    const res = await c.get(`/api/v1/stats/ranking?month=${month}`, c.staff.admin);
    expect(res.status).toBe(200);
    const row = (area: string) =>
      (
        res.body.areas as {
          area: string;
          substantiated: number;
          rectifiedVerified: number;
          rectificationOverdue: number;
          measures: { rectification: number };
        }[]
      ).find((a) => a.area === area)!;
    const figures = (area: string) => {
      const a = row(area);
      return [a.substantiated, a.rectifiedVerified, a.rectificationOverdue, a.measures.rectification];
    };
    expect(figures(ORDERED)).toEqual([1, 0, 0, 0]); // an order alone is not a rectification
    expect(figures(VERIFIED)).toEqual([1, 1, 0, 1]);
    expect(figures(OVERDUE)).toEqual([1, 0, 1, 0]);
    expect(figures(AWAITING_SIGN_OFF)).toEqual([1, 0, 0, 0]); // re-inspected, not yet signed off
  });

  test('the public figures, once the month is published', async () => {
    // Three months back: published (a month is shown 28 days after it ends).
    const back = (d: Date) => new Date(d.getTime() - 92 * DAY);
    for (const reference of refs) {
      const r = await c.stored(reference);
      await Report.updateOne(
        { reference },
        {
          $set: {
            submittedAt: back(r.submittedAt),
            timeline: r.timeline.map((e) => ({ ...e, at: back(e.at) })),
          },
        },
      );
      await inTransaction((s) => refreshReportStats(reference, s));
    }
    const res = await request(t.app).get('/api/v1/public/transparency');
    expect(res.status).toBe(200);
    const area = (code: string) =>
      (res.body.areas as Record<string, unknown>[]).find((a) => a.area === code) as Record<string, unknown>;
    const figures = (code: string) => [
      area(code).substantiated,
      area(code).rectifiedVerified,
      area(code).rectificationOverdue,
    ];
    // Counts of 1–4 read "<5"; zeros are shown as they are.
    expect(figures(ORDERED)).toEqual(['<5', 0, 0]);
    expect(figures(VERIFIED)).toEqual(['<5', '<5', 0]);
    expect(figures(OVERDUE)).toEqual(['<5', 0, '<5']);
    expect(figures(AWAITING_SIGN_OFF)).toEqual(['<5', 0, 0]);
    const month = res.body.months.find((m: { month: string }) => m.month === shanghaiMonthOf(back(new Date())));
    expect(month).toMatchObject({ rectifiedVerified: '<5', rectificationOverdue: '<5' });
    expect(JSON.stringify(res.body)).not.toMatch(/0042|北关商贸/);
  });
});
