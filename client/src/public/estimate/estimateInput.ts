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
  employeeOfSubject: false,
  realName: true,
};

/** The request for the chosen scheme, sending only the fields that scheme uses. */
export function quoteRequestOf(form: EstimateForm, fineFen: number | undefined): QuoteRequest {
  const person = { employeeOfSubject: form.employeeOfSubject, realName: form.realName };
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
      const deaths = Number(form.concealedDeaths);
      return {
        scheme: 'concealed-accident',
        ...(form.accidentGrade ? { accidentGrade: form.accidentGrade } : {}),
        // Sent as typed (whole numbers only pass the server's check), so the server names the field.
        ...(form.concealedDeaths.trim() ? { concealedDeaths: Number.isFinite(deaths) ? deaths : -1 } : {}),
        ...person,
      };
    }
  }
}
