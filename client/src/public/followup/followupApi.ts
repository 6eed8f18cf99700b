// The reporter's follow-up: sign in with the receipt (plus proof of work), then a
// 30-minute bearer token kept in sessionStorage only (gone when the tab closes).
import type { z } from 'zod';
import type { Claim } from '../../../../shared/schemas/claim';
import type { followupReportResponse } from '../../../../shared/schemas/report';
import { ApiError, api } from '../../api';
import { uploadName, type PickedFile } from '../evidence/evidenceFiles';
import { proofHeaders, solveFresh, takeProof } from '../pow/proofOfWork';
import { uploadForm } from '../upload';

export type FollowupReport = z.infer<typeof followupReportResponse>;

export interface FollowupSession {
  token: string;
  expiresAt: string;
}

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
  if (session) api.delete<void>('/followup/sessions', bearer(session)).catch(() => undefined); // offline: it still expires within 30 minutes
}

const isProofRefused = (error: unknown) => error instanceof ApiError && (error.code === 'pow.invalid' || error.code === 'pow.required');

export async function signIn(reference: string, accessKey: string): Promise<FollowupSession> {
  for (let attempt = 0; ; attempt++) {
    // The warmed proof first; if refused (expired, or this client must now work harder), one from the sign-in challenge.
    const proof = attempt === 0 ? await takeProof() : await solveFresh('/followup/challenge');
    try {
      return await api.post<FollowupSession>('/followup/sessions', { reference, accessKey }, { headers: proofHeaders(proof) });
    } catch (error) {
      if (isProofRefused(error) && attempt < 2) continue;
      throw error;
    }
  }
}

const bearer = (s: FollowupSession) => ({ headers: { Authorization: `Bearer ${s.token}` } });

export const followupApi = {
  report: (s: FollowupSession) => api.get<FollowupReport>('/followup/report', bearer(s)),
  sendMessage: (s: FollowupSession, body: string) => api.post<void>('/followup/messages', { body }, bearer(s)),
  withdraw: (s: FollowupSession, reason: string) => api.post<void>('/followup/withdraw', reason ? { reason } : {}, bearer(s)),
  addEvidence: async (s: FollowupSession, files: PickedFile[], onProgress: (sent: number, total: number) => void) => {
    const form = new FormData();
    files.forEach((f, i) => form.append('evidence', f.file, uploadName(f, i)));
    for (let attempt = 0; ; attempt++) {
      const proof = await takeProof(); // refused before the files are read, so a retry costs no upload
      try {
        return await uploadForm<{ added: number }>('/followup/evidence', form, { headers: { ...bearer(s).headers, ...proofHeaders(proof) }, onProgress });
      } catch (error) {
        if (isProofRefused(error) && attempt < 2) continue;
        throw error;
      }
    }
  },
  /** Both answer with the report as it now stands. */
  claimReward: (s: FollowupSession, claim: Claim) => api.post<FollowupReport>('/followup/claim', claim, bearer(s)),
  appealReward: (s: FollowupSession, reason: string) => api.post<FollowupReport>('/followup/appeal', { reason }, bearer(s)),
  rewardNotice: (s: FollowupSession) => api.blob('/followup/reward-notice.pdf', bearer(s)),
};

export function isSessionExpired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** States in which the reporter can still add evidence or withdraw (server/reports/followup.ts). */
export const OPEN_STATES = new Set(['submitted', 'screening', 'awaiting-information', 'assigned', 'verifying']);
/** States in which messages are refused (server/reports/followup.ts). */
export const MESSAGES_CLOSED = new Set(['withdrawn', 'closed', 'rejected', 'duplicate']);
