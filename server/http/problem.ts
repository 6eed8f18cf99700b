// Application errors as RFC 9457 problem details with stable codes.
import { errorCatalog, errorMessage, type ErrorCode, type Locale } from '../../shared/errors';

export interface FieldError {
  path: string;
  code?: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fieldErrors: FieldError[] = [],
    /** Extra members for the problem document (e.g. retryAfterSeconds). */
    readonly extra: Record<string, unknown> = {},
    /** A more specific detail than the catalogue's message, per locale. */
    readonly detailOverride?: { zh: string; en: string },
  ) {
    super(code);
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }
}

export const fail = (code: ErrorCode, fieldErrors: FieldError[] = [], extra: Record<string, unknown> = {}) => new AppError(code, fieldErrors, extra);

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
