// When a reward needs a leader's approval before finance reserves the money: an
// amount moved beyond the adjustment band from the computed one, or above an
// amount tier. The band and tiers are policy data (`controls` of the version the
// quote used), so the bureau changes them by publishing a version, not code.
import { policyInForce } from '../../shared/rewards';
import type { RewardControls } from '../../shared/rewards/policySchema';
import { shanghaiDay } from '../../shared/dates';
import { currentPolicies } from './policyRegistry';
import type { LeadershipReason } from '../../shared/schemas/rewardControls';

/**
 * The controls of the version a reward was computed under; a reward with no
 * recorded version (refused, then revised on appeal) is judged by today's.
 */
export function controlsOf(policyId: string | null | undefined, now = new Date()): RewardControls {
  const registry = currentPolicies();
  return (registry.find((p) => p.id === policyId) ?? policyInForce(shanghaiDay(now), registry)).controls;
}

/** Why this amount needs a leader (none: finance may approve it alone). The higher tier replaces the lower. */
export function leadershipReasonsFor(
  amountFen: number,
  computedFen: number | null | undefined,
  controls: RewardControls,
): LeadershipReason[] {
  const reasons: LeadershipReason[] = [];
  // Integer comparison of |amount − computed| > band% × computed, so no rounding decides it.
  if (computedFen != null && Math.abs(amountFen - computedFen) * 100 > controls.adjustmentBandPercent * computedFen)
    reasons.push('adjusted-beyond-band');
  if (amountFen > controls.bureauMeetingAboveFen) reasons.push('bureau-meeting');
  else if (amountFen > controls.deputyDirectorAboveFen) reasons.push('deputy-director');
  return reasons;
}
