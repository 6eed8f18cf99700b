import { useState, type FormEvent } from 'react';
import { describeError } from '../../../api';
import { formatDateTime } from '../../../format';
import { Field } from '../../forms/Field';
import { useRewardT } from './rewardText';

const MAX_REASON = 2000;

/** The one appeal a reward allows, folded away so it does not crowd the card. */
export function AppealForm({
  appealDueAt,
  onAppeal,
}: {
  appealDueAt?: string;
  onAppeal(reason: string): Promise<void>;
}) {
  const t = useRewardT();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    setMissing(!text);
    setFailure('');
    if (!text) return document.getElementById('appeal-reason')?.focus();
    setBusy(true);
    try {
      await onAppeal(text);
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="reward-appeal" data-testid="appeal">
      <summary className="reward-appeal__summary">{t.appealOpen}</summary>
      <form noValidate onSubmit={onSubmit} className="reward-appeal__form">
        <p>{t.appealExplain}</p>
        {appealDueAt && <p className="reward-claim__due">{t.appealDue(formatDateTime(appealDueAt))}</p>}
        <Field id="appeal-reason" label={t.appealReason} error={missing ? t.appealReasonMissing : undefined}>
          {(aria) => (
            <textarea
              id="appeal-reason"
              className="input"
              rows={4}
              maxLength={MAX_REASON}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              {...aria}
            />
          )}
        </Field>
        <div role="alert">{failure && <p className="callout callout--error">{failure}</p>}</div>
        <button
          type="submit"
          className="button button--primary reward__wide"
          disabled={busy}
          data-testid="appeal-submit"
        >
          {busy ? t.appealSubmitting : t.appealSubmit}
        </button>
      </form>
    </details>
  );
}
