// The enterprise's unified social credit code, optional: checked as soon as the
// reporter leaves the field (shared/creditCode.ts, no schema library needed on the
// first step), and shown normalised, as the server will store it.
import { useState } from 'react';
import { isCreditCode, normalizeCreditCode } from '../../../../shared/creditCode';
import { Field } from '../forms/Field';
import { useFormsT } from '../formsText';

interface Props {
  value: string;
  onChange(value: string): void;
  /** The step's own check, when the reporter tried to go on. */
  error?: string;
}

export function CreditCodeField({ value, onChange, error }: Props) {
  const t = useFormsT();
  const [checked, setChecked] = useState<string | undefined>(undefined);
  const blur = () => {
    const code = normalizeCreditCode(value);
    if (code !== value) onChange(code);
    setChecked(code && !isCreditCode(code) ? t.fieldErrors.subjectCreditCode : undefined);
  };
  return (
    <Field
      id="report-subjectCreditCode"
      label={t.report.subjectCreditCode}
      optionalText={t.report.optional}
      hint={t.report.subjectCreditCodeHint}
      error={checked ?? error}
    >
      {(aria) => (
        <input
          id="report-subjectCreditCode"
          className="input"
          type="text"
          inputMode="text"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          maxLength={24}
          value={value}
          onChange={(e) => {
            onChange(e.target.value);
            if (checked && isCreditCode(normalizeCreditCode(e.target.value))) setChecked(undefined);
          }}
          onBlur={blur}
          {...aria}
        />
      )}
    </Field>
  );
}
