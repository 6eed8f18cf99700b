// What the reporter reads in follow-up, over HTTP: who asked each question (by the
// role its author held, never a name), and the reward's explanation as what applies,
// without the marks on values the bureau has not confirmed (those stay for staff).
import request from 'supertest';
import { Report } from '../../server/reports/report.model';
import { caseDriver, type Cases, type Receipt } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { approvedReward } from '../support/paidReward';
import { startTestApp, type TestApp } from '../support/server';
import { as } from '../support/staff';

let t: TestApp;
let c: Cases;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
});

afterAll(async () => {
  await t?.stop();
});

async function reporterView(receipt: Receipt) {
  const res = await c.reporter(request(t.app).get('/api/v1/followup/report'), await c.followupToken(receipt));
  expect(res.status).toBe(200);
  return res.body as {
    messages: { from: string; role?: string; body: string }[];
    reward?: { explanation: { zh: string; en: string }[] };
  };
}

describe('who asked', () => {
  test('the intake officer’s question reaches the reporter as from intake, the verifier’s as from the verifier', async () => {
    const intakeAsks = await c.newReport();
    await c.ok(intakeAsks.reference, 'request-information', { message: '请问是哪一层的安全出口？' }, c.staff.intake);

    const verifierAsks = await c.reportAt('verifying');
    const sent = await as(
      request(t.app).post(`/api/v1/reports/${verifierAsks.reference}/messages`),
      c.staff.verifier,
    ).send({ body: '现场没有找到货架，请问具体在哪个门？' });
    expect(sent.status).toBe(200);

    // The server keeps the author's role beside their id; the reporter gets the role alone.
    expect((await c.stored(intakeAsks.reference)).messages[0]).toMatchObject({ staffRole: 'intake' });
    expect((await reporterView(intakeAsks)).messages).toEqual([
      { at: expect.any(String), from: 'staff', role: 'intake', body: '请问是哪一层的安全出口？' },
    ]);
    const seen = await reporterView(verifierAsks);
    expect(seen.messages).toEqual([
      { at: expect.any(String), from: 'staff', role: 'verifier', body: '现场没有找到货架，请问具体在哪个门？' },
    ]);
    const verifier = c.staff.verifier.user;
    // Never who: not the staff member's id nor their name (the demo username is the role's own word).
    for (const hidden of [verifier.id, verifier.displayName]) expect(JSON.stringify(seen)).not.toContain(hidden);
  });

  test('a message kept before roles were has no role: the page says "staff", not a guessed role', async () => {
    const receipt = await c.newReport();
    await c.ok(receipt.reference, 'request-information', { message: '请补充照片。' }, c.staff.intake);
    await Report.updateOne({ reference: receipt.reference }, { $unset: { 'messages.0.staffRole': '' } });
    const [message] = (await reporterView(receipt)).messages;
    expect(message).toEqual({ at: expect.any(String), from: 'staff', body: '请补充照片。' });
  });
});

describe('the reward explanation the reporter reads', () => {
  test('says what applies: the stored lines carry the assumption marks for staff, the reporter’s have none', async () => {
    const receipt = await approvedReward(t, c);
    const stored = (await c.stored(receipt.reference)).reward!.explanation;
    expect(stored.map((l) => `${l.zh} ${l.en}`).join('\n')).toMatch(/暂定|assumed/);
    const staffView = await c.view(receipt.reference, c.staff.verifier);
    expect(JSON.stringify(staffView.body.reward.explanation)).toMatch(/暂定|assumed/);

    const { reward } = await reporterView(receipt);
    expect(reward!.explanation).toHaveLength(stored.length);
    expect(JSON.stringify(reward)).not.toMatch(/暂定|assumed/i);
  });
});
