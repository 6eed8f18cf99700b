// The reporter's objection (异议) to an unsubstantiated, unverifiable or rejected
// conclusion: the right explained with its deadline, the reason written and then
// confirmed, and each objection's review as it stands.
import { useRef, useState } from 'react';
import { ApiError, describeError } from '../../../api';
import { formatDateTime } from '../../../format';
import { useT } from '../../../i18n';
import { Field } from '../../forms/Field';
import type { FollowupReport } from '../followupApi';
import { useOutcomeT } from './outcomeText';

type Objection = FollowupReport['objections'][number];

const MAX_REASON = 2000;

export function Objections({ report, onObject }: { report: FollowupReport; onObject(reason: string): Promise<void> }) {
  const t = useOutcomeT();
  const [done, setDone] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  if (!report.canObject && !report.objections.length) return null;

  const object = async (reason: string) => {
    await onObject(reason);
    setDone(true);
    // The form is gone: the reader continues at the section's head, with the notice under it.
    requestAnimationFrame(() => heading.current?.focus());
  };

  return (
    <section className="card outcome" aria-labelledby="objection-title" data-testid="objection">
      <h2 id="objection-title" tabIndex={-1} ref={heading}>
        {report.objections.length ? t.objectionsTitle : t.objectionTitle}
      </h2>
      <div aria-live="polite">{done && <p className="callout callout--ok">{t.objectionDone}</p>}</div>
      {report.objections.map((o, i) => (
        <ObjectionView key={o.at} objection={o} n={i + 1} />
      ))}
      {report.canObject && <ObjectionForm dueAt={report.objectionDueAt} onObject={object} />}
    </section>
  );
}

function ObjectionView({ objection: o, n }: { objection: Objection; n: number }) {
  const t = useOutcomeT();
  return (
    <article className="outcome__item" data-testid={`objection-${n}`}>
      <dl className="facts">
        <div>
          <dt>{t.objectionAt}</dt>
          <dd>{formatDateTime(o.at)}</dd>
        </div>
        <div>
          <dt>{t.objectionReviewDue}</dt>
          <dd data-testid="objection-due">{formatDateTime(o.dueAt)}</dd>
        </div>
      </dl>
      <dl className="outcome__lines">
        <div>
          <dt>{t.objectionReasonLabel}</dt>
          <dd className="outcome__text">{o.reason}</dd>
        </div>
        <div>
          <dt>{t.objectionOutcomeLabel}</dt>
          <dd className="outcome__conclusion" data-testid="objection-outcome">
            {o.outcome ? (t.objectionOutcomes[o.outcome] ?? o.outcome) : t.objectionPending}
          </dd>
        </div>
        {o.decidedAt && (
          <div>
            <dt>{t.objectionDecidedAt}</dt>
            <dd>{formatDateTime(o.decidedAt)}</dd>
          </div>
        )}
        {o.decisionReason && (
          <div>
            <dt>{t.objectionDecisionReason}</dt>
            <dd className="outcome__text" data-testid="objection-decision">
              {o.decisionReason}
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
}

type Stage = 'closed' | 'writing' | 'confirming';

/** Written, then read back and confirmed: an objection is sent once and cannot be taken back. */
function ObjectionForm({ dueAt, onObject }: { dueAt?: string; onObject(reason: string): Promise<void> }) {
  const t = useOutcomeT();
  const cancel = useT().common.cancel;
  const [stage, setStage] = useState<Stage>('closed');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const confirmTitle = useRef<HTMLHeadingElement>(null);

  const go = (next: Stage) => {
    setStage(next);
    setFailure('');
    requestAnimationFrame(() => (next === 'confirming' ? confirmTitle.current : box.current)?.focus());
  };

  const next = () => {
    const text = reason.trim();
    setMissing(!text);
    if (!text) return box.current?.focus();
    go('confirming');
  };

  const confirm = async () => {
    setBusy(true);
    setFailure('');
    try {
      await onObject(reason.trim());
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.code === 'report.not_objectable' ? t.notObjectable : describeError(error),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="outcome__form" data-testid="objection-form">
      <p>{t.objectionExplain}</p>
      {dueAt && (
        <p className="outcome__due" data-testid="objection-deadline">
          {t.objectionDue(formatDateTime(dueAt))}
        </p>
      )}
      {stage === 'closed' && (
        <button
          type="button"
          className="button button--secondary outcome__wide"
          onClick={() => go('writing')}
          data-testid="objection-start"
        >
          {t.objectionStart}
        </button>
      )}
      {stage === 'writing' && (
        <>
          <Field
            id="objection-reason"
            label={t.objectionReason}
            hint={t.objectionReasonHint}
            error={missing ? t.objectionReasonMissing : undefined}
          >
            {(aria) => (
              <textarea
                id="objection-reason"
                ref={box}
                className="input"
                rows={5}
                maxLength={MAX_REASON}
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  if (e.target.value.trim()) setMissing(false);
                }}
                {...aria}
              />
            )}
          </Field>
          <div className="form-nav">
            <button type="button" className="button button--primary" onClick={next} data-testid="objection-next">
              {t.objectionNext}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setStage('closed')}>
              {cancel}
            </button>
          </div>
        </>
      )}
      {stage === 'confirming' && (
        <div className="outcome__confirm">
          <h3 tabIndex={-1} ref={confirmTitle}>
            {t.objectionConfirmTitle}
          </h3>
          <p className="outcome__quote">{reason.trim()}</p>
          <p>{t.objectionConfirmText}</p>
          <div role="alert">{failure && <p className="callout callout--error">{failure}</p>}</div>
          <div className="form-nav">
            <button
              type="button"
              className="button button--primary"
              onClick={() => void confirm()}
              disabled={busy}
              data-testid="objection-confirm"
            >
              {busy ? t.objectionSubmitting : t.objectionConfirm}
            </button>
            <button type="button" className="button button--secondary" onClick={() => go('writing')} disabled={busy}>
              {t.objectionBack}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
