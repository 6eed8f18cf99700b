// The reporter's follow-up: sign in with the receipt (plus proof of work), then a
// 30-minute bearer token kept in sessionStorage only (gone when the tab closes).
import { followup } from '../../../../shared/contract/followup';
import type { Claim } from '../../../../shared/schemas/claim';
import { ApiError } from '../../api';
import { call, callFile, endpointPath, type Answer } from '../../apiClient';
import { appendEvidence, type PickedFile } from '../evidence/evidenceFiles';
import { proofHeaders, solveFresh, takeProof } from '../pow/proofOfWork';
import { uploadForm } from '../upload';

export type FollowupReport = Answer<typeof followup.report>;

export type FollowupSession = Answer<typeof followup.signIn>;

const STORAGE_KEY = 'woodpecker.followup';

export function readSession(): FollowupSession | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as FollowupSession | null;
    return saved && typeof saved.token === 'string' && Date.parse(saved.expiresAt) > Date.now() ? saved : null;
  } catch {
    return null;
  }
}

export function saveSession(session: FollowupSession): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // memory only: a reload asks for the receipt again
  }
}

export function clearSession(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

/** Forgets the token here and ends it on the server (a copy left behind opens nothing). */
export function endSession(): void {
  const session = readSession();
  clearSession();
  if (session) signOutToken(session);
}

/** Ends a token on the server; offline, it still expires within 30 minutes. */
export function signOutToken(session: FollowupSession): void {
  call(followup.signOut, {}, bearer(session)).catch(() => undefined);
}

const isProofRefused = (error: unknown) =>
  error instanceof ApiError && (error.code === 'pow.invalid' || error.code === 'pow.required');

export async function signIn(reference: string, accessKey: string): Promise<FollowupSession> {
  for (let attempt = 0; ; attempt++) {
    // The warmed proof first; if refused (expired, or this client must now work harder), one from the sign-in challenge.
    const proof = attempt === 0 ? await takeProof() : await solveFresh(followup.challenge);
    try {
      return await call(followup.signIn, { body: { reference, accessKey } }, { headers: proofHeaders(proof) });
    } catch (error) {
      if (isProofRefused(error) && attempt < 2) continue;
      throw error;
    }
  }
}

const bearer = (s: FollowupSession) => ({ headers: { Authorization: `Bearer ${s.token}` } });

type Progress = (sent: number, total: number) => void;

/** The evidence files as `evidence` parts, after any text parts. */
async function evidenceForm(files: PickedFile[], text: Record<string, string> = {}): Promise<FormData> {
  const form = new FormData();
  for (const [name, value] of Object.entries(text)) form.append(name, value);
  await appendEvidence(form, files);
  return form;
}

async function uploadWithProof<T>(
  s: FollowupSession,
  endpoint: typeof followup.evidence | typeof followup.stillThere,
  form: Promise<FormData>,
  onProgress: Progress,
): Promise<T> {
  const body = await form;
  for (let attempt = 0; ; attempt++) {
    const proof = await takeProof(); // refused before the files are read, so a retry costs no upload
    try {
      return await uploadForm<T>(endpointPath(endpoint), body, {
        headers: { ...bearer(s).headers, ...proofHeaders(proof) },
        onProgress,
      });
    } catch (error) {
      if (isProofRefused(error) && attempt < 2) continue;
      throw error;
    }
  }
}

export const followupApi = {
  report: (s: FollowupSession) => call(followup.report, {}, bearer(s)),
  sendMessage: (s: FollowupSession, body: string) => call(followup.message, { body: { body } }, bearer(s)),
  /** The duress key, answered this once. */
  setDuressKey: (s: FollowupSession) => call(followup.duressKey, {}, bearer(s)),
  withdraw: (s: FollowupSession, reason: string) =>
    call(followup.withdraw, { body: reason ? { reason } : {} }, bearer(s)),
  addEvidence: (s: FollowupSession, files: PickedFile[], onProgress: Progress) =>
    uploadWithProof<Answer<typeof followup.evidence>>(s, followup.evidence, evidenceForm(files), onProgress),
  /** "It is still there", with optional photos; answers with the report as it now stands. */
  stillThere: (s: FollowupSession, body: string, files: PickedFile[], onProgress: Progress) =>
    uploadWithProof<FollowupReport>(s, followup.stillThere, evidenceForm(files, { body }), onProgress),
  /** Both answer with the report as it now stands. */
  claimReward: (s: FollowupSession, claim: Claim) => call(followup.claim, { body: claim }, bearer(s)),
  appealReward: (s: FollowupSession, reason: string) => call(followup.appeal, { body: { reason } }, bearer(s)),
  rewardNotice: (s: FollowupSession) => callFile(followup.rewardNotice, {}, bearer(s)),
  /** Answers with the report as it now stands. */
  object: (s: FollowupSession, reason: string) => call(followup.objection, { body: { reason } }, bearer(s)),
  /** `n` counts the letters from 1, oldest first. */
  resultLetter: (s: FollowupSession, n: number) => callFile(followup.resultLetter, { params: { n } }, bearer(s)),
};

export function isSessionExpired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
