// Password hashing with scrypt (memory-hard), self-describing so costs can rise later.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { zxcvbn } from '../platform/lazyLibraries';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;
const KEY_LENGTH = 32;
/** The production cost; the app sets it from PASSWORD_HASH_COST, which only test runs may lower. */
export const DEFAULT_PASSWORD_HASH_COST = 15;
let cost = { N: 2 ** DEFAULT_PASSWORD_HASH_COST, r: 8, p: 1 };

/** Sets the cost (log2 N) of new hashes; stored hashes keep theirs, so any cost verifies. */
export function usePasswordHashCost(log2N: number): void {
  cost = { ...cost, N: 2 ** log2N };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH, { ...cost, maxmem: 128 * cost.N * cost.r * 2 });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const N = Number(n);
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 128 * N * Number(r) * 2,
  });
  return crypto.timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made at another cost than new ones get: rehashed at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) !== cost.N || Number(r) !== cost.r || Number(p) !== cost.p;
}

/** A hash to compare against when the user does not exist, at the current cost, so timing does not reveal usernames. */
export const decoyHash = (): string =>
  `scrypt$${cost.N}$${cost.r}$${cost.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;

export function generatePassword(): string {
  // 15 characters from an unambiguous alphabet: about 78 bits.
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(15);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export type PasswordProblem = 'auth.password_weak' | 'auth.password_common';

/** Guess-resistance below this zxcvbn score (3: about 10⁸ guesses) counts as common. */
const MIN_SCORE = 3;

// The common-password and keyboard-pattern dictionaries cost about 150 ms to load: once, on first use.
let estimator: ZxcvbnFactory | undefined;
function strengthEstimator(): ZxcvbnFactory {
  if (!estimator) {
    const { core, common } = zxcvbn();
    estimator = new core.ZxcvbnFactory({
      dictionary: { passwords: common.dictionary['passwords-common'] },
      graphs: common.adjacencyGraphs,
    });
  }
  return estimator;
}

/**
 * Why a new password is refused, or null. Too short or equal to the username is weak; one
 * found in the common-password list or built from the account's own names, keyboard walks,
 * repeats or sequences is common.
 */
export function passwordProblem(
  password: string,
  account: { username: string; displayName?: string },
): PasswordProblem | null {
  if (password.length < 12 || password.toLowerCase() === account.username.toLowerCase()) return 'auth.password_weak';
  const personal = [account.username, account.displayName, 'woodpecker', 'zhuomuniao'].filter((s): s is string => !!s);
  return strengthEstimator().check(password, personal).score < MIN_SCORE ? 'auth.password_common' : null;
}
