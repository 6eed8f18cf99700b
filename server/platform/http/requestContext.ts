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

/** A partner system whose signed exchange request was verified. */
export interface PartnerContext {
  code: string;
  keyId: string;
  testMode: boolean;
}

/** Why a partner request's signature was refused. */
export type PartnerRefusal = 'missing' | 'stale' | 'bad-nonce' | 'mismatch' | 'unknown-key' | 'replayed';

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
    locale: Locale;
    staff?: StaffContext;
    /** The partner system a signed exchange request came from (server/exchange/partnerAuth.ts). */
    partner?: PartnerContext;
    /** Why an exchange request's signature was refused, when it was. */
    partnerRefusal?: PartnerRefusal;
    /** The body as received, kept on the exchange paths for the signature check. */
    rawBody?: Buffer;
  }
}

export {};
