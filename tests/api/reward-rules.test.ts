// The reward rules over HTTP: a coal-mine report is transferred, not verified for
// the city scheme; the employee uplift follows the verifier's recorded fact, shown
// beside the reporter's word; the reward keeps the documents applied; a letter
// entered later is judged by the day it was received.
import request from 'supertest';
import { shanghaiDay } from '../../shared/dates';
import { caseDriver, realNameReport, type Cases } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, errorPaths, expectProblem } from '../support/staff';

let t: TestApp;
let c: Cases;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
});
afterAll(async () => {
  await t?.stop();
});

describe('a coal-mine report is outside the city scheme', () => {
  test('the staff view names the channel, accepting is refused with "transfer it", the transfer goes through', async () => {
    const r = await c.newReport({ category: 'coal-mine-illegal-mining', area: '410506' });
    const ref = r.reference;
    await c.ok(ref, 'start-screening');
    const view = (await c.view(ref)).body;
    expect(view.outsideScheme).toMatchObject({
      channelUnitCode: 'mine-safety-henan',
      channelName: { zh: '国家矿山安全监察局河南局' },
    });
    expect(view.outsideScheme.reason.zh).toContain('不属于本市安全生产领域举报奖励范围');
    expect(view.allowedActions).toContain('transfer');
    expect(view.allowedActions).not.toContain('accept');

    const accepted = await c.act(ref, 'accept', { unitCode: 'city-energy', verifierId: c.staff.verifier.user.id });
    expect(accepted.status).toBe(409);
    expect(accepted.body.reason).toBe('transfer-outside-scheme');
    expect((await c.stored(ref)).status).toBe('screening');

    const moved = await c.ok(ref, 'transfer', { toUnitCode: 'mine-safety-henan', note: view.outsideScheme.reason.zh });
    expect(moved.body.status).toBe('transferred');
  });

  test('a non-coal mine is accepted as before', async () => {
    const r = await c.newReport({ category: 'non-coal-illegal-mining' });
    await c.ok(r.reference, 'start-screening');
    expect((await c.view(r.reference)).body.outsideScheme).toBeUndefined();
    await c.ok(r.reference, 'accept', { unitCode: 'city-emb', verifierId: c.staff.verifier.user.id });
  });
});

describe('the employee uplift follows the verifier', () => {
  test("the reporter's word alone raises nothing; the recorded fact with its proof does; both are shown", async () => {
    const says = await c.reportAt('substantiated', { report: { employeeOfSubject: true } });
    let view = (await c.view(says.reference)).body;
    expect(view.employment).toEqual({ reporterSays: true, verified: false });
    const plain = await c.ok(says.reference, 'propose-reward', {}, c.staff.verifier);
    expect(plain.body.reward).toMatchObject({ eligible: true, computedFen: 300_000 });

    const proof = '劳动合同及 2026 年 10 月工资单';
    const verified = await c.reportAt('substantiated', {
      findings: { employeeOfSubject: true, employmentProof: proof },
    });
    view = (await c.view(verified.reference)).body;
    expect(view.employment).toEqual({ reporterSays: false, verified: true, proof });
    const raised = await c.ok(verified.reference, 'propose-reward', {}, c.staff.verifier);
    expect(raised.body.reward).toMatchObject({ eligible: true, computedFen: 400_000 });
  });

  test('employment recorded without its proof is refused naming employmentProof', async () => {
    const r = await c.reportAt('verifying');
    const res = await c.act(
      r.reference,
      'submit-findings',
      {
        inspectedOn: '2026-11-20',
        summary: '属实。',
        substantiated: true,
        violationKind: 'illegal-operation',
        alreadyKnownAndHandled: false,
        employeeOfSubject: true,
      },
      c.staff.verifier,
    );
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual(['body.employmentProof']);
  });
});

describe('the reward keeps the documents applied', () => {
  test('stored with the reward, never the welding rule for a major hazard', async () => {
    const r = await c.reportAt('substantiated');
    await c.ok(r.reference, 'propose-reward', {}, c.staff.verifier);
    const stored = await c.stored(r.reference);
    const numbers = stored.reward!.documents!.map((d) => d.number || d.title?.zh);
    expect(numbers).toContain('安安委〔2022〕14号');
    expect(numbers.join()).not.toContain('焊接');
    // Staff see the same documents on the case, not only the version's id.
    const view = await c.view(r.reference, c.staff.reviewer);
    expect(view.body.reward.documents.map((d: { number: string }) => d.number)).toContain('安安委〔2022〕14号');
  });
});

describe('a letter entered later', () => {
  const enter = (body: object) =>
    as(request(t.app).post('/api/v1/reports/entered'), c.staff.intake).send({
      channel: 'letter',
      report: realNameReport(),
      ...body,
    });

  test('records the day it was received, which selects the policy', async () => {
    const receipt = await enter({ receivedOn: '2025-05-20' });
    expect(receipt.status).toBe(201);
    const ref = receipt.body.reference as string;
    expect(shanghaiDay((await c.stored(ref)).receivedAt!)).toBe('2025-05-20');
    const submitted = (await c.stored(ref)).timeline[0]!;
    expect(submitted).toMatchObject({ noteKey: 'report.channel', noteParams: { channel: 'letter' } });
    expect(submitted.actorId).toBeDefined();
    expect((await c.view(ref)).body.receivedAt).toBeDefined();
    const verifierId = c.staff.verifier.user.id;
    await c.ok(ref, 'start-screening');
    await c.ok(ref, 'accept', { unitCode: 'city-fire', verifierId });
    await c.ok(ref, 'start-verification', {}, c.staff.verifier);
    await c.ok(
      ref,
      'submit-findings',
      {
        inspectedOn: '2026-11-20',
        summary: '属实。',
        substantiated: true,
        violationKind: 'illegal-operation',
        alreadyKnownAndHandled: false,
      },
      c.staff.verifier,
    );
    await c.ok(ref, 'approve-findings', {}, c.staff.reviewer);
    const proposed = await c.ok(ref, 'propose-reward', {}, c.staff.verifier);
    // 2025-05-20 is before the 2025 Henan revision: the 2023 rules apply, and the explanation says the day.
    expect(proposed.body.reward.policy).toBe('henan-2023');
    expect(proposed.body.reward.explanation[0].zh).toContain('举报日期 2025-05-20');
  });

  test('a day received in the future is refused naming receivedOn', async () => {
    const res = await enter({ receivedOn: '2999-01-01' });
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual(['body.receivedOn']);
  });
});
