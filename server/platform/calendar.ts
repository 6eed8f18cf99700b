// Due dates on the official calendar. Calendar days count every day; working days
// skip weekends and the State Council's public holidays and count its make-up
// working days (the `chinese-days` package ships that calendar year by year:
// update the package when a new year's calendar is published; until then a year
// it does not list counts Monday to Friday). A period of N days runs to the end
// of the Nth day after its start, in Asia/Shanghai.
import { isWorkday } from 'chinese-days';
import type { LegalPeriod } from '../../shared/periods';
import { endOfShanghaiDay, shanghaiDay, shanghaiDayStart } from '../../shared/dates';

const DAY = 86_400_000;

/** The Shanghai day `n` days after `day` (YYYY-MM-DD arithmetic at noon, far from any edge). */
const dayAfter = (day: string, n: number): string =>
  new Date(shanghaiDayStart(day).getTime() + n * DAY + 12 * 3_600_000).toISOString().slice(0, 10);

export const isWorkingDay = (day: string): boolean => isWorkday(day);

/** The last day of a period of `days` starting on the event at `start`. */
export function lastDayOf(start: Date, period: Pick<LegalPeriod, 'days' | 'unit'>): string {
  const first = shanghaiDay(start);
  if (period.unit === 'calendar') return dayAfter(first, period.days);
  let day = first;
  for (let counted = 0; counted < period.days;) {
    day = dayAfter(day, 1);
    if (isWorkingDay(day)) counted++;
  }
  return day;
}

/** When a period of `days` starting at `start` is over: the end of its last day in China. */
export const periodEnd = (start: Date, period: Pick<LegalPeriod, 'days' | 'unit'>): Date =>
  endOfShanghaiDay(shanghaiDayStart(lastDayOf(start, period)));
