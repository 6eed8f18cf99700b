// The months the stats pages offer, as the bureau counts them (Asia/Shanghai).
import { addMonths, shanghaiMonthOf } from '../../../../../shared/dates';

export const currentMonth = (): string => shanghaiMonthOf(new Date());

/** The latest `count` months, newest first. */
export const recentMonths = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => addMonths(currentMonth(), -i));
