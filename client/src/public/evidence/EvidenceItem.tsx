import { useEffect, useState } from 'react';
import { useFormsT } from '../formsText';
import { formatBytes, type PickedFile } from './evidenceFiles';
import { slowUpload } from './uploadTime';

interface Props {
  file: PickedFile;
  onChange(file: PickedFile): void;
  onRemove(): void;
  disabled?: boolean;
}

/** The smaller copy's size once made: undefined while it is being made, null when the original goes. */
export function useSmallerSize(file: PickedFile): number | null | undefined {
  const [size, setSize] = useState<number | null | undefined>(file.smaller ? undefined : null);
  useEffect(() => {
    let live = true;
    if (!file.smaller) return;
    void file.smaller.then((smaller) => live && setSize(smaller ? smaller.size : null));
    return () => void (live = false);
  }, [file.smaller]);
  return size;
}

/** The size that will be uploaded, for the review step. */
export function SizeToSend({ file }: { file: PickedFile }) {
  const smallerSize = useSmallerSize(file);
  return <>{formatBytes(!file.sendOriginal && smallerSize ? smallerSize : file.file.size)}</>;
}

/** One chosen file: thumbnail, the size that will be sent, "send original" for photos, remove. */
export function EvidenceItem({ file, onChange, onRemove, disabled }: Props) {
  const t = useFormsT().evidence;
  const smallerSize = useSmallerSize(file);
  const kind = t.kinds[file.kind];
  const size = formatBytes(file.file.size);
  const slow = file.kind === 'video' || file.kind === 'audio' ? slowUpload(file.file.size) : null;

  let sizeText = size;
  if (file.kind === 'photo' && !file.sendOriginal) {
    if (smallerSize === undefined) sizeText = `${size} → ${t.shrinking}`;
    else if (smallerSize !== null) sizeText = `${size} → ${formatBytes(smallerSize)}`;
  }

  return (
    <li className="evidence__item">
      {file.previewUrl ? (
        <img className="evidence__thumb" src={file.previewUrl} alt="" width="64" height="64" />
      ) : (
        <span className="evidence__thumb evidence__thumb--kind" aria-hidden="true">
          {kind}
        </span>
      )}
      <span className="evidence__meta">
        <span className="evidence__name">{file.file.name}</span>
        <span className="muted" data-testid="evidence-size" aria-live="polite">
          {kind} · {sizeText}
        </span>
        {file.kind === 'photo' && smallerSize !== null && (
          <label className="evidence__original">
            <input
              type="checkbox"
              checked={!!file.sendOriginal}
              onChange={(event) => onChange({ ...file, sendOriginal: event.target.checked })}
              disabled={disabled}
              aria-label={t.sendOriginalFor(file.file.name)}
            />
            {t.sendOriginal}
          </label>
        )}
        {slow && (
          <span className="evidence__warning" data-testid="evidence-upload-time">
            {t.uploadTime(kind, size, t.duration(slow.seconds), slow.measured)}
          </span>
        )}
      </span>
      <button
        type="button"
        className="button button--quiet"
        onClick={onRemove}
        aria-label={t.remove(file.file.name)}
        disabled={disabled}
      >
        {t.removeShort}
      </button>
    </li>
  );
}
