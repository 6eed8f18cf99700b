// Shapes of the case API, from the server's zod schemas (type-only: no zod in the bundle).
import type { z } from 'zod';
import { inGroup } from '../../../../../shared/workflow';
import type { receiptSchema } from '../../../../../shared/schemas/report';
import type {
  assignableVerifiersResponse,
  bulkAcceptResponse,
  duplicateCandidatesResponse,
  findingsSchema,
  ReportQueue,
  revealResponse,
  staffReportList,
  staffReportView,
} from '../../../../../shared/schemas/workflow';

export type { ReportQueue };
export type CaseList = z.infer<typeof staffReportList>;
export type CaseSummary = CaseList['items'][number];
export type CaseView = z.infer<typeof staffReportView>;
export type Evidence = CaseView['evidence'][number];
export type Verifier = z.infer<typeof assignableVerifiersResponse>['items'][number];
export type BulkAcceptResult = z.infer<typeof bulkAcceptResponse>['results'][number];
export type DuplicateCandidate = z.infer<typeof duplicateCandidatesResponse>['items'][number];
export type RevealedIdentity = z.infer<typeof revealResponse>;
export type Receipt = z.infer<typeof receiptSchema>;
export type Findings = z.input<typeof findingsSchema>;

/** The statuses after which a verification deadline no longer runs. */

export function isOverdue(item: { status: string; dueAt?: string }, now = Date.now()): boolean {
  return !!item.dueAt && inGroup('underVerification', item.status) && new Date(item.dueAt).getTime() < now;
}
