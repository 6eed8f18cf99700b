// The monthly random sample of rewarded cases, inspected again by a verifier who
// did not handle them.
import type { ChangesFor } from '../reports/change';

const notBuilt = () => {
  throw new Error('not built yet');
};

export const sampleChanges: ChangesFor<'sample-drawn' | 'record-sample-check'> = {
  'sample-drawn': notBuilt,
  'record-sample-check': notBuilt,
};
