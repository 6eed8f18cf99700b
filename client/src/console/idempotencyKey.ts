// The key that makes a money-moving request safe to retry: the server moves the money once per key.
/** A fresh Idempotency-Key (randomUUID needs a secure context; plain http on a LAN falls back). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
