// The reward as each side sees it: the reporter (amount, explanation, their
// clocks, what they can do now) and staff (the whole record, minus the sealed claim).
import { inGroup } from '../../shared/workflow';
import { publicLines, withoutAssumptionMarks } from '../../shared/rewards/texts';
import type { z } from 'zod';
import type { reporterReward } from '../../shared/schemas/report';
import type { staffReward } from '../../shared/schemas/workflow';
import type { ReportFields } from '../reports/report.model';
import { appealDueAt, appealOpen, claimOpen } from './lifecycle';
import { rewardMoneyForStaff } from './correctionViews.presenter';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);
const str = (s: string | null | undefined) => s ?? undefined;
const lines = (l: { zh: string; en: string }[]) => l.map(({ zh, en }) => ({ zh, en }));

/** The documents the reward was judged under, as kept with it (title and 文号). */
const documentsOf = (w: Reward) =>
  w.documents?.length
    ? w.documents.map((d) => ({ title: { zh: d.title?.zh ?? '', en: d.title?.en ?? '' }, number: d.number ?? '' }))
    : undefined;

export function rewardForReporter(r: ReportFields, now = new Date()): z.infer<typeof reporterReward> | undefined {
  const w = r.reward;
  // After a revised appeal the new amount waits for finance: the reporter still sees the appeal's outcome.
  const toldOfAppeal = r.status === 'reward-reviewed' && !!w?.appeal?.outcome;
  if (!w || !w.decidedAt || !(inGroup('rewardToldToReporter', r.status) || toldOfAppeal)) return undefined;
  const due = appealDueAt(r);
  return {
    status: r.status,
    eligible: w.eligible,
    amountFen: w.amountFen,
    policy: str(w.policy),
    documents: documentsOf(w),
    // What applies, without the marks on values still assumed (those are for staff).
    explanation: publicLines(w.explanation),
    refusalReason: w.eligible || !w.refusalReason ? undefined : withoutAssumptionMarks(w.refusalReason),
    claimDueAt: iso(w.claimDueAt),
    canClaim: claimOpen(r, now),
    claimReturnedReason: r.status === 'reward-approved' ? str(w.claimReturnedReason) : undefined,
    claimedAt: iso(w.claimedAt),
    canAppeal: appealOpen(r, now),
    appealDueAt: due && !w.appeal ? due.toISOString() : undefined,
    appeal: w.appeal?.at
      ? { at: w.appeal.at.toISOString(), outcome: str(w.appeal.outcome), decisionReason: str(w.appeal.decisionReason) }
      : undefined,
    paidOn: str(w.payout?.paidOn),
  };
}

type StaffRewardView = z.infer<typeof staffReward>;
type Reward = NonNullable<ReportFields['reward']>;

function leadershipApprovalOf(a: Reward['leadershipApproval']): StaffRewardView['leadershipApproval'] {
  if (!a?.byId || !a.at) return undefined;
  return {
    byId: a.byId,
    at: a.at.toISOString(),
    comment: str(a.comment),
    meetingMinutesNo: str(a.meetingMinutesNo),
    meetingOn: str(a.meetingOn),
  };
}

/** The claim's checks without the blind indexes: staff see what was found, never what it was matched by. */
function claimChecksOf(c: Reward['claimChecks']): StaffRewardView['claimChecks'] {
  if (!c?.payeeIndex) return undefined;
  return {
    flags: [...(c.flags ?? [])],
    exclusionHit: !!c.exclusionHit,
    samePayeeRewards: c.samePayeeRewards ?? 0,
    samePayeeTotalFen: c.samePayeeTotalFen ?? 0,
    sameAccountRewards: c.sameAccountRewards ?? 0,
    sameAccountTotalFen: c.sameAccountTotalFen ?? 0,
    payeeYearTotalFen: c.payeeYearTotalFen ?? 0,
    overYearlyCap: !!c.overYearlyCap,
    clearedById: str(c.clearedById),
    clearedAt: iso(c.clearedAt),
    clearReason: str(c.clearReason),
  };
}

export function rewardForStaff(r: ReportFields): z.infer<typeof staffReward> | undefined {
  const w = r.reward;
  if (!w) return undefined;
  const p = w.payout;
  const a = w.appeal;
  return {
    eligible: w.eligible,
    policy: str(w.policy),
    documents: documentsOf(w),
    scheme: str(w.scheme),
    computedFen: w.computedFen ?? undefined,
    minFen: w.minFen ?? undefined,
    maxFen: w.maxFen ?? undefined,
    amountFen: w.amountFen,
    explanation: lines(w.explanation),
    adjustmentReason: str(w.adjustmentReason),
    refusalReason: str(w.refusalReason),
    proposedById: str(w.proposedById),
    proposedAt: iso(w.proposedAt),
    reviewedById: str(w.reviewedById),
    reviewedAt: iso(w.reviewedAt),
    approvedById: str(w.approvedById),
    approvedAt: iso(w.approvedAt),
    decidedAt: iso(w.decidedAt),
    reservedFen: w.reservedFen,
    claimDueAt: iso(w.claimDueAt),
    claimExtendedDays: w.claimExtendedDays ?? undefined,
    claimExtensionReason: str(w.claimExtensionReason),
    claimed: !!w.claimSealed,
    claimedAt: iso(w.claimedAt),
    claimReturnedReason: str(w.claimReturnedReason),
    payout:
      p?.voucherNo && p.paidOn && p.amountFen != null && p.recordedById && p.recordedAt
        ? {
            voucherNo: p.voucherNo,
            paidOn: p.paidOn,
            amountFen: p.amountFen,
            recordedById: p.recordedById,
            recordedAt: p.recordedAt.toISOString(),
          }
        : undefined,
    lapsedAt: iso(w.lapsedAt),
    leadershipReasons: w.leadershipReasons?.length ? [...w.leadershipReasons] : undefined,
    leadershipApproval: leadershipApprovalOf(w.leadershipApproval),
    claimChecks: claimChecksOf(w.claimChecks),
    appeal:
      a?.at && a.reason && a.fromStatus
        ? {
            at: a.at.toISOString(),
            reason: a.reason,
            fromStatus: a.fromStatus,
            decidedById: str(a.decidedById),
            decidedAt: iso(a.decidedAt),
            outcome: str(a.outcome),
            decisionReason: str(a.decisionReason),
          }
        : undefined,
    ...rewardMoneyForStaff(w),
  };
}
