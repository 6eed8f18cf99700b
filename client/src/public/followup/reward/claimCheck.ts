// The claim form checks its values with the server's own schema (shared/schemas/claim.ts)
// and words each problem per field; the server's field errors land on the same fields.
import { claimBody, type Claim } from '../../../../../shared/schemas/claim';
import type { FieldError } from '../../../api';
import type { ClaimField } from './rewardText';

export type ClaimValues = Record<ClaimField, string>;
export type ClaimErrors = Partial<Record<ClaimField, string>>;

export const claimFields: readonly ClaimField[] = ['name', 'idNumber', 'phone', 'bankName', 'bankAccount'];

export const emptyClaim: ClaimValues = { name: '', idNumber: '', phone: '', bankName: '', bankAccount: '' };

const isClaimField = (key: string): key is ClaimField => (claimFields as readonly string[]).includes(key);

/** The claim ready to send, or the fields that need fixing. */
export function checkClaim(
  values: ClaimValues,
  words: Record<ClaimField, string>,
): { claim?: Claim; errors: ClaimErrors } {
  // Phones are often typed in groups ("138 1234 5678"); the schema wants the digits.
  const result = claimBody.safeParse({ ...values, phone: values.phone.replace(/\s/g, '') });
  if (result.success) return { claim: result.data, errors: {} };
  const errors: ClaimErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (isClaimField(field)) errors[field] ??= words[field];
  }
  return { errors };
}

/** The server's "body.idNumber" errors on the form's fields, in the form's words. */
export function serverClaimErrors(list: FieldError[], words: Record<ClaimField, string>): ClaimErrors {
  const errors: ClaimErrors = {};
  for (const { path } of list) {
    const field = path.replace(/^body\./, '').split('.')[0];
    if (isClaimField(field)) errors[field] ??= words[field];
  }
  return errors;
}
