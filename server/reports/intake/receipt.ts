// Report references a caller can read over the phone, and access keys of 100
// random bits, kept only as a keyed hash (HMAC-SHA-256 under the server key).
import crypto from 'node:crypto';
import { verifyPassword } from '../../staff/passwords';
import type { SecretBox } from '../../platform/secretBox';

// Crockford's base32: no I, L, O or U, so nothing is misread or misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function base32(bytes: Buffer, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

const group = (s: string) => s.match(/.{1,4}/g)!.join('-');

/** e.g. "WP-7K3Q-9MXD" (40 random bits; uniqueness is enforced by an index). */
export function newReference(): string {
  return `WP-${group(base32(crypto.randomBytes(5), 8))}`;
}

/** e.g. "ABCD-EFGH-JKMN-PQRS-TVWX": 20 symbols, 100 fresh random bits (never derived from client input). */
export function newAccessKey(): string {
  return group(base32(crypto.randomBytes(13), 20));
}

/** Accepts keys typed with spaces, lower case or O/I/L look-alikes. */
export function normaliseAccessKey(key: string): string {
  const clean = key.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return clean.length === 20 ? group(clean) : clean;
}

// Stored access keys carry the version of the key that hashed them: "h1:" is an
// HMAC under the server key (purpose "access-key"). Random 100-bit keys need no
// slow hash: nobody can guess them offline without the server key either. Reports
// from before keep their scrypt hashes ("scrypt$…"), still verified, and are
// rehashed to the current version at their holder's next sign-in. A new server key
// would become "h2:", with the h1 key kept for verification only until every
// holder has signed in once or the reports are closed.
const CURRENT = 'h1';
const macOf = (box: SecretBox, key: string) => box.mac(normaliseAccessKey(key), 'access-key');

export function hashAccessKey(box: SecretBox, key: string): string {
  return `${CURRENT}:${macOf(box, key)}`;
}

/** Compared against when the reference does not exist: the same work as a wrong key. */
const decoy = `${CURRENT}:${'A'.repeat(43)}`;

/**
 * Whether `typed` opens `stored` (undefined for a missing report, at the cost of a
 * wrong key). `rehash` is set when the stored form is not the current version.
 */
export async function verifyAccessKey(
  box: SecretBox,
  typed: string,
  stored: string | null | undefined,
): Promise<{ ok: boolean; rehash?: string }> {
  const hash = stored ?? decoy;
  if (hash.startsWith(`${CURRENT}:`)) {
    const expected = Buffer.from(hash.slice(CURRENT.length + 1));
    const actual = Buffer.from(macOf(box, typed));
    const ok = expected.length === actual.length && crypto.timingSafeEqual(expected, actual) && stored != null;
    return { ok };
  }
  if (hash.startsWith('scrypt$')) {
    const ok = await verifyPassword(normaliseAccessKey(typed), hash);
    return ok ? { ok, rehash: hashAccessKey(box, typed) } : { ok };
  }
  return { ok: false };
}
