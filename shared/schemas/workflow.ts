// Payloads of the workflow actions, and the staff views of reports.
import { noteParamsSchema } from './noteParams';
import { z } from 'zod';
import { enteredChannels } from '../channels';
import { shanghaiDay } from '../dates';
import { areaCodeSchema, labelSchema } from './common';
import { impossibleGrade } from '../rewards/accidentGrade';
import { accidentGrades } from '../rewards/policies';
import { exclusions } from '../rewards/texts';
import { caseActionNames, deadlines, reportStates, workflowActionNames } from '../workflow';
import { appealBody, claimBody } from './claim';
import { fundSourceSchema, rewardMoneyFields } from './fund';
import { protectionAssessmentBody, protectionPayloads } from './protection';
import { staffInsiderFields } from './insiderViews';
import { staffMatterFields } from './matterViews';
import { staffProtectionFields } from './protectionViews';
import {
  followupMessageBody,
  followupWithdrawBody,
  objectionView,
  reportInputSchema,
  resultLetterView,
} from './report';

const note = (max = 2000) => z.string().trim().min(1).max(max);
const fen = z.number().int().min(0).max(30_000_000);
const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'not an id');

export const findingsSchema = z
  .object({
    inspectedOn: z.iso.date(),
    summary: note(5000),
    substantiated: z.boolean(),
    hazardLevel: z.enum(['general', 'major']).optional(),
    violationKind: z
      .enum(['major-hazard', 'illegal-operation', 'listed-situation', 'welding', 'concealed-accident'])
      .optional(),
    /** The department already knew and handled it lawfully (no reward then). */
    alreadyKnownAndHandled: z.boolean(),
    penaltyDecisionNo: z.string().trim().max(80).optional(),
    fineFen: z.number().int().min(0).max(100_000_000_000).optional(),
    accidentGrade: z.enum(['general', 'larger', 'major', 'especially-major']).optional(),
    /** Deaths: the grade is set by the accident investigation report (record-investigation), not by the verifier. */
    gradePending: z.boolean().optional(),
    concealedDeaths: z.number().int().min(1).max(1000).optional(),
    /** The accident's facts the minimum grade follows from (生产安全事故报告和调查处理条例 第三条). */
    totalDeaths: z.number().int().min(0).max(10_000).optional(),
    seriousInjuries: z.number().int().min(0).max(100_000).optional(),
    directLossFen: z.number().int().min(0).max(100_000_000_000_000).optional(),
    /** The verifier found the reporter works for the subject (the uplift follows this, not the reporter's word). */
    employeeOfSubject: z.boolean().default(false),
    /** What proves the employment: a contract, payslips, a badge… */
    employmentProof: z.string().trim().min(1).max(500).optional(),
    /** Reward exclusions found (supervisory staff and their relatives, the perpetrator, a grid worker…). */
    exclusions: z.array(z.enum(exclusions)).default([]),
  })
  .superRefine((f, ctx) => {
    if (f.substantiated && !f.violationKind)
      ctx.addIssue({
        code: 'custom',
        path: ['violationKind'],
        message: 'say what kind of violation was substantiated',
      });
    if (f.violationKind === 'concealed-accident' && (!(f.accidentGrade || f.gradePending) || !f.concealedDeaths))
      ctx.addIssue({
        code: 'custom',
        path: ['accidentGrade'],
        message: 'a concealed accident needs its confirmed grade and concealed deaths',
      });
    if (f.fineFen !== undefined && f.fineFen > 0 && !f.penaltyDecisionNo)
      ctx.addIssue({
        code: 'custom',
        path: ['penaltyDecisionNo'],
        message: 'a fine needs its penalty decision number',
      });
    if (f.employeeOfSubject && !f.employmentProof)
      ctx.addIssue({
        code: 'custom',
        path: ['employmentProof'],
        message: 'say what proves the reporter works there (contract, payslips, badge…)',
      });
    accidentFactIssues(
      {
        grade: f.accidentGrade,
        deaths: f.totalDeaths,
        concealedDeaths: f.concealedDeaths,
        seriousInjuries: f.seriousInjuries,
        directLossFen: f.directLossFen,
      },
      ctx,
      'accidentGrade',
    );
  });

/**
 * Concealed deaths within the deaths, and a grade the facts allow (3 deaths is never 一般):
 * the same checks in the findings and the investigation report.
 */
function accidentFactIssues(
  f: {
    grade?: (typeof accidentGrades)[number];
    deaths?: number;
    concealedDeaths?: number;
    seriousInjuries?: number;
    directLossFen?: number;
  },
  ctx: z.RefinementCtx,
  gradePath: string,
): void {
  if (f.deaths !== undefined && f.concealedDeaths !== undefined && f.concealedDeaths > f.deaths)
    ctx.addIssue({
      code: 'custom',
      path: ['concealedDeaths'],
      message: `瞒报死亡人数不能多于死亡人数 / concealed deaths (${f.concealedDeaths}) cannot exceed the deaths (${f.deaths})`,
    });
  const deaths = f.deaths ?? f.concealedDeaths;
  if (!f.grade || deaths === undefined) return;
  const why = impossibleGrade(f.grade, {
    deaths,
    seriousInjuries: f.seriousInjuries,
    directLossFen: f.directLossFen,
  });
  if (why) ctx.addIssue({ code: 'custom', path: [gradePath], message: `${why.zh} / ${why.en}` });
}

/** A stored evidence file, as the intake pipeline recorded it. */
export const storedEvidence = z.object({
  fileId: z.string().regex(/^[0-9a-f]{32}$/),
  kind: z.enum(['photo', 'video', 'audio', 'document']),
  mime: z.string(),
  size: z.number().int().min(0),
  receivedSha256: z.string(),
  storedSha256: z.string(),
  metadataRemoved: z.boolean(),
  addedBy: z.enum(['reporter', 'staff']),
  addedAt: z.date(),
});
/** The mails a deadline step queues: to whom, and what they say. */
const mails = z.array(z.object({ to: z.string().email(), subject: z.string(), text: z.string() }));
const deadlineMail = z.object({ mails });
const day = z.iso.date();
const assignment = {
  unitCode: z.string().min(1).max(40),
  verifierId: objectId,
  /** Days from now; the report's verification period when omitted. */
  dueInDays: z.number().int().min(1).max(deadlines.maxVerificationDays).optional(),
};
/** A re-inspection's photos: the site before and after, stored by the evidence pipeline like the reporter's. */
const siteEvidence = z.array(storedEvidence).max(10).default([]);
/** A leader's approval; above the bureau-meeting tier the meeting's minutes are recorded (the change function asks for them). */
const leadershipApprovalPayload = z.object({
  comment: note().optional(),
  meetingMinutesNo: z.string().trim().min(1).max(80).optional(),
  meetingOn: day.optional(),
});

export const actionPayloads = {
  'start-screening': z.object({}),
  'request-information': z.object({ message: note() }),
  'resume-screening': z.object({}),
  accept: z.object({
    ...assignment,
    /** Deaths are reported: the county-level government verifies (安全生产法 第七十三条). */
    involvesDeaths: z.boolean().default(false),
    /** The protection risk assessment: required when the reporter says they work for the subject. */
    protection: protectionAssessmentBody.optional(),
  }),
  reject: z.object({ reason: note() }),
  'mark-duplicate': z.object({
    /** The earlier case; a report linked to a matter at intake defaults to the matter's first case. */
    duplicateOf: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^WP-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
      .optional(),
  }),
  'unlink-matter': z.object({ reason: note() }),
  transfer: z
    .object({
      toUnitCode: z.string().min(1).max(40).optional(),
      toArea: areaCodeSchema.optional(),
      note: note(),
    })
    .refine((t) => t.toUnitCode || t.toArea, 'name the department or area'),
  reassign: z.object({ verifierId: objectId }),
  'start-verification': z.object({}),
  'request-extension': z.object({ days: z.number().int().min(1).max(deadlines.maxExtensionDays), reason: note() }),
  /** The reason is told to the reporter. */
  'approve-extension': z.object({ reason: note() }),
  'refuse-extension': z.object({ reason: note() }),
  'refer-unverifiable': z.object({ reason: note() }),
  'decide-referral': z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('reverify'), ...assignment, instructions: note() }),
    z.object({ outcome: z.literal('conclude'), reason: note() }),
  ]),
  'record-investigation': z
    .object({
      reportNo: z.string().trim().min(1).max(80),
      issuedOn: day,
      grade: z.enum(accidentGrades as unknown as ['general', 'larger', 'major', 'especially-major']),
      deaths: z.number().int().min(0).max(10_000),
      /** Of those, the deaths that were concealed (the reward counts these). */
      concealedDeaths: z.number().int().min(0).max(10_000).optional(),
      seriousInjuries: z.number().int().min(0).max(100_000).optional(),
      directLossFen: z.number().int().min(0).max(100_000_000_000_000).optional(),
    })
    .superRefine((p, ctx) => accidentFactIssues(p, ctx, 'grade')),
  'send-result-letter': z.object({
    /** A brief account of how the report was verified. */
    account: note(),
    /** The handling decision: what was ordered or decided. */
    handling: note(),
    /** Whether the penalty decision (number and fine) is public and may be told. */
    penaltyPublic: z.boolean().default(false),
  }),
  'decide-objection': z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('upheld'), reason: note() }),
    /** Reopened: a rejected report goes back to screening, a verified one to a new verification. */
    z.object({
      outcome: z.literal('reopened'),
      reason: note(),
      unitCode: assignment.unitCode.optional(),
      verifierId: objectId.optional(),
      dueInDays: assignment.dueInDays,
    }),
  ]),
  'record-transfer-result': z.object({
    receivedOn: day,
    outcome: z.enum(['handled', 'substantiated', 'unsubstantiated', 'returned']),
    /** What the reporter is told. */
    summary: note(),
  }),
  'order-rectification': z
    .object({
      orderNo: z.string().trim().min(1).max(80),
      enterprise: z.string().trim().min(1).max(200),
      unitCode: z.string().min(1).max(40),
      /** The report's rectification period from today when omitted. */
      dueOn: day.optional(),
      major: z.boolean(),
      listingBody: z.string().trim().min(1).max(120).optional(),
    })
    .refine((o) => !o.major || o.listingBody, {
      path: ['listingBody'],
      message: 'a major hazard is listed for supervision: name the listing body',
    }),
  'record-reinspection': z
    .object({
      taskId: z.string().regex(/^R\d{1,3}$/),
      inspectedOn: day,
      result: z.enum(['completed', 'partly', 'not-done']),
      note: note(),
      /** Not done: the penalty this may lead to. */
      penaltyNote: note().optional(),
      /** Partly or not done: the follow-up's due day. */
      newDueOn: day.optional(),
      before: siteEvidence,
      after: siteEvidence,
    })
    .refine((r) => r.result === 'completed' || r.newDueOn, {
      path: ['newDueOn'],
      message: 'a rectification not completed needs the follow-up due day',
    })
    .refine((r) => r.result !== 'completed' || r.after.length > 0, {
      path: ['after'],
      message: 'a completed rectification needs dated photos of the site after',
    }),
  'sign-off-rectification': z.object({ taskId: z.string().regex(/^R\d{1,3}$/), note: note() }),
  'submit-findings': findingsSchema,
  'approve-findings': z.object({ comment: z.string().trim().max(2000).optional() }),
  'return-findings': z.object({ reason: note() }),
  close: z.object({ note: z.string().trim().max(2000).optional() }),
  // The amount is computed from the findings; the verifier may adjust it within the scheme's range, with a reason.
  // Or no reward at all, with the reason (the reporter may appeal the refusal).
  'propose-reward': z
    .object({ amountFen: fen.optional(), adjustmentReason: note().optional(), noRewardReason: note().optional() })
    .refine((p) => p.amountFen === undefined || p.adjustmentReason, {
      path: ['adjustmentReason'],
      message: 'an adjusted amount needs a written reason',
    })
    .refine((p) => !(p.noRewardReason && p.amountFen !== undefined), {
      path: ['amountFen'],
      message: 'no amount when proposing no reward',
    }),
  'confirm-reward': z.object({ comment: z.string().trim().max(2000).optional() }),
  'return-reward': z.object({ reason: note() }),
  'send-back-reward': z.object({ reason: note() }),
  /** The money is reserved from the city fund unless another source is named. */
  'approve-reward': z.object({
    comment: z.string().trim().max(2000).optional(),
    fundSource: fundSourceSchema.optional(),
  }),
  'approve-reward-leadership': leadershipApprovalPayload,
  /** A top-up whose new total crosses the band or a tier: the same approval, of the top-up. */
  'approve-top-up-leadership': leadershipApprovalPayload,
  'clear-claim-flags': z.object({ reason: note() }),
  /** New facts after the decision: the fine, or the accident grade finally confirmed; the calculator gives the new amount. */
  'propose-top-up': z
    .object({
      ground: z.enum(['fine-decided', 'grade-confirmed']),
      fineFen: z.number().int().min(0).max(100_000_000_000).optional(),
      penaltyDecisionNo: z.string().trim().min(1).max(80).optional(),
      accidentGrade: z.enum(accidentGrades as unknown as ['general', 'larger', 'major', 'especially-major']).optional(),
      reason: note(),
    })
    .refine((t) => (t.ground === 'fine-decided' ? t.fineFen !== undefined && t.penaltyDecisionNo : t.accidentGrade), {
      path: ['ground'],
      message: 'a fine needs its amount and decision number; a grade needs the grade',
    }),
  'approve-top-up': z.object({ comment: note().optional(), fundSource: fundSourceSchema.optional() }),
  'refuse-top-up': z.object({ reason: note() }),
  'refuse-recovery': z.object({ reason: note() }),
  'record-top-up-payout': z.object({ voucherNo: z.string().trim().min(1).max(60), paidOn: day }),
  'propose-recovery': z.object({
    ground: z.enum(['fraud', 'penalty-quashed', 'other']),
    amountFen: fen.refine((n) => n > 0, 'more than 0'),
    reason: note(),
    /** The source the money returns to; the reward's own unless named (a top-up may have come from another). */
    fundSource: fundSourceSchema.optional(),
  }),
  'approve-recovery': z.object({ comment: note().optional() }),
  'record-recovery': z.object({ voucherNo: z.string().trim().min(1).max(60), receivedOn: day }),
  'record-sample-check': z.object({ outcome: z.enum(['confirmed', 'irregular']), note: note() }),
  'extend-claim': z.object({
    days: z.number().int().min(1).max(deadlines.maxClaimExtensionDays),
    reason: note(),
  }),
  'reject-claim': z.object({ reason: note() }),
  'record-payout': z.object({
    voucherNo: z.string().trim().min(1).max(60),
    paidOn: z.iso.date(),
    /** Finance confirms the claimant's identity and account were checked against the claim. */
    claimantChecked: z.literal(true),
  }),
  'decide-appeal': z
    .object({ outcome: z.enum(['upheld', 'revised']), amountFen: fen.optional(), reason: note() })
    .refine((p) => (p.outcome === 'revised') === (p.amountFen !== undefined), {
      path: ['amountFen'],
      message: 'a revised decision names the new amount; an upheld one does not',
    }),
  'staff-message': z.object({ body: note() }),
  // The reporter's steps: what they sent through follow-up.
  'reporter-message': followupMessageBody,
  // Files are checked, cleaned and stored before the step; the step records what was stored.
  'reporter-evidence': z.object({ evidence: z.array(storedEvidence).min(1) }),
  withdrawn: followupWithdrawBody,
  'objection-filed': z.object({ reason: note() }),
  /** "It is still there": what the reporter sees now, with new photos (stored first, like their evidence). */
  'still-there': z.object({ body: note(), evidence: z.array(storedEvidence).max(10).default([]) }),
  'reward-claimed': claimBody,
  'reward-appealed': appealBody,
  // The jobs' steps: a deadline mail names whom it went to (kept for staff only).
  'reward-lapsed': z.object({}),
  'acceptance-reminder': deadlineMail,
  'acceptance-escalated': deadlineMail,
  'deadline-reminder': deadlineMail,
  'deadline-escalated': deadlineMail,
  'letter-reminder': deadlineMail,
  'letter-escalated': deadlineMail,
  'objection-review-reminder': deadlineMail,
  'objection-review-escalated': deadlineMail,
  'rectification-overdue': z.object({ taskId: z.string(), mails }),
  'sample-drawn': z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), verifierId: objectId }),
  ...protectionPayloads,
} satisfies Record<(typeof workflowActionNames)[number], z.ZodType>;
export type ActionPayloads = { [K in keyof typeof actionPayloads]: z.infer<(typeof actionPayloads)[K]> };

/**
 * Work queues: new (not yet accepted), mine (assigned to me, open), due-soon (deadline
 * within 7 days), overdue (deadline passed, still open), awaiting-review (findings
 * submitted by someone else), to-decide (objections, referrals and extension requests
 * awaiting a decision), letters-due (concluded, result letter not yet sent),
 * rectification (a rectification awaiting re-inspection or sign-off), leadership (a
 * reward awaiting a leader's approval, or a claim whose flags a leader settles),
 * sample-checks (rewarded cases drawn for me to re-inspect, not yet recorded),
 * corrections (a top-up or recovery proposed or approved and not yet paid or received),
 * protection (protection staff: open protection cases, duress signals, unanswered check-ins),
 * reveal-requests (identity reveals awaiting a custodian who did not ask), withdrawals
 * (withdrawn after acceptance, awaiting the decision whether to continue).
 */
export const reportQueues = [
  'new',
  'mine',
  'due-soon',
  'overdue',
  'awaiting-review',
  'to-decide',
  'letters-due',
  'rectification',
  'leadership',
  'sample-checks',
  'corrections',
  'protection',
  'reveal-requests',
  'withdrawals',
] as const;
export type ReportQueue = (typeof reportQueues)[number];

export const reportListQuery = z.object({
  status: z.enum(reportStates).optional(),
  area: areaCodeSchema.optional(),
  category: z.string().max(60).optional(),
  assignedToMe: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** A role's work queue (see reportQueues). */
  queue: z.enum(reportQueues).optional(),
  /** Submitted on or after / on or before these calendar days (Asia/Shanghai). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** submittedAt: newest first; dueAt: soonest deadline first. */
  sort: z.enum(['submittedAt', 'dueAt']).default('submittedAt'),
});

export const referenceParams = z.object({
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^WP-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'not a report reference'),
});
export const actionParams = referenceParams.extend({ action: z.enum(caseActionNames as [string, ...string[]]) });

/** The site a report's poster names (as printed on it): the report came from a poster's QR code. */
export const posterSiteView = z.object({
  siteName: z.string(),
  enterpriseName: z.string(),
  address: z.string(),
  areaCode: z.string(),
});

export const staffReportSummary = z.object({
  reference: z.string(),
  status: z.string(),
  category: z.string(),
  area: z.string(),
  channel: z.string(),
  /** A case a partner system dispatched: whose it is, its id there and how the reporter reached the partner. */
  exchange: z
    .object({ partnerCode: z.string(), externalId: z.string(), externalChannel: z.string().optional() })
    .optional(),
  subjectName: z.string().optional(),
  submittedAt: z.string(),
  dueAt: z.string().optional(),
  assignedVerifierId: z.string().optional(),
  evidenceCount: z.number().int(),
  /** The poster whose QR code the report came from, and its site (absent if the poster is gone). */
  posterCode: z.string().optional(),
  posterSite: posterSiteView.optional(),
});

export const staffReportList = z.object({ items: z.array(staffReportSummary), total: z.number().int() });

const opt = { str: z.string().optional(), fen: z.number().int().optional() };

/** The reward record as staff see it; the claim's identity and account only through the audited claim view. */
export const staffReward = z.object({
  eligible: z.boolean(),
  policy: opt.str,
  /** The documents the reward was judged under (title and 文号), as kept with it. */
  documents: z.array(z.object({ title: z.object({ zh: z.string(), en: z.string() }), number: z.string() })).optional(),
  scheme: opt.str,
  computedFen: opt.fen,
  minFen: opt.fen,
  maxFen: opt.fen,
  amountFen: z.number().int(),
  explanation: z.array(z.object({ zh: z.string(), en: z.string() })),
  adjustmentReason: opt.str,
  refusalReason: opt.str,
  proposedById: opt.str,
  proposedAt: opt.str,
  reviewedById: opt.str,
  reviewedAt: opt.str,
  approvedById: opt.str,
  approvedAt: opt.str,
  decidedAt: opt.str,
  reservedFen: z.number().int(),
  claimDueAt: opt.str,
  claimExtendedDays: opt.fen,
  claimExtensionReason: opt.str,
  claimed: z.boolean(),
  claimedAt: opt.str,
  claimReturnedReason: opt.str,
  payout: z
    .object({
      voucherNo: z.string(),
      paidOn: z.string(),
      amountFen: z.number().int(),
      recordedById: z.string(),
      recordedAt: z.string(),
    })
    .optional(),
  lapsedAt: opt.str,
  /** Why a leader must approve (band, tiers), and the approval once given. */
  leadershipReasons: z.array(z.string()).optional(),
  leadershipApproval: z
    .object({ byId: z.string(), at: z.string(), comment: opt.str, meetingMinutesNo: opt.str, meetingOn: opt.str })
    .optional(),
  /** What the claim's checks found: flags, counts and totals; never the blind indexes or another identity. */
  claimChecks: z
    .object({
      flags: z.array(z.string()),
      exclusionHit: z.boolean(),
      samePayeeRewards: z.number().int(),
      samePayeeTotalFen: z.number().int(),
      sameAccountRewards: z.number().int(),
      sameAccountTotalFen: z.number().int(),
      payeeYearTotalFen: z.number().int(),
      overYearlyCap: z.boolean(),
      clearedById: opt.str,
      clearedAt: opt.str,
      clearReason: opt.str,
    })
    .optional(),
  appeal: z
    .object({
      at: z.string(),
      reason: z.string(),
      fromStatus: z.string(),
      decidedById: opt.str,
      decidedAt: opt.str,
      outcome: opt.str,
      decisionReason: opt.str,
    })
    .optional(),
  ...rewardMoneyFields,
});

/** Identity reveals as staff see them: who asked and why, the custodian's answer, the reveals made. */
export const identityRevealView = z.object({
  requestedById: z.string(),
  requestedByRole: z.string(),
  requestedAt: z.string(),
  reason: z.string(),
  stage: z.enum(['requested', 'approved', 'expired', 'refused']),
  withholdNotice: z.boolean(),
  legalGround: opt.str,
  approvedById: opt.str,
  approvedAt: opt.str,
  approvalComment: opt.str,
  expiresAt: opt.str,
  refusedById: opt.str,
  refusedAt: opt.str,
  refusalReason: opt.str,
  revealedAt: z.array(z.string()),
  /** Whether the reporter was told (in follow-up, by role) of a reveal under this approval. */
  reporterTold: z.boolean(),
});

export const staffReportView = staffReportSummary.extend({
  ...staffInsiderFields,
  ...staffMatterFields,
  revision: z.number().int(),
  description: z.string(),
  occurredAt: z.string().optional(),
  address: z.string().optional(),
  anonymous: z.boolean(),
  /**
   * Staff never see who reported; a pseudonym stands in: for a real-name reporter the keyed one
   * (`R-…`), the same across their reports; for an anonymous one a per-report one.
   */
  reporterPseudonym: z.string(),
  /** A real-name reporter's other reports in this person's areas (when a case is opened, not in action answers). */
  sameReporterReports: z.number().int().optional(),
  /**
   * Employment: what the reporter says (the form's checkbox) and what the verifier recorded with its
   * proof. Only the recorded fact drives the employee uplift.
   */
  employment: z.object({
    reporterSays: z.boolean(),
    verified: z.boolean().optional(),
    proof: z.string().optional(),
  }),
  /** The category is outside the city reward scheme (coal mines): why, and the channel to transfer it to. */
  outsideScheme: z.object({ reason: labelSchema, channelUnitCode: z.string(), channelName: labelSchema }).optional(),
  /** A staff-entered letter's day of receipt, when before its entry. */
  receivedAt: z.string().optional(),
  assignment: z
    .object({
      unitCode: z.string(),
      verifierId: z.string(),
      assignedAt: z.string(),
      dueAt: z.string(),
      extendedDays: z.number().int().optional(),
    })
    .optional(),
  findings: z.record(z.string(), z.unknown()).optional(),
  evidence: z.array(
    z.object({
      fileId: z.string(),
      kind: z.string(),
      mime: z.string(),
      size: z.number().int(),
      receivedSha256: z.string(),
      storedSha256: z.string(),
      metadataRemoved: z.boolean(),
      addedAt: z.string(),
    }),
  ),
  timeline: z.array(
    z.object({
      at: z.string(),
      type: z.string(),
      public: z.boolean(),
      actorId: z.string().optional(),
      note: z.string().optional(),
      noteKey: z.string().optional(),
      noteParams: noteParamsSchema.optional(),
    }),
  ),
  messages: z.array(z.object({ at: z.string(), from: z.string(), body: z.string() })),
  allowedActions: z.array(z.string()),
  /** While the report can be accepted: the department the responsibility table names (null: none set). */
  suggestedUnitCode: z.string().nullable().optional(),
  /** Whether this person may write to the reporter now. */
  canMessage: z.boolean().optional(),
  reward: staffReward.optional(),
  extensionRequest: z
    .object({ days: z.number().int(), reason: z.string(), requestedAt: z.string(), requestedById: z.string() })
    .optional(),
  referral: z
    .object({
      at: z.string(),
      reason: z.string(),
      byId: z.string(),
      decidedById: opt.str,
      decidedAt: opt.str,
      outcome: opt.str,
      decision: opt.str,
    })
    .optional(),
  conclusion: z
    .object({
      kind: z.string(),
      at: z.string(),
      level: z.string(),
      letterDueAt: z.string(),
      letterSentAt: opt.str,
      objectionDueAt: opt.str,
      objectedAt: opt.str,
    })
    .optional(),
  resultLetters: z.array(resultLetterView.extend({ sentById: z.string() })),
  objections: z.array(objectionView.extend({ fromStatus: z.string(), reviewLevel: z.string(), decidedById: opt.str })),
  transferredTo: z
    .object({
      unitCode: opt.str,
      area: opt.str,
      at: opt.str,
      result: z
        .object({
          receivedOn: z.string(),
          outcome: z.string(),
          summary: z.string(),
          recordedById: z.string(),
          recordedAt: z.string(),
        })
        .optional(),
    })
    .optional(),
  deathCase: z
    .object({
      flaggedAt: z.string(),
      investigation: z
        .object({
          reportNo: z.string(),
          issuedOn: z.string(),
          grade: z.string(),
          deaths: z.number().int(),
          concealedDeaths: z.number().int().optional(),
          recordedById: z.string(),
          recordedAt: z.string(),
        })
        .optional(),
    })
    .optional(),
  rectifications: z.array(
    z.object({
      taskId: z.string(),
      orderNo: z.string(),
      enterprise: z.string(),
      unitCode: z.string(),
      dueOn: z.string(),
      major: z.boolean(),
      listingBody: opt.str,
      orderedAt: z.string(),
      orderedById: z.string(),
      status: z.enum(['open', 'awaiting-sign-off', 'completed']),
      followUp: z.boolean(),
      overdue: z.boolean(),
      /** The due day already escalated as overdue. */
      escalatedFor: opt.str,
      reinspections: z.array(
        z.object({
          inspectedOn: z.string(),
          result: z.enum(['completed', 'partly', 'not-done']),
          note: z.string(),
          penaltyNote: opt.str,
          inspectorId: z.string(),
          recordedAt: z.string(),
          beforeFileIds: z.array(z.string()),
          afterFileIds: z.array(z.string()),
        }),
      ),
      signedOffById: opt.str,
      signedOffAt: opt.str,
      completedAt: opt.str,
      disputedAt: opt.str,
    }),
  ),
  /** Protection cases and check-ins: protection staff only. */
  ...staffProtectionFields,
  identityReveals: z.array(identityRevealView).optional(),
});

export const enteredReportBody = z.object({
  channel: z.enum(enteredChannels),
  report: reportInputSchema,
  /** The day the letter (or fax…) was received, when before today: it selects the reward policy, not the entry day. */
  receivedOn: day.refine((d) => d <= shanghaiDay(), 'the day received cannot be in the future').optional(),
});

export const duplicateCandidatesResponse = z.object({
  items: z.array(z.object({ reference: z.string(), status: z.string(), submittedAt: z.string(), score: z.number() })),
});

/** The reveal needs no reason of its own: the approved request has it. An empty object (or none) is accepted. */
export const revealBody = z.object({});
export const revealResponse = z.object({ name: z.string(), phone: z.string(), email: z.string().optional() });

/** A staff message to the reporter, through the follow-up channel. */
export const staffMessageBody = actionPayloads['staff-message'];

const referenceField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^WP-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'not a report reference');

/** Accepting several reports at once: each goes through the single accept action. */
// Insider reports are assessed one by one, so a batch carries no assessment (they are refused item by item).
export const bulkAcceptBody = actionPayloads.accept
  .omit({ protection: true })
  .extend({ references: z.array(referenceField).min(1).max(100) });
export const bulkAcceptResponse = z.object({
  results: z.array(
    z.object({ reference: z.string(), ok: z.boolean(), status: z.string().optional(), code: z.string().optional() }),
  ),
});

export const assignableVerifiersResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      unitCode: z.string(),
      /** The areas the verifier works in (allAreas: every area). */
      areaCodes: z.array(z.string()),
      allAreas: z.boolean(),
      /** Cases under verification assigned to them, counted in the caller's areas only. */
      openCases: z.number().int().min(0),
    }),
  ),
});

/**
 * A re-inspection as uploaded: this JSON part, and one `evidence` file part for
 * each entry of `stages` (in order), saying whether it shows the site before or after.
 */
export const reinspectionPart = z
  .object({
    taskId: z.string().regex(/^R\d{1,3}$/),
    inspectedOn: z.iso.date(),
    result: z.enum(['completed', 'partly', 'not-done']),
    note: note(),
    penaltyNote: note().optional(),
    newDueOn: z.iso.date().optional(),
    stages: z
      .array(z.enum(['before', 'after']))
      .max(10)
      .default([]),
  })
  // The step's own rules, named by the fields of this part.
  .refine((r) => r.result === 'completed' || r.newDueOn, {
    path: ['newDueOn'],
    message: 'a rectification not completed needs the follow-up due day',
  })
  .refine((r) => r.result !== 'completed' || r.stages.includes('after'), {
    path: ['stages'],
    message: 'a completed rectification needs dated photos of the site after',
  });
