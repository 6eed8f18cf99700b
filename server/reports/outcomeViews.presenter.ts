// The conclusion's side of a report as staff and as the reporter see it: result
// letters, objections, referral, transfer, death case and rectification. The
// reporter sees outcomes and dates, never the enterprise's file, staff ids or
// penalty notes.
import type { z } from 'zod';
import type { followupReportResponse } from '../../shared/schemas/report';
import type { staffReportView } from '../../shared/schemas/workflow';
import { objectionOpen } from './conclusion';
import { dueAfter } from './clocks';
import { isOverdue, stillThereOpen } from './rectificationChanges';
import type { ReportFields } from './report.model';

/** Dates as ISO strings, and no null or undefined fields: the shape the answer schemas declare. */
function plain<T>(value: unknown): T {
  if (value instanceof Date) return value.toISOString() as T;
  if (Array.isArray(value)) return value.map((v) => plain(v)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, plain(v)]),
    ) as T;
  return value as T;
}

type StaffOutcome = Pick<
  z.infer<typeof staffReportView>,
  | 'extensionRequest'
  | 'referral'
  | 'conclusion'
  | 'resultLetters'
  | 'objections'
  | 'transferredTo'
  | 'deathCase'
  | 'rectifications'
>;

export function outcomeForStaff(r: ReportFields, now = new Date()): StaffOutcome {
  const { involvedIds: _involved, reminderSentAt: _r, escalatedAt: _e, ...conclusion } = r.conclusion ?? {};
  return plain<StaffOutcome>({
    extensionRequest: r.assignment?.extensionRequest?.days ? r.assignment.extensionRequest : undefined,
    referral: r.referral?.at ? r.referral : undefined,
    conclusion: r.conclusion ? conclusion : undefined,
    resultLetters: r.resultLetters ?? [],
    objections: r.objections ?? [],
    transferredTo: r.transferredTo ?? undefined,
    deathCase: r.deathCase?.flaggedAt
      ? { flaggedAt: r.deathCase.flaggedAt, investigation: r.deathCase.investigation }
      : undefined,
    rectifications: (r.rectifications ?? []).map((t) => ({ ...t, followUp: !!t.followUp, overdue: isOverdue(t, now) })),
  });
}

type ReporterOutcome = Pick<
  z.infer<typeof followupReportResponse>,
  | 'resultLetters'
  | 'canObject'
  | 'objectionDueAt'
  | 'objections'
  | 'transfer'
  | 'rectifications'
  | 'canSayStillThere'
  | 'stillThereDueAt'
>;

export function outcomeForReporter(r: ReportFields, unitName: string | undefined, now = new Date()): ReporterOutcome {
  const canSayStillThere = stillThereOpen(r, now);
  const lastCompleted = (r.rectifications ?? [])
    .filter((t) => t.status === 'completed' && t.completedAt)
    .map((t) => t.completedAt!)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  const t = r.transferredTo;
  return plain<ReporterOutcome>({
    resultLetters: (r.resultLetters ?? []).map(({ sentById: _by, ...letter }) => letter),
    canObject: objectionOpen(r, now),
    objectionDueAt: objectionOpen(r, now) ? r.conclusion?.objectionDueAt : undefined,
    objections: (r.objections ?? []).map((o) => ({
      at: o.at,
      reason: o.reason,
      dueAt: o.dueAt,
      decidedAt: o.decidedAt,
      outcome: o.outcome,
      decisionReason: o.decisionReason,
    })),
    transfer:
      r.status === 'transferred' || t?.result
        ? { unitName, at: t?.at, result: t?.result?.summary, receivedOn: t?.result?.receivedOn }
        : undefined,
    rectifications: (r.rectifications ?? []).map((x) => ({
      taskId: x.taskId,
      status: x.status,
      dueOn: x.dueOn,
      major: x.major,
      completedAt: x.completedAt,
      lastResult: x.reinspections?.at(-1)?.result,
      disputedAt: x.disputedAt,
    })),
    canSayStillThere,
    stillThereDueAt: canSayStillThere && lastCompleted ? dueAfter(r, 'stillThere', lastCompleted) : undefined,
  });
}
