// Payloads of the reporter-protection steps (server/protection), shared by the
// workflow table's payloads, the follow-up contract and the console's forms.
import { z } from 'zod';
import { dataClasses, protectionOutcomes, referralBodies, retaliationKinds } from '../protection/policy';

const note = (max = 2000) => z.string().trim().min(1).max(max);

/** The intake officer's protection risk assessment: recorded at acceptance for insider reports, revisable later. */
export const protectionAssessmentBody = z.object({
  insider: z.boolean(),
  smallWorkplace: z.boolean(),
  identifyingDetails: z.boolean(),
  /** Protect the case whatever the risk comes to (the risk makes it protected when high). */
  protect: z.boolean().default(false),
  note: note(500).optional(),
  /** For the verifier of a protected case: how to verify without pointing at the reporter. */
  coverNote: note(500).optional(),
});

/** A reveal is asked with a reason; telling the reporter is withheld only on a legal ground named here. */
export const revealRequestBody = z
  .object({
    reason: z.string().trim().min(10).max(500),
    withholdNotice: z.boolean().default(false),
    legalGround: note(500).optional(),
  })
  .refine((b) => !b.withholdNotice || !!b.legalGround, {
    path: ['legalGround'],
    message: 'withholding the notice to the reporter needs its legal ground',
  });

export const retaliationKindSchema = z.enum(retaliationKinds);

/** "I am being retaliated against", from follow-up. */
export const retaliationBody = z.object({
  kinds: z.array(retaliationKindSchema).min(1).max(retaliationKinds.length),
  body: note(),
});

/** The reporter's answer to a check-in: whether they suffered any detriment, and what. */
export const checkInAnswerBody = z
  .object({
    harm: z.boolean(),
    kinds: z.array(retaliationKindSchema).max(retaliationKinds.length).optional(),
    body: note().optional(),
  })
  .refine((a) => !a.harm || !!a.body, { path: ['body'], message: 'say what happened' });

export const protectionCaseNo = z.string().regex(/^PC-\d{1,6}$/, 'not a protection case number');

export const protectionPayloads = {
  'assess-protection': protectionAssessmentBody,
  'request-identity-reveal': revealRequestBody,
  'approve-identity-reveal': z.object({ comment: note(500).optional() }),
  'refuse-identity-reveal': z.object({ reason: note(500) }),
  'reveal-identity': z.object({}),
  'decide-continuation': z.object({ outcome: z.enum(['continue', 'end']), reason: note() }),
  'open-protection-case': z.object({ kinds: z.array(retaliationKindSchema).min(1), account: note() }),
  'refer-protection-case': z.object({ caseNo: protectionCaseNo, body: z.enum(referralBodies), note: note() }),
  'close-protection-case': z.object({ caseNo: protectionCaseNo, outcome: z.enum(protectionOutcomes), note: note() }),
  'check-in-answered': checkInAnswerBody,
  'retaliation-reported': retaliationBody,
  /**
   * Where the duress key was used: signing in, the withdrawal its holder was made to make, or a
   * retaliation report from the decoy session (caseNo: the protection case it opened).
   */
  'duress-signal': z.object({
    context: z.enum(['sign-in', 'withdrawal', 'retaliation']),
    caseNo: z.string().max(20).optional(),
  }),
  'check-in-sent': z.object({ round: z.number().int().min(1).max(10) }),
  'retention-deleted': z.object({ classes: z.array(z.enum(dataClasses)).min(1) }),
};
