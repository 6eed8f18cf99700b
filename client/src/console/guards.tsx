import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Button, Result } from 'antd';
import { describeError } from '../api';
import { useT } from '../i18n';
import { PageLoading } from './PageLoading';
import { useSession } from './session';
import { ForbiddenPage } from './pages/ResultPages';
import type { Role } from './types';

/** Renders children only with a session; otherwise sends the user to the login page and back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state, reload } = useSession();
  const location = useLocation();
  const t = useT();

  switch (state.status) {
    case 'loading':
      return <PageLoading />;
    case 'unavailable':
      return (
        <Result
          status="warning"
          title={describeError(state.error)}
          extra={<Button onClick={reload}>{t.common.retry}</Button>}
        />
      );
    case 'anonymous':
      // After an expiry or a deep link, come back here after signing in; after "log out", start at home.
      return (
        <Navigate
          to="/login"
          replace
          state={state.signedOut ? undefined : { from: location.pathname + location.search }}
        />
      );
    case 'signed-in':
      return children;
  }
}

/** The server enforces roles; this only spares the user a page of errors. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { state } = useSession();
  if (state.status !== 'signed-in' || !roles.includes(state.user.role)) return <ForbiddenPage />;
  return children;
}
