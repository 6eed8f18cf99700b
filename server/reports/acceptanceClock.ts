// The acceptance clock: a report must be screened within the acceptance period of
// its submission. Time spent awaiting the reporter's answer does not count: asking
// records when the clock stopped, and resuming adds the pause to `pausedMs`.
import { dueAfter } from './clocks';
import type { ReportFields } from './report.model';

const DAY = 86_400_000;

type Clocked = Pick<ReportFields, 'submittedAt' | 'acceptance'>;

/** The `$set` fields that stop the clock (the report goes to awaiting-information). */
export function pausedClock(now: Date): Record<string, unknown> {
  return { 'acceptance.pausedAt': now };
}

/** The `$set` fields that restart it, the paused time added to the total. */
export function resumedClock(report: Clocked, now: Date): Record<string, unknown> {
  const pausedAt = report.acceptance?.pausedAt;
  if (!pausedAt) return {};
  const pausedMs = (report.acceptance?.pausedMs ?? 0) + Math.max(0, now.getTime() - pausedAt.getTime());
  return { 'acceptance.pausedAt': null, 'acceptance.pausedMs': pausedMs };
}

/**
 * When screening is due: the end of the report's acceptance period (its policy
 * version's, on the official calendar) plus every completed pause. A configured
 * number of days (`overrideDays`) replaces the period: exactly that many days
 * after submission.
 */
export function acceptanceDueAt(report: Clocked, overrideDays?: number): Date {
  const end =
    overrideDays !== undefined
      ? new Date(report.submittedAt.getTime() + overrideDays * DAY)
      : dueAfter(report, 'acceptance', report.submittedAt);
  return new Date(end.getTime() + (report.acceptance?.pausedMs ?? 0));
}
