// Months as the bureau counts them (Asia/Shanghai), as 'YYYY-MM' strings.
import { shanghaiDay } from '../../shared/dates';

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function shanghaiMonth(at: Date): string {
  return shanghaiDay(at).slice(0, 7);
}

/** The month `n` months after (or before, when negative) `month`. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The instant a Shanghai month ends (midnight at the start of the next month, UTC+8). */
export function monthEnd(month: string): Date {
  const next = addMonths(month, 1);
  return new Date(`${next}-01T00:00:00+08:00`);
}
