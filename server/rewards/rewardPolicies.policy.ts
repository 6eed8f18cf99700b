import { rolesOnly } from '../access/rules';

export const rewardPolicyPolicy = {
  /** Drafts and every version: those who draft and those who publish. */
  'rewardPolicies.read': rolesOnly('admin', 'leader'),
  'rewardPolicies.draft': rolesOnly('admin'),
  /** Four-eyes is checked on the draft itself: never by whoever drafted or edited it. */
  'rewardPolicies.publish': rolesOnly('admin', 'leader'),
};
