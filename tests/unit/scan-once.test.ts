// The in-memory filter that counts a poster scan once per client and day.
import { ScanOnceFilter } from '../../server/posters/scanOnce';

const noon = new Date('2026-03-10T04:00:00Z'); // 12:00 in Shanghai

test('the same client and poster count once a day; another client, poster or day counts again', () => {
  const scans = new ScanOnceFilter();
  expect(scans.firstScan('203.0.113.7', 'ABC123', noon)).toBe(true);
  expect(scans.firstScan('203.0.113.7', 'ABC123', new Date(noon.getTime() + 3_600_000))).toBe(false);
  expect(scans.firstScan('203.0.113.8', 'ABC123', noon)).toBe(true);
  expect(scans.firstScan('203.0.113.7', 'XYZ789', noon)).toBe(true);
  // 16:00Z is midnight in Shanghai: a new day, a new key, an empty memory.
  expect(scans.firstScan('203.0.113.7', 'ABC123', new Date('2026-03-10T16:00:00Z'))).toBe(true);
  expect(scans.size).toBe(1);
});

test('a flood of addresses cannot grow the memory past its cap: the oldest entries are forgotten', () => {
  const scans = new ScanOnceFilter(1000);
  for (let i = 0; i < 20_000; i++) scans.firstScan(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, 'ABC123', noon);
  expect(scans.size).toBeLessThanOrEqual(1000);
  expect(scans.firstScan('10.0.78.31', 'ABC123', noon)).toBe(false); // i = 19999, recent: still remembered
  expect(scans.firstScan('10.0.0.0', 'ABC123', noon)).toBe(true); // the oldest: forgotten, counts again
});

test('nothing it keeps contains the address or the poster code', () => {
  const scans = new ScanOnceFilter();
  scans.firstScan('198.51.100.23', 'ABC123', noon);
  const { recent, older } = scans as unknown as { recent: Set<string>; older: Set<string> };
  const kept = JSON.stringify([...recent, ...older]);
  expect(kept).not.toBe('[]');
  expect(kept).not.toMatch(/198\.51\.100\.23|ABC123/);
});
