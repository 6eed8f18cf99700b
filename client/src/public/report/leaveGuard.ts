// Leaving a page that holds something the reporter would lose (an unsent report with its
// photos, a receipt whose access key is shown once): the browser asks on close, reload
// or another site (beforeunload), and a link inside the app asks the page first.
import { useEffect, useRef } from 'react';

/** While `active()` is true, the browser asks before the page is closed, reloaded or left. */
export function useBeforeUnload(active: () => boolean): void {
  const now = useRef(active);
  now.current = active;
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (now.current()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
}

/** A click that would take the app to another page: a plain left click on a link within the site. */
function leavingLink(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return null;
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!(link instanceof HTMLAnchorElement) || link.target || link.hasAttribute('download')) return null;
  const to = new URL(link.href, window.location.href);
  if (to.origin !== window.location.origin) return null; // another site or tel:: beforeunload's part
  return to.pathname !== window.location.pathname ? link : null; // a #fragment on this page stays
}

/**
 * Links inside the app (the header's, for instance) ask `mayLeave()` first; false keeps the
 * reporter here. Runs in the capture phase, before the router's own click handler.
 */
export function useGuardedLinks(mayLeave: () => boolean): void {
  const now = useRef(mayLeave);
  now.current = mayLeave;
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (leavingLink(event) && !now.current()) event.preventDefault();
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, []);
}
