// The loading state, error banner and retry every console list page needs.
import { useCallback, useState } from 'react';
import { Alert, Button } from 'antd';
import { describeError } from '../api';
import { useT } from '../i18n';

/** Wraps a page's fetch: `run` calls it and records whether it is under way and how it failed. */
export function useLoad<A extends unknown[]>(fetcher: (...args: A) => Promise<void>, initiallyLoading = true) {
  const [loading, setLoading] = useState(initiallyLoading);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (...args: A) => {
      setLoading(true);
      try {
        await fetcher(...args);
        setError(null);
      } catch (caught) {
        setError(describeError(caught));
      } finally {
        setLoading(false);
      }
    },
    [fetcher],
  );
  return { loading, error, run };
}

/** The failed load, with a button to try again. */
export function LoadError({ error, onRetry }: { error: string | null; onRetry: () => void }) {
  const all = useT();
  if (!error) return null;
  return <Alert type="error" showIcon title={error} action={<Button onClick={onRetry}>{all.common.retry}</Button>} className="page-alert" />;
}
