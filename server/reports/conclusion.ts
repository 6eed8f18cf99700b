// The conclusion a report reached and the clocks it starts: the result letter is
// due within the feedback period, and once it is sent the reporter may object to
// an unsubstantiated, unverifiable or rejected conclusion within the objection
// period. Reopening the case (an objection or a referral) clears the conclusion.
import type { Level } from '../../shared/levels';
import { inGroup } from '../../shared/workflow';
import { dueAfter } from './clocks';
import type { ReportFields } from './report.model';

export type ConclusionKind = 'substantiated' | 'unsubstantiated' | 'unverifiable' | 'rejected';

/** The `$set` for a conclusion reached now: its result letter's clock starts. */
export function concluded(
  report: Pick<ReportFields, 'submittedAt'>,
  kind: ConclusionKind,
  level: Level,
  involvedIds: (string | null | undefined)[],
  now: Date,
): Record<string, unknown> {
  return {
    conclusion: {
      kind,
      at: now,
      level,
      involvedIds: [...new Set(involvedIds.filter((id): id is string => !!id))],
      letterDueAt: dueAfter(report, 'feedback', now),
      reminderSentAt: null,
      escalatedAt: null,
    },
  };
}

/** The reporter may object: the letter is out, the period runs, and they have not objected to this conclusion yet. */
export function objectionOpen(r: ReportFields, now: Date): boolean {
  const c = r.conclusion;
  return (
    inGroup('objectable', r.status) &&
    !!c?.letterSentAt &&
    !!c.objectionDueAt &&
    now <= c.objectionDueAt &&
    !c.objectedAt
  );
}
