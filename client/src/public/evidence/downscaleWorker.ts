// Makes a photo smaller off the main thread, so the form never stutters while a 12 MP photo is decoded.
import { shrinkPhoto } from './shrinkPhoto';

export interface DownscaleResponse {
  /** null: send the original. */
  smaller: Blob | null;
  failed?: boolean;
}

self.onmessage = async (event: MessageEvent<Blob>) => {
  let response: DownscaleResponse;
  try {
    response = { smaller: await shrinkPhoto(event.data) };
  } catch {
    response = { smaller: null, failed: true };
  }
  self.postMessage(response);
};
