// Workflow actions on a report: the shared state machine decides whether the
// action is open; the change, its timeline entry, the audit entry and the
// reporter's notification commit together, on the revision the actor saw.
import type { z } from 'zod';
import { coversArea } from '../../shared/areaScope';
import { actionPayloads } from '../../shared/schemas/workflow';
import { actionBlocker, forbiddingGuards, moneyActions, workflowActions, type GuardFailure, type ReportState, type WorkflowActionName } from '../../shared/workflow';
import { appendAudit } from '../audit/auditLog';
import { auditRead } from '../audit/auditRead';
import type { SecretBox } from '../platform/secretBox';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import { notifyReporter } from './notifications';
import { Report, type ReportFields } from './report.model';
import { Staff } from '../staff/staff.model';
import { Unit } from '../catalog/unit.model';
import type { Actor } from '../access';
import { areaScope } from '../access/areaScope';
import { workflowRecordOf } from './reportForStaff.presenter';
import { refreshReportStats } from '../stats';
import { pausedClock, resumedClock } from './acceptanceClock';
import { moveMoney } from '../fund/ledger';
import { approveReward, confirmReward, decideAppeal, extendClaim, proposeReward, recordPayout, rejectClaim, type RewardChange } from '../rewards/lifecycle';
import { LedgerEntry } from '../fund/fund.model';

type Payloads = { [K in WorkflowActionName]: z.infer<(typeof actionPayloads)[K]> };

interface Change {
  set: Record<string, unknown>;
  to: ReportState | null;
  /** Shown with the step; the reporter sees it when the step is public. */
  note?: string;
  /** Kept for staff only, whatever the step. */
  internalNote?: string;
  staffMessage?: string;
  movement?: RewardChange['movement'];
  /** Overrides the action's own visibility for this step. */
  public?: boolean;
  /** What the audit entry records beyond the states (amounts, vouchers). */
  auditDetails?: Record<string, unknown>;
}

const DAY = 86_400_000;

async function assertVerifier(id: string, area: string): Promise<void> {
  const v = await Staff.findById(id).lean();
  if (!v || v.disabled || v.role !== 'verifier' || !coversArea(v, area))
    throw fail('request.invalid', [{ path: 'body.verifierId', code: 'invalid', message: 'not an active verifier for this area' }]);
}

async function assertUnit(code: string, path: string): Promise<void> {
  if (!(await Unit.exists({ code }))) throw fail('request.invalid', [{ path, code: 'unknown', message: `unknown unit ${code}` }]);
}

/** What each action changes, beyond the status. */
async function changeFor<K extends WorkflowActionName>(name: K, p: Payloads[K], report: ReportFields, actor: Actor, now: Date): Promise<Change> {
  const a = p as Payloads[WorkflowActionName] & Record<string, unknown>;
  switch (name) {
    case 'request-information':
      return { set: pausedClock(now), to: 'awaiting-information', staffMessage: String(a.message) };
    case 'resume-screening':
      return { set: resumedClock(report, now), to: 'screening' };
    case 'accept': {
      await assertUnit(String(a.unitCode), 'body.unitCode');
      await assertVerifier(String(a.verifierId), report.area);
      const dueAt = new Date(now.getTime() + Number(a.dueInDays) * DAY);
      return { set: { assignment: { unitCode: a.unitCode, verifierId: a.verifierId, assignedAt: now, dueAt } }, to: 'assigned' };
    }
    case 'reject':
      return { set: {}, to: 'rejected', note: String(a.reason) };
    case 'mark-duplicate': {
      // Only reports this officer may see can be named, so the answer reveals nothing about other areas.
      const original = await Report.findOne({ reference: String(a.duplicateOf), ...areaScope(actor) }, { submittedAt: 1 }).lean();
      if (!original || a.duplicateOf === report.reference || original.submittedAt > report.submittedAt)
        throw fail('request.invalid', [{ path: 'body.duplicateOf', code: 'invalid', message: 'must be an earlier report' }]);
      return { set: { duplicateOf: a.duplicateOf }, to: 'duplicate', note: `重复举报：与 ${a.duplicateOf} 为同一事项 / Same matter as ${a.duplicateOf}` };
    }
    case 'transfer':
      if (a.toUnitCode) await assertUnit(String(a.toUnitCode), 'body.toUnitCode');
      return { set: { transferredTo: { unitCode: a.toUnitCode, area: a.toArea } }, to: 'transferred', note: String(a.note) };
    case 'reassign':
      await assertVerifier(String(a.verifierId), report.area);
      return { set: { 'assignment.verifierId': a.verifierId }, to: null };
    case 'extend-deadline': {
      const due = report.assignment?.dueAt ?? now;
      return { set: { 'assignment.dueAt': new Date(due.getTime() + Number(a.days) * DAY), 'assignment.extendedDays': a.days, 'assignment.extensionReason': a.reason }, to: null, note: String(a.reason) };
    }
    case 'submit-findings':
      return { set: { findings: p, findingsById: actor.id }, to: 'findings-submitted' };
    case 'approve-findings':
      return { set: {}, to: report.findings && (report.findings as { substantiated?: boolean }).substantiated ? 'substantiated' : 'unsubstantiated', internalNote: a.comment ? String(a.comment) : undefined };
    case 'return-findings':
      return { set: {}, to: 'verifying', note: String(a.reason) };
    case 'close':
      return { set: {}, to: 'closed', note: a.note ? String(a.note) : undefined };
    case 'propose-reward':
      return proposeReward(report, p as Payloads['propose-reward'], actor, now);
    case 'confirm-reward':
      return { ...confirmReward(report, actor, now), internalNote: a.comment ? String(a.comment) : undefined };
    case 'return-reward':
    case 'send-back-reward':
      return { set: {}, to: 'substantiated', note: String(a.reason) };
    case 'approve-reward':
      return { ...approveReward(report, actor, now), internalNote: a.comment ? String(a.comment) : undefined };
    case 'extend-claim':
      return extendClaim(report, p as Payloads['extend-claim']);
    case 'reject-claim':
      return rejectClaim(report, p as Payloads['reject-claim'], now);
    case 'record-payout':
      return recordPayout(report, p as Payloads['record-payout'], actor, now);
    case 'decide-appeal':
      return decideAppeal(report, p as Payloads['decide-appeal'], actor, now);
    default:
      return { set: {}, to: workflowActions[name].to };
  }
}

/**
 * A money action's key, scoped to the person; null when this exact request was
 * already carried out (the retry changes nothing). The same key for another
 * report, another step or other details is refused.
 */
async function moneyKeyFor(name: WorkflowActionName, report: ReportFields, payload: unknown, key: string | undefined, actor: Actor): Promise<string | null> {
  if (!key) throw fail('idempotency.required');
  const scoped = `${actor.id}:${key}`;
  const earlier = await LedgerEntry.findOne({ idempotencyKey: scoped }, { rewardId: 1, kind: 1 }).lean();
  if (!earlier) return scoped;
  const sameStep = earlier.rewardId === report.reference && earlier.kind === (name === 'approve-reward' ? 'reserve' : 'pay');
  const payout = report.reward?.payout;
  const p = payload as Partial<Payloads['record-payout']>;
  const sameDetails = name !== 'record-payout' || (payout?.voucherNo === p.voucherNo && payout?.paidOn === p.paidOn);
  if (sameStep && sameDetails) return null;
  throw fail('idempotency.mismatch');
}

export async function reportActor(reference: string, name: WorkflowActionName, payload: unknown, actor: Actor, ctx: { box: SecretBox; publicBaseUrl: string; idempotencyKey?: string }, now = new Date()) {
  const report = await Report.findOne({ reference }).lean();
  if (!report) throw fail('resource.not_found');
  const blocker = actionBlocker(name, workflowRecordOf(report), actor);
  if (blocker === 'wrong-role' || forbiddingGuards.includes(blocker as GuardFailure)) throw fail('auth.forbidden', [], { reason: blocker });
  // A retried money request finds the report already moved on: it is answered before the state check.
  const moneyKey = moneyActions.includes(name) ? await moneyKeyFor(name, report, payload, ctx.idempotencyKey, actor) : undefined;
  if (moneyKey === null) return report;
  if (blocker) throw fail('resource.stale', [], { reason: blocker });
  const change = await changeFor(name, payload as Payloads[typeof name], report, actor, now);
  const action = workflowActions[name];
  const status = change.to ?? report.status;
  const isPublic = change.public ?? action.public;
  await inTransaction(async (session) => {
    const step = { at: now, type: name, public: isPublic, actorId: actor.id, ...(change.note ? { note: change.note } : {}) };
    const comment = change.internalNote ? [{ at: now, type: 'staff-comment', public: false, actorId: actor.id, note: change.internalNote }] : [];
    const pushes: Record<string, unknown> = { timeline: { $each: [step, ...comment] } };
    if (change.staffMessage) pushes.messages = { at: now, from: 'staff', staffId: actor.id, body: change.staffMessage };
    const r = await Report.updateOne(
      { reference, revision: report.revision, status: report.status },
      { $set: { ...change.set, status, ...(status !== report.status ? { statusChangedAt: now } : {}) }, $inc: { revision: 1 }, $push: pushes },
      { session },
    );
    if (!r.modifiedCount) throw fail('resource.stale'); // someone acted on this report first
    const m = change.movement;
    if (m) await moveMoney({ kind: m.kind, amountFen: m.amountFen, rewardId: reference, actorId: actor.id, note: m.note ?? name, idempotencyKey: m.key ?? moneyKey! }, session, now);
    const money = m ? { movement: m.kind, movedFen: m.amountFen } : {};
    await appendAudit({ actor, action: `report.${name}`, target: { type: 'report', id: reference }, details: { from: report.status, to: status, ...change.auditDetails, ...money } }, session, now);
    await refreshReportStats(reference, session);
    if (isPublic) await notifyReporter(report.notifyEmailSealed, ctx.box, ctx.publicBaseUrl, session);
  });
  return Report.findOne({ reference }).lean();
}

/**
 * Reporter identity for a permitted role in the report's area, with the reason
 * recorded in the audit log. A refused attempt (out of area, unknown, anonymous)
 * is recorded too, so probing for identities leaves a trace.
 */
export async function identityRevealer(reference: string, reason: string, actor: Actor, box: SecretBox) {
  const report = await Report.findOne({ reference, ...areaScope(actor) }, { reporterSealed: 1, anonymous: 1 }).lean();
  if (!report?.reporterSealed) {
    const refused = report ? 'anonymous' : (await Report.exists({ reference })) ? 'out-of-area' : 'not-found';
    await auditRead({ actor, action: 'report.identity_refused', target: { type: 'report', id: reference }, details: { refused } });
    if (refused === 'anonymous') throw fail('resource.not_found', [{ path: 'reference', code: 'anonymous', message: 'this report is anonymous' }]);
    throw fail('resource.not_found');
  }
  const identity = await inTransaction(async (session) => {
    await appendAudit({ actor, action: 'report.identity_revealed', target: { type: 'report', id: reference }, details: { reason } }, session);
    return JSON.parse(box.open(report.reporterSealed!)) as { name: string; phone: string; email?: string };
  });
  return identity;
}
