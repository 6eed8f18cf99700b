import { useState, type FormEvent } from 'react';
import { describeError } from '../../api';
import { formatDateTime } from '../../format';
import { Field } from '../forms/Field';
import { useFormsT } from '../formsText';
import type { FollowupReport } from './followupApi';

interface Props {
  report: FollowupReport;
  closed: boolean;
  /** Sends and reloads; throws what the server said. */
  onSend(body: string): Promise<void>;
}

/** The conversation with staff, oldest first, each staff message labelled by its author's role, and a box to answer. */
export function MessageThread({ report, closed, onSend }: Props) {
  const t = useFormsT().followup;
  const [body, setBody] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return setError(t.messageEmpty);
    setBusy(true);
    setError('');
    setStatus(t.sending);
    try {
      await onSend(body.trim());
      setBody('');
      setStatus(t.sent);
    } catch (e) {
      setStatus('');
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="messages-title">
      <h2 id="messages-title">{t.messagesTitle}</h2>
      {report.messages.length === 0 ? (
        <p className="muted">{t.messagesEmpty}</p>
      ) : (
        <ol className="thread" data-testid="followup-messages">
          {report.messages.map((m, i) => (
            <li key={`${m.at}-${i}`} className={`thread__message thread__message--${m.from}`}>
              <span className="thread__meta">
                <strong>{m.from === 'staff' ? ((m.role && t.fromRole[m.role]) ?? t.fromStaff) : t.fromMe}</strong> ·{' '}
                <time dateTime={m.at}>{formatDateTime(m.at)}</time>
              </span>
              <span className="thread__body">{m.body}</span>
            </li>
          ))}
        </ol>
      )}
      {closed ? (
        <p className="muted">{t.messagesClosed}</p>
      ) : (
        <form noValidate onSubmit={submit}>
          <Field id="followup-reply" label={t.replyLabel} hint={t.replyHint} error={error || undefined}>
            {(aria) => (
              <textarea
                id="followup-reply"
                className="input"
                rows={4}
                maxLength={2000}
                value={body}
                onChange={(e) => setBody(e.target.value)}
                {...aria}
              />
            )}
          </Field>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="followup-send">
            {busy ? t.sending : t.send}
          </button>
          <p aria-live="polite" className="muted">
            {status}
          </p>
        </form>
      )}
    </section>
  );
}
