import { rolesOnly } from './rules';

export const auditPolicy = {
  'audit.read': rolesOnly('admin'),
  'audit.verify': rolesOnly('admin'),
};
