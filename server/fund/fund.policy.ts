import { rolesOnly } from '../access/rules';

export const fundPolicy = {
  /** Balances, ledger, monthly figures and finance's reward queues. */
  'fund.read': rolesOnly('finance', 'admin', 'reviewer'),
  /** Putting money into the fund is finance's alone. */
  'fund.appropriate': rolesOnly('finance'),
  /** Ledger and payout files leave the system: finance and administrators. */
  'fund.export': rolesOnly('finance', 'admin'),
};
