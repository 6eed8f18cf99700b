import { rolesOnly } from '../access/rules';

export const rewardControlsPolicy = {
  /** Who is on the exclusion register is kept by administrators and the discipline officer. */
  'rewards.exclusions.manage': rolesOnly('admin', 'discipline'),
  /** The anomaly views: finance, the discipline officer, leaders. */
  'rewards.anomalies.read': rolesOnly('finance', 'discipline', 'leader'),
};
