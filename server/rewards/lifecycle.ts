// What each reward action changes on a report, and which money it moves. The
// amount comes from the calculator and the recorded findings; people may only
// adjust it within the scheme's range, with a reason. Applied by reportActor in
// one transaction with the status change, the ledger and the audit entry.
import { formatYuan } from '../../shared/money';
import { rewardForFindings } from '../../shared/rewards';
import { endOfShanghaiDay, shanghaiDay } from '../../shared/dates';
import { rewardDeadlines, type ReportState } from '../../shared/workflow';
import { fail } from '../platform/errors';
import type { ReportFields } from '../reports/report.model';
import type { Actor } from '../access';
import type { MovementKind } from '../fund/ledger';

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

export interface RewardChange {
  set: Record<string, unknown>;
  to: ReportState;
  note?: string;
  /** Money this step moves; `key` is set for moves that need no request key (they follow from the state). */
  movement?: { kind: MovementKind; amountFen: number; key?: string; note?: string };
  /** Overrides the action's visibility: a refusal is told to the reporter, an internal review is not. */
  public?: boolean;
  auditDetails?: Record<string, unknown>;
}

const invalid = (path: string, message: string) => fail('request.invalid', [{ path, code: 'invalid', message }]);

function rewardOf(report: ReportFields) {
  if (!report.reward) throw fail('resource.stale');
  return report.reward;
}

export function proposeReward(report: ReportFields, p: { amountFen?: number; adjustmentReason?: string; noRewardReason?: string }, actor: Actor, now: Date): RewardChange {
  const proposed = { proposedById: actor.id, proposedAt: now, reservedFen: 0 };
  if (p.noRewardReason) return { to: 'reward-proposed', set: { reward: { ...proposed, eligible: false, amountFen: 0, refusalReason: p.noRewardReason, explanation: [] } }, auditDetails: { eligible: false } };
  const result = rewardForFindings(report.findings as Parameters<typeof rewardForFindings>[0], { submittedAt: report.submittedAt, employeeOfSubject: !!report.employeeOfSubject, realName: !report.anonymous });
  if (!result.eligible) {
    if (p.amountFen !== undefined) throw invalid('body.amountFen', 'the findings make this report ineligible for a reward');
    const refusalReason = result.reasons.map((r) => `${r.zh} / ${r.en}`).join('；');
    return { to: 'reward-proposed', set: { reward: { ...proposed, eligible: false, amountFen: 0, refusalReason, explanation: result.reasons } }, auditDetails: { eligible: false } };
  }
  const q = result.quote;
  const amountFen = p.amountFen ?? q.amountFen;
  if (amountFen < q.minFen || amountFen > q.maxFen) throw invalid('body.amountFen', `must be within ${q.minFen}–${q.maxFen} fen for this scheme`);
  const adjusted = amountFen !== q.amountFen;
  return {
    to: 'reward-proposed',
    auditDetails: { eligible: true, amountFen, computedFen: q.amountFen, policy: q.policy },
    set: {
      reward: {
        ...proposed,
        eligible: true,
        policy: q.policy,
        scheme: q.scheme,
        computedFen: q.amountFen,
        minFen: q.minFen,
        maxFen: q.maxFen,
        amountFen,
        explanation: adjusted ? [...q.explanation, { zh: `经核定调整为 ${formatYuan(amountFen)} 元：${p.adjustmentReason}`, en: `Adjusted to ${formatYuan(amountFen)} yuan: ${p.adjustmentReason}` }] : q.explanation,
        ...(adjusted ? { adjustmentReason: p.adjustmentReason } : {}),
      },
    },
  };
}

export function confirmReward(report: ReportFields, actor: Actor, now: Date): RewardChange {
  const reward = rewardOf(report);
  const reviewed = { 'reward.reviewedById': actor.id, 'reward.reviewedAt': now };
  if (!reward.eligible) return { to: 'reward-refused', set: { ...reviewed, 'reward.decidedAt': now }, note: `不予奖励：${reward.refusalReason} / No reward: ${reward.refusalReason}`, public: true };
  return { to: 'reward-reviewed', set: reviewed, auditDetails: { amountFen: reward.amountFen } };
}

export function approveReward(report: ReportFields, actor: Actor, now: Date): RewardChange {
  const reward = rewardOf(report);
  const claimDueAt = dueAfterDays(now, rewardDeadlines.claimDays);
  return {
    to: 'reward-approved',
    set: { 'reward.approvedById': actor.id, 'reward.approvedAt': now, 'reward.decidedAt': now, 'reward.reservedFen': reward.amountFen, 'reward.claimDueAt': claimDueAt },
    note: `奖励 ${formatYuan(reward.amountFen)} 元已批准，请于 ${shanghaiDay(claimDueAt)} 前在查询页面申领 / A reward of ${formatYuan(reward.amountFen)} yuan was approved; claim it on the follow-up page by ${shanghaiDay(claimDueAt)}`,
    movement: { kind: 'reserve', amountFen: reward.amountFen },
  };
}

export function extendClaim(report: ReportFields, p: { days: number; reason: string }): RewardChange {
  const due = rewardOf(report).claimDueAt!;
  const claimDueAt = dueAfterDays(due, p.days);
  return { to: 'reward-approved', set: { 'reward.claimDueAt': claimDueAt, 'reward.claimExtendedDays': p.days, 'reward.claimExtensionReason': p.reason }, note: `领取期限延至 ${shanghaiDay(claimDueAt)}：${p.reason} / Claim deadline extended to ${shanghaiDay(claimDueAt)}: ${p.reason}` };
}

export function rejectClaim(report: ReportFields, p: { reason: string }, now: Date): RewardChange {
  const due = rewardOf(report).claimDueAt!;
  const claimDueAt = new Date(Math.max(due.getTime(), dueAfterDays(now, CORRECTION_DAYS).getTime()));
  return { to: 'reward-approved', set: { 'reward.claimSealed': null, 'reward.claimedAt': null, 'reward.claimReturnedReason': p.reason, 'reward.claimDueAt': claimDueAt }, note: `领奖申请需补正：${p.reason} / Please correct your claim: ${p.reason}` };
}

export function recordPayout(report: ReportFields, p: { voucherNo: string; paidOn: string }, actor: Actor, now: Date): RewardChange {
  const reward = rewardOf(report);
  if (p.paidOn > shanghaiDay(now)) throw invalid('body.paidOn', 'a payment cannot be dated in the future');
  if (reward.claimedAt && p.paidOn < shanghaiDay(reward.claimedAt)) throw invalid('body.paidOn', 'a payment cannot be dated before the claim');
  return {
    to: 'reward-paid',
    set: { 'reward.reservedFen': 0, 'reward.payout': { voucherNo: p.voucherNo, paidOn: p.paidOn, amountFen: reward.reservedFen, recordedById: actor.id, recordedAt: now } },
    note: `奖励 ${formatYuan(reward.reservedFen)} 元已于 ${p.paidOn} 发放 / The reward of ${formatYuan(reward.reservedFen)} yuan was paid on ${p.paidOn}`,
    movement: { kind: 'pay', amountFen: reward.reservedFen, note: `付款凭证 ${p.voucherNo} / voucher ${p.voucherNo}` },
    auditDetails: { voucherNo: p.voucherNo, paidOn: p.paidOn },
  };
}

export function decideAppeal(report: ReportFields, p: { outcome: 'upheld' | 'revised'; amountFen?: number; reason: string }, actor: Actor, now: Date): RewardChange {
  const reward = rewardOf(report);
  const appeal = reward.appeal;
  if (!appeal?.fromStatus) throw fail('resource.stale');
  const decided = { 'reward.appeal.decidedById': actor.id, 'reward.appeal.decidedAt': now, 'reward.appeal.outcome': p.outcome, 'reward.appeal.decisionReason': p.reason };
  if (p.outcome === 'upheld') {
    // The reporter gets a full claim period again after the appeal.
    const restart = appeal.fromStatus === 'reward-approved' ? { 'reward.claimDueAt': dueAfterDays(now, rewardDeadlines.claimDays) } : {};
    return { to: appeal.fromStatus as ReportState, set: { ...decided, ...restart }, note: `复查维持原决定：${p.reason} / The decision stands: ${p.reason}`, auditDetails: { outcome: 'upheld' } };
  }
  const amountFen = p.amountFen!;
  const [min, max] = reward.eligible && reward.minFen != null && reward.maxFen != null ? [reward.minFen, reward.maxFen] : [1, REWARD_CAP_FEN];
  if (amountFen < min || amountFen > max) throw invalid('body.amountFen', `must be within ${min}–${max} fen`);
  // A new amount goes to finance again; any money held for the old one returns to the fund first.
  const release = reward.reservedFen > 0 ? { kind: 'release' as const, amountFen: reward.reservedFen, key: `appeal-release:${report.reference}:${report.revision}` } : undefined;
  return {
    to: 'reward-reviewed',
    // The old approval no longer stands: finance approves the new amount afresh.
    set: { ...decided, 'reward.eligible': true, 'reward.amountFen': amountFen, 'reward.reservedFen': 0, 'reward.reviewedById': actor.id, 'reward.reviewedAt': now, 'reward.approvedAt': null, 'reward.approvedById': null },
    auditDetails: { outcome: 'revised', amountFen },
    note: `复查后奖励改为 ${formatYuan(amountFen)} 元，待财务审批：${p.reason} / On appeal the reward is now ${formatYuan(amountFen)} yuan, pending finance approval: ${p.reason}`,
    movement: release,
  };
}
