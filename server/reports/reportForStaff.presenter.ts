// What staff see of a report: everything about the matter, nothing about who
// reported it (a pseudonym stands in), and the actions open to this person.
import { noteFields } from './timelineNotes';
import { outsideSchemeOf } from '../../shared/catalog';
import type { z } from 'zod';
import type { staffReportSummary, staffReportView } from '../../shared/schemas/workflow';
import { actionBlocker, allowedActions, inGroup, protectionOnlySteps } from '../../shared/workflow';
import { responsibleUnitCode } from '../catalog/responsibilities';
import { posterSitesByCode, type PosterSite } from '../posters/posterSites';
import type { ReportFields } from './report.model';
import { rewardForStaff } from '../rewards/rewardViews.presenter';
import type { Actor } from '../access';
import { outcomeForStaff } from './outcomeViews.presenter';
import { workflowRecordOf } from './pipeline';
import { insiderForStaff } from '../protection/insiderViews.presenter';
import { protectionForStaff } from '../protection/protectionViews.presenter';
import { identityRevealsForStaff, reporterPseudonymFor } from '../protection/identityViews.presenter';
import { matterForStaff } from './matterViews.presenter';

/**
 * One line of a queue. `posterSites` holds the sites of the page's posters (posterSitesByCode):
 * the report's own poster, printed at the site, so nothing beyond what the case already says.
 */
export function presentReportSummary(
  r: ReportFields,
  posterSites: Map<string, PosterSite> = new Map(),
): z.infer<typeof staffReportSummary> {
  const site = r.posterCode ? posterSites.get(r.posterCode) : undefined;
  return {
    reference: r.reference,
    status: r.status,
    category: r.category,
    area: r.area,
    channel: r.channel,
    ...(r.exchange
      ? {
          exchange: {
            partnerCode: r.exchange.partnerCode,
            externalId: r.exchange.externalId,
            ...(r.exchange.externalChannel ? { externalChannel: r.exchange.externalChannel } : {}),
          },
        }
      : {}),
    ...(r.subjectName ? { subjectName: r.subjectName } : {}),
    submittedAt: r.submittedAt.toISOString(),
    ...(r.assignment?.dueAt ? { dueAt: r.assignment.dueAt.toISOString() } : {}),
    ...(r.assignment?.verifierId ? { assignedVerifierId: r.assignment.verifierId } : {}),
    evidenceCount: r.evidence.length,
    ...(r.posterCode ? { posterCode: r.posterCode } : {}),
    ...(site ? { posterSite: site } : {}),
  };
}

/** While a report can still be accepted, the department the responsibility table names for it. */
async function suggestionFor(r: ReportFields): Promise<{ suggestedUnitCode?: string | null }> {
  return inGroup('notAccepted', r.status) ? { suggestedUnitCode: await responsibleUnitCode(r.sector, r.area) } : {};
}

/** The reporter's word and the verifier's recorded fact, side by side: only the fact drives the uplift. */
function employmentOf(r: ReportFields): z.infer<typeof staffReportView>['employment'] {
  const f = r.findings as { employeeOfSubject?: boolean; employmentProof?: string } | null | undefined;
  return {
    reporterSays: !!r.employeeOfSubject,
    ...(f ? { verified: f.employeeOfSubject === true } : {}),
    ...(f?.employmentProof ? { proof: f.employmentProof } : {}),
  };
}

/** A category outside the city scheme: why, and the channel the report is transferred to. */
function outsideSchemeView(r: ReportFields): Pick<z.infer<typeof staffReportView>, 'outsideScheme'> {
  const outside = outsideSchemeOf(r.category);
  return outside
    ? {
        outsideScheme: {
          reason: outside.reason,
          channelUnitCode: outside.channelUnitCode,
          channelName: outside.channel.name,
        },
      }
    : {};
}

const protectionOnly = new Set<string>(protectionOnlySteps);

export async function presentReportForStaff(r: ReportFields, actor: Actor): Promise<z.infer<typeof staffReportView>> {
  const a = r.assignment;
  const record = workflowRecordOf(r);
  return {
    ...presentReportSummary(r, await posterSitesByCode([r.posterCode])),
    ...(await suggestionFor(r)),
    revision: r.revision,
    description: r.description,
    ...(r.occurredAt ? { occurredAt: r.occurredAt.toISOString() } : {}),
    ...(r.address ? { address: r.address } : {}),
    anonymous: r.anonymous,
    reporterPseudonym: reporterPseudonymFor(r),
    employment: employmentOf(r),
    ...outsideSchemeView(r),
    ...(r.receivedAt ? { receivedAt: r.receivedAt.toISOString() } : {}),
    ...(a?.unitCode && a.verifierId && a.assignedAt && a.dueAt
      ? {
          assignment: {
            unitCode: a.unitCode,
            verifierId: a.verifierId,
            assignedAt: a.assignedAt.toISOString(),
            dueAt: a.dueAt.toISOString(),
            ...(a.extendedDays ? { extendedDays: a.extendedDays } : {}),
          },
        }
      : {}),
    ...(r.findings ? { findings: r.findings as Record<string, unknown> } : {}),
    evidence: r.evidence.map((e) => ({
      fileId: e.fileId,
      kind: e.kind,
      mime: e.mime,
      size: e.size,
      receivedSha256: e.receivedSha256,
      storedSha256: e.storedSha256,
      metadataRemoved: e.metadataRemoved,
      addedAt: e.addedAt.toISOString(),
    })),
    // Retaliation, check-in answers and duress signals are for protection staff only.
    timeline: r.timeline
      .filter((t) => actor.role === 'protection' || !protectionOnly.has(t.type))
      .map((t) => ({
        at: t.at.toISOString(),
        type: t.type,
        public: t.public,
        ...(t.actorId ? { actorId: t.actorId } : {}),
        ...noteFields(t),
      })),
    messages: r.messages.map((m) => ({ at: m.at.toISOString(), from: m.from, body: m.body })),
    allowedActions: allowedActions(record, actor),
    reward: rewardForStaff(r),
    canMessage: actionBlocker('staff-message', record, actor) === null,
    ...outcomeForStaff(r),
    ...insiderForStaff(r, actor),
    ...protectionForStaff(r, actor),
    ...identityRevealsForStaff(r),
    ...(await matterForStaff(r, actor)),
  };
}
