// The reporter's own reward steps, from follow-up: claiming an approved reward
// (identity and bank details sealed on arrival) and appealing the amount or a
// refusal once, within the appeal period; and finance opening a claim, audited.
import type { Claim } from '../../shared/schemas/claim';
import { auditRead } from '../audit/auditRead';
import type { SecretBox } from '../platform/secretBox';
import { openReportData, ShreddedData } from '../protection/dataKeys';
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

/** The sealed claim, unsealed; its key gone, the claim is told as deleted. */
async function openClaim(report: ReportFields, box: SecretBox): Promise<Claim & { claimedAt: string }> {
  if (!report.reward?.claimSealed || !report.reward.claimedAt) throw fail('resource.not_found');
  const opened = await openReportData(box, report.reference, 'claim-bank-details', report.reward.claimSealed).catch(
    (e: unknown) => {
      if (e instanceof ShreddedData) throw fail('claim.deleted');
      throw e;
    },
  );
  return { ...(JSON.parse(opened) as Claim), claimedAt: report.reward.claimedAt.toISOString() };
}

/** The retention schedule deleted this report's claim details (the claim itself was made). */
const claimDeleted = (report: ReportFields) =>
  !!report.reward?.claimedAt && !!report.deletedData?.some((d) => d.dataClass === 'claim-bank-details');

/** Finance reads a claim of a report in its areas: every view is audited, and so is every refused attempt. */
export async function claimViewer(
  reference: string,
  actor: Actor,
  box: SecretBox,
  now = new Date(),
): Promise<Claim & { claimedAt: string }> {
  const report = await Report.findOne({ reference, ...areaScope(actor) }).lean();
  if (!report?.reward?.claimSealed) {
    const refused =
      report && claimDeleted(report)
        ? 'deleted'
        : report
          ? 'no-claim'
          : (await Report.exists({ reference }))
            ? 'out-of-area'
            : 'not-found';
    await auditRead(
      { actor, action: 'report.claim_refused', target: { type: 'report', id: reference }, details: { refused } },
      now,
    );
    throw fail(refused === 'deleted' ? 'claim.deleted' : 'resource.not_found');
  }
  const claim = await openClaim(report, box);
  await auditRead({ actor, action: 'report.claim_viewed', target: { type: 'report', id: reference } }, now);
  return claim;
}
