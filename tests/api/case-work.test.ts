// Case work over HTTP: staff messages to the reporter (and the reporter's answer),
// accepting many reports at once, the verifiers an acceptance may name, and the
// role queues with their date filters and orders.
import request, { type Test } from 'supertest';
import { endOfShanghaiDay } from '../../shared/dates';
import type { Role } from '../../shared/roles';
import type { WorkflowActionName } from '../../shared/workflow';
import { REPORTER_NOTICE_SUBJECT } from '../../server/reports/notifications';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Report } from '../../server/reports/report.model';
import { Staff } from '../../server/staff/staff.model';
import { intakeEnv, nextClientIp, submit } from '../support/intake';
import { queuedMails } from '../support/outbox';
import { startTestApp, type TestApp } from '../support/server';
import { as, createAccount, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';
import type { Receipt } from '../support/cases';

const DAY = 86_400_000;

let t: TestApp;
const s = {} as Record<Role, StaffSession>;
let verifierId: string;
/** A second verifier, of every area, never assigned unless a test says so. */
let otherVerifier: StaffSession;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  for (const role of ['admin', 'intake', 'verifier', 'reviewer', 'finance'] as const)
    s[role] = await openSession(t, role);
  verifierId = s.verifier.user.id;
  await createAccount({
    username: 'verifier-case-two',
    role: 'verifier',
    unitCode: 'city-fire',
    displayName: '赵六（核查）',
  });
  otherVerifier = await openSession(t, 'verifier-case-two');
});
afterAll(async () => {
  await t?.stop();
});

async function newReport(over: Record<string, unknown> = {}): Promise<Receipt> {
  const res = await submit(t.app, {
    category: 'fire-exits-blocked',
    area: '410503',
    description: '商场的安全出口被货架堵死，消防通道长期锁闭。',
    anonymous: false,
    reporter: { name: '王五', phone: '13800000000', email: 'reporter@example.test' },
    ...over,
  });
  if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Receipt;
}

const staff = (req: Test, who: StaffSession, csrf: string | null = who.csrfToken) =>
  as(req.set('X-Forwarded-For', nextClientIp()), who, csrf);
const act = (ref: string, action: string, body: object, who: StaffSession) =>
  staff(request(t.app).post(`/api/v1/reports/${ref}/actions/${action}`), who).send(body);
const view = (ref: string, who: StaffSession = s.intake) =>
  staff(request(t.app).get(`/api/v1/reports/${ref}`), who, null);
const message = (ref: string, body: unknown, who: StaffSession) =>
  staff(request(t.app).post(`/api/v1/reports/${ref}/messages`), who).send({ body });
const bulkAccept = (body: object, who: StaffSession = s.intake) =>
  staff(request(t.app).post('/api/v1/reports/bulk-accept'), who).send(body);
const list = (query: string, who: StaffSession) => staff(request(t.app).get(`/api/v1/reports${query}`), who, null);
const stored = async (ref: string) => (await Report.findOne({ reference: ref }).lean())!;

const findings = {
  inspectedOn: '2026-11-20',
  summary: '现场检查确认安全出口被堵。',
  substantiated: true,
  violationKind: 'major-hazard',
  alreadyKnownAndHandled: false,
};

async function ok(ref: string, action: WorkflowActionName, body: object, who: StaffSession): Promise<void> {
  const res = await act(ref, action, body, who);
  if (res.status !== 200) throw new Error(`${action} on ${ref} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A report moved along the main path to `stage`, assigned to `verifier`. */
async function reportAt(
  stage: 'submitted' | 'screening' | 'assigned' | 'verifying' | 'findings-submitted' | 'substantiated',
  over: Record<string, unknown> = {},
  verifier: StaffSession = s.verifier,
): Promise<Receipt> {
  const receipt = await newReport(over);
  const ref = receipt.reference;
  const steps: [string, () => Promise<void>][] = [
    ['screening', () => ok(ref, 'start-screening', {}, s.intake)],
    ['assigned', () => ok(ref, 'accept', { unitCode: 'city-fire', verifierId: verifier.user.id }, s.intake)],
    ['verifying', () => ok(ref, 'start-verification', {}, verifier)],
    ['findings-submitted', () => ok(ref, 'submit-findings', findings, verifier)],
    ['substantiated', () => ok(ref, 'approve-findings', {}, s.reviewer)],
  ];
  if (stage !== 'submitted')
    for (const [reached, step] of steps) {
      await step();
      if (reached === stage) break;
    }
  expect((await stored(ref)).status).toBe(stage);
  return receipt;
}

async function followup(r: Receipt) {
  const login = await request(t.app).post('/api/v1/followup/sessions').set('X-Forwarded-For', nextClientIp()).send(r);
  expect(login.status).toBe(201);
  const bearer = `Bearer ${login.body.token}`;
  return {
    read: async () => {
      const res = await request(t.app)
        .get('/api/v1/followup/report')
        .set('X-Forwarded-For', nextClientIp())
        .set('Authorization', bearer);
      expect(res.status).toBe(200);
      return res.body as { messages: { from: string; body: string }[]; timeline: { type: string }[] };
    },
    answer: (body: string) =>
      request(t.app)
        .post('/api/v1/followup/messages')
        .set('X-Forwarded-For', nextClientIp())
        .set('Authorization', bearer)
        .send({ body }),
  };
}

describe('staff messages to the reporter', () => {
  test('the intake officer writes; the reporter reads it in follow-up and answers; staff see the answer', async () => {
    const receipt = await newReport();
    const ref = receipt.reference;
    const before = await stored(ref);
    const emailsBefore = (await queuedMails(t.box, { to: 'reporter@example.test' })).length;

    const res = await message(ref, '  请问堵塞的是哪一层的安全出口？ ', s.intake);
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(before.revision + 1);
    expect(res.body.messages).toEqual([
      { at: expect.any(String), from: 'staff', body: '请问堵塞的是哪一层的安全出口？' },
    ]);
    expect(res.body.canMessage).toBe(true);

    const db = await stored(ref);
    expect(db.messages[0]).toMatchObject({
      from: 'staff',
      staffId: s.intake.user.id,
      staffRole: 'intake',
      body: '请问堵塞的是哪一层的安全出口？',
    });
    expect(db.timeline.at(-1)).toMatchObject({ type: 'staff-message', public: false, actorId: s.intake.user.id });
    expect(db.status).toBe('submitted'); // a message moves nothing along
    const audit = await AuditEntry.findOne({ action: 'report.staff_message', 'target.id': ref }).lean();
    expect(audit?.actor).toMatchObject({ id: s.intake.user.id });
    expect(JSON.stringify(audit)).not.toContain('安全出口'); // the audit log records that a message went, not what it said

    // The reporter is told there is news, without the news, and without naming the report.
    const emails = await queuedMails(t.box, { to: 'reporter@example.test' });
    expect(emails).toHaveLength(emailsBefore + 1);
    expect(emails.at(-1)).toMatchObject({ kind: 'reporter-notice', subject: REPORTER_NOTICE_SUBJECT });
    expect(`${emails.at(-1)!.subject}\n${emails.at(-1)!.text}`).not.toMatch(new RegExp(`${ref}|安全出口|举报`));

    const reporter = await followup(receipt);
    const seen = await reporter.read();
    expect(seen.messages).toEqual([
      { at: expect.any(String), from: 'staff', role: 'intake', body: '请问堵塞的是哪一层的安全出口？' },
    ]);
    expect(JSON.stringify(seen)).not.toContain(s.intake.user.id);
    expect(seen.timeline.map((e) => e.type)).not.toContain('staff-message');

    expect((await reporter.answer('二楼东侧的两个安全出口。')).status).toBe(204);
    const staffView = await view(ref, s.intake);
    expect(staffView.body.messages.map((m: { from: string; body: string }) => [m.from, m.body])).toEqual([
      ['staff', '请问堵塞的是哪一层的安全出口？'],
      ['reporter', '二楼东侧的两个安全出口。'],
    ]);
    // Staff never see who the reporter is: only the keyed pseudonym stands for them.
    expect(staffView.body.reporterPseudonym).toMatch(/^R-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(JSON.stringify(staffView.body)).not.toContain('王五');
    expect(JSON.stringify(staffView.body)).not.toContain('13800000000');
  });

  test('the assigned verifier and reviewers may write; other verifiers, finance and administrators may not (403)', async () => {
    const { reference: ref } = await reportAt('verifying');
    expect((await message(ref, '请提供现场照片。', s.verifier)).status).toBe(200);
    expect((await message(ref, '审核前再确认一下时间。', s.reviewer)).status).toBe(200);
    expect((await view(ref, s.verifier)).body.canMessage).toBe(true);
    expect((await view(ref, otherVerifier)).body.canMessage).toBe(false);
    expect((await view(ref, s.finance)).body.canMessage).toBe(false);
    const revision = (await stored(ref)).revision;
    for (const who of [otherVerifier, s.finance, s.admin])
      expectProblem(await message(ref, '不该发出的消息', who), 403, 'auth.forbidden');
    const db = await stored(ref);
    expect(db.messages).toHaveLength(2);
    expect(db.revision).toBe(revision);
  });

  test('an officer of another area gets 404, as on every route of a report they cannot see', async () => {
    await createAccount({ username: 'intake-case-linzhou', role: 'intake', areaCodes: ['410581'] });
    const other = await openSession(t, 'intake-case-linzhou');
    const { reference: ref } = await newReport(); // area 410503
    expectProblem(await message(ref, '跨区消息', other), 404, 'resource.not_found');
    expect((await stored(ref)).messages).toHaveLength(0);
  });

  test('an empty or overlong message → 400 naming body.body; a closed report → 409 report.closed', async () => {
    const { reference: ref } = await newReport();
    for (const body of ['', '   ', 'x'.repeat(2001), 42]) {
      const res = await message(ref, body, s.intake);
      expectProblem(res, 400, 'request.invalid');
      expect(errorPaths(res)).toEqual(['body.body']);
    }
    await ok(ref, 'reject', { reason: '不属于安全生产举报范围。' }, s.intake);
    expect((await view(ref)).body.canMessage).toBe(false);
    expectProblem(await message(ref, '补充说明', s.intake), 409, 'report.closed');
    expect((await stored(ref)).messages).toHaveLength(0);
  });
});

describe('accepting several reports at once', () => {
  test('each report is accepted through the accept action or left untouched with its problem code', async () => {
    const fresh = (await newReport()).reference;
    const screening = (await reportAt('screening')).reference;
    const assigned = (await reportAt('assigned')).reference;
    const unknown = 'WP-ZZZZ-ZZZZ';
    const assignedBefore = await stored(assigned);

    const res = await bulkAccept({
      references: [fresh, screening.toLowerCase(), assigned, unknown, fresh],
      unitCode: 'city-fire',
      verifierId,
      dueInDays: 20,
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { reference: fresh, ok: true, status: 'assigned' },
      { reference: screening, ok: true, status: 'assigned' },
      { reference: assigned, ok: false, code: 'resource.stale' },
      { reference: unknown, ok: false, code: 'resource.not_found' },
    ]);

    for (const ref of [fresh, screening]) {
      const db = await stored(ref);
      expect(db.assignment).toMatchObject({ unitCode: 'city-fire', verifierId });
      // Twenty days on, to the end of that day in China.
      const twentyDaysOn = new Date(db.assignment!.assignedAt!.getTime() + 20 * DAY);
      expect(db.assignment!.dueAt).toEqual(endOfShanghaiDay(twentyDaysOn));
      expect(db.timeline.at(-1)).toMatchObject({ type: 'accept', actorId: s.intake.user.id });
      expect(await AuditEntry.countDocuments({ action: 'report.accept', 'target.id': ref })).toBe(1);
    }
    const after = await stored(assigned);
    expect({ revision: after.revision, timeline: after.timeline.length }).toEqual({
      revision: assignedBefore.revision,
      timeline: assignedBefore.timeline.length,
    });
  });

  test('a verifier who may not take the report fails each one, changing none', async () => {
    const refs = [(await newReport()).reference, (await newReport()).reference];
    const res = await bulkAccept({ references: refs, unitCode: 'city-fire', verifierId: s.reviewer.user.id });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual(refs.map((reference) => ({ reference, ok: false, code: 'request.invalid' })));
    for (const ref of refs) expect((await stored(ref)).status).toBe('submitted');
  });

  test('an area-limited officer: reports of other areas read as unknown', async () => {
    await createAccount({ username: 'intake-bulk-linzhou', role: 'intake', areaCodes: ['410581'] });
    const limited = await openSession(t, 'intake-bulk-linzhou');
    const mine = (await newReport({ area: '410581' })).reference;
    const theirs = (await newReport()).reference;
    const res = await bulkAccept({ references: [mine, theirs], unitCode: 'city-fire', verifierId }, limited);
    expect(res.body.results).toEqual([
      { reference: mine, ok: true, status: 'assigned' },
      { reference: theirs, ok: false, code: 'resource.not_found' },
    ]);
    expect((await stored(theirs)).status).toBe('submitted');
  });

  test('only intake officers; the body is checked whole (1–100 references, unit, verifier)', async () => {
    const ref = (await newReport()).reference;
    for (const who of [s.verifier, s.reviewer, s.admin, s.finance])
      expectProblem(
        await bulkAccept({ references: [ref], unitCode: 'city-fire', verifierId }, who),
        403,
        'auth.forbidden',
      );
    const tooMany = Array.from({ length: 101 }, (_, i) => `WP-AAAA-${String(i).padStart(4, '0')}`);
    for (const [body, path] of [
      [{ references: [], unitCode: 'city-fire', verifierId }, 'body.references'],
      [{ references: tooMany, unitCode: 'city-fire', verifierId }, 'body.references'],
      [{ references: ['not-a-ref'], unitCode: 'city-fire', verifierId }, 'body.references.0'],
      [{ references: [ref], verifierId }, 'body.unitCode'],
      [{ references: [ref], unitCode: 'city-fire', verifierId: 'nobody' }, 'body.verifierId'],
      [{ references: [ref], unitCode: 'city-fire', verifierId, dueInDays: 61 }, 'body.dueInDays'],
    ] as [object, string][]) {
      const res = await bulkAccept(body);
      expectProblem(res, 400, 'request.invalid');
      expect(errorPaths(res)).toEqual([path]);
    }
    expect((await stored(ref)).status).toBe('submitted');
  });
});

describe('assignable verifiers', () => {
  test("lists the active verifiers of the report's area, for intake officers only", async () => {
    await createAccount({
      username: 'verifier-case-linzhou',
      role: 'verifier',
      areaCodes: ['410581'],
      displayName: '林州核查员',
    });
    const gone = await createAccount({ username: 'verifier-case-gone', role: 'verifier' });
    await Staff.updateOne({ _id: gone._id }, { $set: { disabled: true } });
    const ref = (await newReport()).reference; // area 410503
    const res = await staff(request(t.app).get(`/api/v1/reports/${ref}/assignable-verifiers`), s.intake, null);
    expect(res.status).toBe(200);
    const ids = (res.body.items as { id: string }[]).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining([verifierId, otherVerifier.user.id]));
    expect(ids).not.toContain(gone.id);
    expect((res.body.items as { displayName: string }[]).map((v) => v.displayName)).not.toContain('林州核查员');
    // Named by name, unit, areas and open cases: a picker never has to show an account id.
    expect(res.body.items.find((v: { id: string }) => v.id === verifierId)).toEqual({
      id: verifierId,
      displayName: s.verifier.user.displayName,
      unitCode: s.verifier.user.unitCode,
      areaCodes: s.verifier.user.areaCodes,
      allAreas: s.verifier.user.allAreas,
      openCases: expect.any(Number),
    });
    expectProblem(
      await staff(request(t.app).get(`/api/v1/reports/${ref}/assignable-verifiers`), s.verifier, null),
      403,
      'auth.forbidden',
    );
  });
});

describe('role queues', () => {
  const AREA = '410522'; // only this suite's queue fixtures live here
  const r = {} as Record<
    'fresh' | 'screening' | 'dueSoon' | 'overdue' | 'othersDueSoon' | 'later' | 'review' | 'reviewersOwn' | 'done',
    string
  >;
  const now = Date.now();

  const setDue = (ref: string, at: number) =>
    Report.updateOne({ reference: ref }, { $set: { 'assignment.dueAt': new Date(at) } });
  const refsOf = async (query: string, who: StaffSession) => {
    const res = await list(`?area=${AREA}&pageSize=100&${query}`, who);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(res.body.items.length);
    return (res.body.items as { reference: string }[]).map((i) => i.reference);
  };
  const sorted = (refs: string[]) => [...refs].sort();

  beforeAll(async () => {
    const at = (stage: Parameters<typeof reportAt>[0], verifier: StaffSession = s.verifier) =>
      reportAt(stage, { area: AREA }, verifier).then((x) => x.reference);
    r.fresh = await at('submitted');
    r.screening = await at('screening');
    r.dueSoon = await at('assigned');
    r.overdue = await at('verifying');
    r.othersDueSoon = await at('assigned', otherVerifier);
    r.later = await at('verifying');
    r.review = await at('findings-submitted');
    r.reviewersOwn = await at('findings-submitted');
    r.done = await at('substantiated');
    await setDue(r.dueSoon, now + 3 * DAY);
    await setDue(r.overdue, now - DAY);
    await setDue(r.othersDueSoon, now + 2 * DAY);
    await setDue(r.later, now + 30 * DAY);
    await setDue(r.done, now - 10 * DAY); // finished: never overdue
    await setDue(r.review, now - 2 * DAY); // with the reviewer: not the verifier's deadline any more
    // As if the reviewer had written these findings (before a change of role): four eyes keep it out of their queue.
    await Report.updateOne({ reference: r.reviewersOwn }, { $set: { findingsById: s.reviewer.user.id } });
  });

  test('new: reports not yet accepted', async () => {
    expect(sorted(await refsOf('queue=new', s.intake))).toEqual(sorted([r.fresh, r.screening]));
  });

  test("mine: the verifier's open assignments, soonest deadline first when asked", async () => {
    expect(await refsOf('queue=mine&sort=dueAt', s.verifier)).toEqual([r.overdue, r.dueSoon, r.later]);
    expect(await refsOf('queue=mine', otherVerifier)).toEqual([r.othersDueSoon]);
  });

  test("due-soon and overdue: a verifier's own; intake and reviewers see everyone's", async () => {
    expect(await refsOf('queue=due-soon', s.verifier)).toEqual([r.dueSoon]);
    expect(await refsOf('queue=overdue', s.verifier)).toEqual([r.overdue]);
    expect(await refsOf('queue=due-soon&sort=dueAt', s.intake)).toEqual([r.othersDueSoon, r.dueSoon]);
    expect(await refsOf('queue=overdue', s.reviewer)).toEqual([r.overdue]);
  });

  test('awaiting-review: submitted findings, except the ones this person wrote', async () => {
    expect(await refsOf('queue=awaiting-review', s.reviewer)).toEqual([r.review]);
    expect(sorted(await refsOf('queue=awaiting-review', s.admin))).toEqual(sorted([r.review, r.reviewersOwn]));
    expect(await refsOf('queue=awaiting-review', s.verifier)).toEqual([r.reviewersOwn]); // the verifier wrote the other one
  });

  test('a status filter narrows a queue; one outside it gives nothing', async () => {
    expect(await refsOf('queue=new&status=screening', s.intake)).toEqual([r.screening]);
    expect(await refsOf('queue=new&status=verifying', s.intake)).toEqual([]);
  });

  test('from and to are calendar days in China Standard Time, both inclusive', async () => {
    // 2026-11-01 16:30 UTC is 2026-11-02 00:30 in Shanghai; 15:59 UTC is still 2026-11-01 there.
    await Report.updateOne({ reference: r.fresh }, { $set: { submittedAt: new Date('2026-11-01T16:30:00Z') } });
    await Report.updateOne({ reference: r.screening }, { $set: { submittedAt: new Date('2026-11-01T15:59:00Z') } });
    expect(await refsOf('queue=new&from=2026-11-02', s.intake)).toEqual([r.fresh]);
    expect(await refsOf('queue=new&to=2026-11-01', s.intake)).toEqual([r.screening]);
    expect(await refsOf('queue=new&from=2026-11-01&to=2026-11-02', s.intake)).toEqual([r.fresh, r.screening]);
    expect(await refsOf('queue=new&from=2026-11-03', s.intake)).toEqual([]);
  });

  test('unknown queues, sorts and dates → 400', async () => {
    for (const [q, path] of [
      ['?queue=everything', 'query.queue'],
      ['?sort=priority', 'query.sort'],
      ['?from=2026-13-01', 'query.from'],
      ['?to=yesterday', 'query.to'],
    ]) {
      const res = await list(q, s.intake);
      expectProblem(res, 400, 'request.invalid');
      expect(errorPaths(res)).toEqual([path]);
    }
  });
});
