// What each side sees of reporter protection. Protection staff: the cases with their
// clocks and referrals, and the check-ins (the sealed words are read one case at a
// time, audited). The reporter: the open check-in question and their own cases'
// progress by body and outcome, never a staff member's name or note.
import { z } from 'zod';
import { protectionCaseSources, protectionOutcomes, referralBodies } from '../protection/policy';

const optStr = z.string().optional();

export const staffProtectionCase = z.object({
  caseNo: z.string(),
  source: z.enum(protectionCaseSources),
  kinds: z.array(z.string()),
  openedAt: z.string(),
  openedById: optStr,
  firstActionDueAt: z.string(),
  decisionDueAt: z.string(),
  /** No referral yet and the first action's day has passed. */
  firstActionOverdue: z.boolean(),
  /** Still open past its decision day. */
  decisionOverdue: z.boolean(),
  /** Whether there are sealed words to read (GET …/protection-cases/:caseNo): an account, answer or notes. */
  hasAccount: z.boolean(),
  /** `note` and `outcomeNote` are no longer sent here: the notes are sealed and read with the account. */
  referrals: z.array(z.object({ body: z.string(), note: optStr, at: z.string(), byId: optStr })),
  outcome: optStr,
  outcomeNote: optStr,
  closedAt: optStr,
  closedById: optStr,
});

export const staffCheckIn = z.object({
  round: z.number().int(),
  sentAt: z.string(),
  answeredAt: optStr,
  harm: z.boolean().optional(),
  hasAnswer: z.boolean(),
  /** Unanswered past the policy's answer period: listed in the protection queue. */
  unansweredOverdue: z.boolean(),
});

/** Added to the staff view for protection staff only; other roles get neither field. */
export const staffProtectionFields = {
  protectionCases: z.array(staffProtectionCase).optional(),
  checkIns: z.array(staffCheckIn).optional(),
};

export const reporterProtectionView = z.object({
  /** A check-in awaiting the reporter's answer. */
  checkIn: z.object({ round: z.number().int(), sentAt: z.string() }).optional(),
  cases: z.array(
    z.object({
      caseNo: z.string(),
      openedAt: z.string(),
      status: z.enum(['open', 'referred', 'closed']),
      referredTo: z.array(z.enum(referralBodies)),
      outcome: z.enum(protectionOutcomes).optional(),
      closedAt: optStr,
    }),
  ),
});

/** One case's sealed words, for protection staff: the account, and the check-in answer that opened it. */
export const protectionCaseAccountResponse = z.object({
  caseNo: z.string(),
  account: optStr,
  checkInAnswer: z.object({ round: z.number().int(), answeredAt: z.string(), answer: z.string() }).optional(),
  /** The protection officers' referral notes (sealed like the account). */
  referralNotes: z.array(z.object({ body: z.string(), at: z.string(), note: z.string() })),
  /** The protection officer's note on closing. */
  outcomeNote: optStr,
  /** The retention schedule deleted the words: nothing can open them any more. */
  deleted: z.boolean(),
});
