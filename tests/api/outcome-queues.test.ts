// The queues for the work after a conclusion: decisions awaiting a reviewer
// (objections, referrals, extension requests), result letters still to send, and
// rectifications awaiting re-inspection or sign-off — each lists exactly its reports.
import { shanghaiDay } from '../../shared/dates';
import request from 'supertest';
import { jpeg } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as } from '../support/staff';
import { caseDriver, type Cases } from '../support/cases';

let t: TestApp;
let c: Cases;

beforeAll(async () => {
  t = await startTestApp();
  c = await caseDriver(t);
});
afterAll(async () => {
  await t?.stop();
});

async function queue(name: string, who = c.staff.reviewer): Promise<string[]> {
  const res = await c.get(`/api/v1/reports?queue=${name}&pageSize=100`, who);
  expect(res.status).toBe(200);
  return (res.body.items as { reference: string }[]).map((i) => i.reference);
}

test('to-decide lists extension requests and referrals until they are decided', async () => {
  const asked = await c.reportAt('verifying');
  const referred = await c.reportAt('verifying');
  const plain = await c.reportAt('verifying');
  await c.ok(asked.reference, 'request-extension', { days: 10, reason: '需要检测报告' }, c.staff.verifier);
  await c.ok(referred.reference, 'refer-unverifiable', { reason: '企业已关停，无法进入现场' }, c.staff.verifier);
  let listed = await queue('to-decide');
  expect(listed).toEqual(expect.arrayContaining([asked.reference, referred.reference]));
  expect(listed).not.toContain(plain.reference);

  await c.ok(asked.reference, 'approve-extension', { reason: '检测机构排期' }, c.staff.reviewer);
  await c.ok(referred.reference, 'decide-referral', { outcome: 'conclude', reason: '现场已灭失' }, c.staff.reviewer);
  listed = await queue('to-decide');
  expect(listed).not.toContain(asked.reference);
  expect(listed).not.toContain(referred.reference);
});

test('letters-due lists concluded reports until their result letter is sent', async () => {
  const concluded = await c.reportAt('findings-submitted', {
    findings: { substantiated: false, violationKind: undefined },
  });
  await c.ok(concluded.reference, 'approve-findings', {}, c.staff.reviewer);
  expect(await queue('letters-due', c.staff.intake)).toContain(concluded.reference);
  await c.ok(concluded.reference, 'send-result-letter', { account: '现场核查未发现问题。', handling: '不予处理。' });
  expect(await queue('letters-due', c.staff.intake)).not.toContain(concluded.reference);
});

test('rectification lists reports with a task awaiting re-inspection, for verifiers and reviewers', async () => {
  // An illegal operation, not a major hazard: no sign-off after the re-inspection.
  const r = await c.reportAt('substantiated', {
    findings: { violationKind: 'illegal-operation', hazardLevel: undefined },
  });
  const dueOn = shanghaiDay(new Date(Date.now() + 20 * 86_400_000));
  await c.ok(
    r.reference,
    'order-rectification',
    { orderNo: '安应急责改〔2026〕001号', enterprise: '某商场', unitCode: 'city-fire', dueOn, major: false },
    c.staff.verifier,
  );
  expect(await queue('rectification', c.staff.verifier)).toContain(r.reference);
  const inspectedOn = shanghaiDay();
  const res = await as(request(t.app).post(`/api/v1/reports/${r.reference}/reinspections`), c.staff.verifier)
    .field(
      'reinspection',
      JSON.stringify({ taskId: 'R1', inspectedOn, result: 'completed', note: '通道已清理', stages: ['after'] }),
    )
    .attach('evidence', await jpeg(), { filename: 'after.jpg', contentType: 'image/jpeg' });
  expect(res.status).toBe(200);
  expect(await queue('rectification', c.staff.reviewer)).not.toContain(r.reference);
});
