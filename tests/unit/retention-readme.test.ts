// The README's retention table is written by hand from the schedule: it must list
// every class, with its days (and the longer days for substantiated evidence) and
// whether the period is assumed.
import fs from 'node:fs';
import path from 'node:path';
import { retentionSchedule } from '../../shared/protection/policy';

const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const start = readme.indexOf('### Retention and deletion');
const section = readme.slice(start, readme.indexOf('\n## ', start));
const rows = section
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) => line.split('|').map((cell) => cell.trim()));

test('the README table has one row per class of the schedule, and no other', () => {
  expect(rows.map((r) => r[1])).toEqual(retentionSchedule.map((r) => `\`${r.dataClass}\``));
});

test.each(retentionSchedule.map((r) => [r.dataClass, r] as const))('%s: its days, anchor and assumption', (_, rule) => {
  const row = rows.find((r) => r[1] === `\`${rule.dataClass}\``)!;
  const keptUntil = row[3];
  expect(keptUntil).toContain(`${rule.days} days after ${rule.anchor}`);
  if (rule.substantiatedDays) expect(keptUntil).toContain(`${rule.substantiatedDays} days when substantiated`);
  expect(row[4]).toBe(rule.assumed ? 'yes' : 'no');
});
