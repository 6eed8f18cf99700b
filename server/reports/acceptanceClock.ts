// The acceptance clock: a report must be screened within the acceptance period of
// its submission. Time spent awaiting the reporter's answer does not count: asking
// records when the clock stopped, and resuming adds the pause to `pausedMs`.
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

/** When screening is due: submission + the period + every completed pause. */
export function acceptanceDueAt(report: Clocked, acceptanceDays: number): Date {
  return new Date(report.submittedAt.getTime() + acceptanceDays * DAY + (report.acceptance?.pausedMs ?? 0));
}
