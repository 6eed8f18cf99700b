import { rolesOnly } from '../access/rules';

export const jurisdictionPolicy = {
  'jurisdiction.manage': rolesOnly('admin'),
};
