// Check-ins (回访) and protection cases: retaliation reported, referred and closed.
import type { ChangesFor } from '../reports/change';

const notBuilt = (): never => {
  throw new Error('not built yet');
};

export const protectionChanges: ChangesFor<
  | 'open-protection-case'
  | 'refer-protection-case'
  | 'close-protection-case'
  | 'check-in-sent'
  | 'check-in-answered'
  | 'retaliation-reported'
> = {
  'open-protection-case': notBuilt,
  'refer-protection-case': notBuilt,
  'close-protection-case': notBuilt,
  'check-in-sent': notBuilt,
  'check-in-answered': notBuilt,
  'retaliation-reported': notBuilt,
};
