import { useRef, useState } from 'react';
import { describeError } from '../../api';
import { useT } from '../../i18n';
import { Field } from '../forms/Field';
import { useFormsT } from '../formsText';

/** Withdrawal behind an explicit second step, with an optional reason. */
export function WithdrawPanel({ onWithdraw }: { onWithdraw(reason: string): Promise<void> }) {
  const text = useFormsT();
  const t = text.followup;
  const cancel = useT().common.cancel;
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const reasonBox = useRef<HTMLTextAreaElement>(null);

  const start = () => {
    setConfirming(true);
    requestAnimationFrame(() => reasonBox.current?.focus());
  };

  const confirm = async () => {
    setBusy(true);
    setError('');
    try {
      await onWithdraw(reason.trim());
      setConfirming(false);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{t.withdrawTitle}</h2>
      <p>{t.withdrawExplain}</p>
      {!confirming ? (
        <button type="button" className="button button--danger-outline" onClick={start}>
          {t.withdrawStart}
        </button>
      ) : (
        <div className="confirm-box">
          <Field id="withdraw-reason" label={t.withdrawReason} optionalText={text.report.optional}>
            {(aria) => (
              <textarea
                id="withdraw-reason"
                ref={reasonBox}
                className="input"
                rows={3}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                {...aria}
              />
            )}
          </Field>
          <div role="alert">{error && <p className="callout callout--error">{error}</p>}</div>
          <div className="form-nav">
            <button type="button" className="button button--danger" onClick={confirm} disabled={busy}>
              {t.withdrawConfirm}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setConfirming(false)}
              disabled={busy}
            >
              {cancel}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
