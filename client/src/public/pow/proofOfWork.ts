// Proofs of work for the anonymous endpoints (report submission, follow-up sign-in).
// A page calls warmProof() when it opens, so a solved proof is usually waiting by the
// time the user presses the button; takeProof() hands it over (each proof is spent
// once by the server, so every attempt takes a fresh one).
import type { followup } from '../../../../shared/contract/followup';
import { intake } from '../../../../shared/contract/intake';
import { call } from '../../apiClient';
import { searchNonce } from './sha256';
import type { PowRequest, PowResponse } from './powWorker';

export interface Proof {
  challenge: string;
  nonce: string;
  /** Local clock time after which the server would refuse it (with a safety margin). */
  usableUntil: number;
}

/** The server issues 10-minute challenges; trust at most 8 minutes of it, whatever the clocks say. */
const MAX_LIFETIME_MS = 8 * 60_000;
const MIN_REMAINING_MS = 60_000;

let pending: Promise<Proof> | null = null;
/** The value `pending` resolved to, once it has. */
let solved: Proof | null = null;

const isFresh = (proof: Proof) => proof.usableUntil - Date.now() >= MIN_REMAINING_MS;

export function proofHeaders(proof: Proof): Record<string, string> {
  return { 'X-Pow-Challenge': proof.challenge, 'X-Pow-Nonce': proof.nonce };
}

/** Starts solving a proof in the background unless a fresh one is ready or on its way. */
export function warmProof(): void {
  if (pending && (!solved || isFresh(solved))) return;
  const attempt = solveFresh();
  pending = attempt;
  solved = null;
  attempt.then(
    (proof) => {
      if (pending === attempt) solved = proof;
    },
    () => {
      if (pending === attempt) pending = null; // offline or server trouble: takeProof() tries again
    },
  );
}

/** A proof for one request: the waiting one if still fresh, else a new one. */
export async function takeProof(): Promise<Proof> {
  const waiting = pending;
  pending = null;
  solved = null;
  if (waiting) {
    try {
      const proof = await waiting;
      if (isFresh(proof)) return proof;
    } catch {
      // the background attempt failed (perhaps offline then): try again now
    }
  }
  return solveFresh();
}

/** A new proof from `challenge` (follow-up sign-in has its own, harder after wrong receipts). */
export async function solveFresh(
  challenge: typeof intake.powChallenge | typeof followup.challenge = intake.powChallenge,
): Promise<Proof> {
  const fetchedAt = Date.now();
  const issued = await call(challenge);
  const remaining = Date.parse(issued.expiresAt) - Date.now();
  const lifetime = remaining > 0 ? Math.min(remaining, MAX_LIFETIME_MS) : MAX_LIFETIME_MS; // a clock far ahead: assume the usual
  const nonce = await solve({ challenge: issued.challenge, bits: issued.bits });
  return { challenge: issued.challenge, nonce, usableUntil: fetchedAt + lifetime };
}

function solve(request: PowRequest): Promise<string> {
  if (request.bits <= 0) return Promise.resolve('0');
  let worker: Worker;
  try {
    worker = new Worker(new URL('./powWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    return solveOnMainThread(request);
  }
  return new Promise((resolve) => {
    worker.onmessage = (event: MessageEvent<PowResponse>) => {
      worker.terminate();
      resolve(event.data.nonce);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      resolve(solveOnMainThread(request)); // e.g. an old browser without module workers
    };
    worker.postMessage(request);
  });
}

/** Fallback without workers: small slices between frames, so the page stays responsive. */
function solveOnMainThread({ challenge, bits }: PowRequest): Promise<string> {
  const SLICE = 4000;
  return new Promise((resolve) => {
    let from = 0;
    const step = () => {
      const nonce = searchNonce(challenge, bits, from, SLICE);
      if (nonce !== null) resolve(nonce);
      else {
        from += SLICE;
        setTimeout(step, 0);
      }
    };
    step();
  });
}
