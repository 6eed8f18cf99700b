import { rolesOnly } from './rules';

export const responsibilityPolicy = {
  'responsibilities.manage': rolesOnly('admin'),
};
