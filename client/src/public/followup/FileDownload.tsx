import { useState } from 'react';
import { describeError } from '../../api';
import { saveBlob } from '../../saveBlob';
import './fileDownload.css';

interface Props {
  label: string;
  busyLabel: string;
  fileName: string;
  /** Fetches the file with the bearer token. */
  onFetch(): Promise<Blob>;
  testId: string;
}

/**
 * A follow-up document (the reward notice, a result letter) fetched with the bearer
 * token and handed over as an object URL, because a plain link cannot carry the
 * Authorization header. A refusal shows as a message, not as a saved error page.
 */
export function FileDownload({ label, busyLabel, fileName, onFetch, testId }: Props) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  const download = async () => {
    setBusy(true);
    setFailure('');
    try {
      saveBlob(await onFetch(), fileName);
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="file-download">
      <button
        type="button"
        className="button button--secondary file-download__button"
        onClick={() => void download()}
        disabled={busy}
        data-testid={testId}
      >
        {busy ? busyLabel : label}
      </button>
      <div role="alert">{failure && <p className="callout callout--error">{failure}</p>}</div>
    </div>
  );
}
