// The reporter's view of a report they withdrew, and the decoy a duress-key session sees.
// Both have one shape, built here, so the decoy cannot be told from a real withdrawal by
// its fields: status withdrawn, the public timeline up to the withdrawal, no reward, no
// outcome, and nothing about the duress key.
import { publicNoteFields } from '../reports/timelineNotes';
import type { z } from 'zod';
import type { followupReportResponse } from '../../shared/schemas/report';
import { fail } from '../platform/errors';
import type { ReportFields } from '../reports/report.model';
import { messageForReporter } from '../reports/reportForReporter.presenter';
import { reporterOwnReport } from '../reports/reportReads';
import { protectionForReporter } from './protectionViews.presenter';

type ReporterView = z.infer<typeof followupReportResponse>;
type Entry = { at: Date; type: string; note?: string | null; noteKey?: string | null; noteParams?: unknown };

function withdrawnShape(
  r: ReportFields,
  at: Date,
  timeline: Entry[],
  messages: Parameters<typeof messageForReporter>[0][],
): ReporterView {
  return {
    reference: r.reference,
    status: 'withdrawn',
    category: r.category,
    area: r.area,
    submittedAt: r.submittedAt.toISOString(),
    anonymous: r.anonymous,
    evidenceCount: r.evidence.filter((e) => e.addedBy === 'reporter' && e.addedAt.getTime() <= at.getTime()).length,
    timeline: timeline.map((t) => ({ at: t.at.toISOString(), type: t.type, ...publicNoteFields(t) })),
    messages: messages.map(messageForReporter),
    resultLetters: [],
    canObject: false,
    objections: [],
    rectifications: [],
    canSayStillThere: false,
  };
}

const upTo = (at: Date) => (d: Date) => d.getTime() <= at.getTime();

/**
 * A real withdrawal, frozen as it was: whatever the bureau does with the case afterwards is not
 * the reporter's to see. Two things stay visible: the report's protection cases (retaliation is
 * what often follows a coerced withdrawal) and any disclosure of who they are (the reporter is
 * always told, and the pipeline mails them nothing after a withdrawal).
 */
export function frozenWithdrawnView(r: ReportFields): ReporterView {
  const at = r.reporterWithdrawal!.at!;
  return {
    ...withdrawnShape(
      r,
      at,
      r.timeline.filter((t) => t.public && (upTo(at)(t.at) || t.type === 'reveal-identity')),
      r.messages.filter((m) => upTo(at)(m.at)),
    ),
    ...protectionForReporter(r),
  };
}

/**
 * What the duress key's holder sees: the report as a real withdrawal made at the first use of
 * the duress key would show it, frozen then (evidence and public timeline up to that moment,
 * no messages), plus only the protection cases opened from a decoy session. Nothing of the
 * real case after the signal.
 */
export function decoyView(r: ReportFields, now = new Date()): ReporterView {
  const at = r.protection?.duressSignals?.[0]?.at ?? now;
  const timeline: Entry[] = r.timeline.filter((t) => t.public && upTo(at)(t.at));
  if (!timeline.some((t) => t.type === 'submitted')) timeline.unshift({ at: r.submittedAt, type: 'submitted' });
  const decoyCases = new Set((r.protection?.duressSignals ?? []).flatMap((s) => (s.caseNo ? [s.caseNo] : [])));
  return {
    ...withdrawnShape(r, at, [...timeline, { at, type: 'withdrawn' }], []),
    ...protectionForReporter(r, decoyCases),
  };
}

/**
 * The report behind a follow-up download (result letter, reward notice). After the reporter
 * withdrew, the case going on is not theirs to learn: answered as a missing document.
 */
export async function reporterDocumentReport(reference: string): Promise<ReportFields> {
  const report = await reporterOwnReport(reference);
  if (report.reporterWithdrawal?.at) throw fail('resource.not_found');
  return report;
}
