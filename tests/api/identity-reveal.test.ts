// Revealing who reported takes two people: a request with a reason, a protection
// officer's time-limited approval (never the requester's own), and the reveal by the
// requester alone. Both sides are audited without the identity; the reporter is told
// to which role it was disclosed, unless withheld on a recorded legal ground.
import { noteText } from '../../shared/notes';
import request from 'supertest';
import { trusted } from 'mongoose';
import { protectionPolicy } from '../../shared/protection/policy';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Report } from '../../server/reports/report.model';
import { caseDriver, type Cases } from '../support/cases';
import { intakeEnv, nextClientIp } from '../support/intake';
import { queuedMails } from '../support/outbox';
import { startTestApp, type TestApp } from '../support/server';
import { as, createAccount, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

const NAME = '王五';
const PHONE = '13800000000';
const EMAIL = 'wangwu@example.cn';
const HOUR = 3_600_000;

let t: TestApp;
let c: Cases;
let protection: StaffSession;
let custodian: StaffSession;
let leader: StaffSession;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  protection = await openSession(t, 'protection');
  leader = await openSession(t, 'leader');
  await createAccount({ username: 'custodian-two', role: 'protection' });
  custodian = await openSession(t, 'custodian-two');
});
afterAll(async () => {
  await t?.stop();
});

const withIp = (req: request.Test) => req.set('X-Forwarded-For', nextClientIp());
const reveal = (ref: string, who: StaffSession, body: object = {}) =>
  as(withIp(request(t.app).post(`/api/v1/reports/${ref}/identity`)), who).send(body);
const ask = (ref: string, who: StaffSession, body: object = { reason: '核查需要当面联系举报人确认现场位置' }) =>
  c.act(ref, 'request-identity-reveal', body, who);
const audits = (ref: string, action: string) => AuditEntry.find({ action, 'target.id': ref }).sort({ seq: 1 }).lean();
const refusals = async (ref: string) =>
  (await audits(ref, 'report.identity_refused')).map((e) => [e.actor?.username, e.details?.refused]);

async function realName(): Promise<string> {
  return (await c.newReport({ reporter: { name: NAME, phone: PHONE, email: EMAIL } })).reference;
}

test('a reveal without an approved request is refused, and the refusal audited', async () => {
  const ref = await realName();
  expectProblem(await reveal(ref, c.staff.reviewer), 409, 'identity.reveal_not_approved');
  await c.ok(ref, 'request-identity-reveal', { reason: '核查需要当面联系举报人确认现场位置' }, c.staff.reviewer);
  // Asked, not yet approved: still refused.
  expectProblem(await reveal(ref, c.staff.reviewer), 409, 'identity.reveal_not_approved');
  expect(await refusals(ref)).toEqual([
    ['reviewer', 'reveal-not-approved'],
    ['reviewer', 'reveal-not-approved'],
  ]);
  expect(await audits(ref, 'report.identity_revealed')).toEqual([]);
});

test('the requester cannot approve or refuse their own request (403)', async () => {
  const ref = await realName();
  await c.ok(ref, 'request-identity-reveal', { reason: '保护专员需要联系举报人了解其处境' }, protection);
  expectProblem(await c.act(ref, 'approve-identity-reveal', {}, protection), 403, 'auth.forbidden');
  expectProblem(
    await c.act(ref, 'refuse-identity-reveal', { reason: '自己不能批' }, protection),
    403,
    'auth.forbidden',
  );
  expect((await c.stored(ref)).identityReveals?.[0]).toMatchObject({ requestedByRole: 'protection' });
  expect((await c.stored(ref)).identityReveals?.[0].approvedAt).toBeUndefined();
  // Their own request is not in their queue of requests to decide; another custodian's it is.
  const queued = async (who: StaffSession) =>
    (
      (await c.get('/api/v1/reports?queue=reveal-requests&pageSize=100', who)).body.items as { reference: string }[]
    ).map((i) => i.reference);
  expect(await queued(protection)).not.toContain(ref);
  expect(await queued(custodian)).toContain(ref);
  // Only protection officers approve; a reviewer is the wrong role.
  expectProblem(await c.act(ref, 'approve-identity-reveal', {}, c.staff.reviewer), 403, 'auth.forbidden');
});

describe('an approved request', () => {
  let ref: string;
  beforeAll(async () => {
    ref = await realName();
    await c.ok(ref, 'request-identity-reveal', { reason: '核查需要当面联系举报人确认现场位置' }, c.staff.reviewer);
  });

  test('is in the reveal-requests queue of a custodian who did not ask, then approved with a clock', async () => {
    const queue = await c.get('/api/v1/reports?queue=reveal-requests&pageSize=100', custodian);
    expect(queue.status).toBe(200);
    expect((queue.body.items as { reference: string }[]).map((i) => i.reference)).toContain(ref);
    const before = Date.now();
    const res = await c.ok(ref, 'approve-identity-reveal', { comment: '同意，限本次核查使用' }, custodian);
    const entry = (await c.stored(ref)).identityReveals![0];
    expect(entry.approvedById).toBe(custodian.user.id);
    const hours = (entry.expiresAt!.getTime() - entry.approvedAt!.getTime()) / HOUR;
    expect(hours).toBe(protectionPolicy.revealApprovalHours);
    expect(entry.approvedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(res.body.identityReveals).toEqual([
      expect.objectContaining({
        requestedById: c.staff.reviewer.user.id,
        requestedByRole: 'reviewer',
        stage: 'approved',
        approvedById: custodian.user.id,
        reporterTold: false,
        revealedAt: [],
      }),
    ]);
  });

  test('someone else cannot use it: another reviewer is forbidden, a leader too', async () => {
    await createAccount({ username: 'reviewer-two', role: 'reviewer' });
    const other = await openSession(t, 'reviewer-two');
    expectProblem(await reveal(ref, other), 403, 'auth.forbidden');
    expectProblem(await reveal(ref, leader), 403, 'auth.forbidden');
    expect((await refusals(ref)).slice(-2)).toEqual([
      ['reviewer-two', 'not-requester'],
      ['leader', 'not-requester'],
    ]);
  });

  test('the requester gets the identity; the reveal is audited with ids and roles, never the identity', async () => {
    const res = await reveal(ref, c.staff.reviewer, { reason: 'ignored: the request has the reason' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ name: NAME, phone: PHONE, email: EMAIL });
    // A second look within the approval works too, and is internal.
    expect((await reveal(ref, c.staff.reviewer)).status).toBe(200);
    const entry = (await c.stored(ref)).identityReveals![0];
    expect(entry.revealedAt).toHaveLength(2);

    const [requested] = await audits(ref, 'report.request-identity-reveal');
    expect(requested.details).toMatchObject({
      requestedById: c.staff.reviewer.user.id,
      requestedByRole: 'reviewer',
      reason: '核查需要当面联系举报人确认现场位置',
      withholdNotice: false,
    });
    const [approved] = await audits(ref, 'report.approve-identity-reveal');
    expect(approved.actor?.id).toBe(custodian.user.id);
    expect(approved.details).toMatchObject({
      requestedById: c.staff.reviewer.user.id,
      approvedById: custodian.user.id,
      approvedByRole: 'protection',
    });
    const revealed = await audits(ref, 'report.identity_revealed');
    expect(revealed.map((e) => [e.actor?.id, e.details?.reporterTold])).toEqual([
      [c.staff.reviewer.user.id, true],
      [c.staff.reviewer.user.id, false],
    ]);
    expect(revealed[0].details).toMatchObject({ approvedById: custodian.user.id, requestedByRole: 'reviewer' });
    const all = await AuditEntry.find({ 'target.id': ref }).lean();
    expect(JSON.stringify(all)).not.toMatch(new RegExp(`${NAME}|${PHONE}|${EMAIL}`));
  });

  test('while the approval lasts no second request can be made; after it expires the reveal is refused', async () => {
    expectProblem(await ask(ref, c.staff.reviewer), 409, 'resource.stale');
    await Report.updateOne(
      { reference: ref },
      { $set: { 'identityReveals.0.expiresAt': new Date(Date.now() - 1000) } },
    );
    expectProblem(await reveal(ref, c.staff.reviewer), 409, 'identity.reveal_not_approved');
    expect((await c.view(ref, c.staff.reviewer)).body.identityReveals[0].stage).toBe('expired');
    // A new request may follow.
    await c.ok(ref, 'request-identity-reveal', { reason: '第二次核查仍需联系举报人核实' }, c.staff.reviewer);
    expect((await c.stored(ref)).identityReveals).toHaveLength(2);
  });
});

test("the reporter's follow-up shows the disclosure with the role and no name, once; the notice mail goes", async () => {
  const receipt = await c.newReport({ reporter: { name: NAME, phone: PHONE, email: EMAIL } });
  const ref = receipt.reference;
  const mailsBefore = (await queuedMails(t.box, { to: EMAIL })).length;
  await c.ok(ref, 'request-identity-reveal', { reason: '领导督办需要核实举报人身份' }, leader);
  await c.ok(ref, 'approve-identity-reveal', {}, protection);
  expect((await reveal(ref, leader)).status).toBe(200);
  expect((await reveal(ref, leader)).status).toBe(200);

  const token = await c.followupToken(receipt);
  const seen = await c.reporter(request(t.app).get('/api/v1/followup/report'), token);
  expect(seen.status).toBe(200);
  const disclosures = (seen.body.timeline as ({ type: string } & Parameters<typeof noteText>[0])[]).filter(
    (e) => e.type === 'reveal-identity',
  );
  expect(disclosures).toEqual([
    {
      at: expect.any(String),
      type: 'reveal-identity',
      noteKey: 'identity.disclosed',
      noteParams: { role: 'leader' },
    },
  ]);
  expect(noteText(disclosures[0], 'zh')).toBe('您的身份信息已向「局领导」披露，事由已记录');
  expect(noteText(disclosures[0], 'en')).toBe(
    'Your identity was disclosed to a Bureau leader; the reason is on record',
  );
  const json = JSON.stringify(seen.body);
  expect(json).not.toContain(leader.user.id);
  expect(json).not.toContain(leader.user.displayName); // the role's words, never the person's name
  expect(json).not.toContain('领导督办'); // nor the reason
  // The request and the approval are not shown to the reporter.
  expect(json).not.toContain('request-identity-reveal');
  expect(json).not.toContain('approve-identity-reveal');
  // One content-free notice for the one public step.
  const mails = await queuedMails(t.box, { to: EMAIL });
  expect(mails).toHaveLength(mailsBefore + 1);
  expect(mails.at(-1)!.subject).not.toMatch(/WP-|举报|身份/);
  expect(mails.at(-1)!.text).not.toContain(ref);
});

test('a reporter who withdrew still sees a disclosure made after the withdrawal, and nothing else that followed', async () => {
  const receipt = await c.reportAt('verifying', { report: { reporter: { name: NAME, phone: PHONE, email: EMAIL } } });
  const ref = receipt.reference;
  const token = await c.followupToken(receipt);
  const withdrawn = await c.reporter(request(t.app).post('/api/v1/followup/withdraw'), token).send({});
  expect(withdrawn.status).toBe(204);
  const mailsBefore = (await queuedMails(t.box, { to: EMAIL })).length;
  await c.ok(ref, 'decide-continuation', { outcome: 'continue', reason: '隐患重大，依职权继续核查' }, c.staff.reviewer);
  await c.ok(ref, 'request-identity-reveal', { reason: '领导督办需要核实举报人身份' }, leader);
  await c.ok(ref, 'approve-identity-reveal', {}, protection);
  expect((await reveal(ref, leader)).status).toBe(200);

  const seen = (await c.reporter(request(t.app).get('/api/v1/followup/report'), token)).body;
  expect(seen.status).toBe('withdrawn');
  const types = (seen.timeline as { type: string }[]).map((e) => e.type);
  expect(types.slice(-2)).toEqual(['withdrawn', 'reveal-identity']);
  expect(noteText(seen.timeline.at(-1), 'zh')).toContain('局领导');
  // The pipeline mails a reporter who withdrew nothing: the frozen view is where they learn it.
  expect(await queuedMails(t.box, { to: EMAIL })).toHaveLength(mailsBefore);
});

test('withholding the notice needs its legal ground (400 without); withheld, the reporter sees nothing', async () => {
  const receipt = await c.newReport({ reporter: { name: NAME, phone: PHONE, email: EMAIL } });
  const ref = receipt.reference;
  const before = await c.stored(ref);
  const res = await ask(ref, c.staff.reviewer, { reason: '涉嫌诬告，需公安机关调查', withholdNotice: true });
  expectProblem(res, 400, 'request.invalid');
  expect(errorPaths(res)).toEqual(['body.legalGround']);
  expect((await c.stored(ref)).revision).toBe(before.revision);
  const short = await ask(ref, c.staff.reviewer, { reason: '看看' });
  expectProblem(short, 400, 'request.invalid');
  expect(errorPaths(short)).toEqual(['body.reason']);

  const mailsBefore = (await queuedMails(t.box, { to: EMAIL })).length;
  await c.ok(
    ref,
    'request-identity-reveal',
    {
      reason: '涉嫌诬告，需公安机关调查',
      withholdNotice: true,
      legalGround: '公安机关侦查需要保密（刑事诉讼法第五十四条）',
    },
    c.staff.reviewer,
  );
  await c.ok(ref, 'approve-identity-reveal', {}, protection);
  expect((await reveal(ref, c.staff.reviewer)).status).toBe(200);
  const token = await c.followupToken(receipt);
  const seen = await c.reporter(request(t.app).get('/api/v1/followup/report'), token);
  expect((seen.body.timeline as { type: string }[]).map((e) => e.type)).not.toContain('reveal-identity');
  expect(await queuedMails(t.box, { to: EMAIL })).toHaveLength(mailsBefore);
  const view = (await c.view(ref, c.staff.reviewer)).body;
  expect(view.identityReveals[0]).toMatchObject({
    withholdNotice: true,
    legalGround: '公安机关侦查需要保密（刑事诉讼法第五十四条）',
    reporterTold: false,
  });
  const [requested] = await audits(ref, 'report.request-identity-reveal');
  expect(requested.details).toMatchObject({ withholdNotice: true, legalGround: expect.any(String) });
});

test('a refused request cannot be used; the refusal is audited with both ids', async () => {
  const ref = await realName();
  await c.ok(ref, 'request-identity-reveal', { reason: '核查需要当面联系举报人确认现场位置' }, c.staff.reviewer);
  await c.ok(ref, 'refuse-identity-reveal', { reason: '可通过跟进留言联系，无需披露身份' }, custodian);
  expectProblem(await reveal(ref, c.staff.reviewer), 409, 'identity.reveal_not_approved');
  expectProblem(await c.act(ref, 'approve-identity-reveal', {}, protection), 409, 'resource.stale');
  const [refused] = await audits(ref, 'report.refuse-identity-reveal');
  expect(refused.details).toMatchObject({
    requestedById: c.staff.reviewer.user.id,
    refusedById: custodian.user.id,
    reason: '可通过跟进留言联系，无需披露身份',
  });
  const view = (await c.view(ref, c.staff.reviewer)).body;
  expect(view.identityReveals[0]).toMatchObject({
    stage: 'refused',
    refusalReason: '可通过跟进留言联系，无需披露身份',
  });
});

test('an anonymous report: no request can be made, and a reveal is refused as anonymous', async () => {
  const { reference: ref } = await c.newReport({ anonymous: true, reporter: undefined });
  expectProblem(await ask(ref, c.staff.reviewer), 409, 'resource.stale');
  expect((await c.stored(ref)).identityReveals).toBeUndefined();
  expectProblem(await reveal(ref, c.staff.reviewer), 404, 'resource.not_found');
  expect(await refusals(ref)).toEqual([['reviewer', 'anonymous']]);
});

test('administrators, intake officers and verifiers can no longer reveal or ask', async () => {
  const ref = await realName();
  for (const who of [c.staff.admin, c.staff.intake, c.staff.verifier]) {
    expectProblem(await reveal(ref, who), 403, 'auth.forbidden');
    expect((await ask(ref, who)).status).toBe(403);
  }
  expect(
    await AuditEntry.countDocuments({
      action: 'report.identity_refused',
      'target.id': ref,
      'details.refused': 'forbidden',
      'actor.role': trusted({ $in: ['admin', 'intake', 'verifier'] }),
    }),
  ).toBe(3);
});
