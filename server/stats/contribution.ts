// What one report adds to the statistics, as a pure function of the report:
// cell id → counters and days-to-conclusion histogram. Refresh and rebuild both
// use it, so the incremental rollups and a rebuild cannot disagree.
//
// Rectification is counted by what was verified, not what was ordered: a report
// is rectified when all its tasks were re-inspected as done (and signed off, for
// major hazards), and overdue while a task the overdue job escalated for its
// current due day is still open. Both read only stored marks, never the clock,
// so a refresh on any write gives the same figure as a rebuild. (The counter
// `rectified` of earlier versions counted orders; it is no longer written, and a
// report's next refresh or a rebuild takes it out of the rollups.)
import { shanghaiMonthOf } from '../../shared/dates';
import { inGroup } from '../../shared/workflow';
import type { ReportFields } from '../reports/report.model';

/** Whole days past this land in the last bucket ("a year or more"). */
export const HISTOGRAM_MAX_DAYS = 365;
const DAY_MS = 86_400_000;

export interface CellKey {
  kind: 'area' | 'poster';
  month: string;
  area?: string;
  sector?: string;
  poster?: string;
}

export interface CellAmounts {
  counts: Record<string, number>;
  days: Record<string, number>;
}

export type Contribution = Record<string, CellAmounts>;

export const areaCellId = (month: string, area: string, sector: string) => `a|${month}|${area}|${sector}`;
export const posterCellId = (month: string, poster: string) => `p|${month}|${poster}`;

export function cellKeyOf(id: string): CellKey {
  const [kind, month, a, b] = id.split('|');
  return kind === 'a' ? { kind: 'area', month, area: a, sector: b } : { kind: 'poster', month, poster: a };
}

/** The parts of a report the statistics read. */
export type StatsReport = Pick<
  ReportFields,
  | 'reference'
  | 'status'
  | 'area'
  | 'sector'
  | 'posterCode'
  | 'submittedAt'
  | 'timeline'
  | 'assignment'
  | 'findings'
  | 'reward'
> & {
  conclusion?: Pick<NonNullable<ReportFields['conclusion']>, 'kind' | 'at'> | null;
  /** Only the marks the figures read (see STATS_PROJECTION). */
  rectifications?: Pick<RectificationTask, 'status' | 'dueOn' | 'escalatedFor'>[] | null;
};
type RectificationTask = ReportFields['rectifications'][number];

export const STATS_PROJECTION = {
  reference: 1,
  status: 1,
  'conclusion.kind': 1,
  'conclusion.at': 1,
  area: 1,
  sector: 1,
  posterCode: 1,
  submittedAt: 1,
  timeline: 1,
  assignment: 1,
  findings: 1,
  reward: 1,
  'rectifications.status': 1,
  'rectifications.dueOn': 1,
  'rectifications.escalatedFor': 1,
} as const;

/**
 * The verification's conclusion standing now, or undefined while there is none:
 * a case reopened by an objection or a referral has none until it concludes again.
 * Reports concluded before conclusions were recorded are read from their timeline.
 */
function conclusionOf(report: StatsReport): { at: Date; substantiated: boolean } | undefined {
  const c = report.conclusion;
  if (c) return c.kind === 'rejected' ? undefined : { at: c.at, substantiated: c.kind === 'substantiated' };
  if (!inGroup('concluded', report.status) && report.status !== 'closed') return undefined;
  let at: Date | undefined;
  for (const step of report.timeline ?? []) if (step.type === 'approve-findings') at = step.at;
  const findings = (report.findings ?? {}) as { substantiated?: boolean };
  return at && { at, substantiated: findings.substantiated === true };
}

type Tasks = NonNullable<StatsReport['rectifications']>;

/** Every task verified complete (re-inspected as done; signed off when major), and at least one. */
export const rectificationVerified = (tasks: Tasks): boolean =>
  tasks.length > 0 && tasks.every((t) => t.status === 'completed');

/** A task still open whose current due day the overdue job has escalated. */
export const rectificationOverdue = (tasks: Tasks): boolean =>
  tasks.some((t) => t.status === 'open' && !!t.escalatedFor && t.escalatedFor === t.dueOn);

function add(c: Contribution, id: string, field: string, amount: number, map: keyof CellAmounts = 'counts'): void {
  if (!amount) return;
  const cell = (c[id] ??= { counts: {}, days: {} });
  cell[map][field] = (cell[map][field] ?? 0) + amount;
}

export function contributionOf(report: StatsReport): Contribution {
  const c: Contribution = {};
  const month = shanghaiMonthOf(report.submittedAt);
  const cell = areaCellId(month, report.area, report.sector);
  const concluded = conclusionOf(report);
  const conclusion = concluded?.at;
  const substantiated = !!concluded?.substantiated;
  const tasks = report.rectifications ?? [];

  add(c, cell, 'received', 1);
  if (report.assignment?.assignedAt) add(c, cell, 'accepted', 1);
  if (conclusion) {
    add(c, cell, 'concluded', 1);
    add(c, cell, substantiated ? 'substantiated' : 'unsubstantiated', 1);
    if (substantiated && rectificationVerified(tasks)) add(c, cell, 'rectifiedVerified', 1);
    if (substantiated && rectificationOverdue(tasks)) add(c, cell, 'rectificationOverdue', 1);
    const due = report.assignment?.dueAt;
    if (due && conclusion <= due) add(c, cell, 'onTime', 1);
    const days = Math.min(
      HISTOGRAM_MAX_DAYS,
      Math.max(0, Math.floor((conclusion.getTime() - report.submittedAt.getTime()) / DAY_MS)),
    );
    add(c, cell, `d${days}`, 1, 'days');
  }

  const reward = report.reward;
  if (reward?.approvedAt && reward.amountFen > 0) {
    const approvedCell = areaCellId(shanghaiMonthOf(reward.approvedAt), report.area, report.sector);
    add(c, approvedCell, 'rewardsApproved', 1);
    add(c, approvedCell, 'rewardsApprovedFen', reward.amountFen);
  }
  const payout = reward?.payout;
  if (payout?.paidOn && payout.amountFen) {
    const paidCell = areaCellId(payout.paidOn.slice(0, 7), report.area, report.sector);
    add(c, paidCell, 'rewardsPaid', 1);
    add(c, paidCell, 'rewardsPaidFen', payout.amountFen);
  }

  if (report.posterCode) {
    const p = posterCellId(month, report.posterCode);
    add(c, p, 'reports', 1);
    if (substantiated) add(c, p, 'substantiated', 1);
    if (reward?.approvedAt && reward.amountFen > 0) add(c, p, 'rewarded', 1);
  }
  return c;
}

/** `next − previous`, cell by cell and field by field, leaving out what did not change. */
export function difference(next: Contribution, previous: Contribution): Contribution {
  const out: Contribution = {};
  for (const id of new Set([...Object.keys(next), ...Object.keys(previous)])) {
    for (const map of ['counts', 'days'] as const) {
      const a = next[id]?.[map] ?? {};
      const b = previous[id]?.[map] ?? {};
      for (const field of new Set([...Object.keys(a), ...Object.keys(b)]))
        add(out, id, field, (a[field] ?? 0) - (b[field] ?? 0), map);
    }
  }
  return out;
}
