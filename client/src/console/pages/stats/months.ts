// Months as the bureau counts them (Asia/Shanghai), 'YYYY-MM'.
const shanghaiMonthFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

export const currentMonth = (): string => shanghaiMonthFormat.format(new Date()).slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The latest `count` months, newest first. */
export const recentMonths = (count: number): string[] => Array.from({ length: count }, (_, i) => addMonths(currentMonth(), -i));
