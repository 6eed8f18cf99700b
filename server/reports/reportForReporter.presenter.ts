// What a reporter sees of their own report: status, public timeline, messages.
// Never internal notes, staff identities or anything about other reports.
import { noteFields } from './timelineNotes';
import type { z } from 'zod';
import type { followupReportResponse } from '../../shared/schemas/report';
import type { ReportFields } from './report.model';
import { rewardForReporter } from '../rewards/rewardViews.presenter';
import { outcomeForReporter } from './outcomeViews.presenter';
import { protectionForReporter } from '../protection/protectionViews.presenter';

/** `unitName`: the department a transferred report went to, as the reporter is told it. */
export function presentReportForReporter(r: ReportFields, unitName?: string): z.infer<typeof followupReportResponse> {
  return {
    reference: r.reference,
    status: r.status,
    category: r.category,
    area: r.area,
    submittedAt: r.submittedAt.toISOString(),
    anonymous: r.anonymous,
    // Their own files: re-inspection photos are staff's.
    evidenceCount: r.evidence.filter((e) => e.addedBy === 'reporter').length,
    timeline: r.timeline
      .filter((t) => t.public)
      .map((t) => ({ at: t.at.toISOString(), type: t.type, ...noteFields(t) })),
    messages: r.messages.map((m) => ({ at: m.at.toISOString(), from: m.from as 'reporter' | 'staff', body: m.body })),
    reward: rewardForReporter(r),
    ...outcomeForReporter(r, unitName),
    ...protectionForReporter(r),
  };
}
