// Staff work on reports: the queue, one case, workflow actions, messages,
// evidence files, the reward's archive copy and claim, and the audited reveal.
import { z } from 'zod';
import { claimView } from '../schemas/claim';
import { receiptSchema } from '../schemas/report';
import {
  actionParams,
  assignableVerifiersResponse,
  bulkAcceptBody,
  bulkAcceptResponse,
  duplicateCandidatesResponse,
  enteredReportBody,
  referenceParams,
  reportListQuery,
  revealBody,
  revealResponse,
  staffMessageBody,
  staffReportList,
  staffReportView,
} from '../schemas/workflow';
import { endpoint } from './endpoint';

/** Opening a protected case's evidence is confirmed by staff other than its verifier. */
export const evidenceQuery = z.object({ acknowledge: z.literal('protected').optional() });
export const evidenceParams = referenceParams.extend({ fileId: z.string().regex(/^[0-9a-f]{32}$/, 'not a file id') });

export const reports = {
  list: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/reports',
    tag: 'reports',
    summary:
      'The report queue: role queues (new, mine, due-soon, overdue, awaiting-review), filters, paging; newest first or soonest deadline first',
    query: reportListQuery,
    response: staffReportList,
    status: 200,
  }),
  enter: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/reports/entered',
    tag: 'reports',
    summary: 'Enter a report taken by hotline, letter, fax or in person; the reporter gets the same receipt',
    body: enteredReportBody,
    response: receiptSchema,
    status: 201,
  }),
  duplicates: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/reports/:reference/duplicates',
    tag: 'reports',
    summary: 'Earlier or later reports that may be the same matter',
    params: referenceParams,
    response: duplicateCandidatesResponse,
    status: 200,
  }),
  get: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/reports/:reference',
    tag: 'reports',
    summary: 'One report as this staff member may see it, with allowedActions (each opening audited)',
    params: referenceParams,
    response: staffReportView,
    status: 200,
  }),
  /** The payload depends on the action (shared/schemas/workflow.ts actionPayloads); the server checks it against that action's schema. */
  action: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/reports/:reference/actions/:action',
    tag: 'reports',
    summary: 'Take a workflow action (payload per action); 409 when the report changed or the action is not open',
    params: actionParams,
    response: staffReportView,
    status: 200,
  }),
  reinspection: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/reports/:reference/reinspections',
    tag: 'reports',
    summary:
      'Record a re-inspection of a rectification (multipart: JSON part `reinspection`, one `evidence` photo per entry of its `stages`)',
    params: referenceParams,
    requestType: 'multipart/form-data',
    response: staffReportView,
    status: 200,
  }),
  message: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/reports/:reference/messages',
    tag: 'reports',
    summary:
      'Write to the reporter through follow-up (they get a content-free email); 409 when the report changed or is closed',
    params: referenceParams,
    body: staffMessageBody,
    response: staffReportView,
    status: 200,
  }),
  bulkAccept: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/reports/bulk-accept',
    tag: 'reports',
    summary: 'Accept and assign up to 100 reports, each through the accept action; the result per report',
    body: bulkAcceptBody,
    response: bulkAcceptResponse,
    status: 200,
  }),
  assignableVerifiers: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/reports/:reference/assignable-verifiers',
    tag: 'reports',
    summary: "Active verifiers of the report's area, for accepting or reassigning it",
    params: referenceParams,
    response: assignableVerifiersResponse,
    status: 200,
  }),
  revealIdentity: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/reports/:reference/identity',
    tag: 'reports',
    summary:
      "Reveal the reporter's identity: only the requester, while a protection officer's approval of their request lasts (audited, told to the reporter unless withheld on a legal ground; every refused attempt audited too)",
    params: referenceParams,
    body: revealBody,
    response: revealResponse,
    status: 200,
  }),
  evidence: endpoint({
    kind: 'file',
    contentType: '*',
    method: 'get',
    path: '/api/v1/reports/:reference/evidence/:fileId',
    tag: 'reports',
    summary:
      'An evidence file: photos, video and audio inline, anything else as an attachment (each download audited). A protected case answers 409 report.protected_evidence to anyone but its verifier unless ?acknowledge=protected',
    params: evidenceParams,
    query: evidenceQuery,
    status: 200,
  }),
  rewardNotice: endpoint({
    kind: 'file',
    contentType: 'application/pdf',
    method: 'get',
    path: '/api/v1/reports/:reference/reward-notice.pdf',
    tag: 'reports',
    summary: 'The reward notice for the archive (PDF)',
    params: referenceParams,
    status: 200,
  }),
  resultLetter: endpoint({
    kind: 'file',
    contentType: 'application/pdf',
    method: 'get',
    path: '/api/v1/reports/:reference/result-letters/:n/pdf',
    tag: 'reports',
    summary:
      'A result letter (核查结果告知书) for the archive (PDF; n counts from 1 in the order of resultLetters; each download audited)',
    params: referenceParams.extend({ n: z.coerce.number().int().min(1).max(100) }),
    status: 200,
  }),
  claim: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/reports/:reference/claim',
    tag: 'reports',
    summary:
      "The reward claim: claimant's identity and bank account (finance; every view audited, and every refused attempt)",
    params: referenceParams,
    response: claimView,
    status: 200,
  }),
};
