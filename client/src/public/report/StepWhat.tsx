import { useLang } from '../../i18n';
import { Field } from '../forms/Field';
import { labelIn, useFormsT } from '../formsText';
import type { PublicCatalog } from '../useCatalog';
import { CategoryPicker } from './CategoryPicker';
import { CreditCodeField } from './CreditCodeField';
import type { ReportDraft } from './draft';
import type { FieldErrors } from './fieldPaths';

const DESCRIPTION_MAX = 5000;

interface Props {
  draft: ReportDraft;
  update(patch: Partial<ReportDraft>): void;
  errors: FieldErrors;
  catalog: PublicCatalog;
  /** The sector of the poster the reporter came from, if any. */
  leadSector?: string;
}

/** "2025-11-28T15:04" for now, in the phone's time zone (the latest a datetime-local may pick). */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Step 1: the category, the area, what happened, and optionally when, where and who. */
export function StepWhat({ draft, update, errors, catalog, leadSector }: Props) {
  const t = useFormsT().report;
  const lang = useLang();
  return (
    <>
      <CategoryPicker
        catalog={catalog}
        value={draft.category}
        onChange={(category) => update({ category })}
        error={errors.category}
        leadSector={leadSector}
        anonymous={draft.identity === 'anonymous'}
      />

      <Field id="report-area" label={t.area} error={errors.area}>
        {(aria) => (
          <select
            id="report-area"
            className="input"
            value={draft.area}
            onChange={(e) => update({ area: e.target.value })}
            {...aria}
          >
            <option value="">{t.areaPlaceholder}</option>
            {catalog.areas.map((a) => (
              <option key={a.code} value={a.code}>
                {labelIn(a.name, lang, a.code)}
              </option>
            ))}
          </select>
        )}
      </Field>

      <Field
        id="report-description"
        label={t.description}
        hint={t.descriptionHint}
        error={errors.description}
        footer={
          <p className="field__counter" aria-hidden="true">
            {t.charCount(draft.description.trim().length, DESCRIPTION_MAX)}
          </p>
        }
      >
        {(aria) => (
          <textarea
            id="report-description"
            className="input"
            rows={6}
            maxLength={DESCRIPTION_MAX}
            value={draft.description}
            onChange={(e) => update({ description: e.target.value })}
            {...aria}
          />
        )}
      </Field>

      <Field
        id="report-occurredAt"
        label={t.occurredAt}
        optionalText={t.optional}
        hint={t.occurredAtHint}
        error={errors.occurredAt}
      >
        {(aria) => (
          <input
            id="report-occurredAt"
            className="input"
            type="datetime-local"
            max={localNow()}
            value={draft.occurredAt}
            onChange={(e) => update({ occurredAt: e.target.value })}
            {...aria}
          />
        )}
      </Field>

      <Field
        id="report-address"
        label={t.address}
        optionalText={t.optional}
        hint={t.addressHint}
        error={errors.address}
      >
        {(aria) => (
          <input
            id="report-address"
            className="input"
            type="text"
            maxLength={200}
            autoComplete="off"
            value={draft.address}
            onChange={(e) => update({ address: e.target.value })}
            {...aria}
          />
        )}
      </Field>

      <Field
        id="report-subjectName"
        label={t.subjectName}
        optionalText={t.optional}
        hint={t.subjectNameHint}
        error={errors.subjectName}
      >
        {(aria) => (
          <input
            id="report-subjectName"
            className="input"
            type="text"
            maxLength={120}
            autoComplete="off"
            value={draft.subjectName}
            onChange={(e) => update({ subjectName: e.target.value })}
            {...aria}
          />
        )}
      </Field>

      <CreditCodeField
        value={draft.subjectCreditCode}
        onChange={(subjectCreditCode) => update({ subjectCreditCode })}
        error={errors.subjectCreditCode}
      />
    </>
  );
}
