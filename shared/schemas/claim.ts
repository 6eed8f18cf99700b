// The reporter's claim of an approved reward and their appeal, and what the
// follow-up page shows of the reward. The claim's identity and bank details are
// sealed on arrival and shown only to finance.
import { z } from 'zod';
import { reporterSchema } from './report';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character (GB 11643) of an ID number's first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return CHECK[sum % 11];
}

/** A mainland resident ID number (GB 11643): 18 characters whose last is a checksum. */
export function isResidentIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && residentIdCheckCharacter(id) === id[17];
}

export const claimBody = z.object({
  name: z.string().trim().min(1).max(40),
  idNumber: z.string().trim().toUpperCase().refine(isResidentIdNumber, 'not a valid 18-character resident ID number'),
  phone: reporterSchema.shape.phone,
  bankName: z.string().trim().min(2).max(80),
  bankAccount: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{12,30}$/, '12–30 digits')),
});
export type Claim = z.infer<typeof claimBody>;

export const appealBody = z.object({ reason: z.string().trim().min(1).max(2000) });

/** What finance sees of a claim (each view audited). */
export const claimView = claimBody.extend({ claimedAt: z.string() });
