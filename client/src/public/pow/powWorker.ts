// Solves one proof-of-work challenge off the main thread, so typing never stutters.
import { searchNonce } from './sha256';

export interface PowRequest {
  challenge: string;
  bits: number;
}

export interface PowResponse {
  nonce: string;
}

self.onmessage = (event: MessageEvent<PowRequest>) => {
  const { challenge, bits } = event.data;
  // 2^40 attempts is far beyond any difficulty the server issues (at most 30 bits).
  const nonce = searchNonce(challenge, bits, 0, 2 ** 40);
  self.postMessage({ nonce: nonce ?? '0' } satisfies PowResponse);
};
