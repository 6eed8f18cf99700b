// The reporter's side after submission: signing in with the receipt, messages,
// more evidence, withdrawal. Wrong reference and wrong key fail the same way.
import crypto from 'node:crypto';
import { trusted, type ClientSession } from 'mongoose';
import { workflowActions } from '../../shared/workflow';
import { appendAudit } from '../audit/auditLog';
import type { SecretBox } from '../platform/secretBox';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import { storeEvidence } from './intake/evidence';
import { verifyAccessKey } from './intake/receipt';
import { FollowupSession } from './followupSession.model';
import { Report } from './report.model';
import { conversationClosedStates } from './reports.policy';
import { refreshReportStats } from '../stats';
import type { EvidenceStore } from '../platform/evidenceStore';
import { resumedClock } from './acceptanceClock';
import { discardUploads, type UploadedFile } from './intake/reportSubmitter';

const SESSION_MINUTES = 30;
/** States in which the reporter can still add to the report or withdraw it. */
export const OPEN_STATES = new Set(['submitted', 'screening', 'awaiting-information', 'assigned', 'verifying']);

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

const bearerToken = (authorization: string | undefined) => /^Bearer ([\w-]{20,100})$/.exec(authorization ?? '')?.[1];

export async function followupSignIn(box: SecretBox, reference: string, accessKey: string, now = new Date()): Promise<{ token: string; expiresAt: string }> {
  const report = await Report.findOne({ reference }, { accessKeyHash: 1 }).lean();
  const { ok, rehash } = await verifyAccessKey(box, accessKey, report?.accessKeyHash);
  if (!report || !ok) throw fail('followup.invalid_credentials');
  // A legacy (scrypt) hash is replaced by the current form once its holder has shown the key.
  if (rehash) await Report.updateOne({ _id: report._id, accessKeyHash: report.accessKeyHash }, { $set: { accessKeyHash: rehash } });
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_MINUTES * 60_000);
  await FollowupSession.create({ _id: tokenHash(token), reference, expiresAt });
  return { token, expiresAt: expiresAt.toISOString() };
}

/** The report reference a bearer token belongs to. */
export async function followupReferenceOf(authorization: string | undefined, now = new Date()): Promise<string> {
  const token = bearerToken(authorization);
  if (!token) throw fail('followup.session_expired');
  const session = await FollowupSession.findById(tokenHash(token)).lean();
  if (!session || session.expiresAt <= now) throw fail('followup.session_expired');
  return session.reference;
}

/** Signing out ends the token on the server too (a copy left on a shared phone opens nothing); idempotent. */
export async function followupSignOut(authorization: string | undefined): Promise<void> {
  const token = bearerToken(authorization);
  if (token) await FollowupSession.deleteOne({ _id: tokenHash(token) });
}

/**
 * The reporter answered while screening waited on them: screening resumes by
 * itself, the pause comes off the acceptance clock, and the revision moves so a
 * staff member acting on the old version is told it changed.
 */
async function resumeOnReply(reference: string, session: ClientSession, now: Date): Promise<void> {
  const waiting = await Report.findOne({ reference, status: 'awaiting-information' }, { status: 1, revision: 1, submittedAt: 1, acceptance: 1 }).session(session).lean();
  if (!waiting) return;
  const step = { at: now, type: 'resume-screening', public: workflowActions['resume-screening'].public, note: '举报人已补充，继续审查 / The reporter answered; screening resumes' };
  const r = await Report.updateOne(
    { reference, status: 'awaiting-information', revision: waiting.revision },
    { $set: { status: 'screening', statusChangedAt: now, ...resumedClock(waiting, now) }, $inc: { revision: 1 }, $push: { timeline: step } },
    { session },
  );
  if (r.modifiedCount) await appendAudit({ actor: null, action: 'report.resume-screening', target: { type: 'report', id: reference }, details: { from: 'awaiting-information', to: 'screening', cause: 'reporter-reply' } }, session, now);
}

export async function reporterMessage(reference: string, body: string, now = new Date()): Promise<void> {
  await inTransaction(async (session) => {
    const r = await Report.updateOne(
      { reference, status: trusted({ $nin: [...conversationClosedStates] }) },
      { $push: { messages: { at: now, from: 'reporter', body }, timeline: { at: now, type: 'reporter-message', public: true } } },
      { session },
    );
    if (!r.modifiedCount) throw fail('report.closed');
    await appendAudit({ actor: null, action: 'report.reporter_message', target: { type: 'report', id: reference } }, session, now);
    await resumeOnReply(reference, session, now);
  });
}

export async function reporterEvidence(reference: string, files: UploadedFile[], store: EvidenceStore, now = new Date()): Promise<number> {
  const adopted: string[] = [];
  try {
    const report = await Report.findOne({ reference }, { status: 1, location: 1 }).lean();
    if (!report || !OPEN_STATES.has(report.status)) throw fail('report.closed');
    const evidence = await storeEvidence(files.map((f) => f.path), !!report.location, store, 'reporter', now, adopted);
    await inTransaction(async (session) => {
      await Report.updateOne({ reference }, { $push: { evidence: { $each: evidence }, timeline: { at: now, type: 'reporter-evidence', public: true } } }, { session });
      await appendAudit({ actor: null, action: 'report.reporter_evidence', target: { type: 'report', id: reference }, details: { files: evidence.length } }, session, now);
      await resumeOnReply(reference, session, now);
    });
    return evidence.length;
  } catch (e) {
    for (const id of adopted) await store.remove(id).catch(() => undefined);
    throw e;
  } finally {
    await discardUploads(files);
  }
}

export async function reporterWithdrawal(reference: string, reason: string | undefined, now = new Date()): Promise<void> {
  await inTransaction(async (session) => {
    const r = await Report.updateOne(
      { reference, status: trusted({ $in: [...OPEN_STATES] }) },
      { $set: { status: 'withdrawn' }, $push: { timeline: { at: now, type: 'withdrawn', public: true, ...(reason ? { note: reason } : {}) } } },
      { session },
    );
    if (!r.modifiedCount) throw fail('report.closed');
    await appendAudit({ actor: null, action: 'report.withdraw', target: { type: 'report', id: reference } }, session, now);
    await refreshReportStats(reference, session);
  });
}
