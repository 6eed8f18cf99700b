// Report references a caller can read over the phone, and access keys with at
// least 80 bits of entropy, kept only as a slow hash.
import crypto from 'node:crypto';

// Crockford's base32: no I, L, O or U, so nothing is misread or misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer, length: number): string {
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

/** e.g. "ABCD-EFGH-JKMN-PQRS-TVWX": 20 symbols, 100 bits. */
export function newAccessKey(seed?: Buffer): string {
  return group(base32(seed ?? crypto.randomBytes(13), 20));
}

/** Accepts keys typed with spaces, lower case or O/I/L look-alikes. */
export function normaliseAccessKey(key: string): string {
  const clean = key.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return clean.length === 20 ? group(clean) : clean;
}
