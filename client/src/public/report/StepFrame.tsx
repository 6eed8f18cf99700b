import type { ReactNode, Ref } from 'react';
import { useFormsT } from '../formsText';

export const STEP_COUNT = 4;

interface Props {
  step: number;
  title: string;
  headingRef: Ref<HTMLHeadingElement>;
  children: ReactNode;
  /** Steps with form controls are a fieldset; the review step is a plain section. */
  asFieldset?: boolean;
}

/** One step of the form: "第 n 步，共 4 步" and its heading (which receives focus on step change). */
export function StepFrame({ step, title, headingRef, children, asFieldset = true }: Props) {
  const t = useFormsT().report;
  const heading = (
    <>
      <span className="step__count">{t.stepOf(step, STEP_COUNT)}</span>
      <h2 className="step__title" tabIndex={-1} ref={headingRef} data-testid="step-heading">
        {title}
      </h2>
    </>
  );
  if (!asFieldset)
    return (
      <section className="step" aria-labelledby="step-title">
        <div className="step__legend" id="step-title">
          {heading}
        </div>
        {children}
      </section>
    );
  return (
    <fieldset className="step">
      <legend className="step__legend">{heading}</legend>
      {children}
    </fieldset>
  );
}

/** The step list at the top: where the reporter is, and what comes next. */
export function StepIndicator({ current }: { current: number }) {
  const t = useFormsT().report;
  const titles = [t.steps.what, t.steps.evidence, t.steps.identity, t.steps.review];
  return (
    <ol className="steps" aria-label={t.stepsLabel}>
      {titles.map((title, i) => (
        <li
          key={title}
          className={`steps__item${i + 1 === current ? ' steps__item--current' : ''}${i + 1 < current ? ' steps__item--done' : ''}`}
          aria-current={i + 1 === current ? 'step' : undefined}
        >
          <span className="steps__number" aria-hidden="true">
            {i + 1}
          </span>
          <span className="steps__title">{title}</span>
        </li>
      ))}
    </ol>
  );
}
