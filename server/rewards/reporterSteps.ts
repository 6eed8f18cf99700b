// The reporter's own reward steps, from follow-up: claiming an approved reward
// (identity and bank details sealed on arrival) and appealing the amount or a
// refusal once, within the appeal period; and finance opening a claim, audited.
import type { Claim } from '../../shared/schemas/claim';
import { auditRead } from '../audit/auditRead';
import type { SecretBox } from '../platform/secretBox';
import { fail } from '../platform/errors';
import { Report, type ReportFields } from '../reports/report.model';
import type { Actor } from '../access';
import { areaScope } from '../access/areaScope';
import { transition } from '../reports/pipeline';

const reporter = { kind: 'reporter' } as const;

export async function claimReward(reference: string, claim: Claim, box: SecretBox, now = new Date()): Promise<void> {
  await transition(reference, 'reward-claimed', claim, reporter, { box, now });
}

export async function appealReward(reference: string, reason: string, now = new Date()): Promise<void> {
  await transition(reference, 'reward-appealed', { reason }, reporter, { now });
}

/** The sealed claim, unsealed. */
function openClaim(report: ReportFields, box: SecretBox): Claim & { claimedAt: string } {
  if (!report.reward?.claimSealed || !report.reward.claimedAt) throw fail('resource.not_found');
  return {
    ...(JSON.parse(box.open(report.reward.claimSealed)) as Claim),
    claimedAt: report.reward.claimedAt.toISOString(),
  };
}

/** Finance reads a claim of a report in its areas: every view is audited, and so is every refused attempt. */
export async function claimViewer(
  reference: string,
  actor: Actor,
  box: SecretBox,
  now = new Date(),
): Promise<Claim & { claimedAt: string }> {
  const report = await Report.findOne({ reference, ...areaScope(actor) }).lean();
  if (!report?.reward?.claimSealed) {
    const refused = report ? 'no-claim' : (await Report.exists({ reference })) ? 'out-of-area' : 'not-found';
    await auditRead(
      { actor, action: 'report.claim_refused', target: { type: 'report', id: reference }, details: { refused } },
      now,
    );
    throw fail('resource.not_found');
  }
  const claim = openClaim(report, box);
  await auditRead({ actor, action: 'report.claim_viewed', target: { type: 'report', id: reference } }, now);
  return claim;
}
