import { EvidencePicker } from '../evidence/EvidencePicker';
import { EVIDENCE_LIMITS, type PickedFile } from '../evidence/evidenceFiles';
import { useFormsT } from '../formsText';

interface Props {
  files: PickedFile[];
  onChange(files: PickedFile[]): void;
}

/** Step 2: photos, video, audio or PDF, and what happens to their metadata. */
export function StepEvidence({ files, onChange }: Props) {
  const t = useFormsT().report;
  return (
    <>
      <p>{t.evidenceIntro}</p>
      <p className="muted">
        {t.evidenceLimits(EVIDENCE_LIMITS.maxFiles, EVIDENCE_LIMITS.maxFileMb, EVIDENCE_LIMITS.maxTotalMb)}
      </p>
      <EvidencePicker files={files} onChange={onChange} />
      <p className="callout callout--info">{t.locationStripped}</p>
      <p className="muted">{t.filesNotSaved}</p>
    </>
  );
}
