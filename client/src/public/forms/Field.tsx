import { useEffect, useRef, type ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Shown after the label, e.g. "（选填）". */
  optionalText?: string;
  /** Extra line under the control, e.g. a character count. */
  footer?: ReactNode;
  /** Gets the aria attributes that tie the control to its hint and error. */
  children(aria: { 'aria-describedby'?: string; 'aria-invalid'?: true }): ReactNode;
}

/** Label, hint, control and error in the order a screen reader should meet them. */
export function Field({ id, label, hint, error, optionalText, footer, children }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optionalText && <span className="field__optional">{optionalText}</span>}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children({ 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {footer}
    </div>
  );
}

export interface SummaryItem {
  /** The id of the control to jump to. */
  target: string;
  message: string;
}

/** The list of problems at the top of a step; takes focus (and so is read out) each time it is shown anew. */
export function ErrorSummary({ title, items, version }: { title: string; items: SummaryItem[]; version: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length) box.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focus only when a new summary is shown (a new version), not as items change
  }, [version]);
  if (!items.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box} data-testid="error-summary">
      <h3 className="error-summary__title">{title}</h3>
      <ul>
        {items.map((item) => (
          <li key={item.target + item.message}>
            <a
              href={`#${item.target}`}
              onClick={(event) => {
                const el = document.getElementById(item.target);
                if (!el) return;
                event.preventDefault();
                el.scrollIntoView({ block: 'center' });
                el.focus();
              }}
            >
              {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A checkbox with its label and an explanation under it, in the same field frame as `Field`. */
export function Checkbox({
  id,
  checked,
  onChange,
  label,
  hint,
  error,
}: {
  id: string;
  checked: boolean;
  onChange(v: boolean): void;
  label: string;
  hint: string;
  error?: string;
}) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <label className="choice" htmlFor={id}>
        <input
          type="checkbox"
          id={id}
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        />
        <span>
          <span id={`${id}-label`}>{label}</span>
          <span className="choice__explain" id={`${id}-hint`}>
            {hint}
          </span>
        </span>
      </label>
    </div>
  );
}
