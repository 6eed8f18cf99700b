// /estimate: "我的举报可能获得多少奖励？" — the public estimator. The server computes the
// quote (POST /api/v1/rewards/quote), so the page shows exactly what the rules pay,
// with each step explained in the page's language.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { parseYuan } from '../../../../shared/money';
import { useCatalog } from '../useCatalog';
import { formatRewardYuan } from '../../../../shared/rewards/money';
import { documentsText } from '../../../../shared/rewards/texts';
import type { rewards } from '../../../../shared/contract/rewards';
import { ApiError, describeError } from '../../api';
import { call, route } from '../../apiClient';
import { useLang } from '../../i18n';
import { Checkbox, Field } from '../forms/Field';
import '../forms.css';
import './estimate.css';
import {
  initialForm,
  quoteRequestOf,
  type EstimateForm,
  type Quote,
  type QuoteRequest,
  type Scheme,
} from './estimateInput';
import { useEstimateT } from './estimateText';

// Named by route(): the estimator loads no zod (the server checks the request).
const quoteRoute = route<typeof rewards.quote>({ kind: 'json', method: 'post', path: '/api/v1/rewards/quote' });

const SCHEMES: Scheme[] = ['violation', 'concealed-accident', 'welding'];
/** Form fields typed in yuan, and the request fields (in fen) the server names. */
const FIELD_OF: Record<string, string> = { fineYuan: 'fineFen', directLossYuan: 'directLossFen' };
type Errors = Partial<Record<string, string>>;

export default function EstimatePage() {
  const { categories } = useCatalog();
  const t = useEstimateT();
  const lang = useLang();
  const [form, setForm] = useState<EstimateForm>(initialForm);
  const [errors, setErrors] = useState<Errors>({});
  const [quote, setQuote] = useState<Quote | null>(null);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const lastRequest = useRef<QuoteRequest | null>(null);
  const latest = useRef(0);

  const update = (patch: Partial<EstimateForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => {
      const rest = { ...e };
      for (const key of Object.keys(patch)) delete rest[FIELD_OF[key] ?? key];
      return rest;
    });
    if (patch.scheme) setQuote(null);
  };

  const ask = useCallback(async (request: QuoteRequest) => {
    const mine = ++latest.current; // only the newest answer is shown
    setBusy(true);
    setFailure('');
    try {
      const answer = await call(quoteRoute, { body: request });
      if (mine !== latest.current) return;
      setQuote(answer);
      setErrors({});
    } catch (error) {
      if (mine !== latest.current) return;
      setQuote(null);
      if (error instanceof ApiError && error.errors.length) {
        const fields: Errors = Object.fromEntries(error.errors.map((e) => [e.path.replace(/^body\./, ''), e.message]));
        setErrors(fields);
        // Problems with fields the page has no control for (the day, the scheme) are shown above the button.
        setFailure(
          error.errors
            .filter((e) => !SHOWN_FIELDS.includes(e.path.replace(/^body\./, '')))
            .map((e) => e.message)
            .join(' '),
        );
      } else {
        setErrors({});
        setFailure(describeError(error));
      }
    } finally {
      if (mine === latest.current) setBusy(false);
    }
  }, []);

  // The explanation comes in the page's language: ask again after a switch.
  useEffect(() => {
    if (lastRequest.current) void ask(lastRequest.current);
  }, [lang, ask]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fineFen = form.scheme === 'concealed-accident' ? undefined : parseYuan(form.fineYuan);
    const directLossFen = form.scheme === 'concealed-accident' ? parseYuan(form.directLossYuan) : undefined;
    if (fineFen === null || directLossFen === null) {
      setErrors(fineFen === null ? { fineFen: t.fineInvalid } : { directLossFen: t.fineInvalid });
      setQuote(null);
      return;
    }
    lastRequest.current = quoteRequestOf(form, fineFen, directLossFen);
    void ask(lastRequest.current);
  };

  const fieldError = (path: string) => errors[path];

  return (
    <section className="estimate" aria-labelledby="estimate-title">
      <h1 id="estimate-title">{t.title}</h1>
      <p>{t.intro}</p>
      <form onSubmit={submit} noValidate>
        <fieldset className={`field field--group${fieldError('scheme') ? ' field--invalid' : ''}`}>
          <legend className="field__label">{t.scheme}</legend>
          {SCHEMES.map((scheme) => (
            <label key={scheme} className="choice" htmlFor={`estimate-scheme-${scheme}`}>
              <input
                type="radio"
                id={`estimate-scheme-${scheme}`}
                name="scheme"
                value={scheme}
                checked={form.scheme === scheme}
                onChange={() => update({ scheme })}
              />
              <span>{t.schemes[scheme]}</span>
            </label>
          ))}
        </fieldset>

        {form.scheme === 'violation' && (
          <Field id="estimate-violationKind" label={t.violationKind} error={fieldError('violationKind')}>
            {(aria) => (
              <select
                id="estimate-violationKind"
                className="input"
                value={form.violationKind}
                onChange={(e) => update({ violationKind: e.target.value as EstimateForm['violationKind'] })}
                {...aria}
              >
                {(['major-hazard', 'illegal-operation', 'listed-situation'] as const).map((kind) => (
                  <option key={kind} value={kind}>
                    {t.violationKinds[kind]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}

        {form.scheme === 'welding' && (
          <Field
            id="estimate-weldingAlso"
            label={t.weldingAlso}
            hint={t.weldingAlsoHint}
            error={fieldError('violationKind')}
          >
            {(aria) => (
              <select
                id="estimate-weldingAlso"
                className="input"
                value={form.weldingAlso}
                onChange={(e) => update({ weldingAlso: e.target.value as EstimateForm['weldingAlso'] })}
                {...aria}
              >
                <option value="">{t.weldingAlsoNo}</option>
                <option value="major-hazard">{t.violationKinds['major-hazard']}</option>
                <option value="illegal-operation">{t.violationKinds['illegal-operation']}</option>
              </select>
            )}
          </Field>
        )}

        {form.scheme !== 'concealed-accident' && (
          <Field id="estimate-fine" label={t.fine} hint={t.fineHint} error={fieldError('fineFen')}>
            {(aria) => (
              <input
                id="estimate-fine"
                className="input"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                maxLength={20}
                value={form.fineYuan}
                onChange={(e) => update({ fineYuan: e.target.value })}
                {...aria}
              />
            )}
          </Field>
        )}

        {form.scheme === 'concealed-accident' && (
          <>
            <Field id="estimate-accidentGrade" label={t.accidentGrade} error={fieldError('accidentGrade')}>
              {(aria) => (
                <select
                  id="estimate-accidentGrade"
                  className="input"
                  value={form.accidentGrade}
                  onChange={(e) => update({ accidentGrade: e.target.value as EstimateForm['accidentGrade'] })}
                  {...aria}
                >
                  <option value="">{t.accidentGradePlaceholder}</option>
                  {(['general', 'larger', 'major', 'especially-major'] as const).map((grade) => (
                    <option key={grade} value={grade}>
                      {t.accidentGrades[grade]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="estimate-concealedDeaths" label={t.deaths} error={fieldError('concealedDeaths')}>
              {(aria) => (
                <input
                  id="estimate-concealedDeaths"
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  step={1}
                  value={form.concealedDeaths}
                  onChange={(e) => update({ concealedDeaths: e.target.value })}
                  {...aria}
                />
              )}
            </Field>
            <p className="muted">{t.accidentFactsHint}</p>
            {(['totalDeaths', 'seriousInjuries'] as const).map((field) => (
              <Field key={field} id={`estimate-${field}`} label={t[field]} error={fieldError(field)}>
                {(aria) => (
                  <input
                    id={`estimate-${field}`}
                    className="input"
                    type="number"
                    inputMode="numeric"
                    min={0}
                    step={1}
                    value={form[field]}
                    onChange={(e) => update({ [field]: e.target.value })}
                    {...aria}
                  />
                )}
              </Field>
            ))}
            <Field id="estimate-directLoss" label={t.directLoss} error={fieldError('directLossFen')}>
              {(aria) => (
                <input
                  id="estimate-directLoss"
                  className="input"
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  maxLength={20}
                  value={form.directLossYuan}
                  onChange={(e) => update({ directLossYuan: e.target.value })}
                  {...aria}
                />
              )}
            </Field>
          </>
        )}

        <Field id="estimate-category" label={t.category} hint={t.categoryHint} error={fieldError('category')}>
          {(aria) => (
            <select
              id="estimate-category"
              className="input"
              value={form.category}
              onChange={(e) => update({ category: e.target.value })}
              {...aria}
            >
              <option value="">{t.categoryAny}</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {lang === 'en' ? c.name.en : c.name.zh}
                </option>
              ))}
            </select>
          )}
        </Field>

        <Checkbox
          id="estimate-employeeOfSubject"
          checked={form.employeeOfSubject}
          onChange={(employeeOfSubject) => update({ employeeOfSubject })}
          label={t.employee}
          hint={t.employeeHint}
          error={fieldError('employeeOfSubject')}
        />
        <Checkbox
          id="estimate-realName"
          checked={form.realName}
          onChange={(realName) => update({ realName })}
          label={t.realName}
          hint={t.realNameHint}
          error={fieldError('realName')}
        />

        {failure && <p className="callout callout--error">{failure}</p>}
        <button
          type="submit"
          className="button button--primary estimate__submit"
          disabled={busy}
          data-testid="estimate-submit"
        >
          {busy ? t.working : t.submit}
        </button>
      </form>

      <div aria-live="polite">{quote && <QuoteView quote={quote} />}</div>
    </section>
  );
}

/** The fields this page shows next to their controls. */
const SHOWN_FIELDS = [
  'violationKind',
  'fineFen',
  'accidentGrade',
  'concealedDeaths',
  'totalDeaths',
  'seriousInjuries',
  'directLossFen',
  'category',
  'employeeOfSubject',
  'realName',
];

function QuoteView({ quote }: { quote: Quote }) {
  const t = useEstimateT();
  const lang = useLang();
  return (
    <section className="card estimate__result" aria-labelledby="estimate-result-title" data-testid="estimate-result">
      <h2 id="estimate-result-title">{t.resultTitle}</h2>
      <dl className="rewards">
        <div className="rewards__row">
          <dt>{t.amountLabel}</dt>
          <dd data-testid="estimate-amount">{t.yuan(formatRewardYuan(quote.amountFen))}</dd>
        </div>
        <div className="rewards__row">
          <dt>{t.rangeLabel}</dt>
          <dd className="estimate__detail" data-testid="estimate-range">
            {t.range(formatRewardYuan(quote.minFen), formatRewardYuan(quote.maxFen))}
          </dd>
        </div>
        <div className="rewards__row">
          <dt>{t.policyLabel}</dt>
          <dd className="estimate__detail" data-testid="estimate-policy">
            {lang === 'en' ? quote.policyTitle.en : quote.policyTitle.zh}
          </dd>
        </div>
        <div className="rewards__row">
          <dt>{t.documentsLabel}</dt>
          <dd className="estimate__detail" data-testid="estimate-documents">
            {lang === 'en' ? documentsText(quote.documents).en : documentsText(quote.documents).zh}
          </dd>
        </div>
      </dl>
      <h3 className="estimate__steps-title">{t.stepsLabel}</h3>
      <ol className="estimate__steps" data-testid="estimate-steps">
        {quote.explanation.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <p>
        <Link to="/report" className="button button--secondary">
          {t.reportNow}
        </Link>
      </p>
    </section>
  );
}
