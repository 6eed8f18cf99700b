import { Suspense, useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ReportInput } from '../../../../shared/schemas/report';
import { ApiError, describeError } from '../../api';
import type { PickedFile } from '../evidence/evidenceFiles';
import { ChunkErrorBoundary } from '../ChunkErrorBoundary';
import { forgetFailedParts } from '../retryableImport';
import { ErrorSummary } from '../forms/Field';
import { formsTextFor, useFormsT } from '../formsText';
import { useLang, useT } from '../../i18n';
import { isAbort } from '../upload';
import { useCatalog } from '../useCatalog';
import { useOnline } from '../useOnline';
import { whenIdle } from '../whenIdle';
import { clearStoredDraft, hasContent, newIdempotencyKey, useReportDraft, type ReportDraft } from './draft';
import { controlIdOf, errorsOfStep, stepOfField, type FieldErrors } from './fieldPaths';
import {
  loadForSubmission,
  loadValidation,
  submissionPartsNow,
  prefetchLaterParts,
  releaseFilesLater,
  StepEvidence,
  StepIdentity,
  StepReview,
  SubmitStatus,
  warmProofLater,
} from './laterParts';
import { useBeforeUnload, useGuardedLinks } from './leaveGuard';
import { useStepHistory } from './stepHistory';
import { usePoster } from './usePoster';
import { StepFrame, StepIndicator, STEP_COUNT } from './StepFrame';
import { StepWhat } from './StepWhat';
import { isWeldingCategory } from './WeldingWarning';
import type { Receipt, SubmitPhase, submitReport } from './submitReport';
import type { serverFieldErrors } from './validation';

/** The error paths a change to these draft fields answers (others share the field's name). */
const PATHS_OF_FIELD: Partial<Record<keyof ReportDraft, string[]>> = {
  identity: ['anonymous', 'reporter', 'employeeOfSubject'],
  name: ['reporter.name'],
  phone: ['reporter.phone'],
  smsNotice: ['notifyBySms', 'reporter.phone'],
  noticePhone: ['noticePhone'],
  email: ['reporter.email'],
  shareLocation: ['location'],
};

/** Errors belong to the step they were found on. */
interface ShownErrors {
  step: number;
  errors: FieldErrors;
}
const NO_ERRORS: ShownErrors = { step: 0, errors: {} };

/** The draft less what a poster filled in and the reporter left as it was. */
function withoutPosterFill(draft: ReportDraft, filled: Partial<ReportDraft>): ReportDraft {
  const kept = (Object.keys(filled) as (keyof ReportDraft)[]).filter((field) => draft[field] === filled[field]);
  return { ...draft, ...Object.fromEntries(kept.map((field) => [field, ''])) };
}

/** A later step while its chunk arrives; if it cannot (weak network), a way to try again in place. */
function LaterStep({ children }: { children: ReactNode }) {
  const loading = useT().common.loading;
  return (
    <ChunkErrorBoundary onRetry={forgetFailedParts}>
      <Suspense fallback={<p className="muted">{loading}</p>}>{children}</Suspense>
    </ChunkErrorBoundary>
  );
}

/** The four steps of a report; hands the receipt up once the server has it. */
export function ReportForm({ onSubmitted }: { onSubmitted(receipt: Receipt, anonymous: boolean): void }) {
  const t = useFormsT();
  const common = useT();
  const catalog = useCatalog();
  const online = useOnline();
  const [search] = useSearchParams();
  const { draft, update, discard, restored } = useReportDraft();
  const poster = usePoster(search.get('poster'), draft, update);
  const [files, setFiles] = useState<PickedFile[]>([]);
  // Another step shows none of them.
  const [shown, setShown] = useState<ShownErrors>(NO_ERRORS);
  const [checks, setChecks] = useState(0);
  const [phase, setPhase] = useState<SubmitPhase | null>(null);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState('');
  const uploading = useRef<AbortController | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const sending = phase !== null;
  const unsent = hasContent(withoutPosterFill(draft, poster.filled)) || files.length > 0;
  const [fresh] = useState(() => !hasContent(draft) && draft.step <= 1);

  // Leaving asks first while something would be lost: the browser on close and reload, the
  // form on Back from its first step and on links inside the app. Confirmed, it asks no more.
  const leaving = useRef(false);
  const confirmLeave = () => window.confirm(sending ? t.report.leaveWhileUploading : t.report.leaveConfirm);
  useBeforeUnload(() => !leaving.current && (unsent || sending));
  useGuardedLinks(() => {
    if (unsent || sending) leaving.current = confirmLeave();
    return leaving.current || !(unsent || sending);
  });
  const steps = useStepHistory({
    savedStep: Math.min(Math.max(draft.step, 1), STEP_COUNT),
    fresh,
    unsent: unsent || sending,
    locked: sending,
    confirmLeave,
    onLeave: () => {
      leaving.current = true;
    },
  });
  const step = steps.step;
  const errors = shown.step === step ? shown.errors : {};

  // A tap that waits for a chunk acts on the form as it is once the chunk is here, and not at
  // all if the reporter moved to another step or discarded the draft meanwhile.
  const draftNow = useRef(draft);
  draftNow.current = draft;
  const stepNow = useRef(step);
  stepNow.current = step;
  const moves = useRef(0);

  // A move through history (Back, Forward, the form's own buttons): kept in the draft, so a
  // new tab restores it; a tap still waiting is void; another step's errors and failure go.
  // Errors found for the step being moved to (a submission sent back to step 1) stay, and
  // their summary takes the focus once that step shows.
  const shownNow = useRef(shown);
  shownNow.current = shown;
  useEffect(() => {
    moves.current += 1;
    if (draftNow.current.step !== step) update({ step });
    const pending = shownNow.current.step === step && Object.keys(shownNow.current.errors).length > 0;
    if (pending) setChecks((n) => n + 1);
    else setShown(NO_ERRORS);
    setFailure('');
  }, [step, update]);

  // Once the first screen is up and the browser idle: the later steps, then the proof of
  // work, solved while the reporter types (refreshed on the last step if they took long).
  useEffect(() => whenIdle(prefetchLaterParts), []);
  useEffect(() => {
    if (step === STEP_COUNT) void warmProofLater().catch(() => undefined);
  }, [step]);

  // Focus the new step's heading (not on first load: the page heading comes first).
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  // Thumbnails' object URLs die with the form.
  const filesNow = useRef(files);
  filesNow.current = files;
  useEffect(() => () => releaseFilesLater(filesNow.current), []);

  // Leaving the form within the app stops a submission still under way (its receipt would have nowhere to go).
  useEffect(() => () => uploading.current?.abort(), []);

  /** A change by the reporter: saved, and the errors it answers cleared. */
  const edit = useCallback(
    (patch: Partial<ReportDraft>) => {
      update(patch);
      const answered = (Object.keys(patch) as (keyof ReportDraft)[]).flatMap(
        (field) => PATHS_OF_FIELD[field] ?? [field],
      );
      setShown((current) => {
        if (!answered.some((path) => path in current.errors)) return current;
        const rest = { ...current.errors };
        for (const path of answered) delete rest[path];
        return { ...current, errors: rest };
      });
    },
    [update],
  );

  // Another language: the same problems, reworded (errors shown means the check has loaded).
  const lang = useLang();
  useEffect(() => {
    if (!Object.keys(shown.errors).length) return;
    let live = true;
    loadValidation().then(
      ({ checkDraft }) => {
        if (!live) return;
        const reworded = checkDraft(draft, formsTextFor(lang).fieldErrors).errors;
        setShown((current) => ({
          ...current,
          errors: Object.fromEntries(
            Object.entries(current.errors).map(([path, message]) => [path, reworded[path] ?? message]),
          ),
        }));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // Only a language change rewords; the draft and errors are read as they are then.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [lang]);

  const showErrors = (all: FieldErrors, atStep: number) => {
    setShown({ step: atStep, errors: errorsOfStep(all, atStep) });
    setChecks((n) => n + 1);
  };

  const goTo = (next: number) => {
    moves.current += 1;
    steps.goTo(next);
  };

  const onNext = async (event: FormEvent) => {
    event.preventDefault();
    // Prefetched once the first step showed: usually at hand, and then the step changes within the tap.
    const move = moves.current;
    const validation = loadValidation.now() ?? (await loadValidation().catch(() => undefined));
    if (moves.current !== move) return; // went back, or discarded, while the check arrived
    if (!validation) return setFailure(common.errors.network);
    const mine = errorsOfStep(validation.checkDraft(draftNow.current, t.fieldErrors).errors, step);
    if (Object.keys(mine).length) return showErrors(mine, step);
    goTo(step + 1);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (uploading.current) return; // a second tap while this one runs must not send twice
    const controller = new AbortController();
    uploading.current = controller;
    try {
      await submit(controller.signal);
    } finally {
      uploading.current = null;
      setPhase(null);
    }
  };

  const submit = async (signal: AbortSignal) => {
    let parts = submissionPartsNow(); // prefetched while the reporter typed: usually at hand
    if (!parts) {
      // Shown like sending (the buttons wait, Cancel stops it), so the draft cannot change under the tap.
      setPhase({ kind: 'preparing' });
      parts = await loadForSubmission(signal).catch(() => undefined);
      if (signal.aborted) return setFailure(t.report.uploadCancelled);
      if (!parts) return setFailure(t.report.submitFailed);
    }
    const latest = draftNow.current;
    if (stepNow.current !== STEP_COUNT) return; // the form moved on meanwhile: nothing to send
    const { checkDraft, serverFieldErrors } = parts.validation;
    const { submitReport } = parts.submission;
    const { input, errors: all } = checkDraft(latest, t.fieldErrors);
    if (!input) {
      const first = Math.min(...Object.keys(all).map(stepOfField));
      goTo(first);
      return showErrors(all, first);
    }
    setFailure('');
    try {
      const receipt = await sendDroppingUnknownPoster(submitReport, input, signal);
      clearStoredDraft();
      leaving.current = true; // the receipt takes over; nothing unsent is left
      onSubmitted(receipt, input.anonymous);
    } catch (error) {
      explainFailure(error, serverFieldErrors);
    }
  };

  /** A poster the server does not know is left out, and the report sent again without it. */
  const sendDroppingUnknownPoster = async (
    send: typeof submitReport,
    input: ReportInput,
    signal: AbortSignal,
  ): Promise<Receipt> => {
    try {
      return await send(input, files, draft.idempotencyKey, { onPhase: setPhase, signal });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'report.unknown_poster' && input.posterCode)) throw error;
      setNotice(t.report.posterDropped);
      poster.drop();
      return send({ ...input, posterCode: undefined }, files, draft.idempotencyKey, {
        onPhase: setPhase,
        signal,
      });
    }
  };

  const explainFailure = (error: unknown, wordServerErrors: typeof serverFieldErrors) => {
    if (isAbort(error)) return setFailure(t.report.uploadCancelled);
    if (!(error instanceof ApiError)) return setFailure(t.report.submitFailed);
    if (error.code === 'idempotency.mismatch') {
      // An earlier attempt of this draft did arrive, with other content; its receipt was lost.
      update({ idempotencyKey: newIdempotencyKey() });
      return setFailure(t.report.resubmitNote);
    }
    const fieldErrors = wordServerErrors(error.errors, t.fieldErrors);
    const steps = Object.keys(fieldErrors)
      .map(stepOfField)
      .filter((s) => s < STEP_COUNT);
    if (steps.length) {
      const first = Math.min(...steps);
      goTo(first);
      return showErrors(fieldErrors, first);
    }
    setFailure(error.status === 0 ? t.report.submitFailed : describeError(error));
  };

  const onDiscard = () => {
    if (!window.confirm(t.report.discardConfirm)) return;
    moves.current += 1;
    releaseFilesLater(files);
    setFiles([]);
    setShown(NO_ERRORS);
    setFailure('');
    discard();
    goTo(1);
  };

  const cancel = () => uploading.current?.abort();
  // While the status's chunk is missing (it comes with the review step), a way to stop all the same.
  const cancelButton = (
    <button type="button" className="button button--quiet" onClick={cancel}>
      {t.report.cancelUpload}
    </button>
  );

  const titles = [t.report.steps.what, t.report.steps.evidence, t.report.steps.identity, t.report.steps.review];
  const summary = Object.entries(errors).map(([path, message]) => ({ target: controlIdOf(path), message }));

  return (
    <div className="report">
      <h1>{t.report.title}</h1>
      {poster.code && (
        <p className="poster-tag" data-testid="poster-tag">
          {t.report.fromPoster(poster.code)}
          {poster.site && <span className="poster-tag__site">{poster.site}</span>}
        </p>
      )}
      <div aria-live="polite">
        {(notice || poster.unknown) && <p className="callout callout--info">{notice || t.report.posterUnknown}</p>}
      </div>
      {step === 1 && <p className="muted">{t.report.intro}</p>}
      {restored && step === 1 && <p className="muted">{t.report.draftRestored}</p>}
      <div aria-live="polite">{!online && <p className="callout callout--warn">{t.report.offline}</p>}</div>
      <StepIndicator current={step} />

      <form noValidate onSubmit={step === STEP_COUNT ? onSubmit : onNext} data-testid="report-form">
        <StepFrame step={step} title={titles[step - 1]} headingRef={heading} asFieldset={step !== STEP_COUNT}>
          <ErrorSummary title={t.report.errorSummaryTitle(summary.length)} items={summary} version={checks} />
          {step === 1 && (
            <StepWhat draft={draft} update={edit} errors={errors} catalog={catalog} leadSector={poster.sector} />
          )}
          {step > 1 && (
            <LaterStep key={step}>
              {step === 2 && <StepEvidence files={files} onChange={setFiles} />}
              {step === 3 && (
                <StepIdentity
                  draft={draft}
                  update={edit}
                  errors={errors}
                  welding={isWeldingCategory(catalog, draft.category)}
                />
              )}
              {step === 4 && (
                <StepReview draft={draft} files={files} catalog={catalog} onEdit={goTo} sending={sending} />
              )}
            </LaterStep>
          )}
        </StepFrame>

        {phase && (
          <ChunkErrorBoundary fallback={cancelButton}>
            <Suspense fallback={cancelButton}>
              <SubmitStatus phase={phase} onCancel={cancel} />
            </Suspense>
          </ChunkErrorBoundary>
        )}
        <div role="alert" className="form-failure">
          {failure && <p className="callout callout--error">{failure}</p>}
        </div>

        <div className="form-nav">
          {step < STEP_COUNT ? (
            <button type="submit" className="button button--primary">
              {t.report.next}
            </button>
          ) : (
            <button type="submit" className="button button--primary" disabled={sending} data-testid="submit-report">
              {t.report.submit}
            </button>
          )}
          {step > 1 && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => goTo(step - 1)}
              disabled={sending}
            >
              {t.report.back}
            </button>
          )}
        </div>
      </form>
      <p className="report__discard">
        <button type="button" className="button button--link" onClick={onDiscard} disabled={sending}>
          {t.report.discardDraft}
        </button>
      </p>
    </div>
  );
}
