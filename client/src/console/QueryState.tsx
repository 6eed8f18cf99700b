// The error banner every console page shows when a read fails, with a button to try again.
import { Alert, Button } from 'antd';
import { describeError } from '../api';
import { useT } from '../i18n';

interface FailedRead {
  error: unknown;
  refetch: () => unknown;
}

/** The first failed read among `queries` (a page may make several), with one retry for all that failed. */
export function QueryError({ queries }: { queries: FailedRead[] }) {
  const all = useT();
  const failed = queries.filter((q) => q.error);
  if (!failed.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={describeError(failed[0].error)}
      action={<Button onClick={() => failed.forEach((q) => void q.refetch())}>{all.common.retry}</Button>}
      className="page-alert"
    />
  );
}
