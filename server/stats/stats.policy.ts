import { rolesOnly } from '../access/rules';

/** Leadership figures: staff who run the reports and the money; verifiers work their own cases. */
export const statsPolicy = {
  'stats.read': rolesOnly('admin', 'reviewer', 'finance', 'intake'),
  'stats.manage': rolesOnly('admin'),
};
