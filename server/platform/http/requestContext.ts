// What middlewares learn about a request, typed once for every route.
import type { Locale } from '../../../shared/errors';
import type { Actor } from '../../access';

export interface StaffContext {
  actor: Actor;
  csrfToken: string;
  sessionToken: string;
  /** The role requires a second factor the account has not enrolled yet. */
  mustEnrolTotp: boolean;
  /** The account still has a password an administrator handed out: it may only change it. */
  mustChangePassword: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
    locale: Locale;
    staff?: StaffContext;
  }
}

export {};
