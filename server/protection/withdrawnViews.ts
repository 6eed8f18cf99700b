// The reporter's view of a report they withdrew, and the decoy a duress-key session sees.
// Both have one shape, built here, so the decoy cannot be told from a real withdrawal by
// its fields: status withdrawn, the public timeline up to the withdrawal, no reward, no
// outcome, and nothing about the duress key.
import type { z } from 'zod';
import type { followupReportResponse } from '../../shared/schemas/report';
import type { ReportFields } from '../reports/report.model';
import { protectionForReporter } from './protectionViews.presenter';

type ReporterView = z.infer<typeof followupReportResponse>;
type Entry = { at: Date; type: string; note?: string | null };

function withdrawnShape(
  r: ReportFields,
  timeline: Entry[],
  messages: { at: Date; from: string; body: string }[],
): ReporterView {
  return {
    reference: r.reference,
    status: 'withdrawn',
    category: r.category,
    area: r.area,
    submittedAt: r.submittedAt.toISOString(),
    anonymous: r.anonymous,
    evidenceCount: r.evidence.filter((e) => e.addedBy === 'reporter').length,
    timeline: timeline.map((t) => ({ at: t.at.toISOString(), type: t.type, ...(t.note ? { note: t.note } : {}) })),
    messages: messages.map((m) => ({ at: m.at.toISOString(), from: m.from as 'reporter' | 'staff', body: m.body })),
    resultLetters: [],
    canObject: false,
    objections: [],
    rectifications: [],
    canSayStillThere: false,
  };
}

/**
 * A real withdrawal, frozen as it was: whatever the bureau does with the case afterwards is not
 * the reporter's to see. Their own protection cases stay visible: retaliation is what often
 * follows a coerced withdrawal, and they reported it themselves.
 */
export function frozenWithdrawnView(r: ReportFields): ReporterView {
  const at = r.reporterWithdrawal!.at!;
  const upTo = (d: Date) => d.getTime() <= at.getTime();
  return {
    ...withdrawnShape(
      r,
      r.timeline.filter((t) => t.public && upTo(t.at)),
      r.messages.filter((m) => upTo(m.at)),
    ),
    ...protectionForReporter(r),
  };
}

/**
 * What the duress key's holder sees: the report submitted and withdrawn (at the first use of
 * the duress key), no messages. Nothing of the real case.
 */
export function decoyView(r: ReportFields, now = new Date()): ReporterView {
  const submitted = r.timeline.find((t) => t.public && t.type === 'submitted') ?? {
    at: r.submittedAt,
    type: 'submitted',
  };
  const withdrawnAt = r.protection?.duressSignals?.[0]?.at ?? now;
  return withdrawnShape(
    r,
    [
      { at: submitted.at, type: 'submitted' },
      { at: withdrawnAt, type: 'withdrawn' },
    ],
    [],
  );
}
