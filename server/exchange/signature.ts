// The signature scheme for exchange with partner systems (the provincial
// platform, other cities), used both ways: partners sign what they send us, we
// sign the webhooks we send them, each with the partner's own shared secret.
//
//   X-Woodpecker-Key:        the partner's key id
//   X-Woodpecker-Timestamp:  Unix seconds; refused when more than 5 minutes off
//   X-Woodpecker-Nonce:      16–64 characters [A-Za-z0-9_-], never reused within the window
//   X-Woodpecker-Signature:  "v1=" + hex HMAC-SHA256(secret, canonical)
//
//   canonical = METHOD "\n" path-with-query "\n" timestamp "\n" nonce "\n" hex SHA-256(raw body)
import crypto from 'node:crypto';

export const SIGNATURE_HEADERS = {
  key: 'x-woodpecker-key',
  timestamp: 'x-woodpecker-timestamp',
  nonce: 'x-woodpecker-nonce',
  signature: 'x-woodpecker-signature',
} as const;

/** How far a request's clock may be from ours; also how long nonces are remembered. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

export interface SignedParts {
  method: string;
  /** Path and query exactly as sent, e.g. "/api/v1/exchange/cases?x=1". */
  path: string;
  timestamp: string;
  nonce: string;
  body: Buffer | string;
}

export function canonicalString({ method, path, timestamp, nonce, body }: SignedParts): string {
  const bodyHash = crypto.createHash('sha256').update(body).digest('hex');
  return [method.toUpperCase(), path, timestamp, nonce, bodyHash].join('\n');
}

export function signature(secret: string, parts: SignedParts): string {
  return `v1=${crypto.createHmac('sha256', secret).update(canonicalString(parts)).digest('hex')}`;
}

/** Headers for a request we send (a webhook), or a partner's test client sends. */
export function signedHeaders(
  keyId: string,
  secret: string,
  { method, path, body }: Pick<SignedParts, 'method' | 'path' | 'body'>,
  now = new Date(),
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = crypto.randomBytes(18).toString('base64url');
  return {
    [SIGNATURE_HEADERS.key]: keyId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature(secret, { method, path, timestamp, nonce, body }),
  };
}

export type SignatureProblem = 'missing' | 'stale' | 'bad-nonce' | 'mismatch';

/** Checks the signature and the clock; the caller checks the nonce was not seen before. */
export function checkSignature(
  secret: string,
  parts: SignedParts & { signature: string },
  now = new Date(),
): SignatureProblem | undefined {
  if (!parts.signature || !parts.timestamp || !parts.nonce) return 'missing';
  if (!NONCE.test(parts.nonce)) return 'bad-nonce';
  const seconds = Number(parts.timestamp);
  if (!/^\d{1,12}$/.test(parts.timestamp) || Math.abs(now.getTime() - seconds * 1000) > SIGNATURE_WINDOW_MS)
    return 'stale';
  const expected = Buffer.from(signature(secret, parts));
  const given = Buffer.from(parts.signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? undefined : 'mismatch';
}
