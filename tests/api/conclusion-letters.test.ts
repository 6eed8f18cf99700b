// The reporter hears the result and can object, over HTTP: the result letter
// (after a conclusion, once, by a reviewer or intake officer) with the four
// elements of 应急〔2023〕106号, its content-free mail and its PDF; its clock on a
// moved clock; closing only once the letter is out and no objection is possible;
// the objection and its review at the level above, with the review's clock.
import request from 'supertest';
import { acceptanceDueAt } from '../../server/reports/acceptanceClock';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Unit } from '../../server/catalog/unit.model';
import { REPORTER_NOTICE_SUBJECT } from '../../server/reports/notifications';
import { Report } from '../../server/reports/report.model';
import { watchDeadlines } from '../../server/reports/deadlineWatch';
import { Staff } from '../../server/staff/staff.model';
import { caseDriver, substantiatedFindings, type Cases, type Receipt } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { queuedMails } from '../support/outbox';
import { startTestApp, type TestApp } from '../support/server';
import { createAccount, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

const DAY = 86_400_000;
const READER = 'letter-reader@example.test';

let t: TestApp;
let c: Cases;
/** A county bureau's verifier and reviewer (emb-410503), and a second city reviewer who took part in nothing. */
let countyVerifier: StaffSession;
let countyReviewer: StaffSession;
let cityReviewer: StaffSession;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  const county = { unitCode: 'emb-410503', areaCodes: ['410503'] };
  await createAccount({ username: 'county-verifier-t', role: 'verifier', ...county });
  await createAccount({ username: 'county-reviewer-t', role: 'reviewer', ...county });
  await createAccount({ username: 'city-reviewer-2', role: 'reviewer', unitCode: 'city-emb', areaCodes: ['410503'] });
  countyVerifier = await openSession(t, 'county-verifier-t');
  countyReviewer = await openSession(t, 'county-reviewer-t');
  cityReviewer = await openSession(t, 'city-reviewer-2');
  await Staff.updateOne({ username: 'intake' }, { $set: { email: 'intake@example.cn' } });
  await Staff.updateOne({ username: 'reviewer' }, { $set: { email: 'reviewer@example.cn' } });
  await Staff.updateOne({ username: 'county-reviewer-t' }, { $set: { email: 'county-reviewer@example.cn' } });
  await Unit.updateOne({ code: 'city-fire' }, { $set: { headEmail: 'fire-head@example.cn' } });
  await Unit.updateOne({ code: 'city-emb' }, { $set: { headEmail: 'bureau-head@example.cn' } });
});
afterAll(async () => {
  await t?.stop();
});

const notSubstantiated = {
  substantiated: false,
  violationKind: undefined,
  hazardLevel: undefined,
  fineFen: undefined,
  penaltyDecisionNo: undefined,
};
const letter = (over: Record<string, unknown> = {}) => ({
  account: '执法人员于2026年11月20日到现场检查，查阅监控记录并询问现场人员。',
  handling: '责令企业立即清理安全出口，依法立案处罚。',
  ...over,
});

/** A report concluded by the city's verifier and reviewer (city-fire): substantiated by default. */
async function cityConcluded(substantiated = true): Promise<Receipt> {
  const r = await c.reportAt('findings-submitted', {
    report: { reporter: { name: '王五', phone: '13800000000', email: READER } },
    findings: substantiated ? {} : notSubstantiated,
  });
  await c.ok(r.reference, 'approve-findings', {}, c.staff.reviewer);
  return r;
}

/** A report verified by the county bureau and found not substantiated; the findings approved by `approver`. */
async function countyUnsubstantiated(approver: StaffSession = countyReviewer): Promise<Receipt> {
  const r = await c.newReport();
  await c.ok(r.reference, 'start-screening');
  await c.ok(r.reference, 'accept', { unitCode: 'emb-410503', verifierId: countyVerifier.user.id });
  await c.ok(r.reference, 'start-verification', {}, countyVerifier);
  await c.ok(r.reference, 'submit-findings', substantiatedFindings(notSubstantiated), countyVerifier);
  await c.ok(r.reference, 'approve-findings', {}, approver);
  return r;
}

const followup = async (r: Receipt) => {
  const token = await c.followupToken(r);
  return {
    view: async () => (await c.reporter(request(t.app).get('/api/v1/followup/report'), token).expect(200)).body,
    object: (reason = '现场的安全出口至今仍被堵塞，核查当天货物被临时搬走了。') =>
      c.reporter(request(t.app).post('/api/v1/followup/objection'), token).send({ reason }),
    pdf: (n: number) => c.reporter(request(t.app).get(`/api/v1/followup/result-letters/${n}/pdf`), token).buffer(true),
  };
};

const stored = (ref: string) => c.stored(ref);

describe('the result letter', () => {
  test('only after a conclusion, by a reviewer or intake officer, once; its four elements as sent', async () => {
    const verifying = await c.reportAt('verifying');
    expectProblem(
      await c.act(verifying.reference, 'send-result-letter', letter(), c.staff.reviewer),
      409,
      'resource.stale',
    );

    const r = await cityConcluded();
    const ref = r.reference;
    expectProblem(await c.act(ref, 'send-result-letter', letter(), c.staff.verifier), 403, 'auth.forbidden');
    expect(errorPaths(await c.act(ref, 'send-result-letter', { handling: '责令整改。' }, c.staff.reviewer))).toEqual([
      'body.account',
    ]);
    const mailsBefore = (await queuedMails(t.box, { to: READER })).length;

    const res = await c.ok(ref, 'send-result-letter', letter({ penaltyPublic: true }), c.staff.reviewer);
    expect(res.body.resultLetters).toEqual([
      expect.objectContaining({
        letterNo: `${ref}-L1`,
        conclusion: expect.stringContaining('举报属实'),
        account: letter().account,
        handling: letter().handling,
        penaltyDecisionNo: '安消罚决字〔2026〕0012号',
        fineFen: 500_000,
        rewardConditionsMet: true,
      }),
    ]);
    expect(res.body.resultLetters[0].objectionDueAt).toBeUndefined(); // a substantiated conclusion is not objected to
    expect(res.body.allowedActions).not.toContain('send-result-letter');
    const again = await c.act(ref, 'send-result-letter', letter(), c.staff.intake);
    expectProblem(again, 409, 'resource.stale');
    expect(again.body.reason).toBe('letter-sent');

    // The reporter is told there is news, without the news.
    const mails = await queuedMails(t.box, { to: READER });
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)).toMatchObject({ kind: 'reporter-notice', subject: REPORTER_NOTICE_SUBJECT });
    expect(`${mails.at(-1)!.subject}\n${mails.at(-1)!.text}`).not.toMatch(new RegExp(`${ref}|属实|罚|核查`));

    const reporter = await followup(r);
    const seen = await reporter.view();
    expect(seen.resultLetters).toEqual([expect.objectContaining({ letterNo: `${ref}-L1`, fineFen: 500_000 })]);
    expect(seen.resultLetters[0].sentById).toBeUndefined();
    expect(seen.canObject).toBe(false);
    expect(seen.timeline.map((e: { type: string }) => e.type)).toContain('send-result-letter');

    const pdf = await reporter.pdf(1);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('no-store');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await reporter.pdf(2)).status).toBe(404);

    const staffPdf = await c.get(`/api/v1/reports/${ref}/result-letters/1/pdf`, c.staff.intake).buffer(true);
    expect(staffPdf.status).toBe(200);
    expect(staffPdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await AuditEntry.findOne({ action: 'report.result_letter_downloaded', 'target.id': ref }).lean();
    expect(audit?.actor).toMatchObject({ id: c.staff.intake.user.id });
    expect(audit?.details).toMatchObject({ letterNo: `${ref}-L1` });
    expect((await c.get(`/api/v1/reports/${ref}/result-letters/0/pdf`, c.staff.intake)).status).toBe(400);
  });

  test('the penalty is told only when public; an unsubstantiated report meets no reward conditions and may be objected to', async () => {
    const quiet = await cityConcluded();
    const res = await c.ok(quiet.reference, 'send-result-letter', letter(), c.staff.intake);
    expect(res.body.resultLetters[0]).not.toHaveProperty('penaltyDecisionNo');
    expect(res.body.resultLetters[0]).not.toHaveProperty('fineFen');
    expect(res.body.resultLetters[0].rewardConditionsMet).toBe(true);

    const not = await cityConcluded(false);
    const sent = await c.ok(not.reference, 'send-result-letter', letter({ penaltyPublic: true }), c.staff.reviewer);
    const l = sent.body.resultLetters[0];
    expect(l.conclusion).toContain('举报不属实');
    expect(l.rewardConditionsMet).toBe(false);
    expect(l).not.toHaveProperty('penaltyDecisionNo');
    const db = await stored(not.reference);
    expect(l.objectionDueAt).toBe(db.conclusion!.objectionDueAt!.toISOString());
    const seen = await (await followup(not)).view();
    expect(seen).toMatchObject({ canObject: true, objectionDueAt: l.objectionDueAt });
  });

  test('reminded a few days before its due date and escalated after it, once each; never once sent', async () => {
    const r = await cityConcluded(false);
    const ref = r.reference;
    const dueAt = (await stored(ref)).conclusion!.letterDueAt;
    const at = (ms: number) => new Date(dueAt.getTime() + ms);
    const mails = async () =>
      (await queuedMails(t.box, { subject: new RegExp(`结果告知(期限将至|超期督办) ${ref}`) }))
        .map((m) => `${m.to} ${m.subject.split(' ')[0]}`)
        .sort();

    await watchDeadlines(t.box, at(-3 * DAY - 1), 'http://test');
    expect(await mails()).toEqual([]);
    expect((await watchDeadlines(t.box, at(-3 * DAY), 'http://test')).letterReminders).toBeGreaterThanOrEqual(1);
    await watchDeadlines(t.box, at(-DAY), 'http://test');
    // Everyone who may send it: reviewers and intake officers of the area.
    expect(await mails()).toEqual([
      'county-reviewer@example.cn 【啄木鸟】结果告知期限将至',
      'intake@example.cn 【啄木鸟】结果告知期限将至',
      'reviewer@example.cn 【啄木鸟】结果告知期限将至',
    ]);

    expect((await watchDeadlines(t.box, at(0), 'http://test')).letterEscalations).toBeGreaterThanOrEqual(1);
    await watchDeadlines(t.box, at(5 * DAY), 'http://test');
    expect(await mails()).toEqual([
      'county-reviewer@example.cn 【啄木鸟】结果告知期限将至',
      'county-reviewer@example.cn 【啄木鸟】结果告知超期督办',
      'fire-head@example.cn 【啄木鸟】结果告知超期督办',
      'intake@example.cn 【啄木鸟】结果告知期限将至',
      'intake@example.cn 【啄木鸟】结果告知超期督办',
      'reviewer@example.cn 【啄木鸟】结果告知期限将至',
      'reviewer@example.cn 【啄木鸟】结果告知超期督办',
    ]);
    const db = await stored(ref);
    expect(db.conclusion).toMatchObject({ reminderSentAt: at(-3 * DAY), escalatedAt: at(0) });
    expect(db.timeline.filter((e) => e.type.startsWith('letter-')).map((e) => [e.type, e.public])).toEqual([
      ['letter-reminder', false],
      ['letter-escalated', false],
    ]);

    // A letter sent in time stops its clock.
    const sentInTime = await cityConcluded();
    await c.ok(sentInTime.reference, 'send-result-letter', letter(), c.staff.reviewer);
    const due = (await stored(sentInTime.reference)).conclusion!.letterDueAt;
    await watchDeadlines(t.box, new Date(due.getTime() - DAY), 'http://test');
    await watchDeadlines(t.box, new Date(due.getTime() + DAY), 'http://test');
    expect(await queuedMails(t.box, { subject: new RegExp(`结果告知.* ${sentInTime.reference}`) })).toEqual([]);
  });
});

describe('closing', () => {
  test('refused while the letter is unsent or the objection period runs, allowed after', async () => {
    const r = await cityConcluded(false);
    const ref = r.reference;
    let res = await c.act(ref, 'close', {}, c.staff.reviewer);
    expectProblem(res, 409, 'resource.stale');
    expect(res.body.reason).toBe('letter-not-sent');
    await c.ok(ref, 'send-result-letter', letter(), c.staff.reviewer);
    res = await c.act(ref, 'close', {}, c.staff.reviewer);
    expectProblem(res, 409, 'resource.stale');
    expect(res.body.reason).toBe('objection-period');

    await Report.updateOne({ reference: ref }, { $set: { 'conclusion.objectionDueAt': new Date(Date.now() - 1000) } });
    expect((await c.ok(ref, 'close', {}, c.staff.intake)).body.status).toBe('closed');
  });
});

describe('the objection', () => {
  test('refused before the letter, after its period, for a substantiated report, and a second time', async () => {
    const early = await cityConcluded(false);
    expectProblem(await (await followup(early)).object(), 409, 'report.not_objectable');

    const late = await cityConcluded(false);
    await c.ok(late.reference, 'send-result-letter', letter(), c.staff.reviewer);
    await Report.updateOne(
      { reference: late.reference },
      { $set: { 'conclusion.objectionDueAt': new Date(Date.now() - 1000) } },
    );
    const lateReporter = await followup(late);
    expectProblem(await lateReporter.object(), 409, 'report.not_objectable');
    expect((await lateReporter.view()).canObject).toBe(false);

    const substantiated = await cityConcluded();
    await c.ok(substantiated.reference, 'send-result-letter', letter(), c.staff.reviewer);
    expectProblem(await (await followup(substantiated)).object(), 409, 'report.not_objectable');
    expect((await stored(substantiated.reference)).status).toBe('substantiated');
  });

  test('a county conclusion is reviewed by the city: not by a county reviewer, nor by anyone involved; upheld → no second objection, then it may close', async () => {
    // The findings of the county's verifier were approved by the city reviewer: they took part.
    const r = await countyUnsubstantiated(c.staff.reviewer);
    const ref = r.reference;
    expect((await stored(ref)).conclusion).toMatchObject({ kind: 'unsubstantiated', level: 'county' });
    await c.ok(ref, 'send-result-letter', letter(), c.staff.intake);
    const reporter = await followup(r);
    const objected = await reporter.object();
    expect(objected.status).toBe(200);
    expect(objected.body).toMatchObject({ status: 'objected', canObject: false });
    expect(objected.body.objections).toEqual([
      expect.objectContaining({ reason: expect.any(String), dueAt: expect.any(String) }),
    ]);

    const upheld = { outcome: 'upheld', reason: '经复查，现场核查程序合法，结论无误。' };
    let res = await c.act(ref, 'decide-objection', upheld, countyReviewer);
    expectProblem(res, 403, 'auth.forbidden');
    expect(res.body.reason).toBe('not-level-above');
    res = await c.act(ref, 'decide-objection', upheld, c.staff.reviewer);
    expectProblem(res, 403, 'auth.forbidden');
    expect(res.body.reason).toBe('four-eyes');

    res = await c.ok(ref, 'decide-objection', upheld, cityReviewer);
    expect(res.body.status).toBe('unsubstantiated');
    const seen = await reporter.view();
    expect(seen.objections[0]).toMatchObject({ outcome: 'upheld', decisionReason: upheld.reason });
    expect(seen.canObject).toBe(false);
    expectProblem(await reporter.object(), 409, 'report.not_objectable');
    expect((await c.ok(ref, 'close', {}, c.staff.intake)).body.status).toBe('closed');
  });

  test('reopened: an unsubstantiated report goes to a new verifier (400 without one), a rejected one back to screening', async () => {
    const r = await countyUnsubstantiated();
    await c.ok(r.reference, 'send-result-letter', letter(), c.staff.intake);
    expect((await (await followup(r)).object()).status).toBe(200);
    const reopened = { outcome: 'reopened', reason: '举报人提供了新的线索，重新核查。' };
    const missing = await c.act(r.reference, 'decide-objection', reopened, c.staff.reviewer);
    expect(missing.status).toBe(400);
    expect(errorPaths(missing)).toEqual(['body.verifierId']);
    expect((await stored(r.reference)).status).toBe('objected');

    const res = await c.ok(
      r.reference,
      'decide-objection',
      { ...reopened, unitCode: 'city-fire', verifierId: c.staff.verifier.user.id },
      c.staff.reviewer,
    );
    expect(res.body.status).toBe('assigned');
    const db = await stored(r.reference);
    expect(db.assignment).toMatchObject({ unitCode: 'city-fire', verifierId: c.staff.verifier.user.id });
    expect(db.conclusion).toBeNull();
    expect(db.findings).toBeNull();

    const rejected = await c.newReport();
    await c.ok(rejected.reference, 'reject', { reason: '不属于安全生产举报范围。' });
    expect((await stored(rejected.reference)).conclusion).toMatchObject({ kind: 'rejected', level: 'city' });
    await c.ok(rejected.reference, 'send-result-letter', letter(), c.staff.intake);
    expect((await (await followup(rejected)).object()).status).toBe(200);
    expect((await c.ok(rejected.reference, 'decide-objection', reopened, cityReviewer)).body.status).toBe('screening');
    // Screening starts afresh: a full period from the reopening, and its reminders are due again.
    const reopenedReport = await stored(rejected.reference);
    const reopenedAt = reopenedReport.statusChangedAt!.getTime();
    expect(acceptanceDueAt(reopenedReport).getTime()).toBeGreaterThan(reopenedAt + 6 * DAY);
    expect(reopenedReport.acceptance).toMatchObject({ reminderSentAt: null, escalatedAt: null });
  });

  test("the review's clock: city reviewers are reminded, the city bureau's head hears of it once overdue, once each", async () => {
    const r = await countyUnsubstantiated();
    const ref = r.reference;
    await c.ok(ref, 'send-result-letter', letter(), c.staff.intake);
    expect((await (await followup(r)).object()).status).toBe(200);
    const dueAt = (await stored(ref)).objectionReview!.dueAt!;
    const at = (ms: number) => new Date(dueAt.getTime() + ms);
    const mails = async () =>
      (await queuedMails(t.box, { subject: new RegExp(`异议复查(期限将至|超期督办) ${ref}`) }))
        .map((m) => `${m.to} ${m.subject.split(' ')[0]}`)
        .sort();

    await watchDeadlines(t.box, at(-7 * DAY - 1), 'http://test');
    expect(await mails()).toEqual([]);
    expect((await watchDeadlines(t.box, at(-7 * DAY), 'http://test')).objectionReviewReminders).toBeGreaterThanOrEqual(
      1,
    );
    await watchDeadlines(t.box, at(-DAY), 'http://test');
    // The county's own reviewer is not the level above: only city reviewers are asked.
    expect(await mails()).toEqual(['reviewer@example.cn 【啄木鸟】异议复查期限将至']);

    expect((await watchDeadlines(t.box, at(0), 'http://test')).objectionReviewEscalations).toBeGreaterThanOrEqual(1);
    await watchDeadlines(t.box, at(10 * DAY), 'http://test');
    expect(await mails()).toEqual([
      'bureau-head@example.cn 【啄木鸟】异议复查超期督办',
      'reviewer@example.cn 【啄木鸟】异议复查期限将至',
      'reviewer@example.cn 【啄木鸟】异议复查超期督办',
    ]);
    expect((await stored(ref)).objectionReview).toMatchObject({ reminderSentAt: at(-7 * DAY), escalatedAt: at(0) });
  });
});
