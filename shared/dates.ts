// Calendar days and months as the bureau counts them: China Standard Time,
// whatever the server's clock zone. China keeps no summer time, so a day there
// is always [00:00+08:00, next 00:00+08:00). Days are 'YYYY-MM-DD', months 'YYYY-MM'.
const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const DAY_MS = 24 * 60 * 60 * 1000;

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM-DD' of the given instant in Asia/Shanghai. */
export function shanghaiDay(at: Date = new Date()): string {
  return shanghaiDate.format(at);
}

/** 'YYYY-MM-DD HH:mm' of the given instant in Asia/Shanghai, for deadlines that fall within a day. */
export function shanghaiDateTime(at: Date): string {
  const hhmm = new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(11, 16);
  return `${shanghaiDay(at)} ${hhmm}`;
}

/** 'YYYY-MM' of the given instant in Asia/Shanghai. */
export function shanghaiMonthOf(at: Date = new Date()): string {
  return shanghaiDay(at).slice(0, 7);
}

/** The instant a Shanghai day begins (00:00 at +08:00). */
export function shanghaiDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The instant the Shanghai day containing `at` ends: the next 00:00 at +08:00. */
export function endOfShanghaiDay(at: Date): Date {
  return new Date(shanghaiDayStart(shanghaiDay(at)).getTime() + DAY_MS);
}

/** The instant a Shanghai month begins (the 1st, 00:00 at +08:00). */
export function shanghaiMonthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00+08:00`);
}

const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** The month `n` months after (or before, when negative) `month`. */
export function addMonths(month: string, n: number): string {
  const index = monthIndex(month) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many months `from`..`to` covers, both counted ('2025-01'..'2025-01' is 1). */
export function monthsSpanned(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from) + 1;
}

/** Months from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  return Array.from({ length: Math.max(0, monthsSpanned(from, to)) }, (_, i) => addMonths(from, i));
}

/** The instant a Shanghai month ends (the start of the next one). */
export function shanghaiMonthEnd(month: string): Date {
  return shanghaiMonthStart(addMonths(month, 1));
}
