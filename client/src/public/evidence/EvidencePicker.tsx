import { useRef, useState, type ChangeEvent } from 'react';
import { useFormsT } from '../formsText';
import {
  addFiles,
  EVIDENCE_ACCEPT,
  EVIDENCE_LIMITS,
  formatBytes,
  releaseFiles,
  type PickedFile,
} from './evidenceFiles';

interface Props {
  files: PickedFile[];
  onChange(files: PickedFile[]): void;
  disabled?: boolean;
}

type Source = 'photo' | 'video' | 'audio' | 'any';

/**
 * Buttons that open the camera, the recorder or the gallery (capture hints on phones),
 * then the chosen files with thumbnails, sizes and a remove button each.
 */
export function EvidencePicker({ files, onChange, disabled }: Props) {
  const t = useFormsT();
  const [problems, setProblems] = useState<string[]>([]);
  const inputs = useRef<Partial<Record<Source, HTMLInputElement | null>>>({});

  const onPicked = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = Array.from(event.target.files ?? []);
    event.target.value = ''; // the same file can be chosen again after removing it
    if (!picked.length) return;
    const result = addFiles(files, picked, t.evidence);
    setProblems(result.problems);
    onChange(result.files);
  };

  const remove = (file: PickedFile) => {
    releaseFiles([file]);
    setProblems([]);
    onChange(files.filter((f) => f.id !== file.id));
  };

  const open = (source: Source) => inputs.current[source]?.click();
  const full = files.length >= EVIDENCE_LIMITS.maxFiles;

  return (
    <div className="evidence">
      <div className="evidence__buttons">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => open('photo')}
          disabled={disabled || full}
        >
          {t.report.takePhoto}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => open('video')}
          disabled={disabled || full}
        >
          {t.report.recordVideo}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => open('audio')}
          disabled={disabled || full}
        >
          {t.report.recordAudio}
        </button>
        <button
          type="button"
          className="button button--secondary evidence__choose"
          onClick={() => open('any')}
          disabled={disabled || full}
        >
          {t.report.chooseFiles}
        </button>
      </div>
      {/* Hidden inputs: the buttons above are the accessible controls. */}
      <input
        ref={(el) => void (inputs.current.photo = el)}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        onChange={onPicked}
        data-testid="evidence-photo"
      />
      <input
        ref={(el) => void (inputs.current.video = el)}
        type="file"
        accept="video/*"
        capture="environment"
        hidden
        onChange={onPicked}
      />
      <input
        ref={(el) => void (inputs.current.audio = el)}
        type="file"
        accept="audio/*"
        capture="user"
        hidden
        onChange={onPicked}
      />
      <input
        ref={(el) => void (inputs.current.any = el)}
        type="file"
        accept={EVIDENCE_ACCEPT}
        multiple
        hidden
        onChange={onPicked}
        data-testid="evidence-any"
      />

      <div aria-live="polite" className="evidence__problems">
        {problems.map((problem) => (
          <p key={problem} className="field__error">
            {problem}
          </p>
        ))}
      </div>

      <p className="muted" aria-live="polite">
        {t.evidence.fileCount(files.length, EVIDENCE_LIMITS.maxFiles)}
      </p>
      {files.length > 0 && (
        <ul className="evidence__list">
          {files.map((f) => (
            <li key={f.id} className="evidence__item">
              {f.previewUrl ? (
                <img className="evidence__thumb" src={f.previewUrl} alt="" width="64" height="64" />
              ) : (
                <span className="evidence__thumb evidence__thumb--kind" aria-hidden="true">
                  {t.evidence.kinds[f.kind]}
                </span>
              )}
              <span className="evidence__meta">
                <span className="evidence__name">{f.file.name}</span>
                <span className="muted">
                  {t.evidence.kinds[f.kind]} · {formatBytes(f.file.size)}
                </span>
              </span>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => remove(f)}
                aria-label={t.evidence.remove(f.file.name)}
                disabled={disabled}
              >
                {t.evidence.removeShort}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
