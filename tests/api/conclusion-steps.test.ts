// The steps around a conclusion, over HTTP: more time for verification (asked by
// the verifier, decided by the unit's own reviewer or the level above, its reason
// told to the reporter), "cannot be verified" referred up, a report of deaths
// verified by its county with the grade pending the investigation report, and a
// transferred report tracked until the receiving department's result is in.
import { noteText } from '../../shared/notes';
import request from 'supertest';
import { builtInPolicies, rewardForFindings } from '../../shared/rewards';
import { watchDeadlines } from '../../server/reports/deadlineWatch';
import { Staff } from '../../server/staff/staff.model';
import { queuedMails } from '../support/outbox';
import { caseDriver, substantiatedFindings, type Cases, type Receipt } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { createAccount, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

const DAY = 86_400_000;

let t: TestApp;
let c: Cases;
/** The county bureau of 北关区 (emb-410503): a verifier and its reviewer; a reviewer of another county's bureau who covers 北关区 too. */
let countyVerifier: StaffSession;
let countyReviewer: StaffSession;
let otherCountyReviewer: StaffSession;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  await createAccount({
    username: 'county-verifier-t',
    role: 'verifier',
    unitCode: 'emb-410503',
    areaCodes: ['410503'],
  });
  await createAccount({
    username: 'county-reviewer-t',
    role: 'reviewer',
    unitCode: 'emb-410503',
    areaCodes: ['410503'],
  });
  await createAccount({ username: 'other-reviewer', role: 'reviewer', unitCode: 'emb-410502', areaCodes: ['410503'] });
  countyVerifier = await openSession(t, 'county-verifier-t');
  countyReviewer = await openSession(t, 'county-reviewer-t');
  otherCountyReviewer = await openSession(t, 'other-reviewer');
});
afterAll(async () => {
  await t?.stop();
});

/** A report accepted to the county bureau and being verified by its verifier. */
async function countyVerifying(accept: Record<string, unknown> = {}): Promise<Receipt> {
  const r = await c.newReport();
  await c.ok(r.reference, 'start-screening');
  await c.ok(r.reference, 'accept', { unitCode: 'emb-410503', verifierId: countyVerifier.user.id, ...accept });
  await c.ok(r.reference, 'start-verification', {}, countyVerifier);
  return r;
}

const reporterView = async (r: Receipt) =>
  (await c.reporter(request(t.app).get('/api/v1/followup/report'), await c.followupToken(r)).expect(200)).body;

const reason = (res: { body: { reason?: string } }) => res.body.reason;

describe('extending verification', () => {
  const ask = { days: 10, reason: '需等待第三方检测机构出具检测报告。' };
  const approve = { reason: '检测报告需要时间，同意延期。' };

  test("the verifier asks; not they, nor another county's reviewer, but the unit's own reviewer approves; the reporter sees why; once", async () => {
    const r = await countyVerifying();
    const ref = r.reference;
    expectProblem(await c.act(ref, 'request-extension', ask, c.staff.verifier), 403, 'auth.forbidden'); // not their report
    const requested = await c.ok(ref, 'request-extension', ask, countyVerifier);
    expect(requested.body.extensionRequest).toMatchObject({ days: 10, reason: ask.reason });
    expect((await reporterView(r)).timeline.map((e: { type: string }) => e.type)).not.toContain('request-extension');
    expect(reason(await c.act(ref, 'request-extension', ask, countyVerifier))).toBe('extension-pending');

    expectProblem(await c.act(ref, 'approve-extension', approve, countyVerifier), 403, 'auth.forbidden');
    const other = await c.act(ref, 'approve-extension', approve, otherCountyReviewer);
    expectProblem(other, 403, 'auth.forbidden');
    expect(reason(other)).toBe('not-level-above');

    const before = (await c.stored(ref)).assignment!.dueAt!;
    const res = await c.ok(ref, 'approve-extension', approve, countyReviewer);
    expect(res.body.extensionRequest).toBeUndefined();
    expect(res.body.assignment.extendedDays).toBe(10);
    expect(new Date(res.body.assignment.dueAt).getTime()).toBe(before.getTime() + 10 * DAY);
    const seen = await reporterView(r);
    expect(
      noteText(
        seen.timeline.find((e: { type: string }) => e.type === 'approve-extension'),
        'zh',
      ),
    ).toContain(approve.reason);

    const again = await c.act(ref, 'request-extension', { days: 5, reason: '再延一次。' }, countyVerifier);
    expectProblem(again, 409, 'resource.stale');
    expect(reason(again)).toBe('extension-used');
  });

  test('a city reviewer may approve as the level above; a refusal clears the request', async () => {
    const a = await countyVerifying();
    await c.ok(a.reference, 'request-extension', ask, countyVerifier);
    expect((await c.ok(a.reference, 'approve-extension', approve, c.staff.reviewer)).body.assignment.extendedDays).toBe(
      10,
    );

    const b = await countyVerifying();
    expect(reason(await c.act(b.reference, 'refuse-extension', { reason: '无需延期。' }, countyReviewer))).toBe(
      'no-extension-request',
    );
    await c.ok(b.reference, 'request-extension', ask, countyVerifier);
    const refused = await c.ok(b.reference, 'refuse-extension', { reason: '现有材料足以作出结论。' }, countyReviewer);
    expect(refused.body.extensionRequest).toBeUndefined();
    expect(refused.body.assignment.extendedDays).toBeUndefined();
    expect((await c.stored(b.reference)).assignment!.extensionRequest).toBeNull();
    // Refused, not used: the verifier may ask again.
    await c.ok(b.reference, 'request-extension', { days: 5, reason: '检测机构已排期。' }, countyVerifier);
  });

  test('the new due date gets its own reminder and escalation', async () => {
    await Staff.updateOne({ username: 'county-verifier-t' }, { $set: { email: 'county-verifier@example.cn' } });
    const r = await countyVerifying();
    const ref = r.reference;
    const mails = async () =>
      (await queuedMails(t.box, { subject: new RegExp(`核查(期限将至|超期督办|已超期) ${ref}`) })).map(
        (m) => m.subject.split(' ')[0],
      );
    const dueAt = (await c.stored(ref)).assignment!.dueAt!;
    await watchDeadlines(t.box, new Date(dueAt.getTime() - 3 * DAY), 'http://test');
    await watchDeadlines(t.box, dueAt, 'http://test');
    expect(await mails()).toEqual(['【啄木鸟】核查期限将至', '【啄木鸟】核查已超期']);

    await c.ok(ref, 'request-extension', ask, countyVerifier);
    await c.ok(ref, 'approve-extension', approve, countyReviewer);
    const extended = (await c.stored(ref)).assignment!.dueAt!;
    expect(extended.getTime()).toBe(dueAt.getTime() + 10 * DAY);
    await watchDeadlines(t.box, new Date(extended.getTime() - 3 * DAY), 'http://test');
    await watchDeadlines(t.box, new Date(extended.getTime() - 2 * DAY), 'http://test');
    expect(await mails()).toHaveLength(3);
    expect((await mails()).at(-1)).toBe('【啄木鸟】核查期限将至');
    await watchDeadlines(t.box, extended, 'http://test');
    expect((await mails()).slice(3)).toEqual(['【啄木鸟】核查已超期']);
  });
});

describe('"cannot be verified" goes to the level above', () => {
  test('referred up, then concluded as unverifiable: its result letter may be objected to', async () => {
    const r = await countyVerifying();
    const ref = r.reference;
    const referred = await c.ok(
      ref,
      'refer-unverifiable',
      { reason: '企业已停产搬离，现场无法复原。' },
      countyVerifier,
    );
    expect(referred.body.status).toBe('referred-up');
    expectProblem(
      await c.act(ref, 'decide-referral', { outcome: 'conclude', reason: '无法查实。' }, countyVerifier),
      403,
      'auth.forbidden',
    );
    expect(
      reason(await c.act(ref, 'decide-referral', { outcome: 'conclude', reason: '无法查实。' }, otherCountyReviewer)),
    ).toBe('not-level-above');
    const decided = await c.ok(
      ref,
      'decide-referral',
      { outcome: 'conclude', reason: '经研究，举报事项无法查实。' },
      c.staff.reviewer,
    );
    expect(decided.body.status).toBe('unverifiable');
    expect((await c.stored(ref)).conclusion).toMatchObject({ kind: 'unverifiable' });

    const letter = await c.ok(
      ref,
      'send-result-letter',
      { account: '执法人员两次到现场核查，企业已停产搬离。', handling: '上级研究后认定无法查实。' },
      c.staff.intake,
    );
    expect(letter.body.resultLetters[0]).toMatchObject({
      conclusion: expect.stringContaining('无法查实'),
      rewardConditionsMet: false,
      objectionDueAt: expect.any(String),
    });
    const token = await c.followupToken(r);
    const objected = await c
      .reporter(request(t.app).post('/api/v1/followup/objection'), token)
      .send({ reason: '企业只是换了门牌，还在原地生产。' });
    expect(objected.status).toBe(200);
    expect(objected.body.status).toBe('objected');
  });

  test('or verified again by a new verifier', async () => {
    const r = await countyVerifying();
    await c.ok(r.reference, 'refer-unverifiable', { reason: '需要公安部门配合。' }, countyVerifier);
    const reverify = { outcome: 'reverify', instructions: '请会同公安部门再次核查。' };
    expect(errorPaths(await c.act(r.reference, 'decide-referral', reverify, c.staff.reviewer))).toEqual(
      expect.arrayContaining(['body.unitCode', 'body.verifierId']),
    );
    const again = { ...reverify, unitCode: 'city-fire', verifierId: c.staff.verifier.user.id };
    // The verifying unit's own head may not decide it: the level above does.
    const refused = await c.act(r.reference, 'decide-referral', again, countyReviewer);
    expectProblem(refused, 403, 'auth.forbidden');
    expect(refused.body.reason).toBe('not-level-above');
    const res = await c.ok(r.reference, 'decide-referral', again, c.staff.reviewer);
    expect(res.body.status).toBe('assigned');
    expect(res.body.assignment).toMatchObject({ unitCode: 'city-fire', verifierId: c.staff.verifier.user.id });
    expect((await c.stored(r.reference)).conclusion).toBeUndefined();
  });
});

describe('reports of deaths', () => {
  const concealed = substantiatedFindings({
    violationKind: 'concealed-accident',
    hazardLevel: undefined,
    fineFen: undefined,
    penaltyDecisionNo: undefined,
    gradePending: true,
    concealedDeaths: 2,
  });

  test("are verified by the county's own department, flagged at acceptance", async () => {
    const r = await c.newReport();
    await c.ok(r.reference, 'start-screening');
    const city = await c.act(r.reference, 'accept', {
      unitCode: 'city-fire',
      verifierId: c.staff.verifier.user.id,
      involvesDeaths: true,
    });
    expect(city.status).toBe(400);
    expect(errorPaths(city)).toEqual(['body.unitCode']);
    const otherCounty = await c.act(r.reference, 'accept', {
      unitCode: 'emb-410502',
      verifierId: countyVerifier.user.id,
      involvesDeaths: true,
    });
    expect(otherCounty.status).toBe(400);
    expect((await c.stored(r.reference)).status).toBe('screening');

    const res = await c.ok(r.reference, 'accept', {
      unitCode: 'emb-410503',
      verifierId: countyVerifier.user.id,
      involvesDeaths: true,
    });
    expect(res.body.deathCase).toMatchObject({ flaggedAt: expect.any(String) });
    expect(res.body.deathCase.investigation).toBeUndefined();
  });

  test('the grade waits for the investigation report; the reward waits for the grade and is computed from it', async () => {
    const r = await countyVerifying({ involvesDeaths: true });
    const ref = r.reference;
    await c.ok(ref, 'submit-findings', concealed, countyVerifier);
    expect((await c.ok(ref, 'approve-findings', {}, countyReviewer)).body.status).toBe('substantiated');
    const early = await c.act(ref, 'propose-reward', {}, countyVerifier);
    expectProblem(early, 409, 'resource.stale');
    expect(reason(early)).toBe('grade-pending');

    const investigation = {
      reportNo: '安阳事调〔2026〕3号',
      issuedOn: '2026-11-28',
      grade: 'larger',
      deaths: 3,
      concealedDeaths: 2,
    };
    // 3 deaths is at least a larger accident, and the concealed deaths are among them: impossible reports change nothing.
    for (const [wrong, field] of [
      [{ grade: 'general' }, 'body.grade'],
      [{ concealedDeaths: 4 }, 'body.concealedDeaths'],
      [{ seriousInjuries: 0, directLossFen: 0, grade: 'major' }, 'body.grade'],
    ] as const) {
      const refused = await c.act(ref, 'record-investigation', { ...investigation, ...wrong }, countyReviewer);
      expectProblem(refused, 400, 'request.invalid');
      expect(errorPaths(refused)).toContain(field);
    }
    expect((await c.stored(ref)).findings).toMatchObject({ gradePending: true });
    expectProblem(await c.act(ref, 'record-investigation', investigation, countyVerifier), 403, 'auth.forbidden');
    const recorded = await c.ok(ref, 'record-investigation', investigation, countyReviewer);
    expect(recorded.body.deathCase.investigation).toMatchObject({ reportNo: investigation.reportNo, grade: 'larger' });
    expect(recorded.body.findings).toMatchObject({ accidentGrade: 'larger', gradePending: false, totalDeaths: 3 });
    expect(reason(await c.act(ref, 'record-investigation', investigation, countyReviewer))).toBe('grade-pending');

    const proposed = await c.ok(ref, 'propose-reward', {}, countyVerifier);
    const stored = await c.stored(ref);
    const expected = rewardForFindings(
      stored.findings as Parameters<typeof rewardForFindings>[0],
      { receivedAt: stored.submittedAt, decidedAt: new Date(), realName: true },
      builtInPolicies,
    );
    expect(expected.eligible && expected.quote.amountFen).toBe(8_000_000); // 2 concealed deaths × 40,000 yuan for a larger accident
    expect(proposed.body.reward).toMatchObject({ eligible: true, computedFen: 8_000_000 });
  });
});

describe('a transferred report', () => {
  test('stays tracked: the receiving department and its result are shown to the reporter, and only then may it close', async () => {
    const r = await c.newReport();
    const ref = r.reference;
    await c.ok(ref, 'start-screening');
    await c.ok(ref, 'transfer', { toUnitCode: 'city-housing', note: '属建筑施工领域，转住建部门办理。' });
    let seen = await reporterView(r);
    expect(seen.transfer).toMatchObject({
      unitName: '安阳市住房和城乡建设局 / Anyang Housing and Urban-Rural Development Bureau',
      at: expect.any(String),
    });
    expect(seen.transfer.result).toBeUndefined();

    const early = await c.act(ref, 'close', {}, c.staff.intake);
    expectProblem(early, 409, 'resource.stale');
    expect(reason(early)).toBe('transfer-result-missing');

    const result = { receivedOn: '2026-11-30', outcome: 'handled', summary: '住建部门已责令施工单位停工整改。' };
    expectProblem(await c.act(ref, 'record-transfer-result', result, c.staff.verifier), 403, 'auth.forbidden');
    const recorded = await c.ok(ref, 'record-transfer-result', result, c.staff.intake);
    expect(recorded.body.transferredTo.result).toMatchObject({ receivedOn: '2026-11-30', outcome: 'handled' });
    seen = await reporterView(r);
    expect(seen.transfer).toMatchObject({
      unitName: '安阳市住房和城乡建设局 / Anyang Housing and Urban-Rural Development Bureau',
      result: result.summary,
      receivedOn: '2026-11-30',
    });
    expect(seen.timeline.find((e: { type: string }) => e.type === 'record-transfer-result')?.note).toBe(result.summary);
    expect((await c.ok(ref, 'close', {}, c.staff.reviewer)).body.status).toBe('closed');
  });
});
