// Leadership approval of a reward beyond one officer's say, and settling a claim
// whose checks raised a flag.
import type { ChangesFor } from '../reports/change';

type ApprovalAction = 'approve-reward-leadership' | 'clear-claim-flags';

export const approvalChanges: ChangesFor<ApprovalAction> = {
  'approve-reward-leadership': () => {
    throw new Error('not built yet');
  },
  'clear-claim-flags': () => {
    throw new Error('not built yet');
  },
};
