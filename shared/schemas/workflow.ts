// Payloads of the workflow actions, and the staff views of reports.
import { z } from 'zod';
import { areaCodes } from '../catalog';
import { deadlines, reportStates, workflowActionNames } from '../workflow';
import { reportInputSchema } from './report';

const note = (max = 2000) => z.string().trim().min(1).max(max);
const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'not an id');

export const findingsSchema = z
  .object({
    inspectedOn: z.iso.date(),
    summary: note(5000),
    substantiated: z.boolean(),
    hazardLevel: z.enum(['general', 'major']).optional(),
    violationKind: z.enum(['major-hazard', 'illegal-operation', 'listed-situation', 'welding', 'concealed-accident']).optional(),
    /** The department already knew and handled it lawfully (no reward then). */
    alreadyKnownAndHandled: z.boolean(),
    penaltyDecisionNo: z.string().trim().max(80).optional(),
    fineFen: z.number().int().min(0).max(100_000_000_000).optional(),
    rectificationOrdered: z.boolean().optional(),
    accidentGrade: z.enum(['general', 'larger', 'major', 'especially-major']).optional(),
    concealedDeaths: z.number().int().min(1).max(1000).optional(),
    /** Reward exclusions found (supervisory staff, hired expert, the company's own safety manager…). */
    exclusions: z.array(z.enum(['supervisory-staff', 'hired-expert', 'own-duty', 'third-party-service', 'incomplete'])).default([]),
  })
  .superRefine((f, ctx) => {
    if (f.substantiated && !f.violationKind) ctx.addIssue({ code: 'custom', path: ['violationKind'], message: 'say what kind of violation was substantiated' });
    if (f.violationKind === 'concealed-accident' && (!f.accidentGrade || !f.concealedDeaths))
      ctx.addIssue({ code: 'custom', path: ['accidentGrade'], message: 'a concealed accident needs its confirmed grade and concealed deaths' });
    if (f.fineFen !== undefined && f.fineFen > 0 && !f.penaltyDecisionNo) ctx.addIssue({ code: 'custom', path: ['penaltyDecisionNo'], message: 'a fine needs its penalty decision number' });
  });

export const actionPayloads = {
  'start-screening': z.object({}),
  'request-information': z.object({ message: note() }),
  'resume-screening': z.object({}),
  accept: z.object({ unitCode: z.string().min(1).max(40), verifierId: objectId, dueInDays: z.number().int().min(1).max(deadlines.verificationDays).default(deadlines.verificationDays) }),
  reject: z.object({ reason: note() }),
  'mark-duplicate': z.object({ duplicateOf: z.string().trim().toUpperCase().regex(/^WP-[0-9A-Z]{4}-[0-9A-Z]{4}$/) }),
  transfer: z.object({ toUnitCode: z.string().min(1).max(40).optional(), toArea: z.enum(areaCodes as [string, ...string[]]).optional(), note: note() }).refine((t) => t.toUnitCode || t.toArea, 'name the department or area'),
  reassign: z.object({ verifierId: objectId }),
  'start-verification': z.object({}),
  'extend-deadline': z.object({ days: z.number().int().min(1).max(deadlines.maxExtensionDays), reason: note() }),
  'submit-findings': findingsSchema,
  'approve-findings': z.object({ comment: z.string().trim().max(2000).optional() }),
  'return-findings': z.object({ reason: note() }),
  close: z.object({ note: z.string().trim().max(2000).optional() }),
} satisfies Record<(typeof workflowActionNames)[number], z.ZodType>;

export const reportListQuery = z.object({
  status: z.enum(reportStates).optional(),
  area: z.enum(areaCodes as [string, ...string[]]).optional(),
  category: z.string().max(60).optional(),
  assignedToMe: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const referenceParams = z.object({ reference: z.string().trim().toUpperCase().regex(/^WP-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'not a report reference') });
export const actionParams = referenceParams.extend({ action: z.enum(workflowActionNames as [string, ...string[]]) });

export const staffReportSummary = z.object({
  reference: z.string(),
  status: z.string(),
  category: z.string(),
  area: z.string(),
  channel: z.string(),
  subjectName: z.string().optional(),
  submittedAt: z.string(),
  dueAt: z.string().optional(),
  assignedVerifierId: z.string().optional(),
  evidenceCount: z.number().int(),
});

export const staffReportList = z.object({ items: z.array(staffReportSummary), total: z.number().int() });

export const staffReportView = staffReportSummary.extend({
  revision: z.number().int(),
  description: z.string(),
  occurredAt: z.string().optional(),
  address: z.string().optional(),
  anonymous: z.boolean(),
  /** Staff never see who reported; this stable pseudonym stands in. */
  reporterPseudonym: z.string(),
  posterCode: z.string().optional(),
  assignment: z.object({ unitCode: z.string(), verifierId: z.string(), assignedAt: z.string(), dueAt: z.string(), extendedDays: z.number().int().optional() }).optional(),
  findings: z.record(z.string(), z.unknown()).optional(),
  evidence: z.array(z.object({ fileId: z.string(), kind: z.string(), mime: z.string(), size: z.number().int(), receivedSha256: z.string(), storedSha256: z.string(), metadataRemoved: z.boolean(), addedAt: z.string() })),
  timeline: z.array(z.object({ at: z.string(), type: z.string(), public: z.boolean(), actorId: z.string().optional(), note: z.string().optional() })),
  messages: z.array(z.object({ at: z.string(), from: z.string(), body: z.string() })),
  allowedActions: z.array(z.string()),
  /** While the report can be accepted: the department the responsibility table names (null: none set). */
  suggestedUnitCode: z.string().nullable().optional(),
});

export const enteredReportBody = z.object({
  channel: z.enum(['hotline-12350', 'hotline-12345', 'letter', 'fax', 'in-person']),
  report: reportInputSchema,
});

export const duplicateCandidatesResponse = z.object({
  items: z.array(z.object({ reference: z.string(), status: z.string(), submittedAt: z.string(), score: z.number() })),
});

export const revealBody = z.object({ reason: z.string().trim().min(10).max(500) });
export const revealResponse = z.object({ name: z.string(), phone: z.string(), email: z.string().optional() });
