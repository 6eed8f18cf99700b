// Sends the report: proof of work, the multipart upload with progress, and patient
// retries on a weak network. Every attempt carries the draft's Idempotency-Key, so
// however often it is retried the server records one report.
import { intake } from '../../../../shared/contract/intake';
import type { ReportInput } from '../../../../shared/schemas/report';
import { ApiError } from '../../api';
import { endpointPath, type Answer } from '../../apiClient';
import { appendEvidence, type PickedFile } from '../evidence/evidenceFiles';
import { proofHeaders, takeProof } from '../pow/proofOfWork';
import { isAbort, uploadForm } from '../upload';

export type Receipt = Answer<typeof intake.submit>;

export type SubmitPhase =
  | { kind: 'preparing' }
  | { kind: 'uploading'; sent: number; total: number }
  | { kind: 'processing' }
  | { kind: 'retrying'; seconds: number }
  | { kind: 'offline' };

interface SubmitOptions {
  onPhase(phase: SubmitPhase): void;
  signal: AbortSignal;
}

const MAX_NETWORK_RETRIES = 8;
const MAX_POW_RETRIES = 3;

/** Worth trying again with the same key: nothing arrived, or the server was briefly unavailable. */
function isTransient(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 0 || error.status === 429 || error.status === 502 || error.status === 503 || error.status === 504)
  );
}

export async function submitReport(
  input: ReportInput,
  files: PickedFile[],
  idempotencyKey: string,
  { onPhase, signal }: SubmitOptions,
): Promise<Receipt> {
  const reportJson = JSON.stringify(input); // identical bytes on every retry
  let networkRetries = 0;
  let powRetries = 0;
  for (;;) {
    if (!navigator.onLine) {
      onPhase({ kind: 'offline' });
      await waitUntilOnline(signal);
    }
    try {
      onPhase({ kind: 'preparing' });
      const proof = await takeProof(); // each proof is spent once by the server, so one per attempt
      const form = new FormData();
      form.append('report', reportJson);
      await appendEvidence(form, files); // photos as made smaller, unless "send original" was chosen
      return await uploadForm<Receipt>(endpointPath(intake.submit), form, {
        headers: { 'Idempotency-Key': idempotencyKey, ...proofHeaders(proof) },
        onProgress: (sent, total) => onPhase({ kind: 'uploading', sent, total }),
        onSent: () => onPhase({ kind: 'processing' }),
        signal,
      });
    } catch (error) {
      if (isAbort(error) || signal.aborted) throw error;
      if (
        error instanceof ApiError &&
        (error.code === 'pow.invalid' || error.code === 'pow.required') &&
        powRetries < MAX_POW_RETRIES
      ) {
        // Expired, or spent by an attempt whose answer was lost: solve a fresh one.
        powRetries++;
        continue;
      }
      if (!isTransient(error) || networkRetries >= MAX_NETWORK_RETRIES) throw error;
      if (!navigator.onLine) continue; // wait for the network at the top of the loop
      const seconds = Math.min(60, 2 ** networkRetries * 2);
      networkRetries++;
      await countdown(seconds, (left) => onPhase({ kind: 'retrying', seconds: left }), signal);
    }
  }
}

function abortError(): DOMException {
  return new DOMException('Aborted', 'AbortError');
}

function waitUntilOnline(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      window.removeEventListener('online', done);
      signal.removeEventListener('abort', stop);
      resolve();
    };
    const stop = () => {
      window.removeEventListener('online', done);
      reject(abortError());
    };
    window.addEventListener('online', done);
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** Waits `seconds`, ticking each second; cut short when the network comes back. */
function countdown(seconds: number, tick: (left: number) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let left = seconds;
    tick(left);
    const timer = setInterval(() => {
      left--;
      if (left <= 0) finish();
      else tick(left);
    }, 1000);
    const finish = () => {
      clearInterval(timer);
      window.removeEventListener('online', finish);
      signal.removeEventListener('abort', stop);
      resolve();
    };
    const stop = () => {
      clearInterval(timer);
      window.removeEventListener('online', finish);
      reject(abortError());
    };
    window.addEventListener('online', finish);
    signal.addEventListener('abort', stop, { once: true });
  });
}
