// Amounts on the finance page.
import { parseYuan } from '../../../../../shared/money';

export { formatYuan } from '../../../../../shared/money';

/** A positive amount typed in yuan, as fen; null when it is not one. */
export function parsePositiveYuan(text: string): number | null {
  const fen = parseYuan(text);
  return fen ? fen : null;
}

export { newIdempotencyKey } from '../../idempotencyKey';
