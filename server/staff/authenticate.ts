// Resolves the staff session cookie to an actor. It never rejects a request:
// routes decide whether they need a staff member.
import { parse as parseCookies } from 'cookie';
import type { RequestHandler } from 'express';
import type { Role } from '../../shared/roles';
import { touchSession, type SessionPolicy } from './sessions';
import { unitLevel } from '../catalog/units';
import { Staff, type StaffFields } from './staff.model';
import type { Actor } from '../access';
import '../platform/http/requestContext';

/** What a staff member may do and where, as every command receives it. */
export async function staffActor(staff: StaffFields & { _id: unknown }): Promise<Actor> {
  return {
    id: String(staff._id),
    username: staff.username,
    role: staff.role as Role,
    unitCode: staff.unitCode,
    // The level follows the unit, so moving a unit between levels moves its staff with it.
    level: await unitLevel(staff.unitCode),
    areaCodes: staff.areaCodes,
    allAreas: staff.allAreas === true,
  };
}

export function authenticate(policy: SessionPolicy, totpRequiredRoles: string[], cookieName: string): RequestHandler {
  return async (req, _res, next) => {
    const token = parseCookies(req.get('cookie') ?? '')[cookieName];
    if (!token) return next();
    const session = await touchSession(token, policy);
    if (!session) return next();
    const staff = await Staff.findById(session.staffId).lean();
    if (!staff || staff.disabled) return next();
    req.staff = {
      actor: await staffActor(staff),
      csrfToken: session.csrfToken,
      sessionToken: token,
      mustEnrolTotp: totpRequiredRoles.includes(staff.role) && !staff.totpSecretSealed,
      mustChangePassword: staff.mustChangePassword === true,
    };
    next();
  };
}
