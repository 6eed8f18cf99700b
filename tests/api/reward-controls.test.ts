// Reward controls over HTTP: the leadership step for amounts beyond the band or
// above a tier (minutes at the bureau-meeting tier), the claim checks inside the
// server (claimant against the real-name reporter, the exclusion register, the
// same payee or account, the yearly cap) that hold the payment until a leader
// settles them, and who may use the register. The ID numbers and accounts given
// are then looked for in every collection: none is stored in clear.
import { noteText } from '../../shared/notes';
import crypto from 'node:crypto';
import mongoose, { trusted } from 'mongoose';
import request from 'supertest';
import { shanghaiDay } from '../../shared/dates';
import { Report } from '../../server/reports/report.model';
import { caseDriver, type Cases, type Receipt } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';
import { residentIdCheckCharacter } from '../../shared/schemas/claim';

let t: TestApp;
let c: Cases;
let leader: StaffSession;
let discipline: StaffSession;

/** A valid (checksummed) made-up resident ID number. */
function idNumber(seq: number): string {
  const body = `41050219900101${String(100 + seq).slice(-3)}`;
  return body + residentIdCheckCharacter(body);
}
const usedIds: string[] = [];
const usedAccounts: string[] = [];
/** The real-name reporter of `realNameReport` claiming, with this ID number and account. */
function claimOf(id: string, account = `6222 0210 0101 ${String(usedAccounts.length + 1000)} 678`) {
  usedIds.push(id);
  usedAccounts.push(account);
  return { name: '王五', idNumber: id, phone: '13800000000', bankName: '中国工商银行安阳分行', bankAccount: account };
}

let keyCounter = 0;
const moneyKey = () => ({ 'Idempotency-Key': `controls-${Date.now()}-${++keyCounter}` });
const today = () => shanghaiDay();
const payout = () => ({ voucherNo: `FK-C-${++keyCounter}`, paidOn: today(), claimantChecked: true });

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  leader = await openSession(t, 'leader');
  discipline = await openSession(t, 'discipline');
});
afterAll(async () => {
  await t?.stop();
});

/** A substantiated report with this fine (yuan), its reward proposed (optionally adjusted) and confirmed. */
async function reviewed(fineYuan: number, amountFen?: number): Promise<Receipt> {
  const r = await c.reportAt('substantiated', { findings: { fineFen: fineYuan * 100 } });
  const adjust = amountFen === undefined ? {} : { amountFen, adjustmentReason: '按情节调整' };
  await c.ok(r.reference, 'propose-reward', adjust, c.staff.verifier);
  await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
  return r;
}

async function approved(fineYuan = 5_000): Promise<Receipt> {
  const r = await reviewed(fineYuan);
  if ((await c.stored(r.reference)).reward?.leadershipReasons?.length)
    await c.ok(r.reference, 'approve-reward-leadership', {}, leader);
  await c.ok(r.reference, 'approve-reward', {}, c.staff.finance, moneyKey());
  return r;
}

async function claim(r: Receipt, body: object) {
  const token = await c.followupToken(r);
  return c.reporter(request(t.app).post('/api/v1/followup/claim'), token).send(body);
}

const reasonsOf = async (ref: string) => (await c.stored(ref)).reward?.leadershipReasons ?? [];

describe('the adjustment band and amount tiers', () => {
  test('the band applies on both sides of the computed amount, its edge included', async () => {
    // A 100,000-yuan fine: 15% is 15,000 yuan; ±20% is 12,000–18,000 yuan.
    const exact = await reviewed(100_000);
    expect((await c.stored(exact.reference)).reward).toMatchObject({ computedFen: 1_500_000, amountFen: 1_500_000 });
    expect(await reasonsOf(exact.reference)).toEqual([]);
    for (const [amountFen, reasons] of [
      [1_200_000, []],
      [1_199_999, ['adjusted-beyond-band']],
      [1_800_000, []],
      [1_800_001, ['adjusted-beyond-band']],
    ] as const) {
      const r = await reviewed(100_000, amountFen);
      expect(await reasonsOf(r.reference)).toEqual(reasons);
    }
  });

  test('above the deputy-director tier: finance is refused until a leader approves, who is not finance', async () => {
    // A 400,000-yuan fine: 60,000 yuan, above 50,000.
    const r = await reviewed(400_000);
    const ref = r.reference;
    expect(await reasonsOf(ref)).toEqual(['deputy-director']);
    const byFinance = await c.view(ref, c.staff.finance);
    expect(byFinance.body.reward.leadershipReasons).toEqual(['deputy-director']);
    expect(byFinance.body.allowedActions).not.toContain('approve-reward');
    const early = await c.act(ref, 'approve-reward', {}, c.staff.finance, moneyKey());
    expect(early.status).toBe(409);
    expect(early.body.reason).toBe('leadership-approval');
    expect((await c.stored(ref)).status).toBe('reward-reviewed');

    // The leader's step is theirs alone: not finance's, not the proposer's or reviewer's.
    for (const who of [c.staff.finance, c.staff.verifier, c.staff.reviewer, discipline])
      expectProblem(await c.act(ref, 'approve-reward-leadership', {}, who), 403, 'auth.forbidden');
    expect((await c.view(ref, leader)).body.allowedActions).toContain('approve-reward-leadership');
    const approval = await c.ok(ref, 'approve-reward-leadership', { comment: '同意' }, leader);
    expect(approval.body.reward.leadershipApproval).toMatchObject({ byId: leader.user.id, comment: '同意' });
    const step = (await c.stored(ref)).timeline.find((s) => s.type === 'approve-reward-leadership');
    expect(step).toMatchObject({ public: false, actorId: leader.user.id });
    expect(noteText(step!, 'zh')).toContain('分管副局长');
    // Approved once: a second approval has nothing to approve; the leader cannot reserve the money either.
    expect((await c.act(ref, 'approve-reward-leadership', {}, leader)).body.reason).toBe('nothing-to-approve');
    expectProblem(await c.act(ref, 'approve-reward', {}, leader, moneyKey()), 403, 'auth.forbidden');

    const done = await c.ok(ref, 'approve-reward', {}, c.staff.finance, moneyKey());
    expect(done.body.status).toBe('reward-approved');
  });

  test('above the bureau-meeting tier the meeting’s minutes are required', async () => {
    // A 1,000,000-yuan fine: 150,000 yuan, above 100,000 (the higher tier replaces the lower).
    const r = await reviewed(1_000_000);
    const ref = r.reference;
    expect(await reasonsOf(ref)).toEqual(['bureau-meeting']);
    const noMinutes = await c.act(ref, 'approve-reward-leadership', { meetingOn: today() }, leader);
    expectProblem(noMinutes, 400, 'request.invalid');
    expect(errorPaths(noMinutes)).toEqual(['body.meetingMinutesNo']);
    const noDay = await c.act(ref, 'approve-reward-leadership', { meetingMinutesNo: '局务会纪要〔2026〕9号' }, leader);
    expect(errorPaths(noDay)).toEqual(['body.meetingOn']);
    expect((await c.stored(ref)).reward?.leadershipApproval).toBeFalsy();
    await c.ok(
      ref,
      'approve-reward-leadership',
      { meetingMinutesNo: '局务会纪要〔2026〕9号', meetingOn: today() },
      leader,
    );
    expect((await c.stored(ref)).reward?.leadershipApproval).toMatchObject({
      byId: leader.user.id,
      meetingMinutesNo: '局务会纪要〔2026〕9号',
      meetingOn: today(),
    });
    expect((await c.ok(ref, 'approve-reward', {}, c.staff.finance, moneyKey())).body.status).toBe('reward-approved');
  });

  test('the leader queue lists rewards waiting for a leader and not the others', async () => {
    const waiting = await reviewed(400_000);
    const plain = await reviewed(5_000);
    const queue = await c.get('/api/v1/reports?queue=leadership&pageSize=100', leader);
    expect(queue.status).toBe(200);
    const refs = queue.body.items.map((i: { reference: string }) => i.reference);
    expect(refs).toContain(waiting.reference);
    expect(refs).not.toContain(plain.reference);
  });
});

describe('the claim, checked inside the server', () => {
  test('a claimant who is not the real-name reporter is refused without saying what differs, and nothing is stored', async () => {
    const r = await approved();
    const before = await c.stored(r.reference);
    const wrongName = await claim(r, { ...claimOf(idNumber(1)), name: '王六' });
    const wrongPhone = await claim(r, { ...claimOf(idNumber(1)), phone: '13800000001' });
    for (const res of [wrongName, wrongPhone]) expectProblem(res, 409, 'reward.claimant_mismatch');
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined, requestId: undefined });
    expect(strip(wrongName.body)).toEqual(strip(wrongPhone.body));
    const after = await c.stored(r.reference);
    expect(after.status).toBe('reward-approved');
    expect(after.revision).toBe(before.revision);
    expect(after.reward?.claimSealed).toBeFalsy();
    expect(after.reward?.claimChecks).toBeFalsy();

    // The same person written with spaces, full-width characters and the country code is the reporter.
    const same = await claim(r, { ...claimOf(idNumber(2)), name: ' 王 五 ', phone: '+8613800000000' });
    expect(same.status).toBe(200);
    expect((await c.stored(r.reference)).reward?.claimChecks).toMatchObject({ samePayeeRewards: 0 });
  });

  test('an anonymous report’s claim has no one to compare with', async () => {
    const r = await c.reportAt('substantiated', { report: { anonymous: true, reporter: undefined } });
    // The policies in force reward anonymous reports (an assumed decision the bureau may change).
    await c.ok(r.reference, 'propose-reward', {}, c.staff.verifier);
    await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
    await c.ok(r.reference, 'approve-reward', {}, c.staff.finance, moneyKey());
    expect((await claim(r, { ...claimOf(idNumber(3)), name: '匿名人', phone: '13900000000' })).status).toBe(200);
    expect((await c.stored(r.reference)).status).toBe('reward-claimed');
  });

  test('the exclusion register: added by discipline, listed without the number, flags the claim; payout waits for a leader', async () => {
    const listed = idNumber(10);
    const add = await as(request(t.app).post('/api/v1/rewards/exclusions'), discipline).send({
      idNumber: listed,
      kind: 'relative',
      note: '监管科工作人员近亲属',
    });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ kind: 'relative', note: '监管科工作人员近亲属', addedById: discipline.user.id });
    usedIds.push(listed);
    const again = await as(request(t.app).post('/api/v1/rewards/exclusions'), discipline).send({
      idNumber: listed.toLowerCase(),
      kind: 'staff',
      note: '重复',
    });
    expectProblem(again, 409, 'resource.conflict');
    const bad = await as(request(t.app).post('/api/v1/rewards/exclusions'), discipline).send({
      idNumber: '110105194912310021',
      kind: 'staff',
      note: 'x',
    });
    expectProblem(bad, 400, 'request.invalid');
    expect(errorPaths(bad)).toEqual(['body.idNumber']);

    const list = await as(request(t.app).get('/api/v1/rewards/exclusions'), c.staff.admin, null);
    expect(list.status).toBe(200);
    expect(list.body.entries).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(listed);
    expect(JSON.stringify(list.body)).not.toContain(listed.slice(0, 17));

    const r = await approved();
    const ref = r.reference;
    expect((await claim(r, claimOf(listed))).status).toBe(200);
    const view = await c.view(ref, c.staff.finance);
    expect(view.body.reward.claimChecks).toMatchObject({ flags: ['exclusion-register'], exclusionHit: true });
    expect(JSON.stringify(view.body)).not.toContain((await c.stored(ref)).reward!.claimChecks!.payeeIndex);
    expect(view.body.allowedActions).not.toContain('record-payout');
    const early = await c.act(ref, 'record-payout', payout(), c.cashier, moneyKey());
    expect(early.status).toBe(409);
    expect(early.body.reason).toBe('claim-flagged');
    const queue = await c.get('/api/v1/reports?queue=leadership&pageSize=100', leader);
    expect(queue.body.items.map((i: { reference: string }) => i.reference)).toContain(ref);

    for (const who of [c.staff.finance, c.cashier, c.staff.verifier, c.staff.reviewer, discipline])
      expectProblem(await c.act(ref, 'clear-claim-flags', { reason: '核实' }, who), 403, 'auth.forbidden');
    expectProblem(await c.act(ref, 'clear-claim-flags', {}, leader), 400, 'request.invalid');
    await c.ok(ref, 'clear-claim-flags', { reason: '经核实，系同名登记错误，非监管人员亲属' }, leader);
    const settled = (await c.stored(ref)).reward!.claimChecks!;
    expect(settled).toMatchObject({
      clearedById: leader.user.id,
      clearReason: '经核实，系同名登记错误，非监管人员亲属',
    });
    expect((await c.ok(ref, 'record-payout', payout(), c.cashier, moneyKey())).body.status).toBe('reward-paid');

    // Removing the entry is audited; the list is then empty.
    const id = list.body.entries[0].id as string;
    for (const who of [c.staff.finance, c.staff.verifier, c.staff.reviewer, c.staff.intake, leader])
      expectProblem(await as(request(t.app).delete(`/api/v1/rewards/exclusions/${id}`), who), 403, 'auth.forbidden');
    expect(await mongoose.connection.db!.collection('reward_exclusions').countDocuments()).toBe(1);
    expect((await as(request(t.app).delete(`/api/v1/rewards/exclusions/${id}`), discipline)).status).toBe(204);
    expect((await as(request(t.app).get('/api/v1/rewards/exclusions'), discipline, null)).body.entries).toEqual([]);
    const audit = mongoose.connection.db!.collection('audit_log');
    expect(await audit.countDocuments({ action: 'rewards.exclusion_added' })).toBe(1);
    expect(await audit.countDocuments({ action: 'rewards.exclusion_removed' })).toBe(1);
  });

  test('the same ID number on a second claim is flagged with the count and total; sending the claim back clears it', async () => {
    const payee = idNumber(20);
    const first = await approved();
    expect((await claim(first, claimOf(payee))).status).toBe(200);
    expect((await c.stored(first.reference)).reward?.claimChecks?.flags ?? []).toEqual([]);
    const firstAmount = (await c.stored(first.reference)).reward!.amountFen;

    const second = await approved();
    expect((await claim(second, claimOf(payee))).status).toBe(200);
    const view = await c.view(second.reference, leader);
    expect(view.body.reward.claimChecks).toMatchObject({
      flags: ['same-payee'],
      samePayeeRewards: 1,
      samePayeeTotalFen: firstAmount,
      sameAccountRewards: 0,
    });
    expect((await c.view(second.reference, c.staff.finance)).body.allowedActions).toContain('reject-claim');

    // Finance sends the claim back: its checks go with it, and the corrected claim is checked again.
    await c.ok(second.reference, 'reject-claim', { reason: '请核对身份证号' }, c.staff.finance);
    const returned = await c.stored(second.reference);
    expect(returned.status).toBe('reward-approved');
    expect(returned.reward?.claimChecks).toBeFalsy();
    const sharedAccount = usedAccounts[usedAccounts.length - 2];
    expect((await claim(second, claimOf(idNumber(21), sharedAccount))).status).toBe(200);
    expect((await c.stored(second.reference)).reward?.claimChecks).toMatchObject({
      flags: ['same-account'],
      samePayeeRewards: 0,
      sameAccountRewards: 1,
      sameAccountTotalFen: firstAmount,
    });
  });

  test('over the yearly cap for one payee', async () => {
    // Two rewards of 60,000 yuan to one payee in a year: 120,000 is over the 100,000 cap.
    const payee = idNumber(30);
    const first = await approved(400_000);
    expect((await claim(first, claimOf(payee))).status).toBe(200);
    expect((await c.stored(first.reference)).reward?.claimChecks).toMatchObject({
      payeeYearTotalFen: 6_000_000,
      overYearlyCap: false,
    });
    const second = await approved(400_000);
    expect((await claim(second, claimOf(payee))).status).toBe(200);
    const checks = (await c.stored(second.reference)).reward?.claimChecks;
    expect(checks).toMatchObject({ payeeYearTotalFen: 12_000_000, overYearlyCap: true });
    expect(checks?.flags).toEqual(['same-payee', 'over-yearly-cap']);
  });
});

describe('who may use the controls', () => {
  test('the register is for administrators and the discipline officer only', async () => {
    for (const who of [c.staff.finance, c.staff.verifier, c.staff.reviewer, c.staff.intake, leader]) {
      expectProblem(await as(request(t.app).get('/api/v1/rewards/exclusions'), who, null), 403, 'auth.forbidden');
      const add = await as(request(t.app).post('/api/v1/rewards/exclusions'), who).send({
        idNumber: idNumber(40),
        kind: 'staff',
        note: '测试',
      });
      expectProblem(add, 403, 'auth.forbidden');
    }
    expect(await mongoose.connection.db!.collection('reward_exclusions').countDocuments()).toBe(0);
  });
});

/** Every collection as text. */
async function everythingInTheDatabase(): Promise<string> {
  const db = mongoose.connection.db!;
  const parts: string[] = [];
  for (const { name } of await db.listCollections().toArray())
    parts.push(JSON.stringify(await db.collection(name).find().toArray()));
  return parts.join('\n');
}
const forms = (value: string) => {
  const digest = crypto.createHash('sha256').update(value).digest();
  return [value, digest.toString('hex'), digest.toString('base64'), digest.toString('base64url')];
};

test('no ID number or account given in a claim or to the register is stored in clear or as a plain hash', async () => {
  expect(usedIds.length).toBeGreaterThan(5);
  expect(
    await Report.countDocuments({ 'reward.claimChecks.payeeIndex': trusted({ $type: 'string' }) }),
  ).toBeGreaterThan(3);
  const stored = await everythingInTheDatabase();
  const secrets = [...usedIds, ...usedAccounts, ...usedAccounts.map((a) => a.replace(/\s/g, ''))].flatMap(forms);
  expect(secrets.filter((s) => stored.includes(s))).toEqual([]);
});
