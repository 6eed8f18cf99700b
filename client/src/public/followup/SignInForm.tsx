import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../../api';
import { Field } from '../forms/Field';
import { useFormsT } from '../formsText';
import { warmProof } from '../pow/proofOfWork';
import { signIn, type FollowupSession } from './followupApi';

interface Props {
  initialReference?: string;
  notice?: string;
  onSignedIn(session: FollowupSession): void;
}

/** The receipt's reference and access key; the proof of work is solved while they type. */
export function SignInForm({ initialReference = '', notice, onSignedIn }: Props) {
  const t = useFormsT().followup;
  const [reference, setReference] = useState(initialReference);
  const [accessKey, setAccessKey] = useState('');
  const [missing, setMissing] = useState<{ reference?: boolean; accessKey?: boolean }>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const referenceInput = useRef<HTMLInputElement>(null);
  const keyInput = useRef<HTMLInputElement>(null);

  useEffect(() => warmProof(), []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const gaps = { reference: !reference.trim(), accessKey: !accessKey.trim() };
    setMissing(gaps);
    if (gaps.reference) return referenceInput.current?.focus();
    if (gaps.accessKey) return keyInput.current?.focus();
    setBusy(true);
    setFailure('');
    try {
      onSignedIn(await signIn(reference.trim().toUpperCase(), accessKey.trim()));
    } catch (error) {
      setFailure(error instanceof ApiError && error.status === 429 ? t.rateLimited : describeError(error));
      warmProof(); // ready for the next try
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="followup-signin" aria-labelledby="followup-title">
      <h1 id="followup-title">{t.title}</h1>
      <div aria-live="polite">{notice && <p className="callout callout--info">{notice}</p>}</div>
      <p>{t.signInIntro}</p>
      <form noValidate onSubmit={onSubmit} className="card card--form">
        <Field
          id="followup-reference"
          label={t.reference}
          hint={t.referenceHint}
          error={missing.reference ? t.required : undefined}
        >
          {(aria) => (
            <input
              id="followup-reference"
              ref={referenceInput}
              className="input input--code"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={40}
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              {...aria}
            />
          )}
        </Field>
        <Field
          id="followup-key"
          label={t.accessKey}
          hint={t.accessKeyHint}
          error={missing.accessKey ? t.required : undefined}
        >
          {(aria) => (
            <input
              id="followup-key"
              ref={keyInput}
              className="input input--code"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={80}
              value={accessKey}
              onChange={(e) => setAccessKey(e.target.value)}
              {...aria}
            />
          )}
        </Field>
        <div role="alert">{failure && <p className="callout callout--error">{failure}</p>}</div>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="followup-signin">
          {busy ? t.signingIn : t.signIn}
        </button>
      </form>
      <p className="muted">{t.lostKey}</p>
    </section>
  );
}
