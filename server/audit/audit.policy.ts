import { rolesOnly } from '../access/rules';

export const auditPolicy = {
  'audit.read': rolesOnly('admin'),
  'audit.verify': rolesOnly('admin'),
};
