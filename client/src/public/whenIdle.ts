// Work that can wait until the page has shown what the reader needs first (prefetching
// the form's later steps, warming the proof of work): run it when the browser is idle.

/** Runs `task` once the browser is idle (or after `timeoutMs` at the latest); returns a cancel function. */
export function whenIdle(task: () => void, timeoutMs = 2000): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(task, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(handle);
  }
  // Safari before 18 has no requestIdleCallback: after the next paint is close enough.
  const timer = window.setTimeout(task, 200);
  return () => window.clearTimeout(timer);
}

/** Starts loading a lazily imported module in the background; a failure waits for real use to retry. */
export function prefetch(load: () => Promise<unknown>): void {
  load().catch(() => undefined);
}
