// The Idempotency-Key request header: one format for every request that may be
// retried safely (report submissions, money-moving actions, appropriations).
import { idempotencyKeyPattern } from '../../../shared/schemas/fund';
import { fail } from '../errors';

/** The header checked when present; undefined when absent. */
export function optionalIdempotencyKey(header: string | undefined): string | undefined {
  const key = header?.trim();
  if (!key) return undefined;
  if (!idempotencyKeyPattern.test(key))
    throw fail('request.invalid', [
      { path: 'headers.idempotency-key', code: 'invalid_format', message: 'expected 8 to 100 letters, digits, _ or -' },
    ]);
  return key;
}

/** The header checked; money never moves without one. */
export function requireIdempotencyKey(header: string | undefined): string {
  const key = optionalIdempotencyKey(header);
  if (!key) throw fail('idempotency.required');
  return key;
}
