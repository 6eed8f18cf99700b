// "It is still there" (隐患仍然存在): what the reporter sees now, with photos if
// they have them, sent through the same picker and proof of work as more evidence.
import { useEffect, useRef, useState } from 'react';
import { ApiError, describeError } from '../../../api';
import { formatDateTime } from '../../../format';
import { useT } from '../../../i18n';
import { EvidencePicker } from '../../evidence/EvidencePicker';
import { releaseFiles, type PickedFile } from '../../evidence/evidenceFiles';
import { Field } from '../../forms/Field';
import { useFormsT } from '../../formsText';
import { useOutcomeT } from './outcomeText';

/** Sends with upload progress; throws what the server said. */
export type StillThereSend = (
  body: string,
  files: PickedFile[],
  onProgress: (sent: number, total: number) => void,
) => Promise<void>;

const MAX_BODY = 2000;

export function StillTherePanel({ dueAt, onSend }: { dueAt?: string; onSend: StillThereSend }) {
  const t = useOutcomeT();
  const forms = useFormsT();
  const cancel = useT().common.cancel;
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [percent, setPercent] = useState<number | null>(null);
  const [failure, setFailure] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const filesNow = useRef(files);
  filesNow.current = files;
  useEffect(() => () => releaseFiles(filesNow.current), []);

  const start = () => {
    setOpen(true);
    requestAnimationFrame(() => box.current?.focus());
  };

  const send = async () => {
    const text = body.trim();
    setMissing(!text);
    setFailure('');
    if (!text) return box.current?.focus();
    setPercent(0);
    try {
      await onSend(text, files, (sent, total) => setPercent(total ? Math.floor((sent / total) * 100) : 0));
      // The page now shows that a new check was asked for; this panel closes with the period.
      releaseFiles(files);
      setFiles([]);
      setBody('');
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.code === 'report.not_objectable' ? t.stillThereClosed : describeError(error),
      );
    } finally {
      setPercent(null);
    }
  };

  const busy = percent !== null;
  return (
    <div className="outcome__form outcome__still" data-testid="still-there">
      <h3>{t.stillThereTitle}</h3>
      <p>{t.stillThereExplain}</p>
      {dueAt && <p className="outcome__due">{t.stillThereDue(formatDateTime(dueAt))}</p>}
      {!open ? (
        <button
          type="button"
          className="button button--secondary outcome__wide"
          onClick={start}
          data-testid="still-there-start"
        >
          {t.stillThereStart}
        </button>
      ) : (
        <>
          <Field
            id="still-there-body"
            label={t.stillThereBody}
            hint={t.stillThereBodyHint}
            error={missing ? t.stillThereBodyMissing : undefined}
          >
            {(aria) => (
              <textarea
                id="still-there-body"
                ref={box}
                className="input"
                rows={4}
                maxLength={MAX_BODY}
                value={body}
                onChange={(e) => {
                  setBody(e.target.value);
                  if (e.target.value.trim()) setMissing(false);
                }}
                disabled={busy}
                {...aria}
              />
            )}
          </Field>
          <div role="group" aria-labelledby="still-there-photos" className="field">
            <p id="still-there-photos" className="field__label">
              {t.stillTherePhotos}
            </p>
            <EvidencePicker files={files} onChange={setFiles} disabled={busy} />
          </div>
          <p className="callout">{forms.followup.evidenceMetadata}</p>
          {busy && (
            <div className="submit-status">
              <label className="visually-hidden" htmlFor="still-there-progress">
                {forms.report.progressLabel}
              </label>
              <progress id="still-there-progress" className="progress" max={100} value={percent} />
              <p className="muted">{t.stillThereUploading(percent)}</p>
            </div>
          )}
          <div role="alert">{failure && <p className="callout callout--error">{failure}</p>}</div>
          <div className="form-nav">
            <button
              type="button"
              className="button button--primary"
              onClick={() => void send()}
              disabled={busy}
              data-testid="still-there-submit"
            >
              {t.stillThereSubmit}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)} disabled={busy}>
              {cancel}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
