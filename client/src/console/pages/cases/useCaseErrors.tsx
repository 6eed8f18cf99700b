// How the case page reports a failed request: the server's problem title and detail; a 409
// on a changed report tells the user and reloads instead.
import { useCallback, useState, type ReactNode } from 'react';
import { Alert, App } from 'antd';
import { ApiError, describeError } from '../../../api';
import { useT } from '../../../i18n';

export function isStale(caught: unknown): boolean {
  return caught instanceof ApiError && caught.status === 409 && caught.code === 'resource.stale';
}

export function useCaseErrors(onStale: () => void) {
  const t = useT().cases.case;
  const { message } = App.useApp();
  const [error, setError] = useState<ReactNode>(null);
  const handle = useCallback(
    (caught: unknown): void => {
      if (isStale(caught)) {
        message.warning(t.stale);
        setError(null);
        onStale();
        return;
      }
      const title = caught instanceof ApiError && caught.title ? caught.title : describeError(caught);
      const detail = caught instanceof ApiError && caught.detail !== title ? caught.detail : undefined;
      setError(
        <Alert
          type="error"
          showIcon
          title={title}
          description={detail}
          className="page-alert"
          data-testid="case-error"
        />,
      );
    },
    [message, onStale, t],
  );
  return { error, handle, clear: useCallback(() => setError(null), []) };
}
