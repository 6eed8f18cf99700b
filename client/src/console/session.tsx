// Who is signed in. The server's session cookie is the truth; this mirrors it for rendering
// and keeps the CSRF token that the server hands out with it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, onUnauthenticated, setCsrfToken } from '../api';
import type { SessionPayload, StaffView } from './types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; signedOut?: boolean }
  | { status: 'unavailable'; error: unknown }
  | { status: 'signed-in'; user: StaffView; mustEnrolTotp: boolean };

interface SessionValue {
  state: SessionState;
  signedIn(payload: SessionPayload): void;
  signOut(): Promise<void>;
  replaceUser(user: StaffView): void;
  reload(): void;
}

function signedInState(payload: SessionPayload): SessionState {
  return { status: 'signed-in', user: payload.user, mustEnrolTotp: payload.mustEnrolTotp === true };
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // What one person read is never shown to the next one who signs in on this tab.
  const queryClient = useQueryClient();

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<SessionPayload>('/auth/session', { signal: controller.signal })
      .then((payload) => {
        setCsrfToken(payload.csrfToken);
        setState(signedInState(payload));
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(null);
          setState({ status: 'anonymous' });
        } else {
          setState({ status: 'unavailable', error });
        }
      });
    return () => controller.abort();
  }, [attempt]);

  // Any request that finds the session gone sends the user back to the login page.
  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        queryClient.clear();
        setState({ status: 'anonymous' });
      }),
    [queryClient],
  );

  const signedIn = useCallback(
    (payload: SessionPayload) => {
      queryClient.clear();
      setCsrfToken(payload.csrfToken);
      setState(signedInState(payload));
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post<void>('/auth/logout');
    } catch {
      // Forget the session locally anyway: the user asked to leave, and the server expires it.
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      setState({ status: 'anonymous', signedOut: true });
    }
  }, [queryClient]);

  const replaceUser = useCallback(
    (user: StaffView) =>
      setState((previous) => ({
        status: 'signed-in',
        user,
        // Enrolling the second factor is what lifts the restriction.
        mustEnrolTotp: previous.status === 'signed-in' && previous.mustEnrolTotp && !user.totpEnabled,
      })),
    [],
  );
  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(
    () => ({ state, signedIn, signOut, replaceUser, reload }),
    [state, signedIn, signOut, replaceUser, reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for pages rendered behind RequireSession. */
export function useCurrentUser(): StaffView {
  return useSignedIn().user;
}

export function useSignedIn(): Extract<SessionState, { status: 'signed-in' }> {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('used without a session');
  return state;
}
