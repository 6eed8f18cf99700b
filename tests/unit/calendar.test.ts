// Due dates on the official PRC calendar (the chinese-days package): working days
// skip weekends and the State Council's holidays and count its make-up working
// days; calendar days count every day; a period ends with its last day in China.
// 2026: Mid-Autumn Festival 25 September, National Day 1–7 October; Sunday 20
// September and Saturday 10 October are working days.
import { isWorkingDay, lastDayOf, periodEnd } from '../../server/platform/calendar';
import { dueAfter, periodOf } from '../../server/reports/clocks';
import { nationalPeriods } from '../../shared/periods';

const working = (days: number) => ({ days, unit: 'working' as const });
const calendar = (days: number) => ({ days, unit: 'calendar' as const });
/** An instant given as Shanghai wall-clock time. */
const shanghai = (dateTime: string) => new Date(`${dateTime}+08:00`);

test('the 2026 holidays and make-up working days come from the package', () => {
  expect(isWorkingDay('2026-09-20')).toBe(true); // a working Sunday
  expect(isWorkingDay('2026-09-19')).toBe(false); // an ordinary Saturday
  expect(isWorkingDay('2026-09-25')).toBe(false); // Mid-Autumn Festival, a Friday
  for (const day of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07']) expect(isWorkingDay(day)).toBe(false);
  expect(isWorkingDay('2026-10-08')).toBe(true);
  expect(isWorkingDay('2026-10-10')).toBe(true); // a working Saturday
  expect(isWorkingDay('2026-10-11')).toBe(false);
});

test('working days count the make-up Sunday and skip the National Day holiday', () => {
  // Friday 18 September: Saturday is off, Sunday 20 works, then Monday and Tuesday.
  expect(lastDayOf(shanghai('2026-09-18T10:00:00'), working(3))).toBe('2026-09-22');
  // Tuesday 29 September: Wednesday 30, then nothing until Thursday 8 October, Friday 9, Saturday 10 (make-up), Monday 12.
  expect(lastDayOf(shanghai('2026-09-29T10:00:00'), working(5))).toBe('2026-10-12');
  // Thursday 24 September: the festival Friday is off, the weekend too.
  expect(lastDayOf(shanghai('2026-09-24T10:00:00'), working(1))).toBe('2026-09-28');
});

test('calendar days count holidays like any other day', () => {
  expect(lastDayOf(shanghai('2026-09-29T10:00:00'), calendar(10))).toBe('2026-10-09');
  expect(lastDayOf(shanghai('2026-09-30T23:59:59'), calendar(1))).toBe('2026-10-01');
});

test('a period ends at the end of its last day in Asia/Shanghai, whatever the hour it started', () => {
  // 01:30 on 30 September in China is still 29 September in UTC: the day counted from is China's.
  const lateUtc = new Date('2026-09-29T17:30:00Z');
  expect(lastDayOf(lateUtc, working(1))).toBe('2026-10-08');
  expect(periodEnd(lateUtc, working(1))).toEqual(new Date('2026-10-08T16:00:00Z'));
  // One second before midnight in China: the next day is the first one counted.
  const beforeMidnight = shanghai('2026-09-29T23:59:59');
  expect(periodEnd(beforeMidnight, working(1))).toEqual(shanghai('2026-10-01T00:00:00'));
  expect(periodEnd(beforeMidnight, calendar(10))).toEqual(shanghai('2026-10-10T00:00:00'));
});

test("a report's periods are its policy version's, each counted in its own unit", () => {
  const report = { submittedAt: shanghai('2026-09-29T10:00:00') };
  expect(periodOf(report, 'feedback')).toEqual(nationalPeriods.feedback);
  // The result letter: 10 calendar days from the conclusion, holidays included.
  expect(dueAfter(report, 'feedback', shanghai('2026-09-29T15:00:00'))).toEqual(shanghai('2026-10-10T00:00:00'));
  // An old report keeps the periods of the first version, not nothing.
  expect(periodOf({ submittedAt: new Date('2010-01-01T00:00:00Z') }, 'objection').days).toBe(10);
});
