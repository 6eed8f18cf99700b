// The one road for every change to a report. Whoever acts — a staff member, the
// reporter through follow-up, or a job — the step is a row of the workflow table
// (shared/workflow.ts): the report is read once with the actor's scope, the
// table decides whether the step is open to this actor now, the action's change
// function says what changes, and one transaction writes the report on the
// revision that was read, moves any money, appends the audit entry, refreshes
// the statistics and queues the mail. Nothing else writes a report's status.
import { outsideSchemeOf } from '../../shared/catalog';
import type { ErrorCode } from '../../shared/errors';
import type { ActionPayloads } from '../../shared/schemas/workflow';
import {
  actionBlocker,
  forbiddingGuards,
  moneyActions,
  workflowActions,
  type GuardFailure,
  type ReportState,
  type WorkflowActionName,
  type WorkflowRecord,
} from '../../shared/workflow';
import type { Level } from '../../shared/levels';
import { areaScope } from '../access/areaScope';
import { appendAudit } from '../audit/auditLog';
import { earlierMovement, moveMoney, type MovementKind } from '../fund/ledger';
import { inTransaction } from '../platform/db';
import { enqueueEmail } from '../platform/emails/outbox';
import { AppError, fail } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { approvalChanges } from '../rewards/approvalChanges';
import { correctionChanges } from '../rewards/correctionChanges';
import { appealOpen, claimOpen, rewardChanges } from '../rewards/lifecycle';
import { sampleChanges } from '../rewards/sampleChanges';
import { shredReportData } from '../protection/dataKeys';
import { protectionChanges } from '../protection/protectionChanges';
import { revealChanges } from '../protection/revealChanges';
import { retentionChanges } from '../protection/retentionChanges';
import { withdrawalChanges } from '../protection/withdrawalChanges';
import { refreshReportStats } from '../stats';
import { caseChanges, deadlineChanges, sentMarks } from './caseChanges';
import { objectionOpen } from './conclusion';
import { outcomeChanges } from './outcomeChanges';
import { rectificationChanges, rectificationCounts, stillThereOpen } from './rectificationChanges';
import { staffOf, type Change, type ChangeFor, type StepActor } from './change';
import { notifyReporter } from './notifications';
import { Report, type ReportFields } from './report.model';
import { storedNote } from '../../shared/notes';
import { auditActionOfStep } from '../../shared/auditActions';
import { reporterChanges } from './reporterChanges';
import { queueStatusEvents } from '../exchange/statusEvents';

/** Every action's change: the compiler refuses a table row without one. */
const changes: { [K in WorkflowActionName]: ChangeFor<K> } = {
  ...caseChanges,
  ...outcomeChanges,
  ...rectificationChanges,
  ...deadlineChanges,
  ...reporterChanges,
  ...rewardChanges,
  ...approvalChanges,
  ...correctionChanges,
  ...sampleChanges,
  ...revealChanges,
  ...withdrawalChanges,
  ...protectionChanges,
  ...retentionChanges,
};

/** How a step that is not open now is refused, where the pages expect a particular answer. */
const notOpenError: Partial<Record<WorkflowActionName, ErrorCode>> = {
  'staff-message': 'report.closed',
  'reporter-message': 'report.closed',
  'reporter-evidence': 'report.closed',
  withdrawn: 'report.closed',
  'reward-claimed': 'reward.not_claimable',
  'reward-appealed': 'reward.not_appealable',
  'objection-filed': 'report.not_objectable',
  'still-there': 'report.not_objectable',
  'reveal-identity': 'identity.reveal_not_approved',
};

/** The audit action a step is recorded under (shared/auditActions.ts). */
const auditActionOf = auditActionOfStep;

/** The report changed between the read and the write: someone else took a step first. */
class StaleRevision extends AppError {
  constructor() {
    super('resource.stale');
  }
}

/** What the table's guards look at, on the server's clock. */
export function workflowRecordOf(r: ReportFields, now = new Date()): WorkflowRecord {
  const counts = rectificationCounts(r);
  return {
    status: r.status as ReportState,
    area: r.area,
    assignedVerifierId: r.assignment?.verifierId ?? undefined,
    findingsById: r.findingsById ?? undefined,
    extensionUsed: !!r.assignment?.extendedDays,
    rewardProposedById: r.reward?.proposedById ?? undefined,
    rewardReviewedById: r.reward?.reviewedById ?? undefined,
    rewardApprovedById: r.reward?.approvedById ?? undefined,
    claimExtensionUsed: !!r.reward?.claimExtendedDays,
    appealOpen: appealOpen(r, now),
    claimOpen: claimOpen(r, now),
    sent: sentMarks(r),
    assignedUnitCode: r.assignment?.unitCode ?? undefined,
    assignedUnitLevel: (r.assignment?.unitLevel as Level | undefined) ?? undefined,
    extensionRequested: !!r.assignment?.extensionRequest?.days,
    extensionRequestedById: r.assignment?.extensionRequest?.requestedById ?? undefined,
    conclusionLevel: (r.conclusion?.level as Level | undefined) ?? undefined,
    involvedIds: r.conclusion?.involvedIds ?? [],
    letterSent: !!r.conclusion?.letterSentAt,
    objectionOpen: objectionOpen(r, now),
    transferResultIn: !!r.transferredTo?.result?.receivedOn,
    gradePending: !!r.deathCase?.flaggedAt && !r.deathCase.investigation?.grade,
    stillThereOpen: stillThereOpen(r, now),
    wasSubstantiated: (r.findings as { substantiated?: boolean } | null | undefined)?.substantiated === true,
    openRectifications: counts.open,
    awaitingSignOff: counts.awaitingSignOff,
    outsideScheme: !!outsideSchemeOf(r.category),
    matterLinked: !!r.matter?.of,
    ...rewardControlsOf(r),
    ...protectionOf(r, now),
  };
}

/** Where the report stands on reporter protection: insider, reveals, check-ins, cases, withdrawal. */
function protectionOf(r: ReportFields, now: Date): Partial<WorkflowRecord> {
  const p = r.protection;
  const reveal = r.identityReveals?.at(-1);
  const revealStage =
    !reveal || reveal.refusedAt
      ? undefined
      : !reveal.approvedAt
        ? ('requested' as const)
        : reveal.expiresAt && reveal.expiresAt > now
          ? ('approved' as const)
          : undefined;
  return {
    insider: p?.assessment?.insider ?? !!r.employeeOfSubject,
    protectedCase: !!p?.protected,
    identityOnFile: !!r.reporterSealed,
    revealStage,
    revealRequestedById: revealStage ? reveal!.requestedById : undefined,
    checkInOpen: !!p?.checkIns?.some((c) => c.sentAt && !c.answeredAt),
    openProtectionCases: p?.cases?.filter((c) => !c.closedAt).length ?? 0,
    withdrawalPending: !!r.reporterWithdrawal?.at && !r.reporterWithdrawal.decidedAt,
    reporterWithdrew: !!r.reporterWithdrawal?.at,
  };
}

/** Where the reward stands on its leadership approval, claim checks, corrections and sample check. */
function rewardControlsOf(r: ReportFields): Partial<WorkflowRecord> {
  const reward = r.reward;
  if (!reward) return {};
  const topUp = reward.topUps?.at(-1);
  const recovery = reward.recoveries?.at(-1);
  // A recorded or refused correction is over.
  const stageOf = (c: { approvedAt?: Date | null; recordedAt?: Date | null; refusedAt?: Date | null } | undefined) =>
    !c || c.recordedAt || c.refusedAt ? undefined : c.approvedAt ? ('approved' as const) : ('proposed' as const);
  return {
    leadershipNeeded: !!reward.leadershipReasons?.length && !reward.leadershipApproval?.at,
    claimFlagged: !!reward.claimChecks?.flags?.length && !reward.claimChecks.clearedAt,
    rewardPaid: !!reward.payout?.recordedAt,
    topUpStage: stageOf(topUp),
    topUpProposedById: topUp?.proposedById ?? undefined,
    topUpApprovedById: topUp?.approvedById ?? undefined,
    topUpLeadershipNeeded: !!topUp?.leadershipReasons?.length && !topUp.leadershipApproval?.at,
    recoveryStage: stageOf(recovery),
    recoveryProposedById: recovery?.proposedById ?? undefined,
    recoveryApprovedById: recovery?.approvedById ?? undefined,
    sampleVerifierId:
      reward.sampleCheck?.verifierId && !reward.sampleCheck.recordedAt ? reward.sampleCheck.verifierId : undefined,
  };
}

/** The report as this actor may see it: a staff member's areas only (anything else reads as unknown). */
export async function loadReport(reference: string, actor: StepActor): Promise<ReportFields> {
  const staff = staffOf(actor);
  const report = await Report.findOne({ reference, ...(staff ? areaScope(staff) : {}) }).lean();
  if (!report) throw fail('resource.not_found');
  return report;
}

export interface StepContext {
  /** Needed by the steps that seal data or mail anyone (all but the reporter's own). */
  box?: SecretBox;
  publicBaseUrl?: string;
  /** The request's Idempotency-Key, for the steps that move money on request. */
  idempotencyKey?: string;
  now?: Date;
}

/** The ledger movement each money step makes. */
const moneyKindOf: Partial<Record<WorkflowActionName, MovementKind>> = {
  'approve-reward': 'reserve',
  'record-payout': 'pay',
  'approve-top-up': 'reserve',
  'record-top-up-payout': 'pay',
  'record-recovery': 'recover',
};

/** Whether a retried payment or receipt names the voucher and day already recorded. */
function sameMoneyDetails(name: WorkflowActionName, report: ReportFields, payload: unknown): boolean {
  const reward = report.reward;
  if (name === 'record-payout') {
    const p = payload as Partial<ActionPayloads['record-payout']>;
    return reward?.payout?.voucherNo === p.voucherNo && reward?.payout?.paidOn === p.paidOn;
  }
  if (name === 'record-top-up-payout') {
    const p = payload as Partial<ActionPayloads['record-top-up-payout']>;
    const t = reward?.topUps?.at(-1);
    return t?.voucherNo === p.voucherNo && t?.paidOn === p.paidOn;
  }
  if (name === 'record-recovery') {
    const p = payload as Partial<ActionPayloads['record-recovery']>;
    const r = reward?.recoveries?.at(-1);
    return r?.voucherNo === p.voucherNo && r?.receivedOn === p.receivedOn;
  }
  return true;
}

/**
 * A money step's ledger key, scoped to the person. A request whose step the
 * report has already moved past is answered as done when this exact request
 * was carried out (`null`); the same key for another report, step or details
 * is refused.
 */
async function moneyKeyFor(
  name: WorkflowActionName,
  report: ReportFields,
  payload: unknown,
  key: string | undefined,
  actor: StepActor,
  stepIsOpen: boolean,
): Promise<string | null> {
  if (!key) throw fail('idempotency.required');
  const scoped = `${staffOf(actor)?.id}:${key}`;
  // A first request needs no lookup: the ledger's unique key refuses a reused one in the transaction.
  if (stepIsOpen) return scoped;
  const earlier = await earlierMovement(scoped);
  if (!earlier) return scoped;
  // The step, not only the kind: an approval's key must not answer for a top-up's reservation. Entries
  // written before steps were recorded have only their kind to go by.
  const sameStep =
    earlier.rewardId === report.reference && earlier.kind === moneyKindOf[name] && (earlier.step ?? name) === name;
  const sameDetails = sameMoneyDetails(name, report, payload);
  if (sameStep && sameDetails) return null;
  throw fail('idempotency.mismatch');
}

/** The timeline steps, messages and evidence one change adds. */
function pushesOf(
  name: WorkflowActionName,
  change: Change,
  isPublic: boolean,
  actor: StepActor,
  now: Date,
): Record<string, unknown> {
  const actorId = staffOf(actor)?.id;
  const by = actorId ? { actorId } : {};
  const steps = [
    { at: now, type: name, public: isPublic, ...by, ...storedNote(change.note) },
    ...(change.alsoRecord ?? []).map((s) => ({
      at: now,
      type: s.type,
      public: s.public,
      ...by,
      ...storedNote(s.note),
    })),
    ...(change.internalNote
      ? [{ at: now, type: 'staff-comment', public: false, ...by, note: change.internalNote }]
      : []),
  ];
  const pushes: Record<string, unknown> = { timeline: { $each: steps } };
  const m = change.message;
  const author = m?.from === 'staff' ? { staffId: actorId, staffRole: staffOf(actor)?.role } : {};
  if (m) pushes.messages = { at: now, from: m.from, ...author, body: m.body };
  if (change.evidence?.length) pushes.evidence = { $each: change.evidence };
  return { ...change.pushes, ...pushes };
}

/**
 * Takes one step on a report already read with `loadReport`. Answers the report
 * as it now is; throws a domain error (and changes nothing) when the step is not
 * open to this actor, the payload does not fit the report, or someone else
 * changed the report since it was read.
 */
export async function applyTransition<K extends WorkflowActionName>(
  report: ReportFields,
  name: K,
  payload: ActionPayloads[K],
  actor: StepActor,
  ctx: StepContext,
): Promise<ReportFields> {
  const now = ctx.now ?? new Date();
  const action = workflowActions[name];
  const blocker = actionBlocker(
    name,
    workflowRecordOf(report, now),
    staffOf(actor) ?? (actor as Exclude<StepActor, { role: unknown }>),
  );
  const staff = staffOf(actor);
  // Staff are told why; the reporter's pages get the plain answer their contract declares.
  const why = staff ? { reason: blocker } : {};
  if (blocker === 'wrong-role' || forbiddingGuards.includes(blocker as GuardFailure))
    throw fail('auth.forbidden', [], why);
  // A retried money request finds the report already moved on: it is answered before the state check.
  const moneyKey = moneyActions.includes(name)
    ? await moneyKeyFor(name, report, payload, ctx.idempotencyKey, actor, blocker === null)
    : undefined;
  if (moneyKey === null) return report;
  if (blocker) throw fail(notOpenError[name] ?? 'resource.stale', [], why);

  const change = await changes[name](report, payload, actor, { now, box: ctx.box! });
  const status = change.to ?? action.to ?? (report.status as ReportState);
  const isPublic = change.public ?? action.public;
  // The reporter is mailed about what staff did, not about their own steps or the jobs'; a
  // reporter who withdrew is mailed nothing more (a coerced withdrawal must look final).
  const mailReporter = !report.reporterWithdrawal?.at && (change.notifyReporter ?? (isPublic && !!staff));
  if ((mailReporter || change.staffMails?.length) && !(ctx.box && ctx.publicBaseUrl))
    throw new Error(`${name} sends mail, so its step context needs the secret box and the public address`);
  return inTransaction(async (session) => {
    await change.recheck?.(session);
    const updated = await Report.findOneAndUpdate(
      { reference: report.reference, revision: report.revision, status: report.status },
      {
        $set: { ...change.set, status, ...(status !== report.status ? { statusChangedAt: now } : {}) },
        ...(change.unset?.length ? { $unset: Object.fromEntries(change.unset.map((f) => [f, ''])) } : {}),
        $inc: { revision: 1 },
        $push: pushesOf(name, change, isPublic, actor, now),
      },
      { session, returnDocument: 'after' },
    ).lean<ReportFields>();
    if (!updated) throw new StaleRevision(); // someone acted on this report first
    if (change.shredKeys?.length) await shredReportData(report.reference, change.shredKeys, session);
    const m = change.movement;
    if (m) {
      try {
        await moveMoney(
          {
            kind: m.kind,
            amountFen: m.amountFen,
            fundId: m.fundId,
            rewardId: report.reference,
            step: name,
            actorId: staff?.id,
            ...(m.note ? { note: m.note } : {}),
            idempotencyKey: m.key ?? moneyKey!,
          },
          session,
          now,
        );
      } catch (e) {
        // The request's key already moved money for another report or step: nothing of this step is kept.
        if ((e as { code?: number }).code === 11000) throw fail('idempotency.mismatch');
        throw e;
      }
    }
    const money = m ? { movement: m.kind, movedFen: m.amountFen, fundSource: m.fundId ?? 'main' } : {};
    const target = { type: 'report', id: report.reference };
    const states = { from: report.status, to: status };
    const details = { ...states, ...change.auditDetails, ...money };
    await appendAudit({ actor: staff, action: auditActionOf(name), target, details }, session, now);
    for (const also of change.alsoRecord ?? [])
      await appendAudit(
        { actor: staff, action: auditActionOf(also.type), target, details: { ...states, ...also.auditDetails } },
        session,
        now,
      );
    await refreshReportStats(report.reference, session, updated);
    await queueStatusEvents(report, updated, session, now); // a partner's case: what the partner is told
    if (mailReporter) await notifyReporter(report.reference, report, ctx.box!, ctx.publicBaseUrl!, session);
    for (const mail of change.staffMails ?? [])
      await enqueueEmail(ctx.box!, { kind: 'staff-deadline', ...mail }, session, now);
    return updated;
  });
}

/**
 * Reads the report and takes the step. The reporter and the jobs read again
 * when a staff member's step got in between (their step does not depend on
 * what that person saw); a staff member is told instead, to look first.
 */
export async function transition<K extends WorkflowActionName>(
  reference: string,
  name: K,
  payload: ActionPayloads[K],
  actor: StepActor,
  ctx: StepContext,
): Promise<ReportFields> {
  const attempts = staffOf(actor) ? 1 : 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyTransition(await loadReport(reference, actor), name, payload, actor, ctx);
    } catch (e) {
      if (attempt >= attempts || !(e instanceof StaleRevision)) throw e;
    }
  }
}
