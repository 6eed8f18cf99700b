// What partner systems send and receive through the case exchange
// (/api/v1/exchange, signed requests; server/exchange/signature.ts).
import { z } from 'zod';
import { reporterSchema, reportInputSchema } from './report';

const fields = reportInputSchema.shape;

/** Evidence travels inside the signed JSON, base64-encoded; it is inspected like any upload. */
export const exchangeEvidenceSchema = z.object({
  /** The partner's file name, for its own records; not stored. */
  filename: z.string().max(200).optional(),
  contentBase64: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'standard base64 without line breaks'),
});

/** A case a partner system dispatches to us. */
export const exchangeCaseBody = z
  .object({
    /** The partner's own case id: the same id again is the same case. */
    externalId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/, '1–64 letters, digits and . _ : -'),
    /** How the reporter reached the partner (its mini-program, 12345, a letter…), as the partner names it. */
    externalChannel: z.string().trim().min(1).max(40),
    /** When the partner received the report: it selects the reward policy, as a letter's arrival day does. */
    receivedAt: z.iso.datetime({ offset: true }),
    category: fields.category,
    area: fields.area,
    description: fields.description,
    address: fields.address,
    subjectName: fields.subjectName,
    subjectCreditCode: fields.subjectCreditCode,
    occurredAt: fields.occurredAt,
    anonymous: z.boolean(),
    /** A real-name reporter; the partner keeps the reporter's contact, so no e-mail is taken. */
    reporter: reporterSchema.omit({ email: true }).optional(),
    evidence: z.array(exchangeEvidenceSchema).max(50).default([]),
  })
  .superRefine((c, ctx) => {
    if (!c.anonymous && !c.reporter)
      ctx.addIssue({
        code: 'custom',
        path: ['reporter'],
        message: 'a real-name case needs the reporter’s name and phone',
      });
    if (c.anonymous && c.reporter)
      ctx.addIssue({ code: 'custom', path: ['reporter'], message: 'an anonymous case carries no reporter details' });
    if (new Date(c.receivedAt).getTime() > Date.now() + 5 * 60_000)
      ctx.addIssue({ code: 'custom', path: ['receivedAt'], message: 'cannot be in the future' });
  });
export type ExchangeCase = z.infer<typeof exchangeCaseBody>;

export const exchangeCaseReceipt = z.object({
  /** Our reference for the case (test mode: starts with "TEST-"). */
  reference: z.string(),
  /** When Woodpecker recorded the case (ISO 8601, UTC). */
  receivedAt: z.string(),
  /** The partner is in test mode: the case was checked and kept apart, not entered as a report. */
  test: z.boolean(),
});
