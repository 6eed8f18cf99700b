// One matter reported through several channels is one case and one reward: through
// HTTP and the real submitter, a web report and a hotline entry naming the same
// enterprise (credit code) are linked at intake; another scheme or a report outside
// the window is not; two racing submissions make one matter; the same place only
// flags; a second reward in a matter is refused until the first is refused.
import { trusted } from 'mongoose';
import request from 'supertest';
import { MatterClaim } from '../../server/reports/matterClaim.model';
import { Report } from '../../server/reports/report.model';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { inTransaction } from '../../server/platform/db';
import { matterAtIntake } from '../../server/reports/matter';
import { caseDriver, realNameReport, type Cases } from '../support/cases';
import { intakeEnv, submit } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, expectProblem } from '../support/staff';

jest.setTimeout(120_000);

let t: TestApp;
let c: Cases;

/** A unified social credit code with its check character (GB 32100-2015), from 17 characters. */
function creditCode(base: string): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = weights.reduce((s, w, i) => s + charset.indexOf(base[i]!) * w, 0);
  return base + charset[(31 - (sum % 31)) % 31];
}
let codeCounter = 0;
/** A fresh enterprise for each test, so tests do not join each other's matters. */
const newEnterprise = () => creditCode(`91410503MA${String(++codeCounter).padStart(6, '0')}0`);

/** A hotline call entered by the intake officer. */
const enter = (report: Record<string, unknown>, receivedOn?: string) =>
  as(request(t.app).post('/api/v1/reports/entered'), c.staff.intake).send({
    channel: 'hotline-12350',
    report,
    ...(receivedOn ? { receivedOn } : {}),
  });

const stored = (reference: string) => Report.findOne({ reference }).lean();

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
});
afterAll(() => t.stop());

describe('the same enterprise through several channels', () => {
  test('a web report and a hotline entry with one credit code → one matter, shown to staff side by side', async () => {
    const code = newEnterprise();
    const web = await c.newReport({ subjectCreditCode: code.toLowerCase().replace(/(.{6})/, '$1 ') });
    const call = await enter(
      realNameReport({ subjectCreditCode: code, area: '410502', description: '电话举报：商场安全出口被堵。' }),
    );
    expect(call.status).toBe(201);
    const later = (await stored(call.body.reference))!;
    expect(later.subjectCreditCode).toBe(code); // normalised on the way in
    expect(later.matter).toMatchObject({ of: web.reference, key: 'credit-code' });
    expect(later.matterKeys?.creditCode).toBe(`${code}:violation`);
    expect((await stored(web.reference))!.matter).toBeUndefined();
    expect(await MatterClaim.countDocuments({ key: `${code}:violation` })).toBe(1);

    const view = await c.view(call.body.reference).expect(200);
    expect(view.body.subjectCreditCode).toBe(code);
    expect(view.body.matter).toMatchObject({
      state: 'linked',
      key: 'credit-code',
      of: web.reference,
      earlier: { reference: web.reference, channel: 'web', subjectCreditCode: code },
    });
    expect(view.body.allowedActions).toEqual(expect.arrayContaining(['mark-duplicate', 'unlink-matter']));
  });

  test('staff confirm the link: mark-duplicate records the matter’s first case; the reporter is not told which', async () => {
    const code = newEnterprise();
    const web = await c.newReport({ subjectCreditCode: code });
    const second = await c.newReport({ subjectCreditCode: code, description: '同一商场，安全出口仍被货架堵死。' });
    const res = await c.ok(second.reference, 'mark-duplicate', {});
    expect(res.body).toMatchObject({ status: 'duplicate', duplicateOf: web.reference });
    const followup = await c
      .reporter(request(t.app).get('/api/v1/followup/report'), await c.followupToken(second))
      .expect(200);
    expect(JSON.stringify(followup.body)).not.toContain(web.reference);
    expect(followup.body.timeline.at(-1)).toMatchObject({ noteKey: 'report.same-matter' });
  });

  test('unlink-matter undoes a wrong link with a reason, audited; it is refused on a report not linked', async () => {
    const code = newEnterprise();
    const web = await c.newReport({ subjectCreditCode: code });
    const second = await c.newReport({ subjectCreditCode: code });
    const notLinked = await c.act(web.reference, 'unlink-matter', { reason: '无关联' });
    expect(notLinked.status).toBe(409);
    expect(notLinked.body.reason).toBe('not-linked');
    expect((await c.act(second.reference, 'unlink-matter', {})).status).toBe(400);
    const res = await c.ok(second.reference, 'unlink-matter', { reason: '同一企业的另一处厂区，不是同一事项。' });
    expect(res.body.matter).toMatchObject({ state: 'unlinked', of: web.reference });
    expect(res.body.allowedActions).not.toContain('unlink-matter');
    const db = (await stored(second.reference))!;
    expect(db.matter).toBeUndefined();
    expect(db.matterUnlinked).toMatchObject({ of: web.reference, byId: c.staff.intake.user.id });
    const audit = await AuditEntry.findOne({ action: 'report.unlink-matter', 'target.id': second.reference }).lean();
    expect(audit?.details).toMatchObject({ of: web.reference });
  });

  test('another reward scheme at the same enterprise (welding) → not linked', async () => {
    const code = newEnterprise();
    await c.newReport({ subjectCreditCode: code });
    const welding = await c.newReport({
      subjectCreditCode: code,
      category: 'welding-unlicensed',
      description: '厂区内有人无证进行电焊作业。',
    });
    const db = (await stored(welding.reference))!;
    expect(db.matter).toBeUndefined();
    expect(db.matterKeys?.creditCode).toBe(`${code}:welding`);
  });

  test('a report more than 90 days after the matter’s first → not linked; it opens the matter anew', async () => {
    const code = newEnterprise();
    const day = (daysAgo: number) =>
      new Date(Date.now() - daysAgo * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const letter = await enter(realNameReport({ subjectCreditCode: code }), day(100));
    expect(letter.status).toBe(201);
    const web = await c.newReport({ subjectCreditCode: code });
    expect((await stored(web.reference))!.matter).toBeUndefined();
    expect(await MatterClaim.findOne({ key: `${code}:violation` }).lean()).toMatchObject({ first: web.reference });
    // Within the window of the new first: linked to it.
    const next = await c.newReport({ subjectCreditCode: code });
    expect((await stored(next.reference))!.matter?.of).toBe(web.reference);
  });

  test('a rejected earlier case is not a matter to join', async () => {
    const code = newEnterprise();
    const first = await c.newReport({ subjectCreditCode: code });
    await c.ok(first.reference, 'reject', { reason: '举报内容不属于安全生产领域。' });
    const again = await c.newReport({ subjectCreditCode: code });
    expect((await stored(again.reference))!.matter).toBeUndefined();
  });

  test('two channels submitting the same matter at the same moment → one matter', async () => {
    const code = newEnterprise();
    const [a, b] = await Promise.all([
      submit(t.app, realNameReport({ subjectCreditCode: code })),
      enter(realNameReport({ subjectCreditCode: code, area: '410502' })),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const reports = await Report.find({ 'matterKeys.creditCode': `${code}:violation` }).lean();
    expect(reports).toHaveLength(2);
    const linked = reports.filter((r) => r.matter?.of);
    expect(linked).toHaveLength(1);
    const first = reports.find((r) => !r.matter?.of)!;
    expect(linked[0]!.matter!.of).toBe(first.reference);
    expect(await MatterClaim.find({ key: `${code}:violation` }).lean()).toEqual([
      expect.objectContaining({ first: first.reference }),
    ]);
  });

  test('two instances taking the same matter at once (no in-process queue between them) → one matter', async () => {
    // What two app instances do: each its own transaction, reading and claiming the matter, then storing the report.
    const code = newEnterprise();
    const intake = (reference: string): Promise<void> =>
      inTransaction(async (session) => {
        const now = new Date();
        const matter = await matterAtIntake(
          {
            reference,
            at: now,
            now,
            creditCode: code,
            scheme: 'violation',
            category: 'fire-exits-blocked',
            area: '410503',
          },
          session,
        );
        const report = { reference, category: 'fire-exits-blocked', sector: 'fire-safety', area: '410503' };
        await Report.create([{ ...report, description: '并发', anonymous: true, submittedAt: now, ...matter }], {
          session,
        });
      }).catch(async (e: { code?: number }) => {
        // The unique claim refused the loser's insert: the submitter runs it again, as here.
        if (e.code !== 11000) throw e;
        await intake(reference);
      });
    await Promise.all([intake('WP-RACE-000A'), intake('WP-RACE-000B')]);
    const reports = await Report.find({ reference: trusted({ $in: ['WP-RACE-000A', 'WP-RACE-000B'] }) }).lean();
    expect(reports.filter((r) => r.matter?.of)).toHaveLength(1);
    expect(await MatterClaim.countDocuments({ key: `${code}:violation` })).toBe(1);
  });
});

describe('the same place without a credit code', () => {
  test('the same address written another way, same category → flagged as likely the same, not linked', async () => {
    const first = await c.newReport({ area: '410505', address: '殷都区 纱厂路１２号（仓库）附近' });
    const second = await enter(realNameReport({ area: '410505', address: '纱厂路12号仓库' }));
    const db = (await stored(second.body.reference))!;
    expect(db.matter).toBeUndefined();
    expect(db.likelyMatter).toMatchObject({ of: first.reference, key: 'place' });
    const view = await c.view(second.body.reference).expect(200);
    expect(view.body.matter).toMatchObject({ state: 'likely', key: 'place', of: first.reference });
    expect(view.body.allowedActions).not.toContain('unlink-matter');
    // Another category at that place is not flagged.
    const other = await c.newReport({ area: '410505', address: '纱厂路12号仓库', category: 'welding-no-permit' });
    expect((await stored(other.reference))!.likelyMatter).toBeUndefined();
  });
});

describe('one matter, one reward', () => {
  test('a second reward in a matter is refused, naming the earlier case; allowed once the first is refused', async () => {
    const code = newEnterprise();
    const first = await c.reportAt('substantiated', { report: { subjectCreditCode: code } });
    const second = await c.reportAt('substantiated', { report: { subjectCreditCode: code } });
    expect((await stored(second.reference))!.matter?.of).toBe(first.reference);

    await c.ok(first.reference, 'propose-reward', {}, c.staff.verifier);
    const refused = await c.act(second.reference, 'propose-reward', {}, c.staff.verifier);
    expectProblem(refused, 409, 'reward.matter_rewarded');
    expect(refused.body.rewardedCase).toBe(first.reference);
    expect(refused.body.detail).toContain(first.reference);
    expect((await stored(second.reference))!.status).toBe('substantiated');

    // The first case's reward is refused: the matter's reward is open to the second.
    await c.ok(first.reference, 'return-reward', { reason: '重新拟定' }, c.staff.reviewer);
    await c.ok(first.reference, 'propose-reward', { noRewardReason: '举报人为该企业安全管理人员。' }, c.staff.verifier);
    await c.ok(first.reference, 'confirm-reward', {}, c.staff.reviewer);
    expect((await stored(first.reference))!.status).toBe('reward-refused');
    const allowed = await c.ok(second.reference, 'propose-reward', {}, c.staff.verifier);
    expect(allowed.body.status).toBe('reward-proposed');
  });

  test('two cases of one matter proposed at the same moment → one reward proposed, the other refused', async () => {
    const code = newEnterprise();
    const first = await c.reportAt('substantiated', { report: { subjectCreditCode: code } });
    const second = await c.reportAt('substantiated', { report: { subjectCreditCode: code } });
    const answers = await Promise.all(
      [first, second].map((r) => c.act(r.reference, 'propose-reward', {}, c.staff.verifier)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const states = await Promise.all([first, second].map(async (r) => (await stored(r.reference))!.status));
    expect(states.filter((s) => s === 'reward-proposed')).toHaveLength(1);
  });
});
