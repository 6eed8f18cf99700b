// What a reporter sees of their own report: status, public timeline, messages.
// Never internal notes, staff identities or anything about other reports.
import type { z } from 'zod';
import type { followupReportResponse } from '../../shared/schemas/report';
import { roles, type Role } from '../../shared/roles';
import type { ReportFields } from './report.model';
import { publicNoteFields } from './timelineNotes';
import { rewardForReporter } from '../rewards/rewardViews.presenter';
import { outcomeForReporter } from './outcomeViews.presenter';
import { protectionForReporter } from '../protection/protectionViews.presenter';

type ReporterMessage = z.infer<typeof followupReportResponse>['messages'][number];

/** One message of the thread: who wrote it by role only (never which staff member), and what. */
export function messageForReporter(m: {
  at: Date;
  from: string;
  staffRole?: string | null;
  body: string;
}): ReporterMessage {
  const role = m.from === 'staff' && roles.includes(m.staffRole as Role) ? { role: m.staffRole as Role } : {};
  return { at: m.at.toISOString(), from: m.from as ReporterMessage['from'], ...role, body: m.body };
}

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
      .map((t) => ({ at: t.at.toISOString(), type: t.type, ...publicNoteFields(t) })),
    messages: r.messages.map(messageForReporter),
    reward: rewardForReporter(r),
    ...outcomeForReporter(r, unitName),
    ...protectionForReporter(r),
  };
}
