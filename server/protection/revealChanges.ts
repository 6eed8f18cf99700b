// Dual-control identity reveals: request, a custodian's approval or refusal, the reveal.
import type { ChangesFor } from '../reports/change';

const notBuilt = (): never => {
  throw new Error('not built yet');
};

export const revealChanges: ChangesFor<
  'request-identity-reveal' | 'approve-identity-reveal' | 'refuse-identity-reveal' | 'reveal-identity'
> = {
  'request-identity-reveal': notBuilt,
  'approve-identity-reveal': notBuilt,
  'refuse-identity-reveal': notBuilt,
  'reveal-identity': notBuilt,
};
