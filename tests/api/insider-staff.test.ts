// Insiders on the staff: four eyes that follow the people recorded on a report
// rather than their current roles, areas that fail closed (no areas: no reports;
// every area only by an administrator's audited grant), and sensitive reads —
// a case, an evidence file, a reward notice, refused identity reveals and claim
// views — that each leave an audit entry.
import { trusted } from 'mongoose';
import request from 'supertest';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { LedgerEntry } from '../../server/fund/fund.model';
import { Staff } from '../../server/staff/staff.model';
import { caseDriver, realNameReport, substantiatedFindings, type Cases, type Receipt } from '../support/cases';
import { intakeEnv, jpeg, submit } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, createAccount, expectProblem, signIn, TEST_PASSWORD, type StaffSession } from '../support/staff';

let t: TestApp;
let c: Cases;
let keyCounter = 0;
const moneyKey = () => ({ 'Idempotency-Key': `insider-key-${++keyCounter}` });
const claim = {
  name: '王五',
  idNumber: '11010519491231002X',
  phone: '13800000000',
  bankName: '中国工商银行安阳分行',
  bankAccount: '6222 0210 0101 2345 678',
};
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
});
afterAll(async () => {
  await t?.stop();
});

const auditsOf = (action: string, reference: string) =>
  AuditEntry.find({ action, 'target.id': reference }).sort({ at: 1, _id: 1 }).lean();
const patchStaff = (id: string, who: StaffSession, body: object) =>
  as(request(t.app).patch(`/api/v1/staff/${id}`), who).send(body);

/** An administrator changes the account; a changed role ends its sessions, so its holder signs in again. */
async function promote(id: string, username: string, role: string): Promise<StaffSession> {
  expect((await patchStaff(id, c.staff.admin, { role })).status).toBe(200);
  return signIn(t.app, username, TEST_PASSWORD);
}

async function approvedReward(): Promise<Receipt> {
  const r = await c.reportAt('substantiated');
  await c.ok(r.reference, 'propose-reward', {}, c.staff.verifier);
  await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
  await c.ok(r.reference, 'approve-reward', {}, c.staff.finance, moneyKey());
  return r;
}

describe('four eyes on people, whatever their role now', () => {
  test('a proposer promoted to finance cannot approve their own proposal', async () => {
    const { id } = await createAccount({ username: 'verifier-promoted', role: 'verifier' });
    const verifier = await signIn(t.app, 'verifier-promoted', TEST_PASSWORD);
    const { reference: ref } = await c.reportAt('verifying');
    await c.ok(ref, 'reassign', { verifierId: id }, c.staff.intake);
    await c.ok(ref, 'submit-findings', substantiatedFindings(), verifier);
    await c.ok(ref, 'approve-findings', {}, c.staff.reviewer);
    await c.ok(ref, 'propose-reward', {}, verifier);
    await c.ok(ref, 'confirm-reward', {}, c.staff.reviewer);

    const promoted = await promote(id, 'verifier-promoted', 'finance');
    expect((await c.view(ref, promoted)).body.allowedActions).toEqual([]);
    for (const [action, body] of [
      ['approve-reward', {}],
      ['send-back-reward', { reason: '金额依据需要重新核对' }],
    ] as const) {
      const res = await c.act(ref, action, body, promoted, moneyKey());
      expectProblem(res, 403, 'auth.forbidden');
      expect(res.body.reason).toBe('four-eyes');
    }
    expect((await c.stored(ref)).status).toBe('reward-reviewed');
    expect(await LedgerEntry.countDocuments({ rewardId: ref })).toBe(0);
    // Someone new to it still can.
    expect((await c.view(ref, c.staff.finance)).body.allowedActions).toEqual(['send-back-reward', 'approve-reward']);
  });

  test('a reviewer who became finance cannot record the payout of a reward they confirmed', async () => {
    const { id } = await createAccount({ username: 'reviewer-promoted', role: 'reviewer' });
    const reviewer = await signIn(t.app, 'reviewer-promoted', TEST_PASSWORD);
    const r = await c.reportAt('substantiated');
    const ref = r.reference;
    await c.ok(ref, 'propose-reward', {}, c.staff.verifier);
    await c.ok(ref, 'confirm-reward', {}, reviewer);
    await c.ok(ref, 'approve-reward', {}, c.staff.finance, moneyKey());
    const claimed = await c
      .reporter(request(t.app).post('/api/v1/followup/claim'), await c.followupToken(r))
      .send(claim);
    expect(claimed.status).toBe(200);

    const promoted = await promote(id, 'reviewer-promoted', 'finance');
    const payout = { voucherNo: 'FK-INSIDER-0001', paidOn: today(), claimantChecked: true };
    // Neither the reviewer now in finance, nor the finance officer who approved it.
    for (const who of [promoted, c.staff.finance]) {
      expect((await c.view(ref, who)).body.allowedActions).not.toContain('record-payout');
      const res = await c.act(ref, 'record-payout', payout, who, moneyKey());
      expectProblem(res, 403, 'auth.forbidden');
      expect(res.body.reason).toBe('four-eyes');
    }
    expect((await c.stored(ref)).status).toBe('reward-claimed');
    expect(await LedgerEntry.countDocuments({ rewardId: ref, kind: 'pay' })).toBe(0);
    // A third person pays it.
    expect((await c.ok(ref, 'record-payout', payout, c.cashier, moneyKey())).body.status).toBe('reward-paid');
  });

  test('the author of findings moved to reviewer cannot approve them', async () => {
    const { id } = await createAccount({ username: 'verifier-to-reviewer', role: 'verifier' });
    const verifier = await signIn(t.app, 'verifier-to-reviewer', TEST_PASSWORD);
    const { reference: ref } = await c.reportAt('verifying');
    await c.ok(ref, 'reassign', { verifierId: id }, c.staff.intake);
    await c.ok(ref, 'submit-findings', substantiatedFindings(), verifier);
    const promoted = await promote(id, 'verifier-to-reviewer', 'reviewer');
    const res = await c.act(ref, 'approve-findings', {}, promoted);
    expectProblem(res, 403, 'auth.forbidden');
    expect(res.body.reason).toBe('four-eyes');
    expect((await c.stored(ref)).status).toBe('findings-submitted');
  });
});

describe('area scope fails closed', () => {
  test('an account with no areas sees no reports', async () => {
    await createAccount({ username: 'intake-nowhere', role: 'intake', areaCodes: [], allAreas: false });
    const nowhere = await signIn(t.app, 'intake-nowhere', TEST_PASSWORD);
    const { reference: ref } = await c.reportAt('screening');
    for (const queue of ['', '?queue=new', `?q=${ref}`]) {
      const list = await c.get(`/api/v1/reports${queue}`, nowhere);
      expect([list.status, list.body.total, list.body.items]).toEqual([200, 0, []]);
    }
    expectProblem(await c.view(ref, nowhere), 404, 'resource.not_found');
    expectProblem(
      await c.act(ref, 'reject', { reason: '不属于安全生产举报受理范围' }, nowhere),
      404,
      'resource.not_found',
    );
    expect((await c.stored(ref)).status).toBe('screening');
    // The same report is there for someone granted every area.
    expect((await c.view(ref, c.staff.admin)).status).toBe(200);
  });

  test('only an admin can grant every area, and it is audited', async () => {
    const { id } = await createAccount({ username: 'intake-granted', role: 'intake', areaCodes: [], allAreas: false });
    const member = await signIn(t.app, 'intake-granted', TEST_PASSWORD);
    const { reference: ref } = await c.newReport();
    for (const who of [member, c.staff.reviewer])
      expectProblem(await patchStaff(id, who, { allAreas: true }), 403, 'auth.forbidden');
    expect((await Staff.findById(id).lean())!.allAreas).toBe(false);
    expectProblem(await c.view(ref, member), 404, 'resource.not_found');

    const granted = await patchStaff(id, c.staff.admin, { allAreas: true });
    expect(granted.status).toBe(200);
    expect(granted.body.user).toMatchObject({ id, allAreas: true, areaCodes: [] });
    const lastUpdate = async () =>
      (await AuditEntry.find({ action: 'staff.update', 'target.id': id }).sort({ at: -1, _id: -1 }).limit(1).lean())[0];
    const entry = await lastUpdate();
    expect(entry.details).toMatchObject({ allAreas: true, fields: ['allAreas'] });
    expect(entry.actor?.id).toBe(c.staff.admin.user.id);
    // In force at once, in the session already open; and withdrawn at once, audited as such.
    expect((await c.view(ref, member)).status).toBe(200);
    expect((await patchStaff(id, c.staff.admin, { allAreas: false })).status).toBe(200);
    expect((await lastUpdate()).details).toMatchObject({ allAreas: false });
    expectProblem(await c.view(ref, member), 404, 'resource.not_found');
    // Saving the form again without changing the grant does not claim it changed.
    expect((await patchStaff(id, c.staff.admin, { displayName: '改名', allAreas: false })).status).toBe(200);
    expect((await lastUpdate()).details).not.toHaveProperty('allAreas');

    const created = await as(request(t.app).post('/api/v1/staff'), c.staff.admin).send({
      username: 'finance.citywide',
      displayName: '市级财务',
      role: 'finance',
      unitCode: 'city-emb',
      allAreas: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ allAreas: true, areaCodes: [] });
    const creation = await AuditEntry.findOne({ action: 'staff.create', 'target.id': created.body.user.id }).lean();
    expect(creation!.details).toMatchObject({ allAreas: true });
  });
});

describe('sensitive reads leave a trace', () => {
  test('opening a case is audited', async () => {
    const { reference: ref } = await c.newReport();
    expect(await auditsOf('report.opened', ref)).toEqual([]);
    expect((await c.view(ref, c.staff.intake)).status).toBe(200);
    expect((await c.view(ref, c.staff.reviewer)).status).toBe(200);
    const entries = await auditsOf('report.opened', ref);
    expect(entries.map((e) => e.actor?.id)).toEqual([c.staff.intake.user.id, c.staff.reviewer.user.id]);
    expect(entries[0].target).toEqual({ type: 'report', id: ref });
    // The queue lists cases without opening them.
    await c.get(`/api/v1/reports?q=${ref}`, c.staff.intake);
    expect(await auditsOf('report.opened', ref)).toHaveLength(2);
  });

  test('downloading evidence is audited', async () => {
    const sub = await submit(t.app, realNameReport(), [{ content: await jpeg() }]);
    expect(sub.status).toBe(201);
    const ref = sub.body.reference as string;
    const { fileId } = (await c.stored(ref)).evidence[0];
    const file = await c.get(`/api/v1/reports/${ref}/evidence/${fileId}`, c.staff.intake).buffer(true);
    expect(file.status).toBe(200);
    const entries = await auditsOf('report.evidence_downloaded', ref);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: { id: c.staff.intake.user.id }, details: { fileId } });
    // A file that is not there is not a read.
    expectProblem(
      await c.get(`/api/v1/reports/${ref}/evidence/${'0'.repeat(32)}`, c.staff.intake),
      404,
      'resource.not_found',
    );
    expect(await auditsOf('report.evidence_downloaded', ref)).toHaveLength(1);
  });

  test('a refused identity reveal is audited', async () => {
    const { reference: ref } = await c.reportAt('screening');
    const reveal = (reference: string, who: StaffSession) =>
      as(request(t.app).post(`/api/v1/reports/${reference}/identity`), who).send({
        reason: '需要联系举报人核实现场位置',
      });
    await createAccount({ username: 'reviewer-linzhou-only', role: 'reviewer', areaCodes: ['410581'] });
    const elsewhere = await signIn(t.app, 'reviewer-linzhou-only', TEST_PASSWORD);
    const anonymous = await c.newReport({ anonymous: true, reporter: undefined });

    expectProblem(await reveal(ref, c.staff.intake), 403, 'auth.forbidden');
    expectProblem(await reveal(ref, elsewhere), 404, 'resource.not_found');
    expectProblem(await reveal(anonymous.reference, c.staff.reviewer), 404, 'resource.not_found');
    expectProblem(await reveal('WP-ZZZZ-ZZZZ', c.staff.reviewer), 404, 'resource.not_found');

    const refused = await AuditEntry.find({
      action: 'report.identity_refused',
      'target.id': trusted({ $in: [ref, anonymous.reference, 'WP-ZZZZ-ZZZZ'] }),
    })
      .sort({ at: 1, _id: 1 })
      .lean();
    expect(refused.map((e) => [e.actor?.username, e.target?.id, e.details?.refused])).toEqual([
      ['intake', ref, 'forbidden'],
      ['reviewer-linzhou-only', ref, 'out-of-area'],
      ['reviewer', anonymous.reference, 'anonymous'],
      ['reviewer', 'WP-ZZZZ-ZZZZ', 'not-found'],
    ]);
    expect(JSON.stringify(refused)).not.toMatch(/王五|13800000000/);
    expect(await auditsOf('report.identity_revealed', ref)).toEqual([]);
  });

  describe('a reward after approval', () => {
    let ref: string;
    beforeAll(async () => {
      ref = (await approvedReward()).reference;
    });

    test('downloading the reward notice is audited', async () => {
      const pdf = await c.get(`/api/v1/reports/${ref}/reward-notice.pdf`, c.staff.reviewer).buffer(true);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const entries = await auditsOf('report.notice_downloaded', ref);
      expect(entries.map((e) => e.actor?.id)).toEqual([c.staff.reviewer.user.id]);
    });

    test('a refused look at a claim is audited', async () => {
      expectProblem(await c.get(`/api/v1/reports/${ref}/claim`, c.staff.reviewer), 403, 'auth.forbidden');
      // Finance, before any claim exists.
      expectProblem(await c.get(`/api/v1/reports/${ref}/claim`, c.staff.finance), 404, 'resource.not_found');
      const refused = await auditsOf('report.claim_refused', ref);
      expect(refused.map((e) => [e.actor?.username, e.details?.refused])).toEqual([
        ['reviewer', 'forbidden'],
        ['finance', 'no-claim'],
      ]);
      expect(await auditsOf('report.claim_viewed', ref)).toEqual([]);
    });
  });
});
