// The staff side of a report: the workflow actions end to end (responses, the
// database, the audit log and what the reporter sees), each action's failure
// modes, a race between two officers, the audited identity reveal, the queue,
// and evidence downloads.
import { noteText } from '../../shared/notes';
import crypto from 'node:crypto';
import request, { type Response, type Test } from 'supertest';
import type { Role } from '../../shared/roles';
import { workflowActions, type WorkflowActionName } from '../../shared/workflow';
import { endOfShanghaiDay } from '../../shared/dates';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Report } from '../../server/reports/report.model';
import { Staff } from '../../server/staff/staff.model';
import { intakeEnv, jpeg, nextClientIp, sha256, submit, type EvidenceUpload } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, createAccount, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';
import type { Receipt } from '../support/cases';

const DAY = 86_400_000;
const NAME = '王五';
const PHONE = '13800000000';

let t: TestApp;
const s = {} as Record<Role, StaffSession>;
let verifierId: string;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  for (const role of ['admin', 'intake', 'verifier', 'reviewer', 'finance', 'protection'] as const)
    s[role] = await openSession(t, role);
  verifierId = s.verifier.user.id;
});
afterAll(async () => {
  await t?.stop();
});

const realName = (over: Record<string, unknown> = {}) => ({
  category: 'fire-exits-blocked',
  area: '410503',
  description: '商场的安全出口被货架堵死，消防通道长期锁闭。',
  anonymous: false,
  reporter: { name: NAME, phone: PHONE },
  ...over,
});

async function newReport(over: Record<string, unknown> = {}, files: EvidenceUpload[] = []): Promise<Receipt> {
  const res = await submit(t.app, realName(over), files);
  if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Receipt;
}

/** A staff request from its own simulated address (the API limiter counts per address). */
const staff = (req: Test, who: StaffSession, csrf: string | null = who.csrfToken) =>
  as(req.set('X-Forwarded-For', nextClientIp()), who, csrf);
const act = (ref: string, action: string, body: object = {}, who: StaffSession = s.intake) =>
  staff(request(t.app).post(`/api/v1/reports/${ref}/actions/${action}`), who).send(body);
const view = (ref: string, who: StaffSession = s.intake) =>
  staff(request(t.app).get(`/api/v1/reports/${ref}`), who, null);
const list = (query: string, who: StaffSession = s.intake) =>
  staff(request(t.app).get(`/api/v1/reports${query}`), who, null);
const reveal = (ref: string, body: object, who: StaffSession) =>
  staff(request(t.app).post(`/api/v1/reports/${ref}/identity`), who).send(body);
const stored = async (ref: string) => (await Report.findOne({ reference: ref }).lean())!;

/** Sends the result letter and lets its objection period run out, so the report may close. */
async function closable(ref: string): Promise<void> {
  await ok(ref, 'send-result-letter', { account: '执法人员到现场核查。', handling: '未发现所举报问题。' }, s.reviewer);
  await Report.updateOne({ reference: ref }, { $set: { 'conclusion.objectionDueAt': new Date(Date.now() - 1000) } });
}

const acceptBody = () => ({ unitCode: 'city-fire', verifierId });
const findings = (over: Record<string, unknown> = {}) => ({
  inspectedOn: '2026-11-20',
  summary: '现场检查确认两个安全出口被货架堵塞，已责令立即清理。',
  substantiated: true,
  violationKind: 'major-hazard',
  alreadyKnownAndHandled: false,
  fineFen: 500_000,
  penaltyDecisionNo: '安消罚决字〔2026〕0012号',
  ...over,
});

/** Takes an action that must succeed. */
async function ok(
  ref: string,
  action: WorkflowActionName,
  body: object = {},
  who: StaffSession = s.intake,
): Promise<Response> {
  const res = await act(ref, action, body, who);
  if (res.status !== 200) throw new Error(`${action} on ${ref} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

type Stage = 'submitted' | 'screening' | 'assigned' | 'verifying' | 'findings-submitted' | 'substantiated';
const path: [Stage, WorkflowActionName, () => object, Role][] = [
  ['screening', 'start-screening', () => ({}), 'intake'],
  ['assigned', 'accept', acceptBody, 'intake'],
  ['verifying', 'start-verification', () => ({}), 'verifier'],
  ['findings-submitted', 'submit-findings', () => findings(), 'verifier'],
  ['substantiated', 'approve-findings', () => ({}), 'reviewer'],
];

/** A new report taken along the main path up to `stage`. */
async function reportAt(stage: Stage, over: Record<string, unknown> = {}): Promise<string> {
  const { reference } = await newReport(over);
  if (stage === 'submitted') return reference;
  for (const [reached, action, body, role] of path) {
    await ok(reference, action, body(), s[role]);
    if (reached === stage) break;
  }
  expect((await stored(reference)).status).toBe(stage);
  return reference;
}

async function followupView(r: Receipt) {
  const login = await request(t.app).post('/api/v1/followup/sessions').set('X-Forwarded-For', nextClientIp()).send(r);
  expect(login.status).toBe(201);
  const res = await request(t.app)
    .get('/api/v1/followup/report')
    .set('X-Forwarded-For', nextClientIp())
    .set('Authorization', `Bearer ${login.body.token}`);
  expect(res.status).toBe(200);
  return res.body as {
    status: string;
    timeline: { type: string; note?: string }[];
    messages: { from: string; body: string }[];
  };
}

// Closing comes after the reward decision (tests/api/rewards-lifecycle.test.ts) or, for unsubstantiated findings, below.
describe('the whole path: screening → acceptance → verification → findings → approval', () => {
  test('each step answers with the new status and allowedActions, and leaves the database, audit log and follow-up view right', async () => {
    const receipt = await newReport();
    const ref = receipt.reference;
    const rev0 = (await stored(ref)).revision;

    const steps: { action: WorkflowActionName; who: StaffSession; body: object; status: string; allowed: string[] }[] =
      [
        {
          action: 'start-screening',
          who: s.intake,
          body: {},
          status: 'screening',
          allowed: ['request-information', 'accept', 'reject', 'mark-duplicate', 'transfer'],
        },
        { action: 'accept', who: s.intake, body: acceptBody(), status: 'assigned', allowed: ['reassign'] },
        {
          action: 'start-verification',
          who: s.verifier,
          body: {},
          status: 'verifying',
          allowed: ['request-extension', 'refer-unverifiable', 'submit-findings'],
        },
        { action: 'submit-findings', who: s.verifier, body: findings(), status: 'findings-submitted', allowed: [] },
        // The result letter is due now, and rectification may be ordered.
        {
          action: 'approve-findings',
          who: s.reviewer,
          body: {},
          status: 'substantiated',
          allowed: ['send-result-letter', 'order-rectification', 'request-identity-reveal'],
        },
      ];

    for (const [i, step] of steps.entries()) {
      const before = Date.now();
      const res = await act(ref, step.action, step.body, step.who);
      const after = Date.now();

      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.status).toBe(step.status);
      expect(res.body.allowedActions).toEqual(step.allowed);
      expect(res.body.revision).toBe(rev0 + i + 1);

      const db = await stored(ref);
      expect(db.status).toBe(step.status);
      expect(db.revision).toBe(rev0 + i + 1);
      const entry = db.timeline[db.timeline.length - 1];
      expect(entry).toMatchObject({
        type: step.action,
        public: workflowActions[step.action].public,
        actorId: step.who.user.id,
      });
      expect(entry.at.getTime()).toBeGreaterThanOrEqual(before - 5);
      expect(entry.at.getTime()).toBeLessThanOrEqual(after + 5);
      expect(db.timeline).toHaveLength(i + 2); // 'submitted' first

      if (step.action === 'accept') {
        expect(db.assignment).toMatchObject({ unitCode: 'city-fire', verifierId });
        // 60 calendar days, to the end of the last one in China.
        expect(db.assignment!.dueAt).toEqual(
          endOfShanghaiDay(new Date(db.assignment!.assignedAt!.getTime() + 60 * DAY)),
        );
        expect(db.assignment!.assignedAt!.getTime()).toBe(entry.at.getTime());
        expect(res.body.assignment).toMatchObject({
          unitCode: 'city-fire',
          verifierId,
          dueAt: db.assignment!.dueAt!.toISOString(),
        });
        expect(res.body.dueAt).toBe(db.assignment!.dueAt!.toISOString());
      }
      if (step.action === 'submit-findings') {
        expect(db.findingsById).toBe(verifierId);
        expect(db.findings).toMatchObject(findings());
        expect(res.body.findings).toMatchObject(findings());
      }

      // The other roles see the same record with their own actions.
      // A real-name report: a reviewer may also ask to see who reported (a custodian must approve).
      if (step.action === 'submit-findings')
        expect((await view(ref, s.reviewer)).body.allowedActions).toEqual([
          'approve-findings',
          'return-findings',
          'request-identity-reveal',
        ]);
    }

    const db = await stored(ref);
    expect(db.timeline.map((e) => [e.type, e.public])).toEqual([
      ['submitted', true],
      ['start-screening', true],
      ['accept', true],
      ['start-verification', true],
      ['submit-findings', false],
      ['approve-findings', true],
    ]);

    const entries = await AuditEntry.find({ 'target.type': 'report', 'target.id': ref }).sort({ at: 1, _id: 1 }).lean(); // in the order taken: numbers come later, from the sealer
    // Reads are audited too: the reviewer opened the case to see their actions.
    expect(entries.filter((a) => a.action === 'report.opened').map((a) => a.actor?.id)).toEqual([s.reviewer.user.id]);
    const audit = entries.filter((a) => a.action !== 'report.opened');
    expect(audit.map((a) => a.action)).toEqual(['report.submit', ...steps.map((x) => `report.${x.action}`)]);
    for (const [i, step] of steps.entries()) {
      expect(audit[i + 1].actor).toMatchObject({ id: step.who.user.id, role: step.who.user.role });
      expect(audit[i + 1].details).toEqual({ from: i === 0 ? 'submitted' : steps[i - 1].status, to: step.status });
    }

    const mine = await followupView(receipt);
    expect(mine.status).toBe('substantiated');
    expect(mine.timeline.map((e) => e.type)).toEqual([
      'submitted',
      'start-screening',
      'accept',
      'start-verification',
      'approve-findings',
    ]);
    // Next comes the reward: only the assigned verifier may propose it.
    expect((await view(ref, s.verifier)).body.allowedActions).toEqual(['propose-reward', 'order-rectification']);
    expect(JSON.stringify(mine)).not.toContain(verifierId);
    expect(JSON.stringify(mine)).not.toContain('安消罚决字'); // the findings themselves stay internal
  });

  test('findings that do not substantiate → unsubstantiated, which intake may close too once the result letter is out and the objection period over', async () => {
    const ref = await reportAt('verifying');
    await ok(
      ref,
      'submit-findings',
      findings({ substantiated: false, violationKind: undefined, fineFen: undefined, penaltyDecisionNo: undefined }),
      s.verifier,
    );
    const approved = await ok(ref, 'approve-findings', { comment: '核查不属实' }, s.reviewer);
    expect(approved.body.status).toBe('unsubstantiated');
    expect((await view(ref, s.intake)).body.allowedActions).toEqual(['send-result-letter']);
    expectProblem(await act(ref, 'close', {}, s.intake), 409, 'resource.stale');
    await closable(ref);
    expect((await view(ref, s.intake)).body.allowedActions).toEqual(['close']);
    expect((await ok(ref, 'close', {}, s.intake)).body.status).toBe('closed');
  });

  test('return-findings sends the report back to the verifier, who can submit again', async () => {
    const ref = await reportAt('findings-submitted');
    const res = await ok(ref, 'return-findings', { reason: '请补充现场照片。' }, s.reviewer);
    expect(res.body.status).toBe('verifying');
    const db = await stored(ref);
    expect(db.timeline[db.timeline.length - 1]).toMatchObject({
      type: 'return-findings',
      public: false,
      note: '请补充现场照片。',
    });
    expect((await view(ref, s.verifier)).body.allowedActions).toEqual([
      'request-extension',
      'refer-unverifiable',
      'submit-findings',
    ]);
    expect((await ok(ref, 'submit-findings', findings(), s.verifier)).body.status).toBe('findings-submitted');
  });

  test('reject concludes (its result letter is due) and transfer waits for the result, with their notes', async () => {
    const a = await reportAt('screening');
    const rejected = await ok(a, 'reject', { reason: '不属于安全生产举报范围。' });
    expect(rejected.body).toMatchObject({ status: 'rejected', allowedActions: ['send-result-letter'] });
    expect((await stored(a)).timeline.at(-1)).toMatchObject({
      type: 'reject',
      public: true,
      note: '不属于安全生产举报范围。',
    });

    const b = await reportAt('submitted');
    const transferred = await ok(b, 'transfer', { toUnitCode: 'city-housing', note: '建筑工地问题，转住建部门。' });
    expect(transferred.body).toMatchObject({ status: 'transferred', allowedActions: ['record-transfer-result'] });
    expect((await stored(b)).transferredTo).toMatchObject({ unitCode: 'city-housing' });
  });
});

describe('failure modes', () => {
  describe('wrong role → 403 auth.forbidden, nothing changes', () => {
    const cases: [Stage, WorkflowActionName, () => object, Role][] = [
      ['submitted', 'start-screening', () => ({}), 'verifier'],
      ['submitted', 'start-screening', () => ({}), 'admin'],
      ['screening', 'accept', acceptBody, 'reviewer'],
      ['screening', 'reject', () => ({ reason: '不予受理的理由' }), 'verifier'],
      ['screening', 'request-information', () => ({ message: '请补充照片' }), 'finance'],
      ['assigned', 'start-verification', () => ({}), 'intake'],
      ['assigned', 'reassign', () => ({ verifierId }), 'reviewer'],
      ['verifying', 'submit-findings', () => findings(), 'reviewer'],
      ['verifying', 'request-extension', () => ({ days: 10, reason: '需要检测报告' }), 'intake'],
      ['verifying', 'approve-extension', () => ({ reason: '同意' }), 'verifier'],
      ['findings-submitted', 'approve-findings', () => ({}), 'verifier'],
      ['findings-submitted', 'approve-findings', () => ({}), 'admin'],
      ['findings-submitted', 'return-findings', () => ({ reason: '证据不足' }), 'intake'],
      ['substantiated', 'close', () => ({}), 'verifier'],
      ['substantiated', 'close', () => ({}), 'finance'],
    ];
    test.each(cases)('on a %s report, %s by %s', async (stage, action, body, role) => {
      const ref = await reportAt(stage);
      const before = await stored(ref);
      const res = await act(ref, action, body(), s[role]);
      expectProblem(res, 403, 'auth.forbidden');
      const after = await stored(ref);
      expect({ status: after.status, revision: after.revision, timeline: after.timeline.length }).toEqual({
        status: before.status,
        revision: before.revision,
        timeline: before.timeline.length,
      });
    });
  });

  describe('wrong state → 409 resource.stale', () => {
    const cases: [Stage, WorkflowActionName, () => object, Role][] = [
      ['submitted', 'close', () => ({}), 'intake'],
      ['submitted', 'resume-screening', () => ({}), 'intake'],
      ['submitted', 'approve-findings', () => ({}), 'reviewer'],
      ['screening', 'start-screening', () => ({}), 'intake'],
      ['screening', 'reassign', () => ({ verifierId }), 'intake'],
      ['assigned', 'accept', acceptBody, 'intake'],
      ['assigned', 'submit-findings', () => findings(), 'verifier'],
      ['verifying', 'start-verification', () => ({}), 'verifier'],
      ['findings-submitted', 'request-extension', () => ({ days: 5, reason: '需要更多时间' }), 'verifier'],
      ['verifying', 'approve-extension', () => ({ reason: '没有申请可批' }), 'reviewer'],
      ['substantiated', 'approve-findings', () => ({}), 'reviewer'],
      ['substantiated', 'reject', () => ({ reason: '迟到的驳回' }), 'intake'],
      ['substantiated', 'close', () => ({}), 'reviewer'],
    ];
    test.each(cases)('on a %s report, %s by %s', async (stage, action, body, role) => {
      const ref = await reportAt(stage);
      const before = await stored(ref);
      expectProblem(await act(ref, action, body(), s[role]), 409, 'resource.stale');
      expect((await stored(ref)).revision).toBe(before.revision);
    });

    test('nothing is open on a closed report', async () => {
      const ref = await reportAt('verifying');
      await ok(
        ref,
        'submit-findings',
        findings({ substantiated: false, violationKind: undefined, fineFen: undefined, penaltyDecisionNo: undefined }),
        s.verifier,
      );
      await ok(ref, 'approve-findings', {}, s.reviewer);
      await closable(ref);
      await ok(ref, 'close', {}, s.reviewer);
      expectProblem(await act(ref, 'close', {}, s.reviewer), 409, 'resource.stale');
      expectProblem(await act(ref, 'accept', acceptBody()), 409, 'resource.stale');
    });
  });

  describe('area scope: an officer limited to another area', () => {
    let other: StaffSession;
    beforeAll(async () => {
      await createAccount({ username: 'intake-linzhou', role: 'intake', areaCodes: ['410581'] });
      other = await openSession(t, 'intake-linzhou');
    });

    test('gets 404 on GET, on every action, on evidence and on identity; nothing changes', async () => {
      const ref = await reportAt('submitted'); // area 410503
      expectProblem(await view(ref, other), 404, 'resource.not_found');
      for (const [action, body] of [
        ['start-screening', {}],
        ['accept', acceptBody()],
        ['reject', { reason: '不属于本区' }],
        ['close', {}],
      ] as [string, object][])
        expectProblem(await act(ref, action, body, other), 404, 'resource.not_found');
      const db = await stored(ref);
      expect(db.status).toBe('submitted');
      expect(db.timeline).toHaveLength(1);
      expect(await AuditEntry.countDocuments({ 'target.id': ref, 'actor.username': 'intake-linzhou' })).toBe(0);
    });

    test('can act on a report of their own area', async () => {
      const ref = await reportAt('submitted', { area: '410581' });
      expect((await view(ref, other)).body.allowedActions).toContain('start-screening');
      expect((await ok(ref, 'start-screening', {}, other)).body.status).toBe('screening');
    });
  });

  describe('the assigned verifier only', () => {
    let second: StaffSession;
    beforeAll(async () => {
      await createAccount({ username: 'verifier-two', role: 'verifier', unitCode: 'city-fire' });
      second = await openSession(t, 'verifier-two');
    });

    test('another verifier → 403 on start-verification, request-extension and submit-findings', async () => {
      const assigned = await reportAt('assigned');
      expect((await view(assigned, second)).body.allowedActions).toEqual([]);
      expectProblem(await act(assigned, 'start-verification', {}, second), 403, 'auth.forbidden');
      expectProblem(
        await act(assigned, 'request-extension', { days: 10, reason: '需要检测' }, second),
        403,
        'auth.forbidden',
      );
      const verifying = await reportAt('verifying');
      expectProblem(await act(verifying, 'submit-findings', findings(), second), 403, 'auth.forbidden');
      expect((await stored(verifying)).status).toBe('verifying');
      expect((await stored(assigned)).status).toBe('assigned');
    });

    test('reassign hands the report over: the new verifier may act, the old one may not', async () => {
      const ref = await reportAt('verifying');
      const res = await ok(ref, 'reassign', { verifierId: second.user.id });
      expect(res.body.status).toBe('verifying');
      expect(res.body.assignment.verifierId).toBe(second.user.id);
      const db = await stored(ref);
      expect(db.assignment?.verifierId).toBe(second.user.id);
      expect(db.timeline.at(-1)).toMatchObject({ type: 'reassign', public: false });
      expectProblem(await act(ref, 'submit-findings', findings(), s.verifier), 403, 'auth.forbidden');
      expect((await ok(ref, 'submit-findings', findings(), second)).body.status).toBe('findings-submitted');
      expect((await stored(ref)).findingsById).toBe(second.user.id);
    });

    test('reassign to a non-verifier, an unknown id, a disabled or out-of-area verifier → 400 body.verifierId', async () => {
      const ref = await reportAt('assigned');
      const { id: limited } = await createAccount({
        username: 'verifier-linzhou',
        role: 'verifier',
        areaCodes: ['410581'],
      });
      const { id: disabled, _id } = await createAccount({ username: 'verifier-disabled', role: 'verifier' });
      await Staff.updateOne({ _id }, { $set: { disabled: true } });
      for (const id of [s.reviewer.user.id, s.intake.user.id, '0123456789abcdef01234567', limited, disabled]) {
        const res = await act(ref, 'reassign', { verifierId: id });
        expectProblem(res, 400, 'request.invalid');
        expect(errorPaths(res)).toEqual(['body.verifierId']);
      }
      expect((await stored(ref)).assignment?.verifierId).toBe(verifierId);
    });
  });

  test('four-eyes: a reviewer recorded as the findings author → 403 on approve and return', async () => {
    const ref = await reportAt('findings-submitted');
    await Report.updateOne({ reference: ref }, { $set: { findingsById: s.reviewer.user.id } });
    expect((await view(ref, s.reviewer)).body.allowedActions).not.toContain('approve-findings');
    expect((await view(ref, s.reviewer)).body.allowedActions).not.toContain('return-findings');
    expectProblem(await act(ref, 'approve-findings', {}, s.reviewer), 403, 'auth.forbidden');
    expectProblem(await act(ref, 'return-findings', { reason: '自己审核自己' }, s.reviewer), 403, 'auth.forbidden');
    expect((await stored(ref)).status).toBe('findings-submitted');

    // Another reviewer may.
    await createAccount({ username: 'reviewer-two', role: 'reviewer' });
    const second = await openSession(t, 'reviewer-two');
    expect((await ok(ref, 'approve-findings', {}, second)).body.status).toBe('substantiated');
  });

  describe('invalid payloads → 400 request.invalid naming the field; nothing changes', () => {
    const cases: [string, Stage, WorkflowActionName, object, Role, string][] = [
      ['accept without verifierId', 'screening', 'accept', { unitCode: 'city-fire' }, 'intake', 'body.verifierId'],
      [
        'accept with a malformed verifierId',
        'screening',
        'accept',
        { unitCode: 'city-fire', verifierId: 'zhang-qiang' },
        'intake',
        'body.verifierId',
      ],
      [
        'accept with an unknown unit',
        'screening',
        'accept',
        { unitCode: 'no-such-unit', verifierId: '__VERIFIER__' },
        'intake',
        'body.unitCode',
      ],
      [
        'accept with more than 60 days',
        'screening',
        'accept',
        { unitCode: 'city-fire', verifierId: '__VERIFIER__', dueInDays: 61 },
        'intake',
        'body.dueInDays',
      ],
      [
        'accept assigning a reviewer',
        'screening',
        'accept',
        { unitCode: 'city-fire', verifierId: '__REVIEWER__' },
        'intake',
        'body.verifierId',
      ],
      ['reject without a reason', 'screening', 'reject', {}, 'intake', 'body.reason'],
      ['reject with a blank reason', 'screening', 'reject', { reason: '   ' }, 'intake', 'body.reason'],
      ['request-information without a message', 'screening', 'request-information', {}, 'intake', 'body.message'],
      ['transfer naming no department or area', 'screening', 'transfer', { note: '转办' }, 'intake', 'body'],
      [
        'mark-duplicate with a malformed reference',
        'screening',
        'mark-duplicate',
        { duplicateOf: 'nope' },
        'intake',
        'body.duplicateOf',
      ],
      [
        'mark-duplicate of an unknown report',
        'screening',
        'mark-duplicate',
        { duplicateOf: 'WP-0000-0000' },
        'intake',
        'body.duplicateOf',
      ],
      [
        'request-extension beyond 30 days',
        'verifying',
        'request-extension',
        { days: 31, reason: '需要检测' },
        'verifier',
        'body.days',
      ],
      ['request-extension without a reason', 'verifying', 'request-extension', { days: 10 }, 'verifier', 'body.reason'],
      [
        'findings: a concealed accident without grade or deaths',
        'verifying',
        'submit-findings',
        findings({ violationKind: 'concealed-accident' }),
        'verifier',
        'body.accidentGrade',
      ],
      [
        'findings: a fine without a decision number',
        'verifying',
        'submit-findings',
        findings({ penaltyDecisionNo: undefined }),
        'verifier',
        'body.penaltyDecisionNo',
      ],
      [
        'findings: substantiated without the kind of violation',
        'verifying',
        'submit-findings',
        findings({ violationKind: undefined }),
        'verifier',
        'body.violationKind',
      ],
      // No default: a verifier (or an API client) must say yes or no, never leave it to a default.
      [
        'findings: no choice whether the report is substantiated',
        'verifying',
        'submit-findings',
        findings({ substantiated: undefined, violationKind: undefined }),
        'verifier',
        'body.substantiated',
      ],
      [
        'findings: substantiated as null',
        'verifying',
        'submit-findings',
        findings({ substantiated: null }),
        'verifier',
        'body.substantiated',
      ],
      [
        'findings: substantiated as text',
        'verifying',
        'submit-findings',
        findings({ substantiated: 'false' }),
        'verifier',
        'body.substantiated',
      ],
      [
        'findings: a bad inspection date',
        'verifying',
        'submit-findings',
        findings({ inspectedOn: '20.11.2026' }),
        'verifier',
        'body.inspectedOn',
      ],
      ['return-findings without a reason', 'findings-submitted', 'return-findings', {}, 'reviewer', 'body.reason'],
    ];
    test.each(cases)('%s → %s', async (_label, stage, action, rawBody, role, field) => {
      const body = JSON.parse(
        JSON.stringify(rawBody).replace('__VERIFIER__', verifierId).replace('__REVIEWER__', s.reviewer.user.id),
      );
      const ref = await reportAt(stage);
      const before = await stored(ref);
      const res = await act(ref, action, body, s[role]);
      expectProblem(res, 400, 'request.invalid');
      expect(errorPaths(res)).toContain(field);
      const after = await stored(ref);
      expect({ status: after.status, revision: after.revision }).toEqual({
        status: before.status,
        revision: before.revision,
      });
      expect(await AuditEntry.countDocuments({ 'target.id': ref, action: `report.${action}` })).toBe(0);
    });

    test('a concealed accident with grade and deaths is accepted', async () => {
      const ref = await reportAt('verifying');
      const res = await ok(
        ref,
        'submit-findings',
        findings({ violationKind: 'concealed-accident', accidentGrade: 'general', concealedDeaths: 1 }),
        s.verifier,
      );
      expect(res.body.findings).toMatchObject({
        violationKind: 'concealed-accident',
        accidentGrade: 'general',
        concealedDeaths: 1,
      });
    });
  });

  test('an unknown action name → 400 params.action; a malformed reference → 400 params.reference; an unknown one → 404', async () => {
    const ref = await reportAt('submitted');
    const res = await act(ref, 'fast-track', {});
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual(['params.action']);
    const bad = await act('not-a-ref', 'start-screening', {});
    expectProblem(bad, 400, 'request.invalid');
    expect(errorPaths(bad)).toEqual(['params.reference']);
    expectProblem(await act('WP-0000-0000', 'start-screening', {}), 404, 'resource.not_found');
    expect((await stored(ref)).revision).toBe(0);
  });

  test('without a session → 401; without the CSRF token → 403 auth.csrf_invalid', async () => {
    const ref = await reportAt('submitted');
    expectProblem(
      await request(t.app)
        .post(`/api/v1/reports/${ref}/actions/start-screening`)
        .set('X-Forwarded-For', nextClientIp())
        .send({}),
      401,
      'auth.unauthenticated',
    );
    expectProblem(
      await request(t.app).get(`/api/v1/reports/${ref}`).set('X-Forwarded-For', nextClientIp()),
      401,
      'auth.unauthenticated',
    );
    expectProblem(
      await staff(request(t.app).post(`/api/v1/reports/${ref}/actions/start-screening`), s.intake, null).send({}),
      403,
      'auth.csrf_invalid',
    );
    expect((await stored(ref)).status).toBe('submitted');
  });

  describe('mark-duplicate', () => {
    test('pointing to a later report → 400; to itself → 400; to an earlier one → duplicate, duplicateOf stored', async () => {
      const earlier = await reportAt('submitted');
      await new Promise((r) => setTimeout(r, 5));
      const later = await reportAt('screening');

      const forward = await act(earlier, 'mark-duplicate', { duplicateOf: later });
      expectProblem(forward, 400, 'request.invalid');
      expect(errorPaths(forward)).toEqual(['body.duplicateOf']);
      const self = await act(later, 'mark-duplicate', { duplicateOf: later });
      expectProblem(self, 400, 'request.invalid');
      expect(errorPaths(self)).toEqual(['body.duplicateOf']);
      expect((await stored(earlier)).status).toBe('submitted');

      const res = await ok(later, 'mark-duplicate', { duplicateOf: earlier.toLowerCase() });
      expect(res.body).toMatchObject({ status: 'duplicate', allowedActions: [] });
      const db = await stored(later);
      expect(db.duplicateOf).toBe(earlier);
      expect(db.timeline.at(-1)).toMatchObject({ type: 'mark-duplicate', public: true });
      expect(noteText(db.timeline.at(-1)!, 'zh')).toContain(earlier);
    });
  });

  test('request-information: awaiting-information, a staff message the reporter sees; resume-screening goes on', async () => {
    const receipt = await newReport();
    const ref = receipt.reference;
    await ok(ref, 'start-screening');
    const res = await ok(ref, 'request-information', { message: '请补充堵塞出口的照片和具体楼层。' });
    expect(res.body.status).toBe('awaiting-information');
    expect(res.body.allowedActions).toEqual(['resume-screening', 'accept', 'reject', 'mark-duplicate', 'transfer']);
    expect(res.body.messages).toEqual([
      expect.objectContaining({ from: 'staff', body: '请补充堵塞出口的照片和具体楼层。' }),
    ]);
    const db = await stored(ref);
    expect(db.messages).toEqual([
      expect.objectContaining({ from: 'staff', staffId: s.intake.user.id, body: '请补充堵塞出口的照片和具体楼层。' }),
    ]);

    const mine = await followupView(receipt);
    expect(mine.status).toBe('awaiting-information');
    expect(mine.messages).toEqual([
      expect.objectContaining({ from: 'staff', body: '请补充堵塞出口的照片和具体楼层。' }),
    ]);
    expect(mine.timeline.map((e) => e.type)).toEqual(['submitted', 'start-screening', 'request-information']);
    expect(JSON.stringify(mine)).not.toContain(s.intake.user.id);

    expect((await ok(ref, 'resume-screening')).body.status).toBe('screening');
    expect((await stored(ref)).timeline.at(-1)).toMatchObject({ type: 'resume-screening', public: false });
    expect((await followupView(receipt)).timeline.map((e) => e.type)).toEqual([
      'submitted',
      'start-screening',
      'request-information',
    ]);
  });

  test("more time: the verifier asks, the verifying unit's reviewer approves; dueAt moves by the days once; a second request → 409", async () => {
    await createAccount({ username: 'fire-reviewer', role: 'reviewer', unitCode: 'city-fire' });
    const fireReviewer = await openSession(t, 'fire-reviewer');
    const ref = await reportAt('verifying');
    const dueBefore = (await stored(ref)).assignment!.dueAt!.getTime();

    const asked = await ok(ref, 'request-extension', { days: 15, reason: '等待第三方检测报告。' }, s.verifier);
    expect(asked.body.allowedActions).toEqual(['refer-unverifiable', 'submit-findings']);
    // The request and its reason stay internal.
    expect((await stored(ref)).timeline.slice(-2)).toMatchObject([
      { type: 'request-extension', public: false },
      { type: 'staff-comment', public: false, note: '等待第三方检测报告。' },
    ]);
    // A county reviewer of the area is neither the city department's head nor above it.
    await createAccount({
      username: 'county-reviewer-ext',
      role: 'reviewer',
      unitCode: 'emb-410503',
      areaCodes: ['410503'],
    });
    const countyReviewer = await openSession(t, 'county-reviewer-ext');
    const refused = await act(ref, 'approve-extension', { reason: '同意。' }, countyReviewer);
    expectProblem(refused, 403, 'auth.forbidden');
    expect(refused.body.reason).toBe('not-level-above');

    const res = await ok(ref, 'approve-extension', { reason: '检测报告尚未出具，同意延期。' }, fireReviewer);
    expect(res.body.status).toBe('verifying');
    expect(res.body.assignment.extendedDays).toBe(15);
    const db = await stored(ref);
    expect(db.assignment!.dueAt!.getTime()).toBe(dueBefore + 15 * DAY);
    expect(db.assignment).toMatchObject({ extendedDays: 15, extensionReason: '检测报告尚未出具，同意延期。' });
    expect(db.timeline.at(-1)).toMatchObject({
      type: 'approve-extension',
      public: true,
      actorId: fireReviewer.user.id,
    });
    expect((await view(ref, s.verifier)).body.allowedActions).toEqual(['refer-unverifiable', 'submit-findings']);

    expectProblem(
      await act(ref, 'request-extension', { days: 5, reason: '再延一次。' }, s.verifier),
      409,
      'resource.stale',
    );
    expect((await stored(ref)).assignment!.dueAt!.getTime()).toBe(dueBefore + 15 * DAY);
    expect(await AuditEntry.countDocuments({ 'target.id': ref, action: 'report.approve-extension' })).toBe(1);
  });
});

describe('concurrency', () => {
  test('two intake officers accept the same report at once: one 200, one 409; one acceptance recorded', async () => {
    await createAccount({ username: 'intake-two', role: 'intake' });
    const second = await openSession(t, 'intake-two');
    const ref = await reportAt('screening');
    const before = await stored(ref);

    const [a, b] = await Promise.all([
      act(ref, 'accept', acceptBody(), s.intake),
      act(ref, 'accept', acceptBody(), second),
    ]);

    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expectProblem(loser, 409, 'resource.stale');
    const after = await stored(ref);
    expect(after.status).toBe('assigned');
    expect(after.revision).toBe(before.revision + 1);
    expect(after.timeline.filter((e) => e.type === 'accept')).toHaveLength(1);
    expect(await AuditEntry.countDocuments({ 'target.id': ref, action: 'report.accept' })).toBe(1);
  });
});

describe('reporter identity', () => {
  let ref: string;
  beforeAll(async () => {
    ref = await reportAt('screening');
  });

  test('a reviewer whose request a protection officer approved gets {name, phone}; the reveal is audited with the reason', async () => {
    const reason = 'reviewer: 需要联系举报人核实现场位置';
    await ok(ref, 'request-identity-reveal', { reason }, s.reviewer);
    await ok(ref, 'approve-identity-reveal', {}, s.protection);
    const res = await reveal(ref, {}, s.reviewer);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ name: NAME, phone: PHONE });
    const entry = await AuditEntry.findOne({
      action: 'report.identity_revealed',
      'target.id': ref,
      'actor.id': s.reviewer.user.id,
    }).lean();
    expect(entry?.details).toMatchObject({ reason, requestedByRole: 'reviewer', approvedById: s.protection.user.id });
    expect(entry?.target).toEqual({ type: 'report', id: ref });
    expect(JSON.stringify(entry)).not.toContain(PHONE);
  });

  test.each(['admin', 'intake', 'verifier', 'finance'] as const)('%s → 403, not revealed', async (role) => {
    const before = await AuditEntry.countDocuments({ action: 'report.identity_revealed' });
    expectProblem(await reveal(ref, { reason: '我想知道是谁举报的这件事' }, s[role]), 403, 'auth.forbidden');
    expect(await AuditEntry.countDocuments({ action: 'report.identity_revealed' })).toBe(before);
  });

  test('an anonymous report → 404', async () => {
    const anon = await newReport({ anonymous: true, reporter: undefined });
    expectProblem(await reveal(anon.reference, {}, s.reviewer), 404, 'resource.not_found');
    expect(await AuditEntry.countDocuments({ action: 'report.identity_revealed', 'target.id': anon.reference })).toBe(
      0,
    );
  });

  test('a request with no reason, or one under ten characters → 400 body.reason, nothing recorded', async () => {
    const other = await reportAt('screening');
    const before = await stored(other);
    for (const body of [{}, { reason: '看看' }, { reason: '          ' }]) {
      const res = await act(other, 'request-identity-reveal', body, s.reviewer);
      expectProblem(res, 400, 'request.invalid');
      expect(errorPaths(res)).toEqual(['body.reason']);
    }
    expect((await stored(other)).revision).toBe(before.revision);
  });

  test('the staff view and the list never carry the name or phone, only the pseudonym', async () => {
    for (const role of ['admin', 'intake', 'verifier', 'reviewer', 'finance'] as const) {
      const res = await view(ref, s[role]);
      expect(res.status).toBe(200);
      const json = JSON.stringify(res.body);
      expect(json).not.toContain(NAME);
      expect(json).not.toContain(PHONE);
      expect(res.body.reporterPseudonym).toMatch(/^R-[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(res.body.anonymous).toBe(false);
    }
    expect((await view(ref, s.intake)).body.reporterPseudonym).toBe(
      (await view(ref, s.reviewer)).body.reporterPseudonym,
    );
    const listed = await list(`?q=${ref}`);
    expect(JSON.stringify(listed.body)).not.toContain(NAME);
    expect(JSON.stringify(listed.body)).not.toContain(PHONE);
  });
});

describe('the queue: GET /api/v1/reports', () => {
  const tag = `测试企业${crypto.randomBytes(3).toString('hex')}`;
  let a: string; // 410503, fire-exits-blocked, screening
  let b: string; // 410581, construction-no-protection, submitted
  let c: string; // 410503, assigned to the verifier
  let limited: StaffSession;

  beforeAll(async () => {
    a = await reportAt('screening', { subjectName: `${tag}甲公司` });
    b = await reportAt('submitted', {
      area: '410581',
      category: 'construction-no-protection',
      subjectName: `${tag}乙工地`,
    });
    c = await reportAt('assigned', { subjectName: `${tag}丙商场` });
    await createAccount({ username: 'intake-queue-linzhou', role: 'intake', areaCodes: ['410581'] });
    limited = await openSession(t, 'intake-queue-linzhou');
  });

  type Item = {
    reference: string;
    status: string;
    area: string;
    category: string;
    assignedVerifierId?: string;
    submittedAt: string;
  };
  const refs = (res: Response) => (res.body.items as Item[]).map((i) => i.reference);

  test('q by subjectName (part, any case) and by reference (any case)', async () => {
    const bySubject = await list(`?q=${encodeURIComponent(tag)}`);
    expect(bySubject.status).toBe(200);
    expect(bySubject.body.total).toBe(3);
    expect(refs(bySubject)).toEqual([c, b, a]); // newest first
    expect(bySubject.body.items[0]).toMatchObject({
      reference: c,
      status: 'assigned',
      area: '410503',
      category: 'fire-exits-blocked',
      subjectName: `${tag}丙商场`,
      assignedVerifierId: verifierId,
      evidenceCount: 0,
    });
    expect(refs(await list(`?q=${encodeURIComponent(`${tag}乙`)}`))).toEqual([b]);
    const byRef = await list(`?q=${a.toLowerCase()}`);
    expect(byRef.body).toMatchObject({ total: 1 });
    expect(refs(byRef)).toEqual([a]);
    expect((await list('?q=.*')).body.total).toBe(0); // taken literally, not as a pattern
  });

  test('status, area, category and assignedToMe filters match the database', async () => {
    const status = await list(`?status=screening&pageSize=100`);
    expect(status.body.total).toBe(await Report.countDocuments({ status: 'screening' }));
    expect((status.body.items as Item[]).every((i) => i.status === 'screening')).toBe(true);
    expect(refs(status)).toContain(a);

    const area = await list(`?area=410581&pageSize=100`);
    expect(area.body.total).toBe(await Report.countDocuments({ area: '410581' }));
    expect((area.body.items as Item[]).every((i) => i.area === '410581')).toBe(true);
    expect(refs(area)).toContain(b);

    const category = await list(`?category=construction-no-protection&pageSize=100`);
    expect(category.body.total).toBe(await Report.countDocuments({ category: 'construction-no-protection' }));
    expect(refs(category)).toContain(b);

    const mine = await list(`?assignedToMe=true&pageSize=100`, s.verifier);
    expect(mine.body.total).toBe(await Report.countDocuments({ 'assignment.verifierId': verifierId }));
    expect((mine.body.items as Item[]).every((i) => i.assignedVerifierId === verifierId)).toBe(true);
    expect(refs(mine)).toContain(c);
    expect(refs(mine)).not.toContain(a);

    const combined = await list(`?status=assigned&q=${encodeURIComponent(tag)}`);
    expect(refs(combined)).toEqual([c]);
  });

  test('paging: pages are disjoint, newest first, and total is the whole count', async () => {
    const total = await Report.countDocuments();
    const p1 = await list('?pageSize=2&page=1');
    const p2 = await list('?pageSize=2&page=2');
    expect(p1.body.total).toBe(total);
    expect(p2.body.total).toBe(total);
    expect(p1.body.items).toHaveLength(2);
    expect(p2.body.items).toHaveLength(2);
    const all = [...(p1.body.items as Item[]), ...(p2.body.items as Item[])];
    expect(new Set(all.map((i) => i.reference)).size).toBe(4);
    const times = all.map((i) => Date.parse(i.submittedAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    const newest = await Report.find().sort({ submittedAt: -1 }).limit(4).lean();
    expect(all.map((i) => i.reference)).toEqual(newest.map((r) => r.reference));
    const beyond = await list(`?pageSize=100&page=${Math.ceil(total / 100) + 1}`);
    expect(beyond.body).toEqual({ items: [], total });
  });

  test('bad query parameters → 400 naming them', async () => {
    for (const [q, p] of [
      ['?status=lost', 'query.status'],
      ['?area=999999', 'query.area'],
      ['?pageSize=101', 'query.pageSize'],
      ['?page=0', 'query.page'],
    ]) {
      const res = await list(q);
      expectProblem(res, 400, 'request.invalid');
      expect(errorPaths(res)).toEqual([p]);
    }
  });

  test('an area-limited officer sees only their area', async () => {
    const res = await list('?pageSize=100', limited);
    expect(res.body.total).toBe(await Report.countDocuments({ area: '410581' }));
    expect((res.body.items as Item[]).every((i) => i.area === '410581')).toBe(true);
    expect(refs(res)).toContain(b);
    expect(refs(res)).not.toContain(a);
    expect((await list(`?q=${a}`, limited)).body.total).toBe(0);
    expect((await list('?area=410503', limited)).body).toEqual({ items: [], total: 0 });
    expect(refs(await list(`?q=${encodeURIComponent(tag)}`, limited))).toEqual([b]);
  });
});

describe('evidence downloads', () => {
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
  let ref: string;
  let photo: { fileId: string; storedSha256: string; mime: string };
  let doc: { fileId: string; storedSha256: string; mime: string };

  const download = (fileId: string, who: StaffSession | null = s.verifier) => {
    const req = request(t.app)
      .get(`/api/v1/reports/${ref}/evidence/${fileId}`)
      .set('X-Forwarded-For', nextClientIp())
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    return who ? req.set('Cookie', who.cookie) : req;
  };

  beforeAll(async () => {
    const receipt = await newReport({}, [
      { content: await jpeg(), filename: 'exit.jpg', contentType: 'image/jpeg' },
      { content: pdf, filename: 'notice.pdf', contentType: 'application/pdf' },
    ]);
    ref = receipt.reference;
    const res = await view(ref);
    expect(res.body.evidence).toHaveLength(2);
    photo = res.body.evidence.find((e: { mime: string }) => e.mime === 'image/jpeg');
    doc = res.body.evidence.find((e: { mime: string }) => e.mime === 'application/pdf');
    expect(photo).toBeDefined();
    expect(doc).toBeDefined();
  });

  test('a photo is served inline, with its stored hash, and the bytes hash to it', async () => {
    const res = await download(photo.fileId);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="/);
    expect(res.headers['content-disposition']).toContain(ref);
    expect(res.headers['x-evidence-sha256']).toBe(photo.storedSha256);
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.headers['cache-control']).toBe('no-store');
    const stored = (await Report.findOne({ reference: ref }).lean())!.evidence.find((e) => e.fileId === photo.fileId)!;
    expect(res.headers['x-evidence-sha256']).toBe(stored.storedSha256);
    expect(sha256(res.body as Buffer)).toBe(stored.storedSha256);
  });

  test('a PDF is served as an attachment, its bytes intact', async () => {
    const res = await download(doc.fileId);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.pdf"$/);
    expect(res.headers['x-evidence-sha256']).toBe(doc.storedSha256);
    expect(sha256(res.body as Buffer)).toBe(doc.storedSha256);
    expect((res.body as Buffer).equals(pdf)).toBe(true);
  });

  test('an unknown fileId → 404; a malformed one → 400; another report’s file → 404', async () => {
    const unknown = await download('0123456789abcdef0123456789abcdef');
    expect(unknown.status).toBe(404);
    expect(JSON.parse((unknown.body as Buffer).toString()).code).toBe('resource.not_found');
    expect((await download('not-a-file-id')).status).toBe(400);
    const otherRef = await newReport({}, [{ content: await jpeg() }]);
    const otherFile = (await stored(otherRef.reference)).evidence[0].fileId;
    expect((await download(otherFile)).status).toBe(404);
  });

  test('without a session → 401', async () => {
    const res = await download(photo.fileId, null);
    expect(res.status).toBe(401);
    expect(JSON.parse((res.body as Buffer).toString()).code).toBe('auth.unauthenticated');
  });

  test('an officer of another area → 404', async () => {
    await createAccount({ username: 'verifier-evidence-linzhou', role: 'verifier', areaCodes: ['410581'] });
    const other = await openSession(t, 'verifier-evidence-linzhou');
    expect((await download(photo.fileId, other)).status).toBe(404);
  });
});
