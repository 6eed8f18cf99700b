// Amounts on the finance page, and the key that makes a money request safe to retry.
import { parseYuan } from '../../../../../shared/money';

export { formatYuan } from '../../../../../shared/money';

/** A positive amount typed in yuan, as fen; null when it is not one. */
export function parsePositiveYuan(text: string): number | null {
  const fen = parseYuan(text);
  return fen ? fen : null;
}

/** A fresh Idempotency-Key (randomUUID needs a secure context; plain http on a LAN falls back). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
