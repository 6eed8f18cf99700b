import { useEffect, useState, type ReactNode } from 'react';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../format';
import { formatBytes, type PickedFile } from '../evidence/evidenceFiles';
import { SizeToSend } from '../evidence/EvidenceItem';
import { labelIn, useFormsT } from '../formsText';
import type { PublicCatalog } from '../useCatalog';
import type { ReportDraft } from './draft';
import type { SubmitPhase } from './submitReport';
import { withLocalOffset } from './validation';
import { normalizeCreditCode } from '../../../../shared/creditCode';
import { isWeldingCategory, WeldingAnonymousWarning } from './WeldingWarning';

interface Props {
  draft: ReportDraft;
  files: PickedFile[];
  catalog: PublicCatalog;
  onEdit(step: number): void;
  sending: boolean;
}

/** Step 4: everything on one screen, each part with a way back to change it. */
export function StepReview({ draft, files, catalog, onEdit, sending }: Props) {
  const t = useFormsT().report;
  const lang = useLang();
  const orNone = (value: string) => value.trim() || <span className="muted">{t.notProvided}</span>;
  const category = catalog.categories.find((c) => c.code === draft.category);
  const area = catalog.areas.find((a) => a.code === draft.area);

  return (
    <>
      <p>{t.reviewIntro}</p>
      <ReviewSection title={t.steps.what} onEdit={() => onEdit(1)} editLabel={t.edit} disabled={sending}>
        <Row term={t.category}>{labelIn(category?.name, lang, draft.category)}</Row>
        <Row term={t.area}>{labelIn(area?.name, lang, draft.area)}</Row>
        <Row term={t.description}>
          <span className="review__text">{draft.description.trim()}</span>
        </Row>
        <Row term={t.occurredAt}>
          {draft.occurredAt ? formatDateTime(withLocalOffset(draft.occurredAt)).slice(0, 16) : orNone('')}
        </Row>
        <Row term={t.address}>{orNone(draft.address)}</Row>
        <Row term={t.subjectName}>{orNone(draft.subjectName)}</Row>
        {draft.subjectCreditCode.trim() && (
          <Row term={t.subjectCreditCode}>{normalizeCreditCode(draft.subjectCreditCode)}</Row>
        )}
      </ReviewSection>

      <ReviewSection title={t.steps.evidence} onEdit={() => onEdit(2)} editLabel={t.edit} disabled={sending}>
        <Row term={t.steps.evidence}>
          {t.filesSummary(files.length)}
          {files.length > 0 && (
            <ul className="review__files">
              {files.map((f) => (
                <li key={f.id}>
                  {f.file.name}{' '}
                  <span className="muted">
                    (<SizeToSend file={f} />)
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Row>
      </ReviewSection>

      <ReviewSection title={t.steps.identity} onEdit={() => onEdit(3)} editLabel={t.edit} disabled={sending}>
        <Row term={t.identityLegend}>
          {draft.identity === 'real' ? t.identityReal(draft.name.trim()) : t.identityAnonymous}
          {draft.identity === 'anonymous' && isWeldingCategory(catalog, draft.category) && <WeldingAnonymousWarning />}
        </Row>
        {draft.identity === 'real' && <Row term={t.phone}>{draft.phone.trim()}</Row>}
        {draft.identity === 'real' && draft.email.trim() && <Row term={t.email}>{draft.email.trim()}</Row>}
        {draft.identity === 'real' && draft.employeeOfSubject && <Row term={t.employee}>✓</Row>}
        {draft.identity === 'real' && draft.smsNotice && <Row term={t.smsNoticeOn}>{draft.phone.trim()}</Row>}
        {draft.identity === 'anonymous' && draft.noticePhone.trim() && (
          <Row term={t.smsNoticeOn}>{draft.noticePhone.trim()}</Row>
        )}
        <Row term={t.shareLocation}>{draft.shareLocation ? t.locationShared : t.locationNotShared}</Row>
      </ReviewSection>
    </>
  );
}

function ReviewSection({
  title,
  onEdit,
  editLabel,
  disabled,
  children,
}: {
  title: string;
  onEdit(): void;
  editLabel: string;
  disabled: boolean;
  children: ReactNode;
}) {
  return (
    <section className="review">
      <div className="review__head">
        <h3 className="review__title">{title}</h3>
        <button
          type="button"
          className="button button--quiet"
          onClick={onEdit}
          disabled={disabled}
          aria-label={`${editLabel}：${title}`}
        >
          {editLabel}
        </button>
      </div>
      <dl className="review__list">{children}</dl>
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="review__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What the upload is doing right now, with a progress bar while bytes are moving. */
export function SubmitStatus({ phase, onCancel }: { phase: SubmitPhase; onCancel(): void }) {
  const t = useFormsT().report;
  const percent =
    phase.kind === 'uploading' && phase.total > 0
      ? Math.floor((phase.sent / phase.total) * 100)
      : phase.kind === 'processing'
        ? 100
        : 0;
  const text =
    phase.kind === 'preparing'
      ? t.preparing
      : phase.kind === 'uploading'
        ? t.uploading(percent)
        : phase.kind === 'processing'
          ? t.processing
          : phase.kind === 'retrying'
            ? t.retrying(phase.seconds)
            : t.waitingOnline;
  const showsBar = phase.kind === 'uploading' || phase.kind === 'processing';
  return (
    <div className="submit-status" data-testid="submit-status">
      {showsBar && (
        <>
          <label className="visually-hidden" htmlFor="upload-progress">
            {t.progressLabel}
          </label>
          <progress id="upload-progress" className="progress" max={100} value={percent} />
          {phase.kind === 'uploading' && (
            <p className="muted">
              {formatBytes(phase.sent)} / {formatBytes(phase.total)}
            </p>
          )}
        </>
      )}
      <p
        className={
          phase.kind === 'offline' || phase.kind === 'retrying' ? 'callout callout--warn' : 'submit-status__text'
        }
        aria-hidden="true"
      >
        {text}
      </p>
      <Announcer
        text={phase.kind === 'uploading' ? t.uploading(Math.floor(percent / 25) * 25) : text}
        when={`${phase.kind}:${Math.floor(percent / 25)}`}
      />
      <button type="button" className="button button--quiet" onClick={onCancel}>
        {t.cancelUpload}
      </button>
    </div>
  );
}

/** Reads `text` out when `when` changes (a new phase, another quarter uploaded), not at every tick. */
function Announcer({ text, when }: { text: string; when: string }) {
  const [spoken, setSpoken] = useState(text);
  // `text` is left out of the dependencies on purpose: a countdown tick is not news.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  useEffect(() => setSpoken(text), [when]);
  return (
    <p className="visually-hidden" aria-live="polite">
      {spoken}
    </p>
  );
}
