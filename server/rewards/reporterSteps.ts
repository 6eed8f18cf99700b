// The reporter's own reward steps, from follow-up: claiming an approved reward
// (identity and bank details sealed on arrival) and appealing the amount or a
// refusal once, within the appeal period; and finance opening a claim, audited.
import { rewardDeadlines, type ReportState } from '../../shared/workflow';
import type { Claim } from '../../shared/schemas/claim';
import { appendAudit } from '../audit/auditLog';
import { auditRead } from '../audit/auditRead';
import type { SecretBox } from '../platform/secretBox';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import { Report, type ReportFields } from '../reports/report.model';
import type { Actor } from '../access';
import { areaScope } from '../access/areaScope';
import { refreshReportStats } from '../stats';
import { dueAfterDays } from './lifecycle';

export const claimOpen = (r: ReportFields, now: Date): boolean => r.status === 'reward-approved' && !!r.reward?.claimDueAt && now <= r.reward.claimDueAt;

export function appealDueAt(r: ReportFields): Date | undefined {
  const decidedAt = r.reward?.decidedAt;
  return decidedAt ? dueAfterDays(decidedAt, rewardDeadlines.appealDays) : undefined;
}

/** One appeal per reward, against an approval (the amount) or a refusal, within the period. */
export function appealOpen(r: ReportFields, now: Date): boolean {
  const due = appealDueAt(r);
  return (r.status === 'reward-approved' || r.status === 'reward-refused') && !r.reward?.appeal && !!due && now <= due;
}

async function step(reference: string, from: ReportState, to: ReportState, set: Record<string, unknown>, timeline: { type: string; note?: string }, revision: number, now: Date): Promise<void> {
  await inTransaction(async (session) => {
    const r = await Report.updateOne(
      { reference, status: from, revision },
      { $set: { ...set, status: to, statusChangedAt: now }, $inc: { revision: 1 }, $push: { timeline: { at: now, public: true, ...timeline } } },
      { session },
    );
    if (!r.modifiedCount) throw fail('resource.stale');
    await appendAudit({ actor: null, action: `report.${timeline.type}`, target: { type: 'report', id: reference }, details: { from, to } }, session, now);
    await refreshReportStats(reference, session);
  });
}

export async function claimReward(reference: string, claim: Claim, box: SecretBox, now = new Date()): Promise<void> {
  const report = await Report.findOne({ reference }).lean();
  if (!report || !claimOpen(report, now)) throw fail('reward.not_claimable');
  await step(reference, 'reward-approved', 'reward-claimed', { 'reward.claimSealed': box.seal(JSON.stringify(claim)), 'reward.claimedAt': now }, { type: 'reward-claimed', note: '已提交领奖申请，待财务核对发放 / Claim received; finance will check it and pay' }, report.revision, now);
}

export async function appealReward(reference: string, reason: string, now = new Date()): Promise<void> {
  const report = await Report.findOne({ reference }).lean();
  if (!report || !appealOpen(report, now)) throw fail('reward.not_appealable');
  await step(reference, report.status as ReportState, 'reward-appealed', { 'reward.appeal': { at: now, reason, fromStatus: report.status } }, { type: 'reward-appealed', note: reason }, report.revision, now);
}

/** The sealed claim, unsealed. */
function openClaim(report: ReportFields, box: SecretBox): Claim & { claimedAt: string } {
  if (!report.reward?.claimSealed || !report.reward.claimedAt) throw fail('resource.not_found');
  return { ...(JSON.parse(box.open(report.reward.claimSealed)) as Claim), claimedAt: report.reward.claimedAt.toISOString() };
}

/** Finance reads a claim of a report in its areas: every view is audited, and so is every refused attempt. */
export async function claimViewer(reference: string, actor: Actor, box: SecretBox, now = new Date()): Promise<Claim & { claimedAt: string }> {
  const report = await Report.findOne({ reference, ...areaScope(actor) }).lean();
  if (!report?.reward?.claimSealed) {
    const refused = report ? 'no-claim' : (await Report.exists({ reference })) ? 'out-of-area' : 'not-found';
    await auditRead({ actor, action: 'report.claim_refused', target: { type: 'report', id: reference }, details: { refused } }, now);
    throw fail('resource.not_found');
  }
  const claim = openClaim(report, box);
  await auditRead({ actor, action: 'report.claim_viewed', target: { type: 'report', id: reference } }, now);
  return claim;
}
