// The reporter's side after submission: signing in with the receipt, messages,
// more evidence, withdrawal. Wrong reference and wrong key fail the same way.
import crypto from 'node:crypto';
import { inGroup } from '../../shared/workflow';
import type { SecretBox } from '../platform/secretBox';
import { fail } from '../platform/errors';
import { verifyAccessKey } from './intake/receipt';
import { FollowupSession } from './followupSession.model';
import { Report } from './report.model';
import type { EvidenceStore } from '../platform/evidenceStore';
import type { UploadedFile } from '../platform/http/multipart';
import { loadReport, transition } from './pipeline';
import { withStoredFiles } from './stepFiles';
import { stillThereOpen } from './rectificationChanges';

/** How a duress-key session is refused on each endpoint (defineRoute asks; see server/protection/decoy.ts). */
export { decoyRefusal } from '../protection/decoy';

const SESSION_MINUTES = 30;

const reporter = { kind: 'reporter' } as const;

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

const bearerToken = (authorization: string | undefined) => /^Bearer ([\w-]{20,100})$/.exec(authorization ?? '')?.[1];

/**
 * Signs in with the access key or the duress key. Both comparisons are made whichever key
 * was typed, so the time taken tells nothing. The duress key opens a decoy session (a
 * harmless withdrawn view) and alerts protection staff through the `duress-signal` step.
 */
export async function followupSignIn(
  box: SecretBox,
  reference: string,
  accessKey: string,
  now = new Date(),
  publicBaseUrl?: string,
): Promise<{ token: string; expiresAt: string }> {
  const report = await Report.findOne({ reference }, { accessKeyHash: 1, duressKeyHash: 1 }).lean();
  const real = await verifyAccessKey(box, accessKey, report?.accessKeyHash);
  const duress = await verifyAccessKey(box, accessKey, report?.duressKeyHash);
  if (!report || !(real.ok || duress.ok)) throw fail('followup.invalid_credentials');
  const decoy = !real.ok;
  // A legacy (scrypt) hash is replaced by the current form once its holder has shown the key.
  if (real.rehash)
    await Report.updateOne(
      { _id: report._id, accessKeyHash: report.accessKeyHash },
      { $set: { accessKeyHash: real.rehash } },
    );
  if (decoy)
    await transition(reference, 'duress-signal', { context: 'sign-in' }, reporter, { box, publicBaseUrl, now });
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_MINUTES * 60_000);
  await FollowupSession.create({ _id: tokenHash(token), reference, expiresAt, ...(decoy ? { decoy } : {}) });
  return { token, expiresAt: expiresAt.toISOString() };
}

export interface FollowupSessionInfo {
  reference: string;
  /** Opened with the duress key. */
  decoy: boolean;
}

/** The report a bearer token belongs to, and whether the duress key opened it. */
export async function followupSessionOf(
  authorization: string | undefined,
  now = new Date(),
): Promise<FollowupSessionInfo> {
  const token = bearerToken(authorization);
  if (!token) throw fail('followup.session_expired');
  const session = await FollowupSession.findById(tokenHash(token)).lean();
  if (!session || session.expiresAt <= now) throw fail('followup.session_expired');
  return { reference: session.reference, decoy: !!session.decoy };
}

/** The report reference a bearer token belongs to. */
export async function followupReferenceOf(authorization: string | undefined, now = new Date()): Promise<string> {
  return (await followupSessionOf(authorization, now)).reference;
}

/** Signing out ends the token on the server too (a copy left on a shared phone opens nothing); idempotent. */
export async function followupSignOut(authorization: string | undefined): Promise<void> {
  const token = bearerToken(authorization);
  if (token) await FollowupSession.deleteOne({ _id: tokenHash(token) });
}

export async function reporterMessage(reference: string, body: string, now = new Date()): Promise<void> {
  await transition(reference, 'reporter-message', { body }, reporter, { now });
}

/** Files are checked, cleaned and stored first; if the step is refused they are removed again. */
export async function reporterEvidence(
  reference: string,
  files: UploadedFile[],
  store: EvidenceStore,
  now = new Date(),
): Promise<number> {
  return withStoredFiles(files, store, 'reporter', now, async (storeFiles) => {
    const report = await loadReport(reference, reporter);
    if (!inGroup('openToReporter', report.status)) throw fail('report.closed');
    const evidence = await storeFiles(!!report.location);
    await transition(reference, 'reporter-evidence', { evidence }, reporter, { now });
    return evidence.length;
  });
}

/** After acceptance the verifier is mailed, so the step needs the mail context. */
export async function reporterWithdrawal(
  reference: string,
  reason: string | undefined,
  ctx: { box: SecretBox; publicBaseUrl: string },
  now = new Date(),
): Promise<void> {
  await transition(reference, 'withdrawn', reason ? { reason } : {}, reporter, { ...ctx, now });
}

export async function reporterObjection(reference: string, reason: string, now = new Date()): Promise<void> {
  await transition(reference, 'objection-filed', { reason }, reporter, { now });
}

/** "It is still there", with photos stored first like evidence (removed again if the step is refused). */
export async function reporterStillThere(
  reference: string,
  body: string,
  files: UploadedFile[],
  store: EvidenceStore,
  now = new Date(),
): Promise<void> {
  await withStoredFiles(files, store, 'reporter', now, async (storeFiles) => {
    const report = await loadReport(reference, reporter);
    // Refused before the files are inspected: a closed period costs the sender, not the server.
    if (!stillThereOpen(report, now)) throw fail('report.not_objectable');
    const evidence = await storeFiles(!!report.location);
    await transition(reference, 'still-there', { body, evidence }, reporter, { now });
  });
}
