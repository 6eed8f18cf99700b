import { rolesOnly } from './rules';

export const fundPolicy = {
  'fund.read': rolesOnly('finance', 'admin', 'reviewer'),
};
