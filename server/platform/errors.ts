// Domain errors with stable codes from shared/errors. Any layer may throw them;
// the HTTP layer turns them into RFC 9457 problem documents (http/problem.ts).
import { errorCatalog, type ErrorCode } from '../../shared/errors';

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

export const fail = (code: ErrorCode, fieldErrors: FieldError[] = [], extra: Record<string, unknown> = {}) =>
  new AppError(code, fieldErrors, extra);
