// The page's side of downscaling: one photo at a time (a phone holds only so many decoded
// 12 MP images), in a worker where the browser can draw there, else on the page.
// Whatever goes wrong, the answer is null and the original is sent: evidence is never lost.
import type { DownscaleResponse } from './downscaleWorker';
import { shrinkPhoto } from './shrinkPhoto';

/** A decode that hangs (a corrupt file, a starved phone) must not hold up the report. */
const TIME_LIMIT_MS = 60_000;

let queue: Promise<unknown> = Promise.resolve();

/** A photo being made smaller, and a way to stop it (a stuck decode must not run beside the next). */
interface Shrinking {
  result: Promise<Blob | null>;
  stop(): void;
}

/** The photo made smaller for upload, or null to send it as it is. */
export function smallerPhoto(photo: File): Promise<File | null> {
  const turn = queue.then(() => {
    const shrinking = shrink(photo);
    return withTimeLimit(shrinking.result, shrinking.stop);
  });
  queue = turn.catch(() => null);
  return turn
    .then((smaller) =>
      smaller ? new File([smaller], renamed(photo.name, smaller.type), { type: smaller.type }) : null,
    )
    .catch(() => null);
}

function shrink(photo: File): Shrinking {
  // On the page, a decode cannot be stopped; only a worker can.
  const onPage = (): Shrinking => ({ result: shrinkPhoto(photo), stop: () => undefined });
  if (typeof OffscreenCanvas !== 'function' || typeof Worker !== 'function') return onPage();
  let worker: Worker;
  try {
    worker = new Worker(new URL('./downscaleWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    return onPage();
  }
  const result = new Promise<Blob | null>((resolve) => {
    worker.onmessage = (event: MessageEvent<DownscaleResponse>) => {
      worker.terminate();
      resolve(event.data.smaller);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      resolve(shrinkPhoto(photo)); // e.g. a browser without module workers
    };
    worker.postMessage(photo);
  });
  return { result, stop: () => worker.terminate() };
}

/** The work's result, or null once the time is up (the work then stopped). */
function withTimeLimit<T>(work: Promise<T>, stop: () => void): Promise<T | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      resolve(null);
    }, TIME_LIMIT_MS);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The name keeps the photo's, with the extension of what it now is (a HEIC may become a JPEG). */
function renamed(name: string, type: string): string {
  const ext = type === 'image/png' ? 'png' : 'jpg';
  return `${name.replace(/\.[a-z0-9]{1,5}$/i, '')}.${ext}`;
}
