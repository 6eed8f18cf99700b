import { rolesOnly } from '../access/rules';

export const partnerPolicy = {
  /** Partner systems hold keys that put cases into the queue: administrators alone register them. */
  'partners.manage': rolesOnly('admin'),
};
