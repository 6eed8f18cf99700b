// Building blocks for the policy tables (kept apart from index.ts, which imports the tables).
import type { Role } from '../../shared/roles';
import type { Rule } from '.';

/** Allowed to these roles only. */
export const rolesOnly =
  (...allowed: Role[]): Rule =>
  (actor) =>
    allowed.includes(actor.role);

/** Allowed to every signed-in staff member. */
export const anyStaff: Rule = () => true;
