// The partner's view of a case it dispatched (shared/schemas/exchangeStatus.ts),
// mapped from our workflow states: stage, outcome, rectification and the reward
// decision as the reporter was told it. Nothing about the reporter or the staff.
import type { PartnerCaseView, PartnerOutcome, PartnerStage } from '../../shared/schemas/exchangeStatus';
import { inGroup, type ReportState } from '../../shared/workflow';
import type { ReportFields } from '../reports/report.model';

const stageOf: Record<ReportState, PartnerStage> = {
  submitted: 'received',
  screening: 'received',
  'awaiting-information': 'received',
  assigned: 'accepted',
  verifying: 'verifying',
  'findings-submitted': 'verifying',
  'referred-up': 'verifying',
  substantiated: 'concluded',
  unsubstantiated: 'concluded',
  unverifiable: 'concluded',
  // The conclusion stands while the level above reviews the objection.
  objected: 'concluded',
  'reward-proposed': 'concluded',
  'reward-reviewed': 'concluded',
  'reward-approved': 'concluded',
  'reward-claimed': 'concluded',
  'reward-paid': 'concluded',
  'reward-refused': 'concluded',
  'reward-lapsed': 'concluded',
  'reward-appealed': 'concluded',
  rejected: 'concluded',
  duplicate: 'concluded',
  transferred: 'concluded',
  withdrawn: 'concluded',
  closed: 'closed',
};

const outcomeOfConclusion: Record<string, PartnerOutcome> = {
  substantiated: 'substantiated',
  unsubstantiated: 'not-substantiated',
  unverifiable: 'unverifiable',
  rejected: 'rejected',
};

function outcomeOf(r: ReportFields, status: ReportState): PartnerOutcome | null {
  if (status === 'duplicate' || status === 'transferred' || status === 'withdrawn') return status;
  if (inGroup('substantiated', status) && status !== 'closed') return 'substantiated';
  if (status === 'unsubstantiated') return 'not-substantiated';
  if (status === 'unverifiable' || status === 'rejected') return status;
  if (status === 'objected' || status === 'closed') {
    const kind = r.conclusion?.kind;
    if (kind) return outcomeOfConclusion[kind] ?? null;
    if (status === 'closed' && r.transferredTo?.at) return 'transferred';
  }
  return null;
}

function rectificationOf(r: ReportFields): PartnerCaseView['rectification'] {
  const tasks = r.rectifications ?? [];
  if (!tasks.length) return null;
  return tasks.every((t) => t.status === 'completed') ? 'completed' : 'open';
}

/** The decision once the reporter has been told it (a proposal or review is internal). */
function rewardOf(r: ReportFields): PartnerCaseView['reward'] {
  const w = r.reward;
  if (!w?.decidedAt) return null;
  const paid = !!w.payout?.recordedAt;
  if (w.lapsedAt) return { decision: 'lapsed', amountFen: 0, paid: false };
  if (w.approvedAt && w.eligible) return { decision: 'granted', amountFen: w.amountFen, paid };
  if (!w.eligible) return { decision: 'refused', amountFen: 0, paid: false };
  return null;
}

export function partnerViewOf(r: ReportFields): PartnerCaseView {
  const status = r.status as ReportState;
  return {
    reference: r.reference,
    externalId: r.exchange?.externalId ?? '',
    stage: stageOf[status],
    outcome: outcomeOf(r, status),
    rectification: rectificationOf(r),
    reward: rewardOf(r),
    updatedAt: (r.updatedAt ?? r.submittedAt).toISOString(),
  };
}
