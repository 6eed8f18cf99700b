// Lazily loaded parts that can be tried again after a weak network dropped their chunk,
// without reloading the page (which would lose what is kept in memory only, such as photos).
import { createElement, lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * The module, loaded again under a fresh address if the first attempt failed: the browser
 * remembers a module that failed to load (Chromium answers a second import() of it from
 * that memory, without asking the network), so only another address fetches it anew.
 */
export function importAgain<M>(load: () => Promise<M>): Promise<M> {
  return load().catch((error: unknown) => {
    const url = failedModuleUrl(error);
    if (!url) throw error;
    return import(/* @vite-ignore */ `${url}?retry=${Date.now()}`) as Promise<M>;
  });
}

/** The address of our own module that failed, as the browser's error names it (Chromium, Firefox). */
function failedModuleUrl(error: unknown): string | null {
  const found = /\bhttps?:\/\/\S+?\.js\b/.exec(error instanceof Error ? error.message : '');
  if (!found) return null;
  const url = new URL(found[0]);
  return url.origin === window.location.origin ? url.origin + url.pathname : null;
}

const forgetters = new Set<() => void>();

/**
 * React.lazy keeps a failed load for good. This one is forgotten on forgetFailedParts()
 * (an error boundary's "try again"), so the part then loads afresh.
 */
export function retryableLazy<M, P extends object>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
): ComponentType<P> {
  const fresh = () =>
    lazy(() =>
      importAgain(load).then(
        (module) => ({ default: pick(module) }),
        (error: unknown) => {
          forgetters.add(forget);
          throw error;
        },
      ),
    );
  let current: LazyExoticComponent<ComponentType<P>> = fresh();
  const forget = () => {
    current = fresh();
  };
  return function RetryablePart(props: P) {
    return createElement(current, props);
  };
}

/** The parts that failed to load will try again when next shown. */
export function forgetFailedParts(): void {
  for (const forget of forgetters) forget();
  forgetters.clear();
}
