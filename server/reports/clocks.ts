// A report's legal periods: those of the reward-policy version in force on the day
// it was submitted, each counted on the official calendar from its start event.
import { shanghaiDay } from '../../shared/dates';
import type { LegalPeriod, PeriodName } from '../../shared/periods';
import { currentPolicies } from '../rewards/policyRegistry';
import { periodEnd } from '../platform/calendar';

type Submitted = { submittedAt: Date };

export function periodOf(report: Submitted, name: PeriodName): LegalPeriod {
  const day = shanghaiDay(report.submittedAt);
  // ISO days compare as strings; a report from before the first version runs on the first one's periods.
  const registry = currentPolicies();
  const version = registry.filter((p) => p.effectiveFrom <= day).at(-1) ?? registry[0];
  return version.periods[name];
}

/** When the report's `name` period, started by the event at `start`, is over. */
export const dueAfter = (report: Submitted, name: PeriodName, start: Date): Date =>
  periodEnd(start, periodOf(report, name));
