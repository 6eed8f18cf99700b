// The estimator's form state, and the quote request it makes (money in integer fen).
import type { z } from 'zod';
import type { rewardQuoteBody, rewardQuoteResponse } from '../../../../shared/schemas/rewards';

export type QuoteRequest = Omit<z.input<typeof rewardQuoteBody>, 'reportedOn'>;
export type Quote = z.infer<typeof rewardQuoteResponse>;

export type Scheme = QuoteRequest['scheme'];
export type ViolationKind = NonNullable<QuoteRequest['violationKind']>;
export type AccidentGrade = 'general' | 'larger' | 'major' | 'especially-major';

export interface EstimateForm {
  scheme: Scheme;
  violationKind: ViolationKind;
  /** For welding: '' when it is not also a major hazard or violation. */
  weldingAlso: '' | 'major-hazard' | 'illegal-operation';
  fineYuan: string;
  accidentGrade: AccidentGrade | '';
  concealedDeaths: string;
  /** The accident's facts, from which its minimum grade follows; empty when not known. */
  totalDeaths: string;
  seriousInjuries: string;
  directLossYuan: string;
  /** A report category code, or '' (some categories, coal mines, are outside the city scheme). */
  category: string;
  employeeOfSubject: boolean;
  realName: boolean;
}

export const initialForm: EstimateForm = {
  scheme: 'violation',
  violationKind: 'major-hazard',
  weldingAlso: '',
  fineYuan: '',
  accidentGrade: '',
  concealedDeaths: '1',
  totalDeaths: '',
  seriousInjuries: '',
  directLossYuan: '',
  category: '',
  employeeOfSubject: false,
  realName: true,
};

/** A whole number as typed, sent even when it is not one so that the server names the field; absent when empty. */
function count(typed: string): number | undefined {
  if (!typed.trim()) return undefined;
  const n = Number(typed);
  return Number.isFinite(n) ? n : -1;
}

/** The request for the chosen scheme, sending only the fields that scheme uses. */
export function quoteRequestOf(form: EstimateForm, fineFen: number | undefined, directLossFen?: number): QuoteRequest {
  const person = {
    employeeOfSubject: form.employeeOfSubject,
    realName: form.realName,
    ...(form.category ? { category: form.category } : {}),
  };
  switch (form.scheme) {
    case 'violation':
      return { scheme: 'violation', violationKind: form.violationKind, fineFen, ...person };
    case 'welding':
      return {
        scheme: 'welding',
        ...(form.weldingAlso ? { violationKind: form.weldingAlso } : {}),
        fineFen,
        ...person,
      };
    case 'concealed-accident': {
      const facts = {
        concealedDeaths: count(form.concealedDeaths),
        totalDeaths: count(form.totalDeaths),
        seriousInjuries: count(form.seriousInjuries),
        directLossFen,
      };
      return {
        scheme: 'concealed-accident',
        ...(form.accidentGrade ? { accidentGrade: form.accidentGrade } : {}),
        ...Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)),
        ...person,
      };
    }
  }
}
