// The reporter's follow-up: sign in with the receipt (plus proof of work), then a
// 30-minute bearer token kept in sessionStorage only (gone when the tab closes).
import type { z } from 'zod';
import type { Claim } from '../../../../shared/schemas/claim';
import type { followupReportResponse } from '../../../../shared/schemas/report';
import { ApiError, api } from '../../api';
import { uploadName, type PickedFile } from '../evidence/evidenceFiles';
import { proofHeaders, takeProof } from '../pow/proofOfWork';
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

export async function signIn(reference: string, accessKey: string): Promise<FollowupSession> {
  for (let attempt = 0; ; attempt++) {
    const proof = await takeProof();
    try {
      return await api.post<FollowupSession>('/followup/sessions', { reference, accessKey }, { headers: proofHeaders(proof) });
    } catch (error) {
      // An expired proof is not the reporter's mistake: solve another, once or twice.
      if (error instanceof ApiError && (error.code === 'pow.invalid' || error.code === 'pow.required') && attempt < 2) continue;
      throw error;
    }
  }
}

const bearer = (s: FollowupSession) => ({ headers: { Authorization: `Bearer ${s.token}` } });

export const followupApi = {
  report: (s: FollowupSession) => api.get<FollowupReport>('/followup/report', bearer(s)),
  sendMessage: (s: FollowupSession, body: string) => api.post<void>('/followup/messages', { body }, bearer(s)),
  withdraw: (s: FollowupSession, reason: string) => api.post<void>('/followup/withdraw', reason ? { reason } : {}, bearer(s)),
  addEvidence: (s: FollowupSession, files: PickedFile[], onProgress: (sent: number, total: number) => void) => {
    const form = new FormData();
    files.forEach((f, i) => form.append('evidence', f.file, uploadName(f, i)));
    return uploadForm<{ added: number }>('/followup/evidence', form, { ...bearer(s), onProgress });
  },
  /** Both answer with the report as it now stands. */
  claimReward: (s: FollowupSession, claim: Claim) => api.post<FollowupReport>('/followup/claim', claim, bearer(s)),
  appealReward: (s: FollowupSession, reason: string) => api.post<FollowupReport>('/followup/appeal', { reason }, bearer(s)),
  rewardNotice: (s: FollowupSession) => api.blob('/followup/reward-notice.pdf', bearer(s)),
};

export function isSessionExpired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** States in which the reporter can still add evidence or withdraw (server/commands/followup.ts). */
export const OPEN_STATES = new Set(['submitted', 'screening', 'awaiting-information', 'assigned', 'verifying']);
/** States in which messages are refused (server/commands/followup.ts). */
export const MESSAGES_CLOSED = new Set(['withdrawn', 'closed', 'rejected', 'duplicate']);
