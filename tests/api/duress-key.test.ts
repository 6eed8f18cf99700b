// The duress key (应急码): set once and shown once from follow-up; signing in with it opens a
// decoy session that sees the report withdrawn, while the case is flagged to protection staff
// only. The real key keeps working as before.
import request from 'supertest';
import { FollowupSession } from '../../server/reports/followupSession.model';
import { Report } from '../../server/reports/report.model';
import { Staff } from '../../server/staff/staff.model';
import { caseDriver, type Cases, type Receipt } from '../support/cases';
import { claimDetails } from '../support/paidReward';
import { intakeEnv, jpeg } from '../support/intake';
import { queuedMails } from '../support/outbox';
import { startTestApp, type TestApp } from '../support/server';
import { expectProblem, type StaffSession, openSession } from '../support/staff';

let t: TestApp;
let c: Cases;
let protection: StaffSession;
const PROTECTION_MAIL = 'protection.duress@example.test';

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  protection = await openSession(t, 'protection');
  await Staff.updateOne({ _id: protection.user.id }, { $set: { email: PROTECTION_MAIL } });
});
afterAll(async () => {
  await t?.stop();
});

const signInWith = (reference: string, accessKey: string) =>
  request(t.app).post('/api/v1/followup/sessions').set('X-Forwarded-For', '10.7.0.1').send({ reference, accessKey });
const setKey = (token: string) => c.reporter(request(t.app).post('/api/v1/followup/duress-key'), token).send({});
const viewOf = (token: string) => c.reporter(request(t.app).get('/api/v1/followup/report'), token);

async function withDuressKey(receipt: Receipt): Promise<{ token: string; duressKey: string }> {
  const token = await c.followupToken(receipt);
  const res = await setKey(token);
  expect(res.status).toBe(201);
  return { token, duressKey: res.body.duressKey as string };
}

/** The keys of a view, nested arrays and objects included: its shape. */
function shapeOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shapeOf);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, shapeOf((v as Record<string, unknown>)[k])]),
    );
  return typeof v;
}

test('set once, shown once: a keyed hash stored, a second request refused', async () => {
  const receipt = await c.newReport();
  const { token, duressKey } = await withDuressKey(receipt);
  expect(duressKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  expect(duressKey).not.toBe(receipt.accessKey);
  const stored = await c.stored(receipt.reference);
  expect(stored.duressKeyHash).toMatch(/^h1:/);
  expect(JSON.stringify(stored)).not.toContain(duressKey);
  expectProblem(await setKey(token), 409, 'followup.duress_key_set');
  expectProblem(await setKey(await c.followupToken(receipt)), 409, 'followup.duress_key_set');
  expect((await c.stored(receipt.reference)).duressKeyHash).toBe(stored.duressKeyHash);
  expect((await viewOf(token)).body.duressKeySet).toBe(true);
});

test('the follow-up view says whether one is set', async () => {
  const receipt = await c.newReport();
  const token = await c.followupToken(receipt);
  expect((await viewOf(token)).body.duressKeySet).toBe(false);
});

describe('signing in with the duress key', () => {
  test('shows a decoy withdrawn view of the same shape as a real withdrawn report’s', async () => {
    const receipt = await c.reportAt('verifying');
    const { duressKey } = await withDuressKey(receipt);
    const decoy = await signInWith(receipt.reference, duressKey);
    expect(decoy.status).toBe(201);
    expect(Object.keys(decoy.body).sort()).toEqual(['expiresAt', 'token']);
    const view = (await viewOf(decoy.body.token)).body;
    expect(view).toMatchObject({ reference: receipt.reference, status: 'withdrawn', messages: [] });
    // As a real withdrawal made at that moment shows it.
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'start-screening',
      'accept',
      'start-verification',
      'withdrawn',
    ]);
    expect(view.reward).toBeUndefined();
    expect(view.duressKeySet).toBeUndefined();

    // A real withdrawal at the same stage, for comparison.
    const real = await c.reportAt('verifying');
    const realToken = await c.followupToken(real);
    expect((await c.reporter(request(t.app).post('/api/v1/followup/withdraw'), realToken).send({})).status).toBe(204);
    const realView = (await viewOf(realToken)).body;
    expect(shapeOf(view)).toEqual(shapeOf(realView));

    // The case itself is unchanged.
    expect((await c.stored(receipt.reference)).status).toBe('verifying');
  });

  test('flags the case to protection staff only: a signal, a protection case in the queue, a content-free mail', async () => {
    const receipt = await c.reportAt('assigned');
    const { duressKey } = await withDuressKey(receipt);
    const before = (await queuedMails(t.box, { to: PROTECTION_MAIL })).length;
    expect((await signInWith(receipt.reference, duressKey)).status).toBe(201);

    const stored = await c.stored(receipt.reference);
    // Protecting the case (which every case worker sees) is the officer's own assessment, not the signal's.
    expect(stored.protection?.protected).toBeFalsy();
    expect(stored.protection?.duressSignals).toEqual([{ at: expect.any(Date), context: 'sign-in' }]);
    expect(stored.protection?.cases).toEqual([expect.objectContaining({ caseNo: 'PC-1', source: 'duress' })]);
    const session = await FollowupSession.findOne({ reference: receipt.reference, decoy: true }).lean();
    expect(session).toBeTruthy();

    const mails = (await queuedMails(t.box, { to: PROTECTION_MAIL })).slice(before);
    expect(mails).toHaveLength(1);
    // The same content-free notice as every protection mail: no reference, nothing urgent.
    // protectionChanges' subject (not imported here: loaded before the pipeline it would meet it half-loaded).
    expect(mails[0].subject).toBe('【啄木鸟】待办事项提醒 / Woodpecker: an item awaits you');
    for (const text of [mails[0].subject, mails[0].text]) {
      expect(text).not.toContain(receipt.reference);
      expect(text).not.toMatch(/紧急|立即|马上|应急|胁迫|举报|urgent|now|immediately|duress|alert|retaliat/i);
    }

    const queue = await c.get('/api/v1/reports?queue=protection&pageSize=100', protection);
    expect(queue.status).toBe(200);
    expect((queue.body.items as { reference: string }[]).map((i) => i.reference)).toContain(receipt.reference);

    const forProtection = (await c.view(receipt.reference, protection)).body;
    expect(forProtection.duressSignals).toEqual([{ at: expect.any(String), context: 'sign-in' }]);
    expect(forProtection.timeline.map((e: { type: string }) => e.type)).toContain('duress-signal');

    // Nobody else sees a trace of it in the case view.
    for (const who of [c.staff.intake, c.staff.verifier, c.staff.reviewer]) {
      const view = (await c.view(receipt.reference, who)).body;
      expect(view.duressSignals).toBeUndefined();
      expect(JSON.stringify(view)).not.toMatch(/duress/);
    }
    // A second use opens no second case.
    expect((await signInWith(receipt.reference, duressKey)).status).toBe(201);
    const again = await c.stored(receipt.reference);
    expect(again.protection?.duressSignals).toHaveLength(2);
    expect(again.protection?.cases).toHaveLength(1);
  });

  test('withdrawing in the decoy is refused as withdrawn and only records a signal; other steps are refused as withdrawn', async () => {
    const receipt = await c.reportAt('verifying');
    const { duressKey } = await withDuressKey(receipt);
    const decoy = (await signInWith(receipt.reference, duressKey)).body.token as string;
    const before = await c.stored(receipt.reference);

    const res = await c.reporter(request(t.app).post('/api/v1/followup/withdraw'), decoy).send({ reason: '不举报了' });
    expectProblem(res, 409, 'report.closed');
    const after = await c.stored(receipt.reference);
    expect(after.status).toBe('verifying');
    expect(after.reporterWithdrawal).toBeFalsy();
    expect(after.protection?.duressSignals?.map((s) => s.context)).toEqual(['sign-in', 'withdrawal']);
    expect(after.timeline.slice(before.timeline.length).map((e) => [e.type, e.public])).toEqual([
      ['duress-signal', false],
    ]);
    expect(after.messages).toEqual(before.messages);

    expectProblem(
      await c.reporter(request(t.app).post('/api/v1/followup/messages'), decoy).send({ body: '你好' }),
      409,
      'report.closed',
    );
    expectProblem(await setKey(decoy), 409, 'report.closed');
    // Each as a withdrawn report answers it.
    expectProblem(
      await c.reporter(request(t.app).post('/api/v1/followup/objection'), decoy).send({ reason: '不服' }),
      409,
      'report.not_objectable',
    );
    expectProblem(
      await c.reporter(request(t.app).post('/api/v1/followup/appeal'), decoy).send({ reason: '金额不对，请复查' }),
      409,
      'reward.not_appealable',
    );
    expect((await c.stored(receipt.reference)).messages).toEqual(before.messages);
  });

  test('the real key still opens the real view; a wrong key is still 401', async () => {
    const receipt = await c.reportAt('verifying');
    const { duressKey } = await withDuressKey(receipt);
    await signInWith(receipt.reference, duressKey);
    const realToken = await c.followupToken(receipt);
    const real = (await viewOf(realToken)).body;
    expect(real.status).toBe('verifying');
    expect(real.duressKeySet).toBe(true);
    const sent = await c
      .reporter(request(t.app).post('/api/v1/followup/messages'), realToken)
      .send({ body: '补充说明' });
    expect(sent.status).toBe(204);

    expectProblem(await signInWith(receipt.reference, 'ABCD-EFGH-JKMN-PQRS-TVWX'), 401, 'followup.invalid_credentials');
    // The duress key of one report opens no other.
    const other = await c.newReport();
    expectProblem(await signInWith(other.reference, duressKey), 401, 'followup.invalid_credentials');
    expect((await Report.findOne({ reference: other.reference }).lean())?.protection).toBeFalsy();
  });
});

describe('a decoy session is answered as a real withdrawn report is', () => {
  /** Every follow-up step, in an order where the withdrawal comes last but one. */
  async function answersOf(token: string): Promise<Record<string, unknown>> {
    const photo = await jpeg();
    const as = (req: request.Test) => c.reporter(req, token);
    const post = (path: string) => as(request(t.app).post(path));
    const calls: Record<string, () => request.Test> = {
      view: () => as(request(t.app).get('/api/v1/followup/report')),
      messages: () => post('/api/v1/followup/messages').send({ body: '补充说明' }),
      evidence: () =>
        post('/api/v1/followup/evidence').attach('evidence', photo, { filename: 'a.jpg', contentType: 'image/jpeg' }),
      claim: () => post('/api/v1/followup/claim').send(claimDetails),
      appeal: () => post('/api/v1/followup/appeal').send({ reason: '金额不对，请复查' }),
      objection: () => post('/api/v1/followup/objection').send({ reason: '不服' }),
      stillThere: () =>
        post('/api/v1/followup/still-there')
          .field('body', '隐患仍在')
          .attach('evidence', photo, { filename: 'b.jpg', contentType: 'image/jpeg' }),
      resultLetter: () => as(request(t.app).get('/api/v1/followup/result-letters/1/pdf')),
      rewardNotice: () => as(request(t.app).get('/api/v1/followup/reward-notice.pdf')),
      checkIn: () => post('/api/v1/followup/check-in').send({ harm: false }),
      retaliation: () => post('/api/v1/followup/retaliation').send({ kinds: ['dismissal'], body: '被辞退了' }),
      duressKey: () => post('/api/v1/followup/duress-key').send({}),
      withdraw: () => post('/api/v1/followup/withdraw').send({ reason: '不举报了' }),
      viewAfter: () => as(request(t.app).get('/api/v1/followup/report')),
    };
    const out: Record<string, unknown> = {};
    for (const [name, call] of Object.entries(calls)) {
      const res = await call();
      out[name] = {
        status: res.status,
        code: res.body?.code,
        ...(res.status === 200 ? { shape: shapeOf(res.body) } : {}),
      };
    }
    return out;
  }

  test.each(['submitted', 'verifying'] as const)(
    'status, error code and body shape on every endpoint (%s)',
    async (stage) => {
      const real = await c.reportAt(stage);
      const realToken = await c.followupToken(real);
      const withdrawn = await c.reporter(request(t.app).post('/api/v1/followup/withdraw'), realToken).send({});
      expect(withdrawn.status).toBe(204);

      const receipt = await c.reportAt(stage);
      const { duressKey } = await withDuressKey(receipt);
      const decoy = (await signInWith(receipt.reference, duressKey)).body.token as string;

      const realAnswers = await answersOf(realToken);
      const decoyAnswers = await answersOf(decoy);
      expect(decoyAnswers).toEqual(realAnswers);
      expect(realAnswers.retaliation).toMatchObject({ status: 200 });
      expect(realAnswers.withdraw).toEqual({ status: 409, code: 'report.closed' });

      // The decoy's retaliation report is a real one protection staff see; its withdrawal a signal.
      const stored = await c.stored(receipt.reference);
      expect(stored.status).toBe(stage);
      expect(stored.reporterWithdrawal).toBeFalsy();
      const reported = stored.protection?.cases?.find((k) => k.source === 'reporter');
      expect(reported).toMatchObject({ kinds: ['dismissal'] });
      expect(stored.protection?.duressSignals?.map((x) => [x.context, x.caseNo ?? null])).toEqual([
        ['sign-in', null],
        ['retaliation', reported!.caseNo],
        ['withdrawal', null],
      ]);
      const forProtection = (await c.view(receipt.reference, protection)).body;
      expect(forProtection.protectionCases.map((k: { caseNo: string }) => k.caseNo)).toContain(reported!.caseNo);
      // The decoy sees the case it opened, not the one the signal opened.
      const view = (await viewOf(decoy)).body;
      expect(view.protection.cases.map((k: { caseNo: string }) => k.caseNo)).toEqual([reported!.caseNo]);
    },
  );
});

test('the decoy is frozen at the first signal: later evidence and public steps do not show', async () => {
  const receipt = await c.reportAt('assigned');
  const { token: realToken, duressKey } = await withDuressKey(receipt);
  const decoy = (await signInWith(receipt.reference, duressKey)).body.token as string;
  const before = (await viewOf(decoy)).body;
  // A real withdrawal after acceptance shows the accept steps too.
  expect(before.timeline.map((e: { type: string }) => e.type)).toContain('accept');
  expect(before.timeline.at(-1).type).toBe('withdrawn');

  const added = await c
    .reporter(request(t.app).post('/api/v1/followup/evidence'), realToken)
    .attach('evidence', await jpeg(), { filename: 'more.jpg', contentType: 'image/jpeg' });
  expect(added.status).toBe(200);
  await c.ok(receipt.reference, 'start-verification', {}, c.staff.verifier);
  expect((await c.stored(receipt.reference)).status).toBe('verifying');
  // A second use of the duress key moves nothing either.
  await signInWith(receipt.reference, duressKey);

  expect((await viewOf(decoy)).body).toEqual(before);
  const real = (await viewOf(realToken)).body;
  expect(real.evidenceCount).toBe(before.evidenceCount + 1);
});

test('a duress sign-in changes nothing other staff see; evidence opens without acknowledgement', async () => {
  const receipt = await c.reportAt('verifying');
  const { token, duressKey } = await withDuressKey(receipt);
  const added = await c
    .reporter(request(t.app).post('/api/v1/followup/evidence'), token)
    .attach('evidence', await jpeg(), { filename: 'site.jpg', contentType: 'image/jpeg' });
  expect(added.status).toBe(200);
  const viewsOf = async () => {
    const out: unknown[] = [];
    for (const who of [c.staff.intake, c.staff.verifier, c.staff.reviewer]) {
      const res = await c.view(receipt.reference, who);
      expect(res.status).toBe(200);
      // Every step moves the revision (optimistic locking); nothing else may move.
      const { revision: _revision, ...rest } = res.body as Record<string, unknown>;
      out.push(rest);
    }
    return out;
  };
  const before = await viewsOf();
  expect((await signInWith(receipt.reference, duressKey)).status).toBe(201);
  expect(await viewsOf()).toEqual(before);

  const fileId = (await c.stored(receipt.reference)).evidence[0].fileId;
  const file = await c.get(`/api/v1/reports/${receipt.reference}/evidence/${fileId}`, c.staff.reviewer);
  expect(file.status).toBe(200);
});
