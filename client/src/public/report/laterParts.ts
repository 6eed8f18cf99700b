// What the form needs only after its first step: the other steps, the schema check (zod),
// submission with its proof of work, and the receipt. Each is its own chunk, so the first
// step shows without waiting for them; prefetchLaterParts() fetches them once it has.
import { lazy } from 'react';
import type { PickedFile } from '../evidence/evidenceFiles';
import { prefetch } from '../whenIdle';

/** A loader that remembers its module, so a tap can use it at once (within the tap) once it has arrived. */
function remembered<M>(load: () => Promise<M>): { (): Promise<M>; now(): M | undefined } {
  let loaded: M | undefined;
  return Object.assign(() => load().then((m) => (loaded = m)), { now: () => loaded });
}

export const loadValidation = remembered(() => import('./validation'));
const loadSubmission = remembered(() => import('./submitReport'));
const loadReceiptView = remembered(() => import('./ReceiptView'));
const loadProofOfWork = () => import('../pow/proofOfWork');
const loadStepEvidence = () => import('./StepEvidence');
const loadStepIdentity = () => import('./StepIdentity');
const loadStepReview = () => import('./StepReview');
const loadRewardRange = () => import('./RewardRange');

export const StepEvidence = lazy(() => loadStepEvidence().then((m) => ({ default: m.StepEvidence })));
export const StepIdentity = lazy(() => loadStepIdentity().then((m) => ({ default: m.StepIdentity })));
export const StepReview = lazy(() => loadStepReview().then((m) => ({ default: m.StepReview })));
export const SubmitStatus = lazy(() => loadStepReview().then((m) => ({ default: m.SubmitStatus })));
export const ReceiptView = lazy(() => loadReceiptView().then((m) => ({ default: m.ReceiptView })));

/**
 * Everything a submission needs, the receipt's view included: the receipt's access key
 * lives in memory only, so its view must be here before the report is sent, never
 * fetched after (a failed fetch then would cost the reporter the key).
 */
export async function loadForSubmission() {
  const [validation, submission] = await Promise.all([loadValidation(), loadSubmission(), loadReceiptView()]);
  return { validation, submission };
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
