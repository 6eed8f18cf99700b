// What the retention schedule (shared/protection/policy.ts) has made due on one
// report at `now`: the classes of personal data whose anchor plus kept days has
// passed. Pure: the job (retentionJob.ts) reads reports and takes the steps.
import {
  protectionPolicy,
  retentionSchedule,
  type DataClass,
  type RetentionRule,
} from '../../shared/protection/policy';
import { objectionOpen } from '../reports/conclusion';
import { stillThereOpen } from '../reports/rectificationChanges';
import type { ReportFields } from '../reports/report.model';
import { appealOpen } from '../rewards/lifecycle';

const DAY_MS = 24 * 60 * 60_000;

/** The classes kept on a report (the outbox's records and drafts on the phone are not). */
export const reportDataClasses = [
  'reporter-identity',
  'claim-bank-details',
  'protection-details',
  'access-keys',
  'evidence',
  'notice-phone',
] as const satisfies readonly DataClass[];
export type ReportDataClass = (typeof reportDataClasses)[number];

/** Statuses in which a case may be final (rejected and transferred only under conditions, below). */
export const finalStatuses = ['closed', 'duplicate', 'withdrawn', 'rejected', 'transferred'] as const;

const latest = (dates: (Date | null | undefined)[]): Date | undefined => {
  const times = dates.filter((d): d is Date => !!d).map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)) : undefined;
};

/** When the status was last changed (older reports without the field: their last step). */
const statusSince = (r: ReportFields): Date | undefined => r.statusChangedAt ?? r.timeline?.at(-1)?.at ?? undefined;

/**
 * When the case became final, or undefined while it can still change: closed, duplicate or
 * withdrawn; rejected once the objection period is over (or its one objection was decided);
 * transferred once the receiving department's result is recorded.
 */
export function finalAt(r: ReportFields, now: Date): Date | undefined {
  switch (r.status) {
    case 'closed':
    case 'duplicate':
    case 'withdrawn':
      return statusSince(r);
    case 'rejected': {
      const c = r.conclusion;
      if (c?.objectedAt) return statusSince(r); // back to rejected after its objection was upheld
      if (!c?.objectionDueAt || objectionOpen(r, now) || c.objectionDueAt > now) return undefined;
      return latest([c.objectionDueAt, statusSince(r)]);
    }
    case 'transferred': {
      const recorded = r.transferredTo?.result?.recordedAt;
      return recorded ? latest([recorded, statusSince(r)]) : undefined;
    }
    default:
      return undefined;
  }
}

/** The last money recorded for the reward: its payout, or a later top-up or recovery. */
function paidAt(r: ReportFields): Date | undefined {
  const reward = r.reward;
  if (!reward?.payout?.recordedAt) return undefined;
  return latest([
    reward.payout.recordedAt,
    ...(reward.topUps ?? []).map((t) => t.recordedAt),
    ...(reward.recoveries ?? []).map((x) => x.recordedAt),
  ]);
}

/** Settled: the reward paid, or, when nothing was paid, the case final. */
export function settledAt(r: ReportFields, now: Date): Date | undefined {
  return paidAt(r) ?? finalAt(r, now);
}

/** Why nothing of the report may go now, if anything holds it. */
export function retentionHold(
  r: ReportFields,
  now: Date,
): 'protection-case' | 'objection' | 'appeal' | 'correction' | undefined {
  if (r.protection?.cases?.some((c) => !c.closedAt)) return 'protection-case';
  if (r.status === 'objected' || objectionOpen(r, now)) return 'objection';
  if (r.status === 'reward-appealed' || appealOpen(r, now)) return 'appeal';
  const underWay = (c: { recordedAt?: Date | null; refusedAt?: Date | null } | undefined) =>
    !!c && !c.recordedAt && !c.refusedAt;
  if (underWay(r.reward?.topUps?.at(-1)) || underWay(r.reward?.recoveries?.at(-1))) return 'correction';
  return undefined;
}

const isInsider = (r: ReportFields) => r.protection?.assessment?.insider ?? !!r.employeeOfSubject;
const substantiated = (r: ReportFields) => (r.findings as { substantiated?: boolean } | null)?.substantiated === true;
const after = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);

/** What an insider needs for the check-ins after the conclusion. */
const reachesInsider = new Set<RetentionRule['dataClass']>(['access-keys', 'notice-phone']);

/** When a class of this report is due, or undefined while its anchor is not reached. */
export function dueAt(r: ReportFields, rule: RetentionRule, now: Date): Date | undefined {
  const anchor = rule.anchor === 'settled' ? settledAt(r, now) : rule.anchor === 'final' ? finalAt(r, now) : undefined;
  if (!anchor) return undefined;
  const days = rule.substantiatedDays && substantiated(r) ? rule.substantiatedDays : rule.days;
  const due = after(anchor, days);
  if (!reachesInsider.has(rule.dataClass) || !isInsider(r) || !r.conclusion?.at) return due;
  // An insider answers check-ins with the access key, told of each by their notices: both
  // outlive the last round's answer period.
  const lastCheckIn = Math.max(...protectionPolicy.checkInDays) + protectionPolicy.checkInAnswerDays;
  return latest([due, after(r.conclusion.at, lastCheckIn)]);
}

const some = (list: unknown[] | null | undefined) => !!list?.length;

/**
 * Whether the report holds data of this class. A class deleted before is due again once it
 * does: a protection case, for one, may be opened after the protection details went.
 */
export function holdsData(r: ReportFields, dataClass: ReportDataClass): boolean {
  const p = r.protection;
  switch (dataClass) {
    case 'reporter-identity':
      return !!(r.reporterSealed || r.notifyEmailSealed || r.reporterPseudonym);
    case 'claim-bank-details':
      return !!r.reward?.claimSealed;
    case 'protection-details':
      return (
        !!p?.assessment?.note ||
        !!p?.checkIns?.some((c) => c.answerSealed) ||
        !!p?.cases?.some(
          (c) =>
            c.accountSealed || c.outcomeNote || c.outcomeNoteSealed || c.referrals.some((f) => f.note || f.noteSealed),
        )
      );
    case 'access-keys':
      return !!(r.accessKeyHash || r.duressKeyHash || r.retry);
    case 'notice-phone':
      return !!r.noticePhoneSealed;
    case 'evidence':
      return (
        some(r.evidence) ||
        !!r.rectifications?.some((t) => t.reinspections?.some((x) => some(x.beforeFileIds) || some(x.afterFileIds)))
      );
  }
}

/** The classes of this report due for deletion at `now`: not deleted before, or holding data again. */
export function dueClasses(r: ReportFields, now: Date): ReportDataClass[] {
  if (retentionHold(r, now)) return [];
  const deleted = new Set((r.deletedData ?? []).map((d) => d.dataClass));
  return reportDataClasses.filter((dataClass) => {
    if (deleted.has(dataClass) && !holdsData(r, dataClass)) return false;
    // Few reports ever hold a notice phone: the others need no step for it.
    if (dataClass === 'notice-phone' && !holdsData(r, dataClass)) return false;
    // The reporter may still say the hazard is back ("still there"): they sign in with the key.
    if (dataClass === 'access-keys' && stillThereOpen(r, now)) return false;
    const rule = retentionSchedule.find((x) => x.dataClass === dataClass)!;
    const due = dueAt(r, rule, now);
    return !!due && due <= now;
  });
}
