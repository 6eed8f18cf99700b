// Domain errors as RFC 9457 problem details, in the language the request asked for.
import { errorMessage, type ErrorCode, type Locale } from '../../../shared/errors';
import type { AppError, FieldError } from '../errors';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  requestId?: string;
  [extra: string]: unknown;
}

export function toProblem(err: AppError, locale: Locale, requestId?: string): ProblemDocument {
  const title = errorMessage(err.code, locale);
  const detail = err.detailOverride ? (locale === 'en' ? err.detailOverride.en : err.detailOverride.zh) : title;
  return {
    type: `https://woodpecker.invalid/problems/${err.code}`,
    title,
    status: err.status,
    detail,
    code: err.code,
    ...(err.fieldErrors.length ? { errors: err.fieldErrors } : {}),
    ...err.extra,
    ...(requestId ? { requestId } : {}),
  };
}

export function localeOf(acceptLanguage: string | undefined): Locale {
  return acceptLanguage && /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'zh-CN';
}
