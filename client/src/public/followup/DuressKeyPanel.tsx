// The duress key (应急码): offered on the receipt and in follow-up while none is set, shown
// once when set. Whoever signs in with it sees the report withdrawn; protection staff are alerted.
import { useState } from 'react';
import { describeError } from '../../api';
import { useFormsT } from '../formsText';

interface Props {
  /** Whether one is set already (follow-up knows; the fresh receipt has none). */
  isSet: boolean;
  /** Sets the key and answers it. */
  onSet(): Promise<string>;
}

export function DuressKeyPanel({ isSet, onSet }: Props) {
  const t = useFormsT().duressKey;
  const [key, setKey] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const set = async () => {
    setBusy(true);
    setError('');
    try {
      setKey(await onSet());
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="duress-key-title" data-testid="duress-key">
      <h2 id="duress-key-title">{t.title}</h2>
      {key ? (
        <>
          <dl className="receipt__codes">
            <dt>{t.key}</dt>
            <dd className="receipt__key" data-testid="duress-key-value">
              {key}
            </dd>
          </dl>
          <p className="callout callout--error">
            <strong>{t.onceWarning}</strong>
          </p>
          <p>{t.explain}</p>
        </>
      ) : isSet ? (
        <p data-testid="duress-key-set">{t.isSet}</p>
      ) : (
        <>
          <p>{t.explain}</p>
          <div role="alert">{error && <p className="callout callout--error">{error}</p>}</div>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void set()}
            disabled={busy}
            data-testid="duress-key-set-button"
          >
            {busy ? t.setting : t.set}
          </button>
        </>
      )}
    </section>
  );
}
