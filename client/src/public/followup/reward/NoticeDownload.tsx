import { useState } from 'react';
import { describeError } from '../../../api';
import { saveBlob } from '../../../saveBlob';
import { useRewardT } from './rewardText';

/**
 * The notice is fetched with the bearer token and handed over as an object URL,
 * because a plain link cannot carry the Authorization header.
 */
export function NoticeDownload({ fileName, onFetch }: { fileName: string; onFetch(): Promise<Blob> }) {
  const t = useRewardT();
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
    <div className="reward-notice">
      <button
        type="button"
        className="button button--secondary reward__wide"
        onClick={() => void download()}
        disabled={busy}
        data-testid="reward-notice"
      >
        {busy ? t.noticeBusy : t.notice}
      </button>
      <div role="alert">{failure && <p className="callout callout--error">{failure}</p>}</div>
    </div>
  );
}
