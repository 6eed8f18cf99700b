// The retention schedule's deletions, one step per report and run.
import type { ChangesFor } from '../reports/change';

const notBuilt = (): never => {
  throw new Error('not built yet');
};

export const retentionChanges: ChangesFor<'retention-deleted'> = {
  'retention-deleted': notBuilt,
};
