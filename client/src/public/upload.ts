// Multipart uploads with XMLHttpRequest, the one browser API that reports upload
// progress. A stalled connection (no progress for a minute) counts as a network error.
import { acceptLanguage, apiErrorFrom, networkError } from '../api';

export interface UploadOptions {
  headers?: Record<string, string>;
  /** Bytes sent so far and in total. */
  onProgress?(sent: number, total: number): void;
  /** All bytes are sent; the server is now working on them. */
  onSent?(): void;
  signal?: AbortSignal;
}

const STALL_MS = 60_000;
/** After the last byte: hashing, cleaning photos, storing (200 MB on a slow disk takes a while). */
const RESPONSE_MS = 180_000;

export function uploadForm<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const xhr = new XMLHttpRequest();
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    let failed = false;
    const arm = (ms: number) => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        failed = true;
        xhr.abort();
        finish(() => reject(networkError()));
      }, ms);
    };
    const onAbort = () => xhr.abort();
    const finish = (settle: () => void) => {
      clearTimeout(watchdog);
      options.signal?.removeEventListener('abort', onAbort);
      settle();
    };

    xhr.open('POST', `/api/v1${path}`);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', acceptLanguage());
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);

    xhr.upload.onprogress = (event) => {
      arm(STALL_MS);
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    xhr.upload.onload = () => {
      arm(RESPONSE_MS);
      options.onSent?.();
    };
    xhr.onload = () =>
      finish(() => {
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
          } catch {
            reject(networkError()); // a proxy's page instead of our JSON: treat as not arrived
          }
        } else if (xhr.status === 0) reject(networkError());
        else
          reject(
            apiErrorFrom(xhr.status, xhr.getResponseHeader('Content-Type') ?? '', xhr.responseText, xhr.statusText),
          );
      });
    xhr.onerror = () => finish(() => reject(networkError()));
    xhr.onabort = () => {
      if (!failed) finish(() => reject(new DOMException('Aborted', 'AbortError')));
    };

    options.signal?.addEventListener('abort', onAbort);
    arm(STALL_MS);
    xhr.send(form);
  });
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
