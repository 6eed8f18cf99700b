// What each reward step changes on a report, and which money it moves: the staff
// steps from proposal to payout and appeal, the reporter's claim and appeal, and
// the lapse of an unclaimed reward. The amount comes from the calculator and the
// recorded findings; people may only adjust it within the scheme's range, with a
// reason. The pipeline (server/reports/pipeline.ts) applies each in one
// transaction with the status change, the ledger and the audit entry.
import { noteOf } from '../../shared/notes';
import { formatYuan } from '../../shared/money';
import { proposalFor } from './proposalQuote';
import { endOfShanghaiDay, shanghaiDay } from '../../shared/dates';
import type { ReportState } from '../../shared/workflow';
import { dueAfter } from '../reports/clocks';
import { fail } from '../platform/errors';
import { staffOf, type Change, type ChangesFor, type StepActor } from '../reports/change';
import type { Claim } from '../../shared/schemas/claim';
import { MAIN_FUND_SOURCE } from '../../shared/schemas/fund';
import type { ReportFields } from '../reports/report.model';
import type { SecretBox } from '../platform/secretBox';
import { sealReportData } from '../protection/dataKeys';
import { checkClaimant, claimChecksFor } from './claimChecks';
import { controlsOf, leadershipReasonsFor } from './leadership';
import type { ClientSession } from 'mongoose';
import { recheckInTransaction, refuseSecondReward } from './matterReward';

const DAY = 86_400_000;

/**
 * Deadlines told to the reporter as a day run to the end of that day in China.
 * (`from` may itself be such an end, 00:00 of the next day: the millisecond keeps it in its own day.)
 */
export const dueAfterDays = (from: Date, days: number) => endOfShanghaiDay(new Date(from.getTime() + days * DAY - 1));
/** After a claim is sent back, the reporter has at least this long to correct it [assumed]. */
const CORRECTION_DAYS = 15;
/** The most any single reward can be: 300,000 yuan. */
export const REWARD_CAP_FEN = 30_000_000;

type RewardChange = Change & { to: ReportState };

const invalid = (path: string, message: string) => fail('request.invalid', [{ path, code: 'invalid', message }]);

/** The funding source a reward's money was reserved from: the city fund unless finance named another. */
export const fundSourceOf = (report: ReportFields): string => report.reward?.fundSource ?? MAIN_FUND_SOURCE;

/** A county's own budget pays only for reports in that county; the city and provincial money pays for any. */
export function checkSourceServes(report: ReportFields, fundSource: string): string {
  if (fundSource.startsWith('county-') && fundSource !== `county-${report.area}`)
    throw invalid('body.fundSource', `${fundSource} funds only its own county; this report is in ${report.area}`);
  return fundSource;
}

function rewardOf(report: ReportFields) {
  if (!report.reward) throw fail('resource.stale');
  return report.reward;
}

function proposeReward(
  report: ReportFields,
  p: { amountFen?: number; adjustmentReason?: string; noRewardReason?: string },
  actor: StepActor,
  now: Date,
): RewardChange {
  const proposed = { proposedById: staffOf(actor)?.id, proposedAt: now, reservedFen: 0 };
  if (p.noRewardReason)
    return {
      to: 'reward-proposed',
      set: { reward: { ...proposed, eligible: false, amountFen: 0, refusalReason: p.noRewardReason, explanation: [] } },
      auditDetails: { eligible: false },
    };
  // The same calculation the proposal's preview shows (proposalQuote.ts).
  const result = proposalFor(report, now);
  if (!result.eligible) {
    if (p.amountFen !== undefined)
      throw invalid('body.amountFen', 'the findings make this report ineligible for a reward');
    const refusalReason = result.reasons.map((r) => `${r.zh} / ${r.en}`).join('；');
    return {
      to: 'reward-proposed',
      set: { reward: { ...proposed, eligible: false, amountFen: 0, refusalReason, explanation: result.reasons } },
      auditDetails: { eligible: false },
    };
  }
  const q = result.quote;
  const amountFen = p.amountFen ?? q.amountFen;
  if (amountFen < q.minFen || amountFen > q.maxFen)
    throw invalid('body.amountFen', `must be within ${q.minFen}–${q.maxFen} fen for this scheme`);
  const adjusted = amountFen !== q.amountFen;
  const leadershipReasons = leadershipReasonsFor(amountFen, q.amountFen, controlsOf(q.policy, now));
  return {
    to: 'reward-proposed',
    auditDetails: { eligible: true, amountFen, computedFen: q.amountFen, policy: q.policy, leadershipReasons },
    set: {
      reward: {
        ...proposed,
        ...(leadershipReasons.length ? { leadershipReasons } : {}),
        eligible: true,
        policy: q.policy,
        scheme: q.scheme,
        documents: q.documents,
        computedFen: q.amountFen,
        minFen: q.minFen,
        maxFen: q.maxFen,
        amountFen,
        explanation: adjusted
          ? [
              ...q.explanation,
              {
                zh: `经核定调整为 ${formatYuan(amountFen)} 元：${p.adjustmentReason}`,
                en: `Adjusted to ${formatYuan(amountFen)} yuan: ${p.adjustmentReason}`,
              },
            ]
          : q.explanation,
        ...(adjusted ? { adjustmentReason: p.adjustmentReason } : {}),
      },
    },
  };
}

function confirmReward(report: ReportFields, actor: StepActor, now: Date): RewardChange {
  const reward = rewardOf(report);
  const reviewed = { 'reward.reviewedById': staffOf(actor)?.id, 'reward.reviewedAt': now };
  if (!reward.eligible)
    return {
      to: 'reward-refused',
      set: { ...reviewed, 'reward.decidedAt': now },
      note: noteOf('reward.refused', { reason: reward.refusalReason ?? '' }),
      public: true,
    };
  return { to: 'reward-reviewed', set: reviewed, auditDetails: { amountFen: reward.amountFen } };
}

function approveReward(report: ReportFields, fundSource: string, actor: StepActor, now: Date): RewardChange {
  const reward = rewardOf(report);
  const claimDueAt = dueAfter(report, 'claim', now);
  return {
    to: 'reward-approved',
    set: {
      'reward.fundSource': fundSource,
      'reward.approvedById': staffOf(actor)?.id,
      'reward.approvedAt': now,
      'reward.decidedAt': now,
      'reward.reservedFen': reward.amountFen,
      'reward.claimDueAt': claimDueAt,
    },
    note: noteOf('reward.approved', { amountFen: reward.amountFen, claimDueAt: claimDueAt.toISOString() }),
    movement: { kind: 'reserve', amountFen: reward.amountFen, fundId: fundSource },
    auditDetails: { fundSource },
  };
}

function extendClaim(report: ReportFields, p: { days: number; reason: string }): RewardChange {
  const due = rewardOf(report).claimDueAt!;
  const claimDueAt = dueAfterDays(due, p.days);
  return {
    to: 'reward-approved',
    set: {
      'reward.claimDueAt': claimDueAt,
      'reward.claimExtendedDays': p.days,
      'reward.claimExtensionReason': p.reason,
    },
    note: noteOf('reward.claim-extended', { claimDueAt: claimDueAt.toISOString(), reason: p.reason }),
  };
}

function rejectClaim(report: ReportFields, p: { reason: string }, now: Date): RewardChange {
  const due = rewardOf(report).claimDueAt!;
  const claimDueAt = new Date(Math.max(due.getTime(), dueAfterDays(now, CORRECTION_DAYS).getTime()));
  return {
    to: 'reward-approved',
    set: {
      'reward.claimSealed': null,
      'reward.claimedAt': null,
      'reward.claimReturnedReason': p.reason,
      'reward.claimDueAt': claimDueAt,
      // A returned claim's checks go with it; the corrected claim is checked afresh.
      'reward.claimChecks': null,
    },
    note: noteOf('reward.claim-returned', { reason: p.reason }),
  };
}

function recordPayout(
  report: ReportFields,
  p: { voucherNo: string; paidOn: string },
  actor: StepActor,
  now: Date,
): RewardChange {
  const reward = rewardOf(report);
  if (p.paidOn > shanghaiDay(now)) throw invalid('body.paidOn', 'a payment cannot be dated in the future');
  if (reward.claimedAt && p.paidOn < shanghaiDay(reward.claimedAt))
    throw invalid('body.paidOn', 'a payment cannot be dated before the claim');
  return {
    to: 'reward-paid',
    set: {
      'reward.reservedFen': 0,
      'reward.payout': {
        voucherNo: p.voucherNo,
        paidOn: p.paidOn,
        amountFen: reward.reservedFen,
        recordedById: staffOf(actor)?.id,
        recordedAt: now,
      },
    },
    note: noteOf('reward.paid', { amountFen: reward.reservedFen, paidOn: p.paidOn }),
    movement: {
      kind: 'pay',
      amountFen: reward.reservedFen,
      fundId: fundSourceOf(report),
      note: noteOf('ledger.voucher', { voucherNo: p.voucherNo }),
    },
    auditDetails: { voucherNo: p.voucherNo, paidOn: p.paidOn },
  };
}

function decideAppeal(
  report: ReportFields,
  p: { outcome: 'upheld' | 'revised'; amountFen?: number; reason: string },
  actor: StepActor,
  now: Date,
): RewardChange {
  const reward = rewardOf(report);
  const appeal = reward.appeal;
  if (!appeal?.fromStatus) throw fail('resource.stale');
  const decided = {
    'reward.appeal.decidedById': staffOf(actor)?.id,
    'reward.appeal.decidedAt': now,
    'reward.appeal.outcome': p.outcome,
    'reward.appeal.decisionReason': p.reason,
  };
  if (p.outcome === 'upheld') {
    // The reporter gets a full claim period again after the appeal.
    const restart =
      appeal.fromStatus === 'reward-approved' ? { 'reward.claimDueAt': dueAfter(report, 'claim', now) } : {};
    return {
      to: appeal.fromStatus as ReportState,
      set: { ...decided, ...restart },
      note: noteOf('reward.appeal-upheld', { reason: p.reason }),
      auditDetails: { outcome: 'upheld' },
    };
  }
  const amountFen = p.amountFen!;
  const [min, max] =
    reward.eligible && reward.minFen != null && reward.maxFen != null
      ? [reward.minFen, reward.maxFen]
      : [1, REWARD_CAP_FEN];
  if (amountFen < min || amountFen > max) throw invalid('body.amountFen', `must be within ${min}–${max} fen`);
  // The revised amount meets the same band and tiers as a proposal, and any earlier leader's approval lapses with it.
  const reasons = leadershipReasonsFor(amountFen, reward.computedFen, controlsOf(reward.policy, now));
  // A new amount goes to finance again; any money held for the old one returns to the fund first.
  const release =
    reward.reservedFen > 0
      ? {
          kind: 'release' as const,
          amountFen: reward.reservedFen,
          fundId: fundSourceOf(report),
          key: `appeal-release:${report.reference}:${report.revision}`,
        }
      : undefined;
  return {
    to: 'reward-reviewed',
    // The old approval no longer stands: finance approves the new amount afresh.
    set: {
      ...decided,
      'reward.eligible': true,
      'reward.amountFen': amountFen,
      'reward.reservedFen': 0,
      'reward.reviewedById': staffOf(actor)?.id,
      'reward.reviewedAt': now,
      'reward.approvedAt': null,
      'reward.approvedById': null,
      'reward.leadershipReasons': reasons.length ? reasons : null,
      'reward.leadershipApproval': null,
    },
    auditDetails: { outcome: 'revised', amountFen, leadershipReasons: reasons },
    note: noteOf('reward.appeal-revised', { amountFen, reason: p.reason }),
    movement: release,
  };
}

export const claimOpen = (r: ReportFields, now: Date): boolean =>
  r.status === 'reward-approved' && !!r.reward?.claimDueAt && now <= r.reward.claimDueAt;

export function appealDueAt(r: ReportFields): Date | undefined {
  const decidedAt = r.reward?.decidedAt;
  return decidedAt ? dueAfter(r, 'appeal', decidedAt) : undefined;
}

/** One appeal per reward, against an approval (the amount) or a refusal, within the period. */
export function appealOpen(r: ReportFields, now: Date): boolean {
  const due = appealDueAt(r);
  return (r.status === 'reward-approved' || r.status === 'reward-refused') && !r.reward?.appeal && !!due && now <= due;
}

/**
 * The claim's identity and bank details are sealed on arrival: only finance opens
 * them, audited. Before that the server checks the claimant against a real-name
 * reporter (a mismatch stores nothing) and keeps the blind-index checks
 * (claimChecks.ts); any flag holds the payment until a leader settles it.
 */
async function claimReward(report: ReportFields, claim: Claim, box: SecretBox, now: Date): Promise<RewardChange> {
  await checkClaimant(report, claim, box);
  const checks = await claimChecksFor(report, claim, box, now);
  const { payeeIndex: _p, accountIndex: _a, ...counts } = checks;
  return {
    to: 'reward-claimed',
    set: {
      'reward.claimSealed': await sealReportData(box, report.reference, 'claim-bank-details', JSON.stringify(claim)),
      'reward.claimedAt': now,
      'reward.claimChecks': { ...checks, flags: checks.flags.length ? checks.flags : undefined },
    },
    note: noteOf('reward.claimed'),
    // The audit entry keeps what was found, not the indexes; the reporter's timeline shows only the claim.
    auditDetails: counts,
  };
}

function appealReward(report: ReportFields, reason: string, now: Date): RewardChange {
  return {
    to: 'reward-appealed',
    set: { 'reward.appeal': { at: now, reason, fromStatus: report.status } },
    note: reason,
  };
}

/** The money held for a reward nobody claimed in time goes back to the fund. */
function lapseReward(report: ReportFields, now: Date): RewardChange {
  const reservedFen = report.reward?.reservedFen ?? 0;
  return {
    to: 'reward-lapsed',
    set: { 'reward.lapsedAt': now, 'reward.reservedFen': 0 },
    note: noteOf('reward.lapsed'),
    movement:
      reservedFen > 0
        ? {
            kind: 'release',
            amountFen: reservedFen,
            fundId: fundSourceOf(report),
            key: `lapse:${report.reference}:${report.revision}`,
            note: noteOf('ledger.lapsed'),
          }
        : undefined,
    auditDetails: { releasedFen: reservedFen },
  };
}

type RewardAction =
  | 'propose-reward'
  | 'confirm-reward'
  | 'return-reward'
  | 'send-back-reward'
  | 'approve-reward'
  | 'extend-claim'
  | 'reject-claim'
  | 'record-payout'
  | 'decide-appeal'
  | 'reward-claimed'
  | 'reward-appealed'
  | 'reward-lapsed';

export const rewardChanges: ChangesFor<RewardAction> = {
  'propose-reward': async (r, p, actor, { now }) => {
    // A "no reward" proposal stands in nobody's way; a reward is refused while another case of the matter holds one.
    if (p.noRewardReason) return proposeReward(r, p, actor, now);
    await refuseSecondReward(r);
    return { ...proposeReward(r, p, actor, now), recheck: (session) => recheckInTransaction(r, session) };
  },
  'confirm-reward': (r, p, actor, { now }) => ({ ...confirmReward(r, actor, now), internalNote: p.comment }),
  'return-reward': (_r, p) => ({ note: p.reason }),
  'send-back-reward': (_r, p) => ({ note: p.reason }),
  'approve-reward': async (r, p, actor, { now }) => {
    if (r.reward?.eligible) await refuseSecondReward(r);
    return {
      ...approveReward(r, checkSourceServes(r, p.fundSource ?? MAIN_FUND_SOURCE), actor, now),
      internalNote: p.comment,
      ...(r.reward?.eligible ? { recheck: (session: ClientSession) => recheckInTransaction(r, session) } : {}),
    };
  },
  'extend-claim': (r, p) => extendClaim(r, p),
  'reject-claim': (r, p, _a, { now }) => rejectClaim(r, p, now),
  'record-payout': (r, p, actor, { now }) => recordPayout(r, p, actor, now),
  'decide-appeal': (r, p, actor, { now }) => decideAppeal(r, p, actor, now),
  'reward-claimed': (r, p, _a, { now, box }) => claimReward(r, p, box, now),
  'reward-appealed': (r, p, _a, { now }) => appealReward(r, p.reason, now),
  'reward-lapsed': (r, _p, _a, { now }) => lapseReward(r, now),
};
