// What the form needs only after its first step: the other steps, the schema check (zod),
// submission with its proof of work, and the receipt. Each is its own chunk, so the first
// step shows without waiting for them; prefetchLaterParts() fetches them once it has.
import type { PickedFile } from '../evidence/evidenceFiles';
import { importAgain, retryableLazy } from '../retryableImport';
import { prefetch } from '../whenIdle';

/**
 * A loader that remembers its module, so a tap can use it at once (within the tap) once it
 * has arrived; until then each call tries again (a weak network may have dropped it).
 */
function remembered<M>(load: () => Promise<M>): { (): Promise<M>; now(): M | undefined } {
  let loaded: M | undefined;
  return Object.assign(() => importAgain(load).then((m) => (loaded = m)), { now: () => loaded });
}

export const loadValidation = remembered(() => import('./validation'));
const loadSubmission = remembered(() => import('./submitReport'));
const loadReceiptView = remembered(() => import('./ReceiptView'));
const loadProofOfWork = () => import('../pow/proofOfWork');
const loadStepEvidence = () => import('./StepEvidence');
const loadStepIdentity = () => import('./StepIdentity');
const loadStepReview = () => import('./StepReview');
const loadRewardRange = () => import('./RewardRange');

export const StepEvidence = retryableLazy(loadStepEvidence, (m) => m.StepEvidence);
export const StepIdentity = retryableLazy(loadStepIdentity, (m) => m.StepIdentity);
export const StepReview = retryableLazy(loadStepReview, (m) => m.StepReview);
export const SubmitStatus = retryableLazy(loadStepReview, (m) => m.SubmitStatus);
export const ReceiptView = retryableLazy(loadReceiptView, (m) => m.ReceiptView);

/**
 * Everything a submission needs, the receipt's view included: the receipt's access key
 * lives in memory only, so its view must be here before the report is sent, never
 * fetched after (a failed fetch then would cost the reporter the key).
 */
export async function loadForSubmission(signal?: AbortSignal) {
  const parts = Promise.all([loadValidation(), loadSubmission(), loadReceiptView()]);
  const [validation, submission] = await (signal ? untilAborted(parts, signal) : parts);
  return { validation, submission };
}

/** The work's result, or an AbortError as soon as the signal aborts (a cancel need not wait for the network). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new DOMException('Aborted', 'AbortError'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The same, if all of it has already arrived. */
export function submissionPartsNow(): Awaited<ReturnType<typeof loadForSubmission>> | undefined {
  const [validation, submission] = [loadValidation.now(), loadSubmission.now()];
  return validation && submission && loadReceiptView.now() ? { validation, submission } : undefined;
}

/** Starts solving a proof of work in the background (the worker and its challenge). */
export function warmProofLater(): Promise<void> {
  return loadProofOfWork().then((m) => m.warmProof());
}

/**
 * Fetches the later parts in the order a reporter meets them (the check behind "next"
 * first), then starts the proof of work, so moving on does not stall on a weak network.
 */
export function prefetchLaterParts(): void {
  const parts = [
    loadValidation,
    loadStepEvidence,
    loadRewardRange,
    loadStepIdentity,
    loadStepReview,
    loadSubmission,
    loadReceiptView,
  ].map((load) => load());
  void loadRewardRange().then(
    (m) => m.warmRewardRange(),
    () => undefined,
  );
  void Promise.allSettled(parts).then(() => prefetch(warmProofLater));
}

/** Thumbnails' object URLs: only files picked in step 2 have any, and that step brought the module. */
export function releaseFilesLater(files: PickedFile[]): void {
  if (!files.length) return;
  void import('../evidence/evidenceFiles').then(
    (m) => m.releaseFiles(files),
    () => undefined,
  );
}
