// Check-ins (回访) to insider reporters on a moved clock: rounds at 30, 90 and 180
// days after the conclusion, once each, only the latest when rounds were missed;
// anonymous insiders too, never non-insiders or a reporter who withdrew. Answering
// "no harm" closes the check-in; "harm" opens a protection case and mails protection
// staff neutrally. Unanswered ones reach the protection queue after the answer period.
import { noteText } from '../../shared/notes';
import { trusted } from 'mongoose';
import request from 'supertest';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { sendDueCheckIns } from '../../server/protection/checkInJob';
import { Report } from '../../server/reports/report.model';
import { Staff } from '../../server/staff/staff.model';
import { protectionPolicy } from '../../shared/protection/policy';
import { caseDriver, substantiatedFindings, type Cases, type Receipt } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { queuedMails } from '../support/outbox';
import { startTestApp, type TestApp } from '../support/server';
import { errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

const DAY = 86_400_000;
const URL = 'https://woodpecker.example';
const PROTECTION_MAIL = 'protection-officer@example.cn';
const REPORTER_MAIL = 'insider@example.cn';

let t: TestApp;
let c: Cases;
let protection: StaffSession;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  protection = await openSession(t, 'protection');
  await Staff.updateOne({ username: 'protection' }, { $set: { email: PROTECTION_MAIL } });
});
afterAll(() => t.stop());

const insiderAssessment = { insider: true, smallWorkplace: false, identifyingDetails: false };

/** A report taken to a substantiated conclusion, accepted with the insider assessment when it is one. */
async function concluded(
  report: Record<string, unknown>,
  insider = !!report.employeeOfSubject,
): Promise<Receipt & { concludedAt: Date }> {
  const receipt = await c.newReport(report);
  const { verifier, reviewer } = c.staff;
  await c.ok(receipt.reference, 'start-screening');
  await c.ok(receipt.reference, 'accept', {
    unitCode: 'city-fire',
    verifierId: verifier.user.id,
    ...(insider ? { protection: insiderAssessment } : {}),
  });
  await c.ok(receipt.reference, 'start-verification', {}, verifier);
  await c.ok(receipt.reference, 'submit-findings', substantiatedFindings(), verifier);
  await c.ok(receipt.reference, 'approve-findings', {}, reviewer);
  const stored = await c.stored(receipt.reference);
  return { ...receipt, concludedAt: stored.conclusion!.at };
}

const after = (from: Date, days: number) => new Date(from.getTime() + days * DAY);
const rounds = async (ref: string) => ((await c.stored(ref)).protection?.checkIns ?? []).map((x) => x.round);

async function reporterView(receipt: Receipt) {
  const token = await c.followupToken(receipt);
  const res = await c.reporter(request(t.app).get('/api/v1/followup/report'), token);
  expect(res.status).toBe(200);
  return res.body;
}

const answer = async (receipt: Receipt, body: object) =>
  c.reporter(request(t.app).post('/api/v1/followup/check-in'), await c.followupToken(receipt)).send(body);

const protectionQueue = async (who: StaffSession) =>
  ((await c.get('/api/v1/reports?queue=protection&pageSize=100', who)).body.items as { reference: string }[]).map(
    (i) => i.reference,
  );

describe('the schedule on a moved clock', () => {
  it('sends round 1 at 30 days, round 2 at 90, round 3 at 180, once each and nothing after', async () => {
    const r = await concluded({
      employeeOfSubject: true,
      reporter: { name: '赵六', phone: '13900000000', email: REPORTER_MAIL },
    });
    const run = (days: number) => sendDueCheckIns(t.box, URL, after(r.concludedAt, days));

    await run(29);
    expect(await rounds(r.reference)).toEqual([]);
    await run(30);
    expect(await rounds(r.reference)).toEqual([1]);
    await run(31);
    await run(89);
    expect(await rounds(r.reference)).toEqual([1]);
    await run(90);
    expect(await rounds(r.reference)).toEqual([1, 2]);
    await run(180);
    await run(180);
    expect(await rounds(r.reference)).toEqual([1, 2, 3]);
    await run(400);
    expect(await rounds(r.reference)).toEqual([1, 2, 3]);

    const stored = await c.stored(r.reference);
    const sent = stored.timeline.filter((s) => s.type === 'check-in-sent');
    expect(sent).toHaveLength(3);
    expect(sent.every((s) => s.public && /回访/.test(noteText(s, 'zh')!) && /detriment/.test(noteText(s, 'en')!))).toBe(
      true,
    );
    // The reporter's mail says only that there is news: no reference, no subject matter.
    const mails = await queuedMails(t.box, { to: REPORTER_MAIL });
    expect(mails.length).toBeGreaterThanOrEqual(3);
    for (const m of mails) {
      expect(m.subject).not.toContain(r.reference);
      expect(m.subject + m.text).not.toMatch(/回访|举报|check-in|retaliat/i);
    }
  });

  it('sends only the latest round due when rounds were missed', async () => {
    const r = await concluded({ employeeOfSubject: true });
    await sendDueCheckIns(t.box, URL, after(r.concludedAt, 100));
    expect(await rounds(r.reference)).toEqual([2]);
    await sendDueCheckIns(t.box, URL, after(r.concludedAt, 120));
    expect(await rounds(r.reference)).toEqual([2]);
  });

  it('reaches anonymous insiders (as intake assessed them), who see the question in follow-up', async () => {
    const r = await concluded({ anonymous: true, reporter: undefined }, true);
    // The assessment is the insider track's word (its step is recorded at acceptance).
    await Report.updateOne({ reference: r.reference }, { $set: { 'protection.assessment': insiderAssessment } });
    await sendDueCheckIns(t.box, URL, after(r.concludedAt, 30));
    expect(await rounds(r.reference)).toEqual([1]);
    const view = await reporterView(r);
    expect(view.protection.checkIn).toEqual({ round: 1, sentAt: expect.any(String) });
    expect(view.timeline.some((s: { type: string }) => s.type === 'check-in-sent')).toBe(true);
  });

  it('never reaches non-insiders, nor a reporter who withdrew', async () => {
    const outsider = await concluded({});
    await sendDueCheckIns(t.box, URL, after(outsider.concludedAt, 200));
    expect(await rounds(outsider.reference)).toEqual([]);
    expect((await reporterView(outsider)).protection).toBeUndefined();

    const withdrew = await concluded({ employeeOfSubject: true });
    await Report.updateOne({ reference: withdrew.reference }, { $set: { 'reporterWithdrawal.at': new Date() } });
    await sendDueCheckIns(t.box, URL, after(withdrew.concludedAt, 200));
    expect(await rounds(withdrew.reference)).toEqual([]);
  });

  it('leaves alone conclusions older than the last round and its answer period (a first run asks no past insider)', async () => {
    const lastUseful = Math.max(...protectionPolicy.checkInDays) + protectionPolicy.checkInAnswerDays;
    const old = await concluded({ employeeOfSubject: true });
    await sendDueCheckIns(t.box, URL, after(old.concludedAt, lastUseful + 1));
    expect(await rounds(old.reference)).toEqual([]);
    // Within that period the last round still goes out.
    const recent = await concluded({ employeeOfSubject: true });
    await sendDueCheckIns(t.box, URL, after(recent.concludedAt, lastUseful - 1));
    expect(await rounds(recent.reference)).toEqual([3]);
  });

  it('goes by the assessment when there is one: an insider the reporter did not declare is reached', async () => {
    const r = await concluded({});
    await Report.updateOne({ reference: r.reference }, { $set: { 'protection.assessment': insiderAssessment } });
    await sendDueCheckIns(t.box, URL, after(r.concludedAt, 30));
    expect(await rounds(r.reference)).toEqual([1]);
  });
});

describe('answers', () => {
  it('"no harm" closes the check-in and opens nothing', async () => {
    const r = await concluded({ employeeOfSubject: true });
    await sendDueCheckIns(t.box, URL, after(r.concludedAt, 30));
    const res = await answer(r, { harm: false });
    expect(res.status).toBe(200);
    expect(res.body.protection).toBeUndefined();
    const stored = await c.stored(r.reference);
    expect(stored.protection!.checkIns![0]).toMatchObject({ round: 1, harm: false, answeredAt: expect.any(Date) });
    expect(stored.protection!.cases ?? []).toEqual([]);
    // Nothing left to answer.
    expect((await answer(r, { harm: false })).status).toBe(409);
  });

  it('"no harm" with words keeps no words: nothing would ever read them', async () => {
    const r = await concluded({ employeeOfSubject: true });
    await sendDueCheckIns(t.box, URL, after(r.concludedAt, 30));
    expect((await answer(r, { harm: false, body: '一切正常，谢谢关心。' })).status).toBe(200);
    const checkIn = (await c.stored(r.reference)).protection!.checkIns![0];
    expect(checkIn).toMatchObject({ harm: false, answeredAt: expect.any(Date) });
    expect(checkIn.answerSealed).toBeUndefined();
  });

  it('"harm" needs what happened, then opens a protection case and mails protection staff neutrally', async () => {
    const r = await concluded({ employeeOfSubject: true });
    await sendDueCheckIns(t.box, URL, after(r.concludedAt, 30));
    const missing = await answer(r, { harm: true, kinds: ['pay-cut'] });
    expectProblem(missing, 400, 'request.invalid');
    expect(errorPaths(missing)).toContain('body.body');
    expect((await c.stored(r.reference)).protection!.checkIns![0].answeredAt).toBeFalsy();

    const before = (await queuedMails(t.box, { to: PROTECTION_MAIL })).length;
    const words = '车间主任说再举报就扣我三个月奖金，上周真的扣了。';
    const res = await answer(r, { harm: true, kinds: ['pay-cut', 'threats'], body: words });
    expect(res.status).toBe(200);
    expect(res.body.protection.checkIn).toBeUndefined();
    expect(res.body.protection.cases).toEqual([
      { caseNo: 'PC-1', openedAt: expect.any(String), status: 'open', referredTo: [] },
    ]);

    const stored = await c.stored(r.reference);
    expect(stored.protection!.cases![0]).toMatchObject({
      caseNo: 'PC-1',
      source: 'check-in',
      kinds: ['pay-cut', 'threats'],
    });
    expect(JSON.stringify(stored)).not.toContain(words);
    const mails = (await queuedMails(t.box, { to: PROTECTION_MAIL })).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject + mails[0].text).not.toContain(r.reference);
    expect(mails[0].subject).not.toMatch(/举报|报复|retaliat/i);
    expect(mails[0].text).not.toContain(words);

    // Protection staff read the answer behind the case.
    const read = await c.get(`/api/v1/reports/${r.reference}/protection-cases/PC-1`, protection);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      caseNo: 'PC-1',
      checkInAnswer: { round: 1, answeredAt: expect.any(String), answer: words },
      referralNotes: [],
      deleted: false,
    });
    // Sealed once: the case points at the answer rather than copying it.
    expect(stored.protection!.cases![0].accountSealed).toBeUndefined();
    expect((await c.view(r.reference, protection)).body.protectionCases[0].hasAccount).toBe(true);
  });

  it('lists a check-in unanswered past the answer period in the protection queue, and not before', async () => {
    const r = await concluded({ employeeOfSubject: true });
    await sendDueCheckIns(t.box, URL, after(r.concludedAt, 30));
    expect(await protectionQueue(protection)).not.toContain(r.reference);

    const sentAt = new Date(Date.now() - (protectionPolicy.checkInAnswerDays - 1) * DAY);
    await Report.updateOne({ reference: r.reference }, { $set: { 'protection.checkIns.0.sentAt': sentAt } });
    expect(await protectionQueue(protection)).not.toContain(r.reference);

    const overdue = new Date(Date.now() - (protectionPolicy.checkInAnswerDays + 1) * DAY);
    await Report.updateOne({ reference: r.reference }, { $set: { 'protection.checkIns.0.sentAt': overdue } });
    expect(await protectionQueue(protection)).toContain(r.reference);
    const view = await c.view(r.reference, protection);
    expect(view.body.checkIns).toEqual([
      { round: 1, sentAt: overdue.toISOString(), hasAnswer: false, unansweredOverdue: true },
    ]);
    // Nobody else: neither the queue nor the field, even when a status is asked for.
    for (const who of [c.staff.reviewer, c.staff.intake, c.staff.verifier]) {
      expect(await protectionQueue(who)).toEqual([]);
      const byStatus = await c.get('/api/v1/reports?queue=protection&status=substantiated', who);
      expect(byStatus.body.items).toEqual([]);
      expect((await c.view(r.reference, who)).body.checkIns).toBeUndefined();
    }

    expect((await answer(r, { harm: false })).status).toBe(200);
    expect(await protectionQueue(protection)).not.toContain(r.reference);
  });

  it('drops an unanswered check-in from the queue once the reporter can no longer sign in to answer', async () => {
    const r = await concluded({ employeeOfSubject: true });
    await sendDueCheckIns(t.box, URL, after(r.concludedAt, 30));
    const overdue = new Date(Date.now() - (protectionPolicy.checkInAnswerDays + 1) * DAY);
    await Report.updateOne({ reference: r.reference }, { $set: { 'protection.checkIns.0.sentAt': overdue } });
    expect(await protectionQueue(protection)).toContain(r.reference);
    await Report.updateOne({ reference: r.reference }, { $unset: { accessKeyHash: 1 } });
    expect(await protectionQueue(protection)).not.toContain(r.reference);
  });

  it('audits the rounds and the case number only, never harm or kinds', async () => {
    const entries = await AuditEntry.find({
      action: trusted({ $in: ['report.check-in-answered', 'report.check-in-sent'] }),
    }).lean();
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      const details = (e.details ?? {}) as Record<string, unknown>;
      for (const key of ['harm', 'kinds', 'source', 'body']) expect(details).not.toHaveProperty(key);
    }
    expect(entries.some((e) => (e.details as { caseNo?: string }).caseNo === 'PC-1')).toBe(true);
  });
});
