// Administrators create, change and reset staff accounts; members manage their
// own password and second factor. Each change is audited in its transaction.
import { assertKnownAreas } from '../jurisdiction/validate';
import type { z } from 'zod';
import type { createStaffBody, staffListQuery, updateStaffBody } from '../../shared/schemas/staff';
import { appendAudit } from '../audit/auditLog';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords';
import { destroyOtherSessionsOf, destroySessionsOf, proofAgainstSession } from './sessions';
import { enrolment, newTotpSecret, verifyTotp } from './totp';
import type { SecretBox } from '../platform/secretBox';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import { Staff } from './staff.model';
import { Unit } from '../catalog/unit.model';
import type { Actor } from '../access';

/** One account, or null when there is none with this id. */
export async function staffById(id: string) {
  return Staff.findById(id).lean();
}

/** Accounts matching the list's filters, by username. */
export async function listStaff(query: z.infer<typeof staffListQuery>) {
  const filter = {
    ...(query.role ? { role: query.role } : {}),
    ...(query.unitCode ? { unitCode: query.unitCode } : {}),
    ...(query.includeDisabled === 'false' ? { disabled: false } : {}),
  };
  return Staff.find(filter).sort({ username: 1 }).lean();
}

async function assertUnit(code: string): Promise<void> {
  if (!(await Unit.exists({ code })))
    throw fail('request.invalid', [{ path: 'body.unitCode', code: 'unknown', message: `unknown unit ${code}` }]);
}

export async function staffCreator(actor: Actor, input: z.infer<typeof createStaffBody>) {
  await assertUnit(input.unitCode);
  await assertKnownAreas(input.areaCodes, 'body.areaCodes');
  if (await Staff.exists({ username: input.username }))
    throw fail('staff.username_taken', [{ path: 'body.username', code: 'duplicate', message: 'taken' }]);
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  const staff = await inTransaction(async (session) => {
    const [created] = await Staff.create([{ ...input, passwordHash, mustChangePassword: true }], { session });
    await appendAudit(
      {
        actor,
        action: 'staff.create',
        target: { type: 'staff', id: String(created._id) },
        details: {
          username: input.username,
          role: input.role,
          unitCode: input.unitCode,
          ...(input.allAreas ? { allAreas: true } : {}),
        },
      },
      session,
    );
    return created;
  });
  return { staff, initialPassword };
}

export async function staffUpdater(actor: Actor, id: string, changes: z.infer<typeof updateStaffBody>) {
  if (changes.unitCode) await assertUnit(changes.unitCode);
  await assertKnownAreas(changes.areaCodes, 'body.areaCodes');
  if (id === actor.id && (changes.disabled === true || (changes.role && changes.role !== actor.role)))
    throw fail('staff.self_change');
  const { email, ...rest } = changes;
  const update =
    email === null ? { $set: rest, $unset: { email: 1 } } : { $set: { ...rest, ...(email ? { email } : {}) } };
  const { before, after } = await inTransaction(async (session) => {
    const previous = await Staff.findByIdAndUpdate(id, update, {
      returnDocument: 'before',
      runValidators: true,
      session,
    });
    if (!previous) throw fail('resource.not_found');
    // The every-area grant is named whenever it is given or withdrawn.
    const grant =
      changes.allAreas !== undefined && changes.allAreas !== (previous.allAreas === true)
        ? { allAreas: changes.allAreas }
        : {};
    await appendAudit(
      {
        actor,
        action: 'staff.update',
        target: { type: 'staff', id },
        details: { fields: Object.keys(changes), role: changes.role, disabled: changes.disabled, ...grant },
      },
      session,
    );
    return { before: previous, after: await Staff.findById(id).session(session) };
  });
  // New rights take effect at once: a disabled account or a changed role signs out everywhere.
  if ((changes.disabled && !before.disabled) || (changes.role && changes.role !== before.role))
    await destroySessionsOf(before._id);
  return after!;
}

export async function passwordResetter(actor: Actor, id: string) {
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await inTransaction(async (session) => {
    const r = await Staff.updateOne(
      { _id: id },
      { $set: { passwordHash, mustChangePassword: true, failedLogins: 0 }, $unset: { lockedUntil: 1 } },
      { session },
    );
    if (!r.matchedCount) throw fail('resource.not_found');
    // Whoever held a session (possibly the reason for the reset) is signed out with the old password.
    await destroySessionsOf(id, session);
    await appendAudit({ actor, action: 'staff.password_reset', target: { type: 'staff', id } }, session);
  });
  return { temporaryPassword };
}

/**
 * The account holder's own password, checked before any change to their credentials.
 * Wrong guesses count against the session, which ends after a few of them (codes count too).
 */
async function assertCurrentPassword(
  staff: { passwordHash: string },
  currentPassword: string,
  sessionToken: string,
): Promise<void> {
  const outcome = await proofAgainstSession(sessionToken, () => verifyPassword(currentPassword, staff.passwordHash));
  if (outcome === 'right') return;
  if (outcome === 'session-ended') throw fail('auth.unauthenticated');
  throw fail('auth.password_wrong', [{ path: 'body.currentPassword', code: 'wrong', message: 'wrong password' }]);
}

/** Changes the signed-in member's password and signs out every other session of the account. */
export async function passwordChanger(
  actor: Actor,
  currentPassword: string,
  newPassword: string,
  currentSessionToken: string,
) {
  const staff = await Staff.findById(actor.id);
  if (!staff) throw fail('auth.unauthenticated');
  await assertCurrentPassword(staff, currentPassword, currentSessionToken);
  const problem = passwordProblem(newPassword, staff);
  if (problem)
    throw fail(problem, [
      {
        path: 'body.newPassword',
        code: problem === 'auth.password_weak' ? 'too_weak' : 'too_common',
        message:
          problem === 'auth.password_weak' ? 'at least 12 characters, not the username' : 'too common or easy to guess',
      },
    ]);
  // A handed-out password kept as is would stay known to whoever handed it out.
  if (newPassword === currentPassword)
    throw fail('auth.password_reused', [
      { path: 'body.newPassword', code: 'reused', message: 'same as the current password' },
    ]);
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(async (session) => {
    await Staff.updateOne({ _id: staff._id }, { $set: { passwordHash, mustChangePassword: false } }, { session });
    // Someone who learnt the old password and signed in elsewhere loses that session now.
    await destroyOtherSessionsOf(staff._id, currentSessionToken, session);
    await appendAudit({ actor, action: 'auth.password_change', target: { type: 'staff', id: actor.id } }, session);
  });
}

/**
 * Starts enrolling a second factor. A stolen session alone must not be enough to
 * swap the factor for one the thief holds: the password is needed, and once a factor
 * is on, a current code from it too (used once, like a sign-in code).
 */
export async function totpEnrolmentStarter(
  actor: Actor,
  box: SecretBox,
  proof: { currentPassword: string; code?: string },
  sessionToken: string,
  now = new Date(),
) {
  const staff = await Staff.findById(actor.id);
  if (!staff) throw fail('auth.unauthenticated');
  await assertCurrentPassword(staff, proof.currentPassword, sessionToken);
  if (staff.totpSecretSealed) {
    if (!proof.code)
      throw fail('auth.totp_required', [
        { path: 'body.code', code: 'required', message: 'the current code is required' },
      ]);
    const sealed = staff.totpSecretSealed;
    const code = proof.code;
    // Compare-and-set on the last used step, so the code cannot be replayed here or at sign-in.
    const claim = async () => {
      const step = verifyTotp(box.open(sealed), code, now.getTime());
      return (
        step !== null &&
        step > staff.totpLastStep &&
        (await Staff.updateOne({ _id: staff._id, totpLastStep: staff.totpLastStep }, { $set: { totpLastStep: step } }))
          .modifiedCount === 1
      );
    };
    const outcome = await proofAgainstSession(sessionToken, claim);
    if (outcome === 'session-ended') throw fail('auth.unauthenticated');
    if (outcome === 'wrong')
      throw fail('auth.totp_invalid', [{ path: 'body.code', code: 'wrong', message: 'wrong code' }]);
  }
  const secret = newTotpSecret();
  await Staff.updateOne({ _id: actor.id }, { $set: { pendingTotpSecretSealed: box.seal(secret) } });
  return { secret, ...(await enrolment(secret, actor.username)) };
}

export async function totpEnabler(actor: Actor, code: string, box: SecretBox, now = new Date()) {
  const staff = await Staff.findById(actor.id);
  if (!staff?.pendingTotpSecretSealed) throw fail('auth.totp_invalid');
  const step = verifyTotp(box.open(staff.pendingTotpSecretSealed), code, now.getTime());
  if (step === null) throw fail('auth.totp_invalid', [{ path: 'body.code', code: 'wrong', message: 'wrong code' }]);
  return inTransaction(async (session) => {
    const updated = await Staff.findByIdAndUpdate(
      actor.id,
      {
        $set: { totpSecretSealed: staff.pendingTotpSecretSealed, totpLastStep: step },
        $unset: { pendingTotpSecretSealed: 1 },
      },
      { returnDocument: 'after', session },
    );
    await appendAudit({ actor, action: 'auth.totp_enabled', target: { type: 'staff', id: actor.id } }, session);
    return updated!;
  });
}
