// Money corrections after a payment: a top-up (补发) when the fine or the final
// accident grade arrives later, a recovery (追回) when the reward was obtained by
// fraud or its penalty was quashed.
import type { ChangesFor } from '../reports/change';

type CorrectionAction =
  | 'propose-top-up'
  | 'approve-top-up'
  | 'record-top-up-payout'
  | 'propose-recovery'
  | 'approve-recovery'
  | 'record-recovery';

const notBuilt = () => {
  throw new Error('not built yet');
};

export const correctionChanges: ChangesFor<CorrectionAction> = {
  'propose-top-up': notBuilt,
  'approve-top-up': notBuilt,
  'record-top-up-payout': notBuilt,
  'propose-recovery': notBuilt,
  'approve-recovery': notBuilt,
  'record-recovery': notBuilt,
};
