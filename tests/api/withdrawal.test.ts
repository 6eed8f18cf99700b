// A withdrawal that cannot be coerced into killing a case: before acceptance it ends the
// report; after it the reporter's part and reward end, but the case stays with its verifier
// (who is told) until a reviewer decides whether the bureau continues of its own motion.
import request from 'supertest';
import { Staff } from '../../server/staff/staff.model';
import { caseDriver, realNameReport, substantiatedFindings, type Cases, type Receipt } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { queuedMails } from '../support/outbox';
import { startTestApp, type TestApp } from '../support/server';
import { expectProblem, type StaffSession } from '../support/staff';
import { REPORTER_NOTICE_SUBJECT } from '../../server/reports/notifications';

let t: TestApp;
let c: Cases;
const VERIFIER_MAIL = 'verifier.withdrawal@example.test';
const REPORTER_MAIL = 'reporter.withdrawal@example.test';

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  await Staff.updateOne({ _id: c.staff.verifier.user.id }, { $set: { email: VERIFIER_MAIL } });
});
afterAll(async () => {
  await t?.stop();
});

const withEmail = { reporter: { name: '王五', phone: '13800000000', email: REPORTER_MAIL } };

async function withdraw(receipt: Receipt, reason?: string) {
  const token = await c.followupToken(receipt);
  const res = await c.reporter(request(t.app).post('/api/v1/followup/withdraw'), token).send(reason ? { reason } : {});
  expect(res.status).toBe(204);
  return token;
}
const followupView = (token: string) => c.reporter(request(t.app).get('/api/v1/followup/report'), token);
const queue = async (name: string, who: StaffSession) => {
  const res = await c.get(`/api/v1/reports?queue=${name}&pageSize=100`, who);
  expect(res.status).toBe(200);
  return (res.body.items as { reference: string }[]).map((i) => i.reference);
};
const mailsTo = (to: string) => queuedMails(t.box, { to });

test('before acceptance the report is withdrawn, decided at once', async () => {
  const receipt = await c.reportAt('screening');
  await withdraw(receipt, '已自行解决');
  const stored = await c.stored(receipt.reference);
  expect(stored.status).toBe('withdrawn');
  expect(stored.reporterWithdrawal).toMatchObject({ outcome: 'end' });
  expect(stored.reporterWithdrawal!.decidedAt).toEqual(stored.reporterWithdrawal!.at);
  expect(await queue('withdrawals', c.staff.reviewer)).not.toContain(receipt.reference);
});

describe('after acceptance', () => {
  test('the status stays, the case stays in the verifier’s queue and appears for the reviewer; the verifier is told', async () => {
    const receipt = await c.reportAt('verifying', { report: realNameReport(withEmail) });
    const before = (await mailsTo(VERIFIER_MAIL)).length;
    await withdraw(receipt, '不想再追究');
    const stored = await c.stored(receipt.reference);
    expect(stored.status).toBe('verifying');
    expect(stored.reporterWithdrawal?.at).toBeTruthy();
    expect(stored.reporterWithdrawal?.decidedAt).toBeFalsy();
    expect(await queue('mine', c.staff.verifier)).toContain(receipt.reference);
    expect(await queue('withdrawals', c.staff.reviewer)).toContain(receipt.reference);

    const mails = (await mailsTo(VERIFIER_MAIL)).slice(before);
    expect(mails).toHaveLength(1);
    // A neutral subject: no reference, nothing about reporting; the body names the case.
    expect(mails[0].subject).toBe(REPORTER_NOTICE_SUBJECT);
    expect(mails[0].text).toContain(receipt.reference);

    // Staff see the withdrawal on the case.
    const view = (await c.view(receipt.reference, c.staff.verifier)).body;
    expect(view.withdrawal).toEqual({ at: stored.reporterWithdrawal!.at!.toISOString(), decided: false });
    expect(view.allowedActions).toContain('submit-findings');
  });

  test('the reporter’s part ends: the view is frozen at the withdrawal, their steps refused, nothing mailed to them', async () => {
    const receipt = await c.reportAt('verifying', { report: realNameReport(withEmail) });
    const token = await withdraw(receipt);
    const mailsBefore = (await mailsTo(REPORTER_MAIL)).length;
    expectProblem(
      await c.reporter(request(t.app).post('/api/v1/followup/messages'), token).send({ body: '还在吗' }),
      409,
      'report.closed',
    );
    expectProblem(
      await c.reporter(request(t.app).post('/api/v1/followup/withdraw'), token).send({}),
      409,
      'report.closed',
    );
    // Staff no longer write to someone who withdrew.
    const staffMessage = await c.get(`/api/v1/reports/${receipt.reference}`, c.staff.verifier);
    expect(staffMessage.body.canMessage).toBe(false);

    await c.ok(
      receipt.reference,
      'decide-continuation',
      { outcome: 'continue', reason: '隐患重大，依职权继续核查' },
      c.staff.reviewer,
    );
    await c.ok(receipt.reference, 'submit-findings', substantiatedFindings(), c.staff.verifier);
    await c.ok(receipt.reference, 'approve-findings', {}, c.staff.reviewer);

    const view = (await followupView(token)).body;
    expect(view.status).toBe('withdrawn');
    expect(view.timeline.at(-1).type).toBe('withdrawn');
    expect(view.timeline.map((e: { type: string }) => e.type)).not.toContain('approve-findings');
    expect(view.reward).toBeUndefined();
    expect(view.duressKeySet).toBeUndefined();
    expect(view.resultLetters).toEqual([]);
    // Public staff steps after the withdrawal mail the reporter nothing.
    expect((await mailsTo(REPORTER_MAIL)).length).toBe(mailsBefore);
  });

  test('continue: recorded and the verifier told; no reward is proposed; closable after the result letter', async () => {
    const receipt = await c.reportAt('verifying');
    const token = await withdraw(receipt);
    const before = (await mailsTo(VERIFIER_MAIL)).length;
    expectProblem(
      await c.act(receipt.reference, 'decide-continuation', { outcome: 'continue', reason: 'x' }, c.staff.verifier),
      403,
      'auth.forbidden',
    );
    expectProblem(
      await c.act(receipt.reference, 'decide-continuation', { outcome: 'maybe', reason: '依职权' }, c.staff.reviewer),
      400,
      'request.invalid',
    );
    await c.ok(
      receipt.reference,
      'decide-continuation',
      { outcome: 'continue', reason: '隐患重大，依职权继续核查' },
      c.staff.reviewer,
    );
    const stored = await c.stored(receipt.reference);
    expect(stored.status).toBe('verifying');
    expect(stored.reporterWithdrawal).toMatchObject({
      decidedById: c.staff.reviewer.user.id,
      outcome: 'continue',
      decisionReason: '隐患重大，依职权继续核查',
    });
    expect(await queue('withdrawals', c.staff.reviewer)).not.toContain(receipt.reference);
    expect(await queue('mine', c.staff.verifier)).toContain(receipt.reference);
    const told = (await mailsTo(VERIFIER_MAIL)).slice(before);
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain(receipt.reference);
    // Decided once.
    expectProblem(
      await c.act(receipt.reference, 'decide-continuation', { outcome: 'end', reason: '再议' }, c.staff.reviewer),
      409,
      'resource.stale',
    );

    await c.ok(receipt.reference, 'submit-findings', substantiatedFindings(), c.staff.verifier);
    await c.ok(receipt.reference, 'approve-findings', {}, c.staff.reviewer);
    expect((await c.stored(receipt.reference)).status).toBe('substantiated');
    const proposal = await c.act(receipt.reference, 'propose-reward', {}, c.staff.verifier);
    expect(proposal.status).toBe(409);
    expect(proposal.body.reason).toBe('reporter-withdrew');
    // Not before the letter, then closed without a reward.
    expect((await c.act(receipt.reference, 'close', { note: '依职权办结' }, c.staff.reviewer)).body.reason).toBe(
      'letter-not-sent',
    );
    await c.sendLetter(receipt.reference);
    await c.ok(receipt.reference, 'close', { note: '依职权办结' }, c.staff.reviewer);
    expect((await c.stored(receipt.reference)).status).toBe('closed');
    // The letter exists, but the reporter who withdrew is answered as if it did not: the case going on is not theirs to learn.
    expect((await c.stored(receipt.reference)).resultLetters).toHaveLength(1);
    expectProblem(
      await c.reporter(request(t.app).get('/api/v1/followup/result-letters/1/pdf'), token),
      404,
      'resource.not_found',
    );
    expectProblem(
      await c.reporter(request(t.app).get('/api/v1/followup/reward-notice.pdf'), token),
      404,
      'resource.not_found',
    );
  });

  test('nobody decides a continuation the reporter never asked to end', async () => {
    const receipt = await c.reportAt('verifying');
    const res = await c.act(
      receipt.reference,
      'decide-continuation',
      { outcome: 'end', reason: '无' },
      c.staff.reviewer,
    );
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('no-withdrawal');
    expect((await c.stored(receipt.reference)).status).toBe('verifying');
  });

  test('end: the report is withdrawn and leaves the queues', async () => {
    const receipt = await c.reportAt('assigned');
    await withdraw(receipt);
    await c.ok(
      receipt.reference,
      'decide-continuation',
      { outcome: 'end', reason: '线索不足以依职权继续' },
      c.staff.reviewer,
    );
    const stored = await c.stored(receipt.reference);
    expect(stored.status).toBe('withdrawn');
    expect(stored.reporterWithdrawal).toMatchObject({ outcome: 'end', decidedById: c.staff.reviewer.user.id });
    expect(await queue('mine', c.staff.verifier)).not.toContain(receipt.reference);
    expect(await queue('withdrawals', c.staff.reviewer)).not.toContain(receipt.reference);
    expect((await c.view(receipt.reference, c.staff.reviewer)).body.withdrawal).toMatchObject({
      decided: true,
      outcome: 'end',
    });
  });

  test('a substantiated case whose reporter stayed is still closed only after its reward decision', async () => {
    const receipt = await c.reportAt('substantiated');
    await c.sendLetter(receipt.reference);
    const res = await c.act(receipt.reference, 'close', { note: '办结' }, c.staff.reviewer);
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('reward-undecided');
  });
});
