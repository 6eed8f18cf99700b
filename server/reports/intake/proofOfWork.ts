// Hashcash-style proof of work for anonymous endpoints: the server signs a
// challenge (stateless), the page finds a nonce whose SHA-256 has `bits` leading
// zero bits, and each solved challenge is accepted once.
import crypto from 'node:crypto';
import type { SecretBox } from '../../platform/secretBox';
import { fail } from '../../platform/errors';
import { PowTicket } from './powTicket.model';

const LIFETIME_MS = 10 * 60_000;

export function issueChallenge(
  box: SecretBox,
  bits: number,
  now = Date.now(),
): { challenge: string; bits: number; expiresAt: string } {
  const payload = Buffer.from(
    JSON.stringify({ id: crypto.randomBytes(12).toString('base64url'), bits, exp: now + LIFETIME_MS }),
  ).toString('base64url');
  return {
    challenge: `${payload}.${box.mac(payload, 'pow')}`,
    bits,
    expiresAt: new Date(now + LIFETIME_MS).toISOString(),
  };
}

export function leadingZeroBits(hash: Buffer): number {
  let n = 0;
  for (const byte of hash) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

export function solves(challenge: string, nonce: string, bits: number): boolean {
  return leadingZeroBits(crypto.createHash('sha256').update(`${challenge}:${nonce}`).digest()) >= bits;
}

/**
 * Checks a solution without spending it (signature, expiry, difficulty, the work itself):
 * cheap enough to run before an upload is received. Returns the ticket id to spend.
 */
export function checkProofOfWork(
  box: SecretBox,
  minBits: number,
  challenge: string | undefined,
  nonce: string | undefined,
  now = Date.now(),
): { id: string; exp: number } | null {
  if (minBits === 0) return null;
  if (!challenge || !nonce) throw fail('pow.required');
  const [payload, mac] = challenge.split('.');
  if (!payload || !mac || box.mac(payload, 'pow') !== mac || nonce.length > 64) throw fail('pow.invalid');
  let claims: { id: string; bits: number; exp: number };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw fail('pow.invalid');
  }
  if (claims.exp < now || claims.bits < minBits || !solves(challenge, nonce, claims.bits)) throw fail('pow.invalid');
  return { id: claims.id, exp: claims.exp };
}

/** Spends a checked solution: each one is accepted once. */
export async function spendProofOfWork(ticket: { id: string; exp: number } | null): Promise<void> {
  if (!ticket) return;
  try {
    await PowTicket.create({ _id: ticket.id, expiresAt: new Date(ticket.exp) });
  } catch (e) {
    if ((e as { code?: number }).code === 11000) throw fail('pow.invalid'); // already spent
    throw e;
  }
}

/** Checks and spends in one step (endpoints without uploads). */
export async function redeemProofOfWork(
  box: SecretBox,
  minBits: number,
  challenge: string | undefined,
  nonce: string | undefined,
  now = Date.now(),
): Promise<void> {
  await spendProofOfWork(checkProofOfWork(box, minBits, challenge, nonce, now));
}
