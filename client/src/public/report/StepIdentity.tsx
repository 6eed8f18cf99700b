import { useState } from 'react';
import { Checkbox, Field } from '../forms/Field';
import { useFormsT } from '../formsText';
import type { Identity, ReportDraft } from './draft';
import type { FieldErrors } from './fieldPaths';
import { useSmsOffered } from './useSmsOffered';
import { WeldingAnonymousWarning } from './WeldingWarning';

interface Props {
  draft: ReportDraft;
  update(patch: Partial<ReportDraft>): void;
  errors: FieldErrors;
  /** The category is a welding one, whose rewards go to real-name reporters only. */
  welding?: boolean;
}

/** Step 3: real name or anonymous, each explained; contact details and SMS notices (where offered); location if they wish. */
export function StepIdentity({ draft, update, errors, welding = false }: Props) {
  const t = useFormsT().report;
  const identityError = errors.anonymous ?? errors.reporter;
  const smsOffered = useSmsOffered();

  const option = (value: Exclude<Identity, ''>, title: string, explanation: string) => (
    <label className="choice choice--card" htmlFor={`identity-${value}`}>
      <input
        type="radio"
        id={`identity-${value}`}
        name="identity"
        value={value}
        checked={draft.identity === value}
        onChange={() => update({ identity: value })}
        aria-labelledby={`identity-${value}-title`}
        aria-describedby={`identity-${value}-explain`}
      />
      <span>
        <strong className="choice__title" id={`identity-${value}-title`}>
          {title}
        </strong>
        <span className="choice__explain" id={`identity-${value}-explain`}>
          {explanation}
        </span>
      </span>
    </label>
  );

  return (
    <>
      <p className="callout callout--info">{t.confidentialPromise}</p>
      <fieldset
        className={`field field--group${identityError ? ' field--invalid' : ''}`}
        aria-describedby={identityError ? 'identity-error' : undefined}
      >
        <legend className="field__label">{t.identityLegend}</legend>
        {identityError && (
          <p className="field__error" id="identity-error">
            {identityError}
          </p>
        )}
        {option('real', t.realName, t.realNameExplain)}
        {option('anonymous', t.anonymous, t.anonymousExplain)}
        <div aria-live="polite">{welding && draft.identity === 'anonymous' && <WeldingAnonymousWarning />}</div>
      </fieldset>

      {draft.identity === 'real' && (
        <div className="subform">
          <Field id="report-reporter-name" label={t.name} error={errors['reporter.name']}>
            {(aria) => (
              <input
                id="report-reporter-name"
                className="input"
                type="text"
                autoComplete="name"
                maxLength={40}
                value={draft.name}
                onChange={(e) => update({ name: e.target.value })}
                {...aria}
              />
            )}
          </Field>
          <Field id="report-reporter-phone" label={t.phone} hint={t.phoneHint} error={errors['reporter.phone']}>
            {(aria) => (
              <input
                id="report-reporter-phone"
                className="input"
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                maxLength={20}
                value={draft.phone}
                onChange={(e) => update({ phone: e.target.value })}
                {...aria}
              />
            )}
          </Field>
          <Field
            id="report-reporter-email"
            label={t.email}
            optionalText={t.optional}
            hint={t.emailHint}
            error={errors['reporter.email']}
          >
            {(aria) => (
              <input
                id="report-reporter-email"
                className="input"
                type="email"
                inputMode="email"
                autoComplete="email"
                maxLength={200}
                value={draft.email}
                onChange={(e) => update({ email: e.target.value })}
                {...aria}
              />
            )}
          </Field>
          {smsOffered && (
            <Checkbox
              id="report-notifyBySms"
              checked={draft.smsNotice}
              onChange={(smsNotice) => update({ smsNotice })}
              label={t.smsNotice}
              hint={t.smsNoticeHint}
              error={errors.notifyBySms}
            />
          )}
          <Checkbox
            id="report-employeeOfSubject"
            checked={draft.employeeOfSubject}
            onChange={(employeeOfSubject) => update({ employeeOfSubject })}
            label={t.employee}
            hint={t.employeeHint}
            error={errors.employeeOfSubject}
          />
        </div>
      )}

      {draft.identity === 'anonymous' && smsOffered && (
        <div className="subform">
          <Field
            id="report-noticePhone"
            label={t.noticePhone}
            optionalText={t.optional}
            hint={t.noticePhoneHint}
            error={errors.noticePhone}
          >
            {(aria) => (
              <input
                id="report-noticePhone"
                className="input"
                type="tel"
                inputMode="tel"
                autoComplete="off"
                maxLength={20}
                value={draft.noticePhone}
                onChange={(e) => update({ noticePhone: e.target.value })}
                {...aria}
              />
            )}
          </Field>
        </div>
      )}

      <LocationChoice draft={draft} update={update} error={errors.location} />
    </>
  );
}

type GeoState = 'idle' | 'locating' | 'found' | 'failed' | 'unsupported';

/** "Share my location": asks the phone only when ticked; coordinates rounded to about 10 cm. */
function LocationChoice({
  draft,
  update,
  error,
}: {
  draft: ReportDraft;
  update(patch: Partial<ReportDraft>): void;
  error?: string;
}) {
  const t = useFormsT().report;
  const [geo, setGeo] = useState<GeoState>(draft.location ? 'found' : 'idle');

  const locate = () => {
    if (!('geolocation' in navigator)) return setGeo('unsupported');
    setGeo('locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const round = (n: number) => Math.round(n * 1e6) / 1e6;
        update({ location: { lat: round(position.coords.latitude), lng: round(position.coords.longitude) } });
        setGeo('found');
      },
      () => setGeo('failed'),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };

  const toggle = (share: boolean) => {
    update({ shareLocation: share, location: share ? draft.location : null });
    if (share && !draft.location) locate();
    if (!share) setGeo('idle');
  };

  const status: Record<GeoState, string> = {
    idle: '',
    locating: t.locating,
    found: t.located,
    failed: t.locationFailed,
    unsupported: t.locationUnsupported,
  };
  return (
    <>
      <Checkbox
        id="report-shareLocation"
        checked={draft.shareLocation}
        onChange={toggle}
        label={t.shareLocation}
        hint={t.shareLocationHint}
        error={error}
      />
      <div aria-live="polite" className="location-status">
        {draft.shareLocation && status[geo] && (
          <p className={geo === 'failed' || geo === 'unsupported' ? 'field__error' : 'muted'}>{status[geo]}</p>
        )}
        {draft.shareLocation && geo === 'failed' && (
          <button type="button" className="button button--secondary" onClick={locate}>
            {t.retryLocation}
          </button>
        )}
      </div>
    </>
  );
}
