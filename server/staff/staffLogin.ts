// Signs a staff member in: password, then second factor; failures slow down
// progressively and lock the account after too many. Every outcome is audited.
import type { Role } from '../../shared/roles';
import { appendAudit } from '../audit/auditLog';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords';
import { createSession, type SessionPolicy } from './sessions';
import { verifyTotp } from './totp';
import type { SecretBox } from '../platform/secretBox';
import { inTransaction } from '../platform/db';
import { AppError, fail } from '../platform/errors';
import { Staff, type StaffDocument } from './staff.model';

export interface LoginPolicy extends SessionPolicy {
  maxFailures: number;
  lockMinutes: number;
  delayBaseMs: number;
}

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

/** Failures before the first enforced wait; then the wait doubles each time, up to a minute. */
const FREE_ATTEMPTS = 3;

export function waitAfterFailures(failures: number, baseMs: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(baseMs * 2 ** (failures - FREE_ATTEMPTS), 60_000);
}

export async function staffLogin(input: LoginInput, policy: LoginPolicy, box: SecretBox, now = new Date()) {
  const staff = await Staff.findOne({ username: input.username });
  if (!staff) {
    await verifyPassword(input.password, decoyHash()); // same work as for a real account
    throw fail('auth.invalid_credentials');
  }
  if (staff.lockedUntil && staff.lockedUntil > now)
    throw withRetry('auth.locked', staff.lockedUntil.getTime() - now.getTime());
  if (staff.nextAttemptAt && staff.nextAttemptAt > now)
    throw withRetry('auth.throttled', staff.nextAttemptAt.getTime() - now.getTime());

  // Count this attempt as a failure before checking anything (compare-and-set on the
  // counter), so guesses sent in parallel cannot get past the limit.
  const previous = {
    failedLogins: staff.failedLogins,
    nextAttemptAt: staff.nextAttemptAt ?? null,
    lastFailedLoginAt: staff.lastFailedLoginAt ?? null,
  };
  const failures = staff.failedLogins + 1;
  const locks = failures >= policy.maxFailures;
  const claim = await Staff.updateOne(
    { _id: staff._id, failedLogins: staff.failedLogins },
    {
      $set: {
        failedLogins: locks ? 0 : failures,
        lastFailedLoginAt: now,
        nextAttemptAt: new Date(now.getTime() + waitAfterFailures(failures, policy.delayBaseMs)),
        ...(locks ? { lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) } : {}),
      },
    },
  );
  if (!claim.modifiedCount) throw withRetry('auth.throttled', 1000); // another attempt is being checked right now

  if (!(await verifyPassword(input.password, staff.passwordHash))) {
    await auditFailure(staff, 'password', locks ? 0 : failures, locks, now);
    throw fail('auth.invalid_credentials');
  }
  if (staff.disabled) throw fail('auth.disabled');
  if (staff.totpSecretSealed) {
    if (!input.totp) {
      // The password was right and no code was tried: this attempt does not count.
      await Staff.updateOne({ _id: staff._id }, { $set: previous, $unset: { lockedUntil: 1 } });
      throw fail('auth.totp_required');
    }
    const step = verifyTotp(box.open(staff.totpSecretSealed), input.totp, now.getTime());
    if (step === null || step <= staff.totpLastStep) {
      await auditFailure(staff, 'totp', locks ? 0 : failures, locks, now);
      throw fail('auth.totp_invalid');
    }
    staff.totpLastStep = step;
  }
  // A hash at an older cost is replaced while the password is at hand, so every account
  // soon costs what the decoy costs and sign-in timing says nothing about who exists.
  const rehashed = needsRehash(staff.passwordHash) ? await hashPassword(input.password) : undefined;
  await inTransaction(async (txn) => {
    await Staff.updateOne(
      { _id: staff._id },
      {
        $set: {
          failedLogins: 0,
          lastLoginAt: now,
          totpLastStep: staff.totpLastStep,
          ...(rehashed ? { passwordHash: rehashed } : {}),
        },
        $unset: { lockedUntil: 1, lastFailedLoginAt: 1, nextAttemptAt: 1 },
      },
      { session: txn },
    );
    await appendAudit(
      { actor: actorOf(staff), action: 'auth.login', target: { type: 'staff', id: String(staff._id) } },
      txn,
      now,
    );
  });
  const session = await createSession(staff._id, policy, now);
  staff.lastLoginAt = now;
  return { staff, ...session };
}

async function auditFailure(
  staff: StaffDocument,
  factor: 'password' | 'totp',
  failures: number,
  locked: boolean,
  now: Date,
): Promise<void> {
  await inTransaction(async (txn) => {
    await appendAudit(
      {
        actor: null,
        action: locked ? 'auth.locked' : 'auth.login_failed',
        target: { type: 'staff', id: String(staff._id) },
        details: { factor, failures },
      },
      txn,
      now,
    );
  });
}

function withRetry(code: 'auth.locked' | 'auth.throttled', ms: number): AppError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new AppError(
    code,
    [],
    { retryAfterSeconds: seconds },
    {
      zh: `${code === 'auth.locked' ? '账号已临时锁定' : '登录失败次数过多'}，请 ${seconds} 秒后再试。`,
      en: `${code === 'auth.locked' ? 'The account is temporarily locked' : 'Too many failed sign-ins'}; try again in ${seconds} seconds.`,
    },
  );
}

export function actorOf(staff: { _id: unknown; username: string; role: string }) {
  return { id: String(staff._id), username: staff.username, role: staff.role as Role };
}
