// What anyone outside the account learns about it: never hashes or secrets.
import type { StaffView } from '../../shared/schemas/staff';
import type { Role } from '../../shared/roles';
import type { StaffFields } from './staff.model';

type StoredStaff = StaffFields & { _id: unknown; createdAt?: Date };

export function presentStaff(s: StoredStaff): StaffView {
  return {
    id: String(s._id),
    username: s.username,
    displayName: s.displayName,
    ...(s.email ? { email: s.email } : {}),
    role: s.role as Role,
    unitCode: s.unitCode,
    areaCodes: [...s.areaCodes],
    allAreas: s.allAreas === true,
    totpEnabled: !!s.totpSecretSealed,
    disabled: !!s.disabled,
    mustChangePassword: !!s.mustChangePassword,
    ...(s.lastLoginAt ? { lastLoginAt: s.lastLoginAt.toISOString() } : {}),
    createdAt: (s.createdAt ?? new Date(0)).toISOString(),
  };
}
