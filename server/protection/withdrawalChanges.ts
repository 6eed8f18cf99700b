// The insider track and coercion-resistant withdrawal: the protection assessment, the
// bureau's decision to continue after a withdrawal, and the duress signal.
import type { ChangesFor } from '../reports/change';

const notBuilt = (): never => {
  throw new Error('not built yet');
};

export const withdrawalChanges: ChangesFor<'assess-protection' | 'decide-continuation' | 'duress-signal'> = {
  'assess-protection': notBuilt,
  'decide-continuation': notBuilt,
  'duress-signal': notBuilt,
};
