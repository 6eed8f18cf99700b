// The public report: what the form sends (the `report` part of the multipart
// submission), the receipt, and what a reporter sees when following up.
// The form validates with the same schema the server does.
import { noteParamsSchema } from './noteParams';
import { z } from 'zod';
import { areaCodeSchema } from './common';
import { isCreditCode, normalizeCreditCode } from '../creditCode';
import { roles } from '../roles';
import { reporterProtectionView } from './protectionViews';

const trimmed = (max: number) => z.string().trim().max(max);

/** A mainland mobile number: the only kind an SMS notice can reach. */
export const MOBILE_PHONE = /^(\+?86)?1[3-9]\d{9}$/;
const LANDLINE_PHONE = /^0\d{2,3}-?\d{7,8}$/;

export const reporterSchema = z.object({
  name: trimmed(40).min(1),
  phone: z
    .string()
    .trim()
    .regex(new RegExp(`${MOBILE_PHONE.source}|${LANDLINE_PHONE.source}`), 'a mainland mobile or landline number'),
  email: z.email().max(200).optional(),
});

export const reportInputSchema = z
  .object({
    category: z.string().min(1).max(60),
    area: areaCodeSchema,
    description: trimmed(5000).min(10, 'describe what you saw in at least 10 characters'),
    anonymous: z.boolean(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    address: trimmed(200).optional(),
    subjectName: trimmed(120).optional(),
    /** The enterprise's unified social credit code, when the reporter knows it. */
    subjectCreditCode: z
      .string()
      .transform(normalizeCreditCode)
      .refine(isCreditCode, 'an 18-character unified social credit code with a valid check character')
      .optional(),
    reporter: reporterSchema.optional(),
    posterCode: z
      .string()
      .regex(/^[A-Z0-9]{4,12}$/)
      .optional(),
    shareLocation: z.boolean().optional(),
    location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
    /** The reporter works for the enterprise reported (Henan employee uplift; real name required). */
    employeeOfSubject: z.boolean().optional(),
    /** A real-name reporter's choice: notices also by SMS, to the phone they gave. */
    notifyBySms: z.boolean().optional(),
    /** An anonymous reporter's number for SMS notices only: sealed, never shown to staff, gone once the case is final. */
    noticePhone: z.string().trim().regex(MOBILE_PHONE, 'a mainland mobile number').optional(),
  })
  .superRefine((r, ctx) => {
    if (!r.anonymous && !r.reporter)
      ctx.addIssue({
        code: 'custom',
        path: ['reporter'],
        message: 'a real-name report needs the reporter’s name and phone',
      });
    if (r.anonymous && r.reporter)
      ctx.addIssue({ code: 'custom', path: ['reporter'], message: 'an anonymous report carries no reporter details' });
    if (r.location && !r.shareLocation)
      ctx.addIssue({
        code: 'custom',
        path: ['location'],
        message: 'a location is only sent when the reporter chose to share it',
      });
    if (r.employeeOfSubject && r.anonymous)
      ctx.addIssue({
        code: 'custom',
        path: ['employeeOfSubject'],
        message: 'reports about one’s own employer must be real-name',
      });
    if (r.notifyBySms && r.anonymous)
      ctx.addIssue({
        code: 'custom',
        path: ['notifyBySms'],
        message: 'an anonymous reporter leaves a noticePhone for SMS notices instead',
      });
    if (r.notifyBySms && r.reporter && !MOBILE_PHONE.test(r.reporter.phone))
      ctx.addIssue({
        code: 'custom',
        path: ['reporter', 'phone'],
        message: 'SMS notices need a mainland mobile number',
      });
    if (r.noticePhone && !r.anonymous)
      ctx.addIssue({
        code: 'custom',
        path: ['noticePhone'],
        message: 'a real-name reporter ticks notifyBySms: notices go to the phone they gave',
      });
    if (r.occurredAt && new Date(r.occurredAt).getTime() > Date.now() + 5 * 60_000)
      ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'cannot be in the future' });
  });
export type ReportInput = z.infer<typeof reportInputSchema>;

/** Which notice channels this deployment offers besides email (SMS needs a configured gateway). */
export const noticeChannelsResponse = z.object({ sms: z.boolean() });

export const receiptSchema = z.object({
  reference: z.string(),
  accessKey: z.string(),
});

export const followupLoginBody = z.object({
  reference: z.string().trim().toUpperCase().max(40),
  accessKey: z.string().trim().max(80),
});

export const followupTokenResponse = z.object({ token: z.string(), expiresAt: z.string() });

export const timelineEventSchema = z.object({
  at: z.string(),
  type: z.string(),
  note: z.string().optional(),
  /** The system's note as a code and its parameters, worded by shared/notes.ts in the reader's language. */
  noteKey: z.string().optional(),
  noteParams: noteParamsSchema.optional(),
});
export const messageSchema = z.object({
  at: z.string(),
  from: z.enum(['reporter', 'staff']),
  /** A staff message: the role its author held (who asked, in general words); absent on messages kept before roles were. */
  role: z.enum(roles).optional(),
  body: z.string(),
});

const explanationLine = z.object({ zh: z.string(), en: z.string() });

/** The reward as the reporter sees it in follow-up. */
export const reporterReward = z.object({
  status: z.string(),
  eligible: z.boolean(),
  amountFen: z.number().int(),
  policy: z.string().optional(),
  /** The documents the reward was judged under (title and 文号). */
  documents: z.array(z.object({ title: explanationLine, number: z.string() })).optional(),
  explanation: z.array(explanationLine),
  refusalReason: z.string().optional(),
  claimDueAt: z.string().optional(),
  canClaim: z.boolean(),
  claimReturnedReason: z.string().optional(),
  claimedAt: z.string().optional(),
  canAppeal: z.boolean(),
  appealDueAt: z.string().optional(),
  appeal: z
    .object({ at: z.string(), outcome: z.string().optional(), decisionReason: z.string().optional() })
    .optional(),
  paidOn: z.string().optional(),
});

/** 核查结果告知书 as the reporter receives it (and its PDF prints). */
export const resultLetterView = z.object({
  letterNo: z.string(),
  sentAt: z.string(),
  conclusion: z.string(),
  account: z.string(),
  handling: z.string(),
  penaltyDecisionNo: z.string().optional(),
  fineFen: z.number().int().optional(),
  rewardConditionsMet: z.boolean(),
  rewardNote: z.string().optional(),
  objectionDueAt: z.string().optional(),
});

/** What the reporter sees of their objection and its review. */
export const objectionView = z.object({
  at: z.string(),
  reason: z.string(),
  dueAt: z.string(),
  decidedAt: z.string().optional(),
  outcome: z.enum(['upheld', 'reopened']).optional(),
  decisionReason: z.string().optional(),
});

/** A rectification as the reporter sees it: the due day and outcome, not the enterprise's file. */
export const reporterRectification = z.object({
  taskId: z.string(),
  status: z.enum(['open', 'awaiting-sign-off', 'completed']),
  dueOn: z.string(),
  major: z.boolean(),
  completedAt: z.string().optional(),
  /** The last re-inspection's result. */
  lastResult: z.enum(['completed', 'partly', 'not-done']).optional(),
  disputedAt: z.string().optional(),
});

export const followupReportResponse = z.object({
  reference: z.string(),
  status: z.string(),
  category: z.string(),
  area: z.string(),
  submittedAt: z.string(),
  anonymous: z.boolean(),
  evidenceCount: z.number().int(),
  timeline: z.array(timelineEventSchema),
  messages: z.array(messageSchema),
  reward: reporterReward.optional(),
  resultLetters: z.array(resultLetterView),
  /** The reporter may object to the conclusion now, until this moment. */
  canObject: z.boolean(),
  objectionDueAt: z.string().optional(),
  objections: z.array(objectionView),
  /** A transferred report: where it went and what came back. */
  transfer: z
    .object({
      unitName: z.string().optional(),
      at: z.string().optional(),
      result: z.string().optional(),
      receivedOn: z.string().optional(),
    })
    .optional(),
  rectifications: z.array(reporterRectification),
  /** The reporter may say "it is still there" now, until this moment. */
  canSayStillThere: z.boolean(),
  stillThereDueAt: z.string().optional(),
  /** The open check-in (回访) and the reporter's own protection cases. */
  protection: reporterProtectionView.optional(),
  /** Whether a duress key is set; only while the report is open to the reporter (a withdrawn view never says). */
  duressKeySet: z.boolean().optional(),
});

export const followupMessageBody = z.object({ body: z.string().trim().min(1).max(2000) });
/** How many evidence files a reporter added from follow-up. */
export const evidenceAddedResponse = z.object({ added: z.number().int().min(1) });
export const followupWithdrawBody = z.object({ reason: z.string().trim().max(500).optional() });

export const powChallengeResponse = z.object({ challenge: z.string(), bits: z.number().int(), expiresAt: z.string() });

/** An objection to the conclusion (异议), within the period after the result letter. */
export const objectionBody = z.object({ reason: z.string().trim().min(1).max(2000) });
/** "It is still there": the text part `body` of the multipart request, with photos as `evidence` parts. */
export const stillThereBody = z.object({ body: z.string().trim().min(1).max(2000) });
