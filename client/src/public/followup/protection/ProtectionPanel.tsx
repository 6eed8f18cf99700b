// Reporter protection on the follow-up page: the open check-in (回访) and its answer,
// "I am being retaliated against", and the reporter's own protection cases by the
// body they were referred to and their outcome (never who handled them).
import { useRef, useState } from 'react';
import { retaliationKinds, type RetaliationKind } from '../../../../../shared/protection/policy';
import { describeError } from '../../../api';
import { formatDateTime } from '../../../format';
import { useLang } from '../../../i18n';
import { Field } from '../../forms/Field';
import type { FollowupReport } from '../followupApi';
import { bodyName, kindName, outcomeName, useProtectionText } from './protectionText';
import './protection.css';

export interface ProtectionActions {
  answerCheckIn(answer: { harm: boolean; kinds?: RetaliationKind[]; body?: string }): Promise<void>;
  reportRetaliation(report: { kinds: RetaliationKind[]; body: string }): Promise<void>;
}

const MAX_BODY = 2000;

function KindsPicker({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: RetaliationKind[];
  onChange(kinds: RetaliationKind[]): void;
  error?: string;
}) {
  const t = useProtectionText();
  const lang = useLang();
  const toggle = (k: RetaliationKind) => onChange(value.includes(k) ? value.filter((x) => x !== k) : [...value, k]);
  return (
    <fieldset
      className={`choice-group${error ? ' field--invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="choice-group__legend">{t.kinds}</legend>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div className="protection__kinds">
        {retaliationKinds.map((k) => (
          <label key={k} className="choice" htmlFor={`${id}-${k}`}>
            <input type="checkbox" id={`${id}-${k}`} checked={value.includes(k)} onChange={() => toggle(k)} />
            <span>{kindName(k, lang)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Account({
  id,
  value,
  onChange,
  error,
  box,
}: {
  id: string;
  value: string;
  onChange(v: string): void;
  error?: string;
  box: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const t = useProtectionText();
  return (
    <Field id={id} label={t.whatHappened} error={error}>
      {(aria) => (
        <textarea
          id={id}
          ref={box}
          className="input"
          rows={4}
          maxLength={MAX_BODY}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        />
      )}
    </Field>
  );
}

function CheckInForm({ sentAt, onAnswer }: { sentAt: string; onAnswer: ProtectionActions['answerCheckIn'] }) {
  const t = useProtectionText();
  const [harm, setHarm] = useState<boolean | null>(null);
  const [kinds, setKinds] = useState<RetaliationKind[]>([]);
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);

  const send = async () => {
    if (harm === null) return;
    const text = body.trim();
    setMissing(harm && !text);
    if (harm && !text) return box.current?.focus();
    setBusy(true);
    setFailure('');
    try {
      await onAnswer(harm ? { harm, kinds, body: text } : { harm, ...(text ? { body: text } : {}) });
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card card--accent protection" aria-labelledby="check-in-title" data-testid="check-in">
      <h2 id="check-in-title">{t.checkInTitle}</h2>
      <p className="muted">{formatDateTime(sentAt)}</p>
      <p className="muted">{t.checkInPrivate}</p>
      <fieldset className="choice-group">
        <legend className="choice-group__legend">{t.checkInQuestion}</legend>
        {([false, true] as const).map((value) => (
          <label key={String(value)} className="choice" htmlFor={`check-in-harm-${value}`}>
            <input
              type="radio"
              name="check-in-harm"
              id={`check-in-harm-${value}`}
              checked={harm === value}
              onChange={() => setHarm(value)}
            />
            <span>{value ? t.harm : t.noHarm}</span>
          </label>
        ))}
      </fieldset>
      {harm && (
        <>
          <KindsPicker id="check-in-kinds" value={kinds} onChange={setKinds} />
          <Account
            id="check-in-body"
            value={body}
            onChange={setBody}
            error={missing ? t.required : undefined}
            box={box}
          />
        </>
      )}
      <div role="alert">{failure && <p className="callout callout--error">{failure}</p>}</div>
      <button
        type="button"
        className="button"
        onClick={() => void send()}
        disabled={busy || harm === null}
        data-testid="check-in-send"
      >
        {t.send}
      </button>
    </section>
  );
}

function RetaliationForm({ onReport }: { onReport: ProtectionActions['reportRetaliation'] }) {
  const t = useProtectionText();
  const [open, setOpen] = useState(false);
  const [kinds, setKinds] = useState<RetaliationKind[]>([]);
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<{ kinds?: string; body?: string }>({});
  const [failure, setFailure] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);

  const send = async () => {
    const text = body.trim();
    const found = { ...(kinds.length ? {} : { kinds: t.pickKind }), ...(text ? {} : { body: t.required }) };
    setErrors(found);
    if (found.kinds || found.body) return;
    setBusy(true);
    setFailure('');
    try {
      await onReport({ kinds, body: text });
      setOpen(false);
      setKinds([]);
      setBody('');
      setDone(true);
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card protection" aria-labelledby="retaliation-title" data-testid="retaliation">
      <h2 id="retaliation-title">{t.retaliationTitle}</h2>
      <p>{t.retaliationExplain}</p>
      <div aria-live="polite">{done && <p className="callout callout--ok">{t.retaliationSent}</p>}</div>
      {!open ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setOpen(true);
            setDone(false);
          }}
          data-testid="retaliation-start"
        >
          {t.retaliationStart}
        </button>
      ) : (
        <>
          <KindsPicker id="retaliation-kinds" value={kinds} onChange={setKinds} error={errors.kinds} />
          <Account id="retaliation-body" value={body} onChange={setBody} error={errors.body} box={box} />
          <div role="alert">{failure && <p className="callout callout--error">{failure}</p>}</div>
          <button
            type="button"
            className="button"
            onClick={() => void send()}
            disabled={busy}
            data-testid="retaliation-send"
          >
            {t.retaliationSend}
          </button>
        </>
      )}
    </section>
  );
}

function CaseList({ cases }: { cases: NonNullable<FollowupReport['protection']>['cases'] }) {
  const t = useProtectionText();
  const lang = useLang();
  if (!cases.length) return null;
  return (
    <section className="card protection" aria-labelledby="protection-cases-title" data-testid="protection-cases">
      <h2 id="protection-cases-title">{t.casesTitle}</h2>
      <ul className="protection__cases">
        {cases.map((c) => (
          <li key={c.caseNo}>
            <strong>{c.caseNo}</strong> · {t.status[c.status]}
            <div className="muted">
              {t.opened} {formatDateTime(c.openedAt)}
            </div>
            {c.referredTo.map((b) => (
              <div key={b}>{t.referredTo(bodyName(b, lang))}</div>
            ))}
            {c.outcome && (
              <div>
                {t.outcome}: {outcomeName(c.outcome, lang)}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ProtectionPanel({ report, actions }: { report: FollowupReport; actions: ProtectionActions }) {
  const t = useProtectionText();
  const [answered, setAnswered] = useState(false);
  const checkIn = report.protection?.checkIn;
  return (
    <>
      {checkIn ? (
        <CheckInForm
          sentAt={checkIn.sentAt}
          onAnswer={async (answer) => {
            await actions.answerCheckIn(answer);
            setAnswered(true);
          }}
        />
      ) : (
        answered && (
          <p className="callout callout--ok" aria-live="polite">
            {t.answered}
          </p>
        )
      )}
      <CaseList cases={report.protection?.cases ?? []} />
      <RetaliationForm onReport={actions.reportRetaliation} />
    </>
  );
}
