// The one road for report changes, measured: how many database commands one
// staff action costs end to end (the driver's own command monitoring, so the
// count is the same on the embedded engine and on MongoDB), and that the
// reporter's and the jobs' steps leave the same traces as a staff step.
import mongoose from 'mongoose';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { lapseUnclaimedRewards } from '../../server/rewards/lapse';
import { claimReward } from '../../server/rewards/reporterSteps';
import { reporterWithdrawal } from '../../server/reports/followup';
import { endOfShanghaiDay } from '../../shared/dates';
import { caseDriver, type Cases } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';

let t: TestApp;
let c: Cases;
let keyCounter = 0;
const moneyKey = () => ({ 'Idempotency-Key': `pipeline-key-${Date.now()}-${++keyCounter}` });

beforeAll(async () => {
  t = await startTestApp(intakeEnv, { monitorCommands: true });
  c = await caseDriver(t);
});
afterAll(async () => t.stop());

/** The commands the app sends while `work` runs (transaction commits included). */
async function commandsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const client = mongoose.connection.getClient();
  const listener = (e: { commandName: string; command: Record<string, unknown> }) => {
    const target = e.command[e.commandName];
    seen.push(typeof target === 'string' ? `${e.commandName} ${target}` : e.commandName);
  };
  client.on('commandStarted', listener);
  try {
    await work();
  } finally {
    client.off('commandStarted', listener);
  }
  return seen;
}

/** A reporter who gave an email, so the approval also queues the "there is news" mail. */
async function reviewedReward(): Promise<string> {
  const r = await c.reportAt('substantiated', {
    report: { reporter: { name: '王五', phone: '13800000000', email: 'wangwu@example.test' } },
  });
  await c.ok(r.reference, 'propose-reward', {}, c.staff.verifier);
  await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
  return r.reference;
}

test('approving a reward over HTTP costs 16 database commands, 11 of them for the step itself (15 before the policy registry check, 14 before per-report keys, 17 and 14 before the single pipeline, 13 before levels)', async () => {
  const ref = await reviewedReward();
  // Finance has been working already: its rate-limit window is open (the first request of a window starts it).
  await c.get('/api/v1/auth/session', c.staff.finance).expect(200);
  let status = 0;
  const commands = await commandsDuring(async () => {
    status = (await c.act(ref, 'approve-reward', {}, c.staff.finance, moneyKey())).status;
  });
  expect(status).toBe(200);
  // The session, the account, its unit (the level follows the unit), its rate-limit counter and the
  // reward-policy registry's revision (a version published through another instance counts at once); one
  // read of the report; then one transaction: the report, the fund, the ledger, the audit entry, the
  // statistics, the mail (its address opened with the report's own key: one read of report_keys), the commit.
  const envelope = [
    'find sessions',
    'find staff',
    'find units',
    'findAndModify rate_limits',
    'aggregate reward_policy_versions',
  ];
  expect(commands.slice(0, 5)).toEqual(envelope);
  expect(commands.filter((x) => x.startsWith('find reports'))).toHaveLength(1);
  expect(commands.filter((x) => x === 'find report_keys')).toHaveLength(1);
  expect(commands.slice(5).length).toBeLessThanOrEqual(11);
  expect(commands.length).toBeLessThanOrEqual(16);
  expect(commands.at(-1)).toBe('commitTransaction');
});

test('a retried approval is answered from the ledger and writes nothing', async () => {
  const ref = await reviewedReward();
  const key = moneyKey();
  await c.ok(ref, 'approve-reward', {}, c.staff.finance, key);
  const commands = await commandsDuring(async () => {
    expect((await c.ok(ref, 'approve-reward', {}, c.staff.finance, key)).body.status).toBe('reward-approved');
  });
  // The account's rate-limit counter (and at times the session's idle clock) are the only writes.
  expect(
    commands.filter(
      (x) => /^(insert|update|delete|findAndModify|commitTransaction)/.test(x) && !/ (rate_limits|sessions)$/.test(x),
    ),
  ).toEqual([]);
  expect(commands).toContain('find fund_ledger');
});

test('the reporter’s and the jobs’ steps record their step, audit entry and revision like a staff step', async () => {
  const ref = await reviewedReward();
  await c.ok(ref, 'approve-reward', {}, c.staff.finance, moneyKey());
  const approved = await c.stored(ref);
  await claimReward(
    ref,
    {
      name: '王五',
      idNumber: '11010519491231002X',
      phone: '13800000000',
      bankName: '中国银行',
      bankAccount: '6222020000000000001',
    },
    t.box,
  );
  const claimed = await c.stored(ref);
  expect(claimed).toMatchObject({ status: 'reward-claimed', revision: approved.revision + 1 });
  expect(claimed.timeline.at(-1)).toMatchObject({ type: 'reward-claimed', public: true });
  expect(claimed.statusChangedAt!.getTime()).toBeGreaterThan(approved.statusChangedAt!.getTime() - 1);
  expect(
    await AuditEntry.exists({
      action: 'report.reward-claimed',
      'target.id': ref,
      actor: null,
      'details.to': 'reward-claimed',
    }),
  ).toBeTruthy();

  // A withdrawal after acceptance: the reporter's step, from any state still open to them. The case stays
  // where it was (the bureau decides whether to continue); the reporter's part ends.
  const open = await c.reportAt('verifying');
  await reporterWithdrawal(open.reference, undefined, { box: t.box, publicBaseUrl: 'http://localhost' });
  const withdrawn = await c.stored(open.reference);
  expect(withdrawn.status).toBe('verifying');
  expect(withdrawn.reporterWithdrawal?.at).toBeTruthy();
  expect(
    await AuditEntry.exists({
      action: 'report.withdraw',
      'target.id': open.reference,
      'details.from': 'verifying',
      'details.to': 'verifying',
    }),
  ).toBeTruthy();

  // The lapse job: one step per reward, with the release of the money in the audit entry.
  const other = await reviewedReward();
  await c.ok(other, 'approve-reward', {}, c.staff.finance, moneyKey());
  const due = (await c.stored(other)).reward!.claimDueAt!;
  await lapseUnclaimedRewards(new Date(endOfShanghaiDay(due).getTime() + 1000));
  const lapsed = await c.stored(other);
  expect(lapsed.status).toBe('reward-lapsed');
  expect(
    await AuditEntry.exists({ action: 'report.reward-lapsed', 'target.id': other, 'details.movement': 'release' }),
  ).toBeTruthy();
});

test('staff cannot take the reporter’s or the jobs’ steps through the action route', async () => {
  const r = await c.reportAt('assigned');
  for (const step of ['withdrawn', 'reward-claimed', 'reward-lapsed', 'deadline-reminder', 'staff-message']) {
    const res = await c.act(r.reference, step, {}, c.staff.intake);
    expect([step, res.status, res.body.code]).toEqual([step, 400, 'request.invalid']);
  }
  expect((await c.stored(r.reference)).status).toBe('assigned');
});
