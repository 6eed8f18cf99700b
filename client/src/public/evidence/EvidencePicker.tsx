import { useRef, useState, type ChangeEvent } from 'react';
import { useFormsT } from '../formsText';
import { addFiles, EVIDENCE_ACCEPT, EVIDENCE_LIMITS, releaseFiles, type PickedFile } from './evidenceFiles';
import { EvidenceItem } from './EvidenceItem';
import './evidence.css';

interface Props {
  files: PickedFile[];
  onChange(files: PickedFile[]): void;
  disabled?: boolean;
}

type Source = 'photo' | 'video' | 'audio' | 'any';

/**
 * Buttons that open the camera, the recorder or the gallery (capture hints on phones),
 * then the chosen files with thumbnails, sizes and a remove button each. Photos are
 * made smaller for upload unless the reporter chooses to send the original.
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
            <EvidenceItem
              key={f.id}
              file={f}
              onChange={(changed) => onChange(files.map((other) => (other.id === changed.id ? changed : other)))}
              onRemove={() => remove(f)}
              disabled={disabled}
            />
          ))}
        </ul>
      )}
      {files.some((f) => f.kind === 'photo') && <p className="muted">{t.evidence.photoHelp}</p>}
    </div>
  );
}
