// Shapes of the staff API, taken from the server's zod schemas in shared/ so that a change
// there fails the client's type check instead of a user's screen. Type-only imports:
// no zod reaches the browser bundle.
import type { z } from 'zod';
import type { sessionResponse } from '../../../shared/schemas/auth';
import type {
  auditListResponse,
  auditVerifyResponse,
  catalogResponse,
  unitsResponse,
} from '../../../shared/schemas/common';
import type { PosterView } from '../../../shared/schemas/poster';
import type { StaffView } from '../../../shared/schemas/staff';

export { roles as ROLES, type Role } from '../../../shared/roles';
export type { PosterView, StaffView };

export type SessionPayload = z.infer<typeof sessionResponse>;
export type Catalog = z.infer<typeof catalogResponse>;
export type Unit = z.infer<typeof unitsResponse>['items'][number];
export type Area = Catalog['areas'][number];
export type Sector = Catalog['sectors'][number];
export type AuditPage = z.infer<typeof auditListResponse>;
export type AuditEntry = AuditPage['items'][number];
export type AuditVerification = z.infer<typeof auditVerifyResponse>;

export interface LocalizedName {
  zh: string;
  en: string;
}
