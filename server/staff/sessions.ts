// Staff sessions in MongoDB: idle and absolute expiry, CSRF token per session.
import crypto from 'node:crypto';
import { trusted, type ClientSession, type Types } from 'mongoose';
import { Session } from './session.model';

export const SESSION_COOKIE = 'wp_session';

/**
 * Over HTTPS the cookie is Secure and named with the `__Host-` prefix: browsers then
 * refuse it unless it is Secure, host-only (no Domain) and Path=/, so a sibling
 * subdomain or a plain-HTTP page cannot plant or overwrite a session.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('base64url');

export async function createSession(
  staffId: Types.ObjectId,
  policy: SessionPolicy,
  now = new Date(),
): Promise<{ token: string; csrfToken: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const absoluteExpiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000);
  await Session.create({
    _id: sha256(token),
    staffId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    absoluteExpiresAt,
    expiresAt: minDate(absoluteExpiresAt, new Date(now.getTime() + policy.idleMinutes * 60_000)),
  });
  return { token, csrfToken };
}

/** The live session for a cookie token, its idle deadline pushed forward. */
export async function touchSession(token: string, policy: SessionPolicy, now = new Date()) {
  const session = await Session.findById(sha256(token)).lean();
  if (!session || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > 30_000) {
    const expiresAt = minDate(session.absoluteExpiresAt, new Date(now.getTime() + policy.idleMinutes * 60_000));
    await Session.updateOne({ _id: session._id }, { $set: { lastSeenAt: now, expiresAt } });
  }
  return session;
}

export async function destroySession(token: string): Promise<void> {
  await Session.deleteOne({ _id: sha256(token) });
}

export async function destroySessionsOf(staffId: Types.ObjectId | string, txn?: ClientSession): Promise<void> {
  await Session.deleteMany({ staffId }, { session: txn });
}

/** Signs the account out everywhere except the session that asked (a password change). */
export async function destroyOtherSessionsOf(
  staffId: Types.ObjectId | string,
  keepToken: string,
  txn?: ClientSession,
): Promise<void> {
  await Session.deleteMany({ staffId, _id: trusted({ $ne: sha256(keepToken) }) }, { session: txn });
}

/** Wrong current passwords or codes a session may give before it is ended. */
export const MAX_FAILED_PROOFS_PER_SESSION = 5;

/**
 * Checks a current password or code against one of the session's attempts, so
 * someone holding an unlocked console cannot guess them there (sign-in has its own
 * counter and lockout). The attempt is taken before the check, so guesses sent all
 * at once cannot outrun the count; a right answer gives it back, and the session
 * ends when none is left.
 */
export async function proofAgainstSession(
  token: string,
  check: () => Promise<boolean>,
): Promise<'right' | 'wrong' | 'session-ended'> {
  const _id = sha256(token);
  const left = {
    $or: [
      { failedProofs: trusted({ $exists: false }) },
      { failedProofs: trusted({ $lt: MAX_FAILED_PROOFS_PER_SESSION }) },
    ],
  };
  const taken = await Session.findOneAndUpdate(
    { _id, ...left },
    { $inc: { failedProofs: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!taken) {
    await destroySession(token);
    return 'session-ended';
  }
  if (await check()) {
    await Session.updateOne({ _id, failedProofs: trusted({ $gt: 0 }) }, { $inc: { failedProofs: -1 } });
    return 'right';
  }
  if (taken.failedProofs < MAX_FAILED_PROOFS_PER_SESSION) return 'wrong';
  await destroySession(token);
  return 'session-ended';
}

function minDate(a: Date, b: Date): Date {
  return a < b ? a : b;
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
