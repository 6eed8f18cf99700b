import { useRef, useState, type FormEvent } from 'react';
import type { Claim } from '../../../../../shared/schemas/claim';
import { ApiError, describeError } from '../../../api';
import { formatDateTime } from '../../../format';
import { Field } from '../../forms/Field';
import {
  checkClaim,
  claimFields,
  emptyClaim,
  serverClaimErrors,
  type ClaimErrors,
  type ClaimValues,
} from './claimCheck';
import { useRewardT, type ClaimField } from './rewardText';

interface Props {
  anonymous: boolean;
  claimDueAt?: string;
  returnedReason?: string;
  onClaim(claim: Claim): Promise<void>;
}

/** How each field is typed on a phone: the right keyboard, and no autofill of someone else's card. */
const INPUTS: Record<
  ClaimField,
  { inputMode?: 'numeric' | 'tel' | 'text'; autoComplete: string; maxLength: number; code?: boolean }
> = {
  name: { autoComplete: 'name', maxLength: 40 },
  idNumber: { inputMode: 'text', autoComplete: 'off', maxLength: 18, code: true },
  phone: { inputMode: 'tel', autoComplete: 'tel', maxLength: 20 },
  bankName: { autoComplete: 'off', maxLength: 80 },
  bankAccount: { inputMode: 'numeric', autoComplete: 'off', maxLength: 40, code: true },
};

/** The claim: identity and bank details, checked here with the server's schema before sending. */
export function ClaimForm({ anonymous, claimDueAt, returnedReason, onClaim }: Props) {
  const t = useRewardT();
  const [values, setValues] = useState<ClaimValues>(emptyClaim);
  const [errors, setErrors] = useState<ClaimErrors>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const focusFirst = (found: ClaimErrors) => {
    const first = claimFields.find((f) => found[f]);
    if (first) form.current?.querySelector<HTMLInputElement>(`#claim-${first}`)?.focus();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure('');
    const checked = checkClaim(values, t.fieldErrors);
    setErrors(checked.errors);
    if (!checked.claim) {
      setFailure(t.fixFields);
      return focusFirst(checked.errors);
    }
    setBusy(true);
    try {
      await onClaim(checked.claim);
    } catch (error) {
      const fromServer = error instanceof ApiError ? serverClaimErrors(error.errors, t.fieldErrors) : {};
      setErrors(fromServer);
      setFailure(Object.keys(fromServer).length ? t.fixFields : describeError(error));
      focusFirst(fromServer);
    } finally {
      setBusy(false);
    }
  };

  const set = (field: ClaimField, value: string) => setValues((v) => ({ ...v, [field]: value }));

  return (
    <form
      ref={form}
      noValidate
      onSubmit={onSubmit}
      className="reward-claim"
      aria-labelledby="claim-title"
      data-testid="claim-form"
    >
      <h3 id="claim-title">{t.claimTitle}</h3>
      {returnedReason && (
        <p className="callout callout--warn" data-testid="claim-returned">
          {t.claimReturned} {returnedReason}
        </p>
      )}
      <p className="callout">
        {t.claimPrivacy}
        {anonymous && <span className="reward-claim__anonymous">{t.claimAnonymous}</span>}
      </p>
      {claimDueAt && <p className="reward-claim__due">{t.claimDeadline(formatDateTime(claimDueAt))}</p>}
      {claimFields.map((field) => {
        const input = INPUTS[field];
        return (
          <Field key={field} id={`claim-${field}`} label={t.fields[field]} hint={t.hints[field]} error={errors[field]}>
            {(aria) => (
              <input
                id={`claim-${field}`}
                className={`input${input.code ? ' input--code' : ''}`}
                type={field === 'phone' ? 'tel' : 'text'}
                inputMode={input.inputMode}
                autoComplete={input.autoComplete}
                autoCapitalize={field === 'idNumber' ? 'characters' : undefined}
                spellCheck={false}
                maxLength={input.maxLength}
                value={values[field]}
                onChange={(e) => set(field, e.target.value)}
                {...aria}
              />
            )}
          </Field>
        );
      })}
      <div role="alert">{failure && <p className="callout callout--error">{failure}</p>}</div>
      <button type="submit" className="button button--primary reward__wide" disabled={busy} data-testid="claim-submit">
        {busy ? t.claimSubmitting : t.claimSubmit}
      </button>
    </form>
  );
}
