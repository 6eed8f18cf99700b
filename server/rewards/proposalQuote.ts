// The proposal before it is made: what propose-reward would record on this report
// now, from the same calculation (rewardForFindings over the report's facts and the
// published policies), with the range the amount must stay in, the adjustment band
// beyond which a leader must approve, and a typed amount judged as the step judges it.
import { rewardForFindings, type FindingsReward } from '../../shared/rewards';
import type { ProposalQuote } from '../../shared/schemas/rewards';
import type { ReportFields } from '../reports/report.model';
import { controlsOf, leadershipReasonsFor } from './leadership';
import { currentPolicies } from './policyRegistry';
import { reportFactsOf } from './reportFacts';

/** The calculator's answer for this report's findings, decided at `now`: the one propose-reward records. */
export function proposalFor(report: ReportFields, now: Date): FindingsReward {
  return rewardForFindings(
    report.findings as Parameters<typeof rewardForFindings>[0],
    reportFactsOf(report, now),
    currentPolicies(),
  );
}

export function proposalQuote(
  report: ReportFields,
  lang: 'zh' | 'en',
  amountFen: number | undefined,
  now = new Date(),
): ProposalQuote {
  const result = proposalFor(report, now);
  if (!result.eligible) return { eligible: false, reasons: result.reasons.map((r) => r[lang]), explanation: [] };
  const q = result.quote;
  const controls = controlsOf(q.policy, now);
  // The same integer test as leadershipReasonsFor: |amount − computed| × 100 ≤ band% × computed.
  const reach = Math.floor((controls.adjustmentBandPercent * q.amountFen) / 100);
  return {
    eligible: true,
    reasons: [],
    computedFen: q.amountFen,
    minFen: q.minFen,
    maxFen: q.maxFen,
    policy: q.policy,
    policyTitle: q.policyTitle,
    scheme: q.scheme,
    explanation: q.explanation.map((line) => line[lang]),
    band: {
      percent: controls.adjustmentBandPercent,
      fromFen: Math.max(q.minFen, q.amountFen - reach),
      toFen: Math.min(q.maxFen, q.amountFen + reach),
    },
    tiers: {
      deputyDirectorAboveFen: controls.deputyDirectorAboveFen,
      bureauMeetingAboveFen: controls.bureauMeetingAboveFen,
    },
    ...(amountFen !== undefined
      ? {
          amount: {
            amountFen,
            withinRange: amountFen >= q.minFen && amountFen <= q.maxFen,
            adjusted: amountFen !== q.amountFen,
            leadershipReasons: leadershipReasonsFor(amountFen, q.amountFen, controls),
          },
        }
      : {}),
  };
}
