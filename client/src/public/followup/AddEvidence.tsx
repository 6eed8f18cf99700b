import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../api';
import { EvidencePicker } from '../evidence/EvidencePicker';
import { releaseFiles, type PickedFile } from '../evidence/evidenceFiles';
import { useFormsT } from '../formsText';

interface Props {
  /** Uploads with progress; resolves with how many files the server kept. */
  onUpload(files: PickedFile[], onProgress: (sent: number, total: number) => void): Promise<number>;
}

/** More photos or documents for an open report, with an upload progress bar. */
export function AddEvidence({ onUpload }: Props) {
  const t = useFormsT();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [percent, setPercent] = useState<number | null>(null);
  const [result, setResult] = useState('');
  const [error, setError] = useState('');
  const filesNow = useRef(files);
  filesNow.current = files;
  useEffect(() => () => releaseFiles(filesNow.current), []);

  const upload = async () => {
    setError('');
    setResult('');
    setPercent(0);
    try {
      const added = await onUpload(files, (sent, total) => setPercent(total ? Math.floor((sent / total) * 100) : 0));
      releaseFiles(files);
      setFiles([]);
      setResult(t.followup.evidenceAdded(added));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setPercent(null);
    }
  };

  return (
    <section className="card" aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t.followup.evidenceTitle}</h2>
      <EvidencePicker files={files} onChange={setFiles} disabled={percent !== null} />
      <p className="callout callout--info">{t.followup.evidenceMetadata}</p>
      {percent !== null && (
        <div className="submit-status">
          <label className="visually-hidden" htmlFor="evidence-progress">
            {t.report.progressLabel}
          </label>
          <progress id="evidence-progress" className="progress" max={100} value={percent} />
          <p className="muted">{t.followup.evidenceUploading(percent)}</p>
        </div>
      )}
      <div aria-live="polite">
        {result && <p className="callout callout--ok">{result}</p>}
        {error && <p className="callout callout--error">{error}</p>}
      </div>
      {files.length > 0 && (
        <button type="button" className="button button--primary" onClick={upload} disabled={percent !== null}>
          {t.followup.evidenceUpload}
        </button>
      )}
    </section>
  );
}
