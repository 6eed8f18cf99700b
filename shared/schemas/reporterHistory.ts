// A real-name reporter's reports under their keyed pseudonym, for protection staff,
// discipline, leaders and reviewers: what and where, never who.
import { z } from 'zod';

export const pseudonymParams = z.object({
  pseudonym: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^R-[0-9A-HJKMNP-TV-Z]{10}$/, 'not a reporter pseudonym'),
});

export const reporterHistoryResponse = z.object({
  pseudonym: z.string(),
  items: z.array(
    z.object({
      reference: z.string(),
      status: z.string(),
      category: z.string(),
      area: z.string(),
      submittedAt: z.string(),
      /** The reward paid, in fen, when one was. */
      rewardPaidFen: z.number().int().optional(),
      /** Protection cases on the report: protection staff only. */
      protectionCases: z.number().int().optional(),
    }),
  ),
});
