import { rolesOnly } from './rules';

export const responsibilityPolicy = {
  'responsibilities.manage': rolesOnly('admin'),
  /** Intake officers accept and assign reports, so they are the ones offered a unit. */
  'reports.suggestUnit': rolesOnly('intake'),
};
