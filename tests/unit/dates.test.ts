// Shanghai days and months, whatever the clock zone of the machine.
import {
  shanghaiDateTime,
  addMonths,
  endOfShanghaiDay,
  MONTH_PATTERN,
  monthsBetween,
  monthsSpanned,
  shanghaiDay,
  shanghaiDayStart,
  shanghaiMonthEnd,
  shanghaiMonthOf,
  shanghaiMonthStart,
} from '../../shared/dates';

describe('Shanghai days and months', () => {
  test('an instant late on the 31st in UTC is already the 1st of the next month in Shanghai', () => {
    const at = new Date('2026-01-31T16:30:00Z');
    expect([shanghaiDay(at), shanghaiMonthOf(at)]).toEqual(['2026-02-01', '2026-02']);
  });

  test('a day starts and ends at 00:00 +08:00', () => {
    expect(shanghaiDayStart('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(endOfShanghaiDay(new Date('2026-02-28T16:00:00Z')).toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(endOfShanghaiDay(new Date('2026-02-28T15:59:59.999Z')).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(endOfShanghaiDay(new Date('2026-12-31T20:00:00Z')).toISOString()).toBe('2027-01-01T16:00:00.000Z');
  });

  test('months: adding across years, spans and lists, starts and ends', () => {
    expect([
      addMonths('2026-01', -1),
      addMonths('2025-12', 1),
      addMonths('2026-05', -17),
      addMonths('2026-05', 0),
    ]).toEqual(['2025-12', '2026-01', '2024-12', '2026-05']);
    expect([
      monthsSpanned('2025-01', '2025-01'),
      monthsSpanned('2025-11', '2026-02'),
      monthsSpanned('2026-02', '2026-01'),
    ]).toEqual([1, 4, 0]);
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
    expect(shanghaiMonthStart('2026-03').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(shanghaiMonthEnd('2025-12').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(['2026-12', '2026-13', '2026-00', '2026-1'].map((m) => MONTH_PATTERN.test(m))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('shanghaiDateTime', () => {
  test('shows the China time of an instant, across the UTC day boundary', () => {
    expect(shanghaiDateTime(new Date('2026-11-28T16:30:00Z'))).toBe('2026-11-29 00:30');
    expect(shanghaiDateTime(new Date('2026-11-28T15:59:00Z'))).toBe('2026-11-28 23:59');
  });
});
