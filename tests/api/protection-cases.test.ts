// Protection cases over HTTP: the reporter's retaliation report opens one that only
// protection staff see (no field, no timeline step, no queue entry for anyone else);
// its account is sealed in the database and read by protection staff of the area,
// each read audited; refer and close name the case (400 for an unknown or closed one);
// the reporter follows progress by the body's and the outcome's names, never a staff
// member's name or note.
import { noteText } from '../../shared/notes';
import mongoose from 'mongoose';
import request from 'supertest';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Report } from '../../server/reports/report.model';
import { Staff } from '../../server/staff/staff.model';
import { protectionOnlySteps } from '../../shared/workflow';
import { caseDriver, type Cases, type Receipt } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { queuedMails } from '../support/outbox';
import { startTestApp, type TestApp } from '../support/server';
import { createAccount, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

const DAY = 86_400_000;
const PROTECTION_MAIL = 'protection@example.cn';
const ACCOUNT = '我举报后被调到仓库搬货，工资从六千降到三千，班组长当众说我是叛徒。';
const STAFF_NOTE = '已电话联系区人社局监察大队李科长，约定下周二上门。';

let t: TestApp;
let c: Cases;
let protection: StaffSession;
let farProtection: StaffSession;
let report: Receipt;
let token: string;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  protection = await openSession(t, 'protection');
  await Staff.updateOne({ username: 'protection' }, { $set: { email: PROTECTION_MAIL } });
  await createAccount({ username: 'far-protection', role: 'protection', areaCodes: ['410581'] });
  farProtection = await openSession(t, 'far-protection');
  report = await c.reportAt('verifying', { report: { employeeOfSubject: true } });
  token = await c.followupToken(report);
});
afterAll(() => t.stop());

const retaliate = (body: object, tok = token) =>
  c.reporter(request(t.app).post('/api/v1/followup/retaliation'), tok).send(body);
const reporterView = async (tok = token) => (await c.reporter(request(t.app).get('/api/v1/followup/report'), tok)).body;
const account = (ref: string, caseNo: string, who: StaffSession) =>
  c.get(`/api/v1/reports/${ref}/protection-cases/${caseNo}`, who);
const queue = async (who: StaffSession) =>
  ((await c.get('/api/v1/reports?queue=protection&pageSize=100', who)).body.items as { reference: string }[]).map(
    (i) => i.reference,
  );
const protectionOnly = new Set<string>(protectionOnlySteps);

describe('a retaliation report', () => {
  it('refuses bad input naming the field, and changes nothing', async () => {
    const none = await retaliate({ kinds: [], body: ACCOUNT });
    expectProblem(none, 400, 'request.invalid');
    expect(errorPaths(none)).toContain('body.kinds');
    const unknown = await retaliate({ kinds: ['promotion'], body: ACCOUNT });
    expect(errorPaths(unknown)).toContain('body.kinds.0');
    expect(errorPaths(await retaliate({ kinds: ['dismissal'], body: '  ' }))).toContain('body.body');
    expect((await c.stored(report.reference)).protection?.cases ?? []).toEqual([]);
  });

  it('opens a protection case the reporter sees by number and mails protection staff without saying what', async () => {
    const before = (await queuedMails(t.box, { to: PROTECTION_MAIL })).length;
    const res = await retaliate({ kinds: ['transfer', 'pay-cut'], body: ACCOUNT });
    expect(res.status).toBe(200);
    expect(res.body.protection.cases).toEqual([
      { caseNo: 'PC-1', openedAt: expect.any(String), status: 'open', referredTo: [] },
    ]);
    const mails = (await queuedMails(t.box, { to: PROTECTION_MAIL })).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject + mails[0].text).not.toContain(report.reference);
    expect(mails[0].subject).not.toMatch(/举报|报复|retaliat/i);
    expect(mails[0].text).not.toContain(ACCOUNT);
  });

  it('is sealed: neither the report, the audit log nor the mail spool holds its words', async () => {
    const db = mongoose.connection.db!;
    const raw = await db.collection('reports').findOne({ reference: report.reference });
    expect(JSON.stringify(raw)).not.toContain(ACCOUNT);
    expect(JSON.stringify(raw)).not.toContain('叛徒');
    expect((raw!.protection.cases[0].accountSealed as string).startsWith('k1:')).toBe(true);
    expect(JSON.stringify(await db.collection('audit_log').find().toArray())).not.toContain('叛徒');
    expect(JSON.stringify(await db.collection('outbox_emails').find().toArray())).not.toContain('叛徒');
  });

  it('is seen by protection staff only: no field, no step and no queue entry for anyone else', async () => {
    const mine = (await c.view(report.reference, protection)).body;
    expect(mine.protectionCases).toEqual([
      expect.objectContaining({
        caseNo: 'PC-1',
        source: 'reporter',
        kinds: ['transfer', 'pay-cut'],
        hasAccount: true,
        firstActionOverdue: false,
        decisionOverdue: false,
        referrals: [],
      }),
    ]);
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / DAY;
    expect(days(mine.protectionCases[0].openedAt, mine.protectionCases[0].firstActionDueAt)).toBe(5);
    expect(days(mine.protectionCases[0].openedAt, mine.protectionCases[0].decisionDueAt)).toBe(30);
    expect(mine.timeline.map((s: { type: string }) => s.type)).toContain('retaliation-reported');
    expect(await queue(protection)).toContain(report.reference);

    for (const who of [c.staff.reviewer, c.staff.verifier, c.staff.intake, c.staff.admin, c.staff.finance]) {
      const view = await c.view(report.reference, who);
      expect(view.status).toBe(200);
      expect(view.body).not.toHaveProperty('protectionCases');
      expect(view.body).not.toHaveProperty('checkIns');
      expect(view.body.timeline.filter((s: { type: string }) => protectionOnly.has(s.type))).toEqual([]);
      expect(JSON.stringify(view.body)).not.toContain('PC-1');
      expect(await queue(who)).toEqual([]);
    }
  });

  it('is open after a withdrawal: retaliation is what follows a coerced one', async () => {
    const withdrawn = await c.reportAt('submitted', { report: { employeeOfSubject: true } });
    const tok = await c.followupToken(withdrawn);
    expect((await c.reporter(request(t.app).post('/api/v1/followup/withdraw'), tok).send({})).status).toBe(204);
    const res = await retaliate({ kinds: ['threats'], body: '他们逼我撤回举报，否则就开除我。' }, tok);
    expect(res.status).toBe(200);
    expect(res.body.protection.cases).toHaveLength(1);
    expect((await c.stored(withdrawn.reference)).protection!.cases![0].source).toBe('reporter');
  });
});

describe('reading the account', () => {
  it('answers protection staff of the area, each read audited', async () => {
    const audits = await AuditEntry.countDocuments({
      action: 'report.protection_case_read',
      'target.id': report.reference,
    });
    const res = await account(report.reference, 'PC-1', protection);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ caseNo: 'PC-1', account: ACCOUNT, referralNotes: [], deleted: false });
    const entries = await AuditEntry.find({
      action: 'report.protection_case_read',
      'target.id': report.reference,
    }).lean();
    expect(entries).toHaveLength(audits + 1);
    expect(JSON.stringify(entries)).not.toContain(ACCOUNT);
  });

  it('refuses every other role (audited), other areas and unknown cases', async () => {
    for (const who of [c.staff.reviewer, c.staff.verifier, c.staff.admin])
      expectProblem(await account(report.reference, 'PC-1', who), 403, 'auth.forbidden');
    expect(await AuditEntry.countDocuments({ action: 'report.protection_case_refused' })).toBeGreaterThanOrEqual(3);
    expectProblem(await account(report.reference, 'PC-1', farProtection), 404, 'resource.not_found');
    expectProblem(await account(report.reference, 'PC-9', protection), 404, 'resource.not_found');
    // Case numbers run past three digits: a long-lived report's case is a number, not a malformed one.
    expectProblem(await account(report.reference, 'PC-123456', protection), 404, 'resource.not_found');
    expectProblem(await account(report.reference, 'PC-1234567', protection), 400, 'request.invalid');
    expectProblem(await account(report.reference, 'case-1', protection), 400, 'request.invalid');
  });
});

describe('protection staff handle the case', () => {
  it('open one of their own, which other roles may not', async () => {
    expectProblem(
      await c.act(
        report.reference,
        'open-protection-case',
        { kinds: ['threats'], account: '来访陈述' },
        c.staff.reviewer,
      ),
      403,
      'auth.forbidden',
    );
    const bad = await c.act(report.reference, 'open-protection-case', { kinds: ['threats'] }, protection);
    expectProblem(bad, 400, 'request.invalid');
    expect(errorPaths(bad)).toContain('body.account');
    await c.ok(
      report.reference,
      'open-protection-case',
      { kinds: ['threats'], account: '来访陈述：被威胁。' },
      protection,
    );
    const stored = await c.stored(report.reference);
    expect(stored.protection!.cases![1]).toMatchObject({
      caseNo: 'PC-2',
      source: 'staff',
      openedById: protection.user.id,
    });
    expect((await account(report.reference, 'PC-2', protection)).body.account).toBe('来访陈述：被威胁。');
    // A staff-opened case is not the reporter's step: no mail, not in their timeline, but its progress is theirs.
    expect((await reporterView()).protection.cases.map((x: { caseNo: string }) => x.caseNo)).toEqual(['PC-1', 'PC-2']);
  });

  it('refer it: 400 for an unknown case, the reporter told the body only', async () => {
    const unknown = await c.act(
      report.reference,
      'refer-protection-case',
      { caseNo: 'PC-9', body: 'labour-inspection', note: STAFF_NOTE },
      protection,
    );
    expectProblem(unknown, 400, 'request.invalid');
    expect(errorPaths(unknown)).toEqual(['body.caseNo']);
    const badBody = await c.act(
      report.reference,
      'refer-protection-case',
      { caseNo: 'PC-1', body: 'press', note: 'x' },
      protection,
    );
    expect(errorPaths(badBody)).toContain('body.body');

    await c.ok(
      report.reference,
      'refer-protection-case',
      { caseNo: 'PC-1', body: 'labour-inspection', note: STAFF_NOTE },
      protection,
    );
    const view = await reporterView();
    expect(view.protection.cases[0]).toMatchObject({
      caseNo: 'PC-1',
      status: 'referred',
      referredTo: ['labour-inspection'],
    });
    const step = view.timeline.find((s: { type: string }) => s.type === 'refer-protection-case');
    expect(noteText(step, 'zh')).toContain('已转请人力资源社会保障部门（劳动保障监察）处理');
    expect(JSON.stringify(view)).not.toContain(STAFF_NOTE);
    expect(JSON.stringify(view)).not.toContain(protection.user.id);

    // The note is sealed: read with the account (audited), never in the case view or the database.
    const staffView = (await c.view(report.reference, protection)).body;
    expect(staffView.protectionCases[0].referrals).toEqual([
      { body: 'labour-inspection', at: expect.any(String), byId: protection.user.id },
    ]);
    const raw = await mongoose.connection.db!.collection('reports').findOne({ reference: report.reference });
    expect(JSON.stringify(raw)).not.toContain('李科长');
    expect((await account(report.reference, 'PC-1', protection)).body.referralNotes).toEqual([
      { body: 'labour-inspection', at: expect.any(String), note: STAFF_NOTE },
    ]);
  });

  it('close it with an outcome: the reporter sees its name; a closed case cannot be referred or closed again', async () => {
    await c.ok(
      report.reference,
      'close-protection-case',
      { caseNo: 'PC-1', outcome: 'remedied', note: '已恢复原岗位和工资。' },
      protection,
    );
    const view = await reporterView();
    expect(view.protection.cases[0]).toMatchObject({
      status: 'closed',
      outcome: 'remedied',
      closedAt: expect.any(String),
    });
    const step = view.timeline.find((s: { type: string }) => s.type === 'close-protection-case');
    expect(noteText(step, 'zh')).toContain('已纠正，举报人权益已恢复');
    expect(JSON.stringify(view)).not.toContain('已恢复原岗位和工资');
    const raw = await mongoose.connection.db!.collection('reports').findOne({ reference: report.reference });
    expect(JSON.stringify(raw)).not.toContain('已恢复原岗位和工资');
    const staffCase = (await c.view(report.reference, protection)).body.protectionCases[0];
    expect(staffCase).not.toHaveProperty('outcomeNote');
    expect(staffCase.hasAccount).toBe(true);
    expect((await account(report.reference, 'PC-1', protection)).body.outcomeNote).toBe('已恢复原岗位和工资。');

    for (const [action, body] of [
      ['close-protection-case', { caseNo: 'PC-1', outcome: 'other', note: '再次办结' }],
      ['refer-protection-case', { caseNo: 'PC-1', body: 'union', note: '再转' }],
    ] as const) {
      const res = await c.act(report.reference, action, body, protection);
      expectProblem(res, 400, 'request.invalid');
      expect(errorPaths(res)).toEqual(['body.caseNo']);
    }
    expect((await c.stored(report.reference)).protection!.cases![0].outcome).toBe('remedied');
  });

  it('flags a case past its clocks', async () => {
    const past = (days: number) => new Date(Date.now() - days * DAY);
    await Report.updateOne(
      { reference: report.reference },
      { $set: { 'protection.cases.1.firstActionDueAt': past(1), 'protection.cases.1.decisionDueAt': past(1) } },
    );
    const [, second] = (await c.view(report.reference, protection)).body.protectionCases;
    expect(second).toMatchObject({ caseNo: 'PC-2', firstActionOverdue: true, decisionOverdue: true });
  });
});

describe('the audit log', () => {
  it('records only the case number of protection steps: no kinds, bodies, outcomes or harm', async () => {
    const entries = await AuditEntry.find({
      action: mongoose.trusted({
        $in: ['open-protection-case', 'refer-protection-case', 'close-protection-case', 'retaliation-reported'].map(
          (step) => `report.${step}`,
        ),
      }),
    }).lean();
    expect(new Set(entries.map((e) => e.action))).toEqual(
      new Set(
        ['open-protection-case', 'refer-protection-case', 'close-protection-case', 'retaliation-reported'].map(
          (step) => `report.${step}`,
        ),
      ),
    );
    for (const e of entries) {
      const details = (e.details ?? {}) as Record<string, unknown>;
      expect(details.caseNo).toMatch(/^PC-\d+$/);
      for (const key of ['kinds', 'harm', 'body', 'outcome', 'source']) expect(details).not.toHaveProperty(key);
    }
    const text = JSON.stringify(entries);
    for (const word of ['transfer', 'pay-cut', 'labour-inspection', 'remedied', 'threats'])
      expect(text).not.toContain(word);
  });
});

describe('a second retaliation report while the first case is open', () => {
  it('adds to that case: one case, one mail, kinds united, both accounts readable', async () => {
    const again = await c.reportAt('verifying', { report: { employeeOfSubject: true } });
    const tok = await c.followupToken(again);
    const before = (await queuedMails(t.box, { to: PROTECTION_MAIL })).length;
    expect((await retaliate({ kinds: ['transfer'], body: ACCOUNT }, tok)).status).toBe(200);
    const second = await retaliate({ kinds: ['threats', 'transfer'], body: '昨天主管又在车间当众威胁我。' }, tok);
    expect(second.status).toBe(200);
    expect(second.body.protection.cases).toEqual([
      { caseNo: 'PC-1', openedAt: expect.any(String), status: 'open', referredTo: [] },
    ]);
    expect((await queuedMails(t.box, { to: PROTECTION_MAIL })).slice(before)).toHaveLength(1);
    const stored = await c.stored(again.reference);
    expect(stored.protection!.cases).toHaveLength(1);
    expect(stored.protection!.cases![0].kinds).toEqual(['transfer', 'threats']);
    const read = (await account(again.reference, 'PC-1', protection)).body;
    expect(read.account).toContain(ACCOUNT);
    expect(read.account).toContain('昨天主管又在车间当众威胁我。');
    expect(read.account).toMatch(/—— \d{4}-\d{2}-\d{2} \d{2}:\d{2} ——/);

    // Once that case is closed, the next report opens a new one.
    await c.ok(
      again.reference,
      'close-protection-case',
      { caseNo: 'PC-1', outcome: 'other', note: '已处理' },
      protection,
    );
    expect((await retaliate({ kinds: ['other'], body: '又被扣了奖金。' }, tok)).body.protection.cases).toHaveLength(2);
  });
});
