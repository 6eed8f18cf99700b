import { anyStaff, rolesOnly } from '../access/rules';

const admin = rolesOnly('admin');

export const staffPolicy = {
  'staff.list': admin,
  'staff.create': admin,
  'staff.update': admin,
  'staff.resetPassword': admin,
  /** Everyone manages their own password and second factor. */
  'self.manageSecurity': anyStaff,
  'units.read': anyStaff,
  'categories.manage': admin,
};
