import { rolesOnly } from '../access/rules';

export const responsibilityPolicy = {
  'responsibilities.manage': rolesOnly('admin'),
};
