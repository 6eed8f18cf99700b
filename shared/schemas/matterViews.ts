// What staff see of a report's matter (server/reports/matter.ts): the credit code,
// the earlier case it was linked to at intake (or flagged as likely the same), and
// that case beside this one. Staff only: reporters never hear of another's case.
import { z } from 'zod';

/** The earlier case, in the viewer's areas only (otherwise its reference alone). */
export const matterCaseView = z.object({
  reference: z.string(),
  status: z.string(),
  channel: z.string(),
  submittedAt: z.string(),
  area: z.string(),
  category: z.string(),
  subjectName: z.string().optional(),
  subjectCreditCode: z.string().optional(),
  address: z.string().optional(),
  description: z.string(),
});

export const staffMatterFields = {
  /** The enterprise's unified social credit code, when given. */
  subjectCreditCode: z.string().optional(),
  /** The earlier report this one was marked a duplicate of. */
  duplicateOf: z.string().optional(),
  /**
   * `linked`: the same credit code and scheme within the window, joined at intake (confirm with
   * mark-duplicate or undo with unlink-matter); `likely`: the same place and category, flagged only.
   */
  matter: z
    .object({
      state: z.enum(['linked', 'likely', 'unlinked']),
      key: z.enum(['credit-code', 'place']),
      of: z.string(),
      at: z.string(),
      reason: z.string().optional(),
      earlier: matterCaseView.optional(),
    })
    .optional(),
};
