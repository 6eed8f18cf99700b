// One QueryClient for the console: how long staff data stays fresh and when a failed read is retried.
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api';

/** Lists change as colleagues work: fresh for a few seconds, then refetched when looked at again. */
export const LIST_STALE_MS = 5_000;
/** Units, areas, sectors and categories change a few times a year: fetched once per visit. */
export const REFERENCE_STALE_MS = 60 * 60_000;

/** A problem the server answered (4xx) will answer the same again; a lost connection or a 5xx gets one more try. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: LIST_STALE_MS,
        // Coming back to the tab refreshes what has gone stale, no more often than staleTime allows.
        refetchOnWindowFocus: true,
        refetchOnReconnect: true,
      },
      // A state change is never repeated behind the user's back.
      mutations: { retry: false },
    },
  });
}
