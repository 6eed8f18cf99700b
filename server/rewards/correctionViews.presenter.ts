// What staff see of a reward's money after the decision: the source it was paid
// from, its top-ups and recoveries, and the monthly sample's check.
import type { z } from 'zod';
import type { recoveryView, sampleCheckView, topUpView } from '../../shared/schemas/fund';
import type { ReportFields } from '../reports/report.model';

type Reward = NonNullable<ReportFields['reward']>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);
const str = (s: string | null | undefined) => s ?? undefined;

function topUpFor(t: NonNullable<Reward['topUps']>[number]): z.infer<typeof topUpView> {
  const facts = (t.facts ?? {}) as { fineFen?: number; penaltyDecisionNo?: string; accidentGrade?: string };
  return {
    ground: t.ground ?? '',
    reason: t.reason ?? '',
    fineFen: facts.fineFen,
    penaltyDecisionNo: facts.penaltyDecisionNo,
    accidentGrade: facts.accidentGrade,
    newAmountFen: t.newAmountFen ?? 0,
    amountFen: t.amountFen ?? 0,
    explanation: t.explanation.map(({ zh, en }) => ({ zh, en })),
    proposedById: t.proposedById ?? '',
    proposedAt: iso(t.proposedAt) ?? '',
    leadershipReasons: t.leadershipReasons?.length ? [...t.leadershipReasons] : undefined,
    leadershipApproval: t.leadershipApproval?.at
      ? {
          byId: t.leadershipApproval.byId ?? '',
          at: t.leadershipApproval.at.toISOString(),
          comment: str(t.leadershipApproval.comment),
          meetingMinutesNo: str(t.leadershipApproval.meetingMinutesNo),
          meetingOn: str(t.leadershipApproval.meetingOn),
        }
      : undefined,
    approvedById: str(t.approvedById),
    approvedAt: iso(t.approvedAt),
    fundSource: str(t.fundSource),
    voucherNo: str(t.voucherNo),
    paidOn: str(t.paidOn),
    recordedById: str(t.recordedById),
    recordedAt: iso(t.recordedAt),
    refusedById: str(t.refusedById),
    refusedAt: iso(t.refusedAt),
    refusalReason: str(t.refusalReason),
  };
}

function recoveryFor(r: NonNullable<Reward['recoveries']>[number]): z.infer<typeof recoveryView> {
  return {
    ground: r.ground ?? '',
    reason: r.reason ?? '',
    amountFen: r.amountFen ?? 0,
    fundSource: str(r.fundSource),
    proposedById: r.proposedById ?? '',
    proposedAt: iso(r.proposedAt) ?? '',
    approvedById: str(r.approvedById),
    approvedAt: iso(r.approvedAt),
    voucherNo: str(r.voucherNo),
    receivedOn: str(r.receivedOn),
    recordedById: str(r.recordedById),
    recordedAt: iso(r.recordedAt),
    refusedById: str(r.refusedById),
    refusedAt: iso(r.refusedAt),
    refusalReason: str(r.refusalReason),
    writtenOff: r.writtenOff ? true : undefined,
  };
}

function sampleFor(s: Reward['sampleCheck']): z.infer<typeof sampleCheckView> | undefined {
  if (!s?.month || !s.drawnAt || !s.verifierId) return undefined;
  return {
    month: s.month,
    drawnAt: s.drawnAt.toISOString(),
    // Not before the check is recorded: the case's handlers must not know who re-inspects it.
    verifierId: s.recordedAt ? s.verifierId : undefined,
    outcome: str(s.outcome),
    note: str(s.note),
    recordedAt: iso(s.recordedAt),
  };
}

export function rewardMoneyForStaff(w: Reward) {
  return {
    fundSource: str(w.fundSource),
    topUps: w.topUps?.length ? w.topUps.map(topUpFor) : undefined,
    recoveries: w.recoveries?.length ? w.recoveries.map(recoveryFor) : undefined,
    sampleCheck: sampleFor(w.sampleCheck),
  };
}
