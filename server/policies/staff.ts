import type { Actor, Rule } from '.';

const admin: Rule = (a: Actor) => a.role === 'admin';

export const staffPolicy = {
  'staff.list': admin,
  'staff.create': admin,
  'staff.update': admin,
  'staff.resetPassword': admin,
  /** Everyone manages their own password and second factor. */
  'self.manageSecurity': (() => true) as Rule,
  'units.read': (() => true) as Rule,
  'categories.manage': admin,
};
