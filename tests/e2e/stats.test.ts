// Browser test: the administrator's statistics dashboard shows the figures of a
// known set of reports, with the charts, tiles and ranking; the public
// transparency page shows the same month with small counts suppressed. Both count
// rectification verified complete by re-inspection, not orders.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { inTransaction } from '../../server/platform/db';
import { Report } from '../../server/reports/report.model';
import { refreshReportStats } from '../../server/stats';
import { addMonths, shanghaiMonthOf } from '../../shared/dates';
import { anyang } from '../../server/jurisdiction/seeds/anyang';
import { ARTIFACTS, browserSuite, keepScreenshots } from '../support/browser';

jest.setTimeout(90_000);

const suite = browserSuite();
/** Three months back: inside the dashboard's default six months, and long enough ago to be public. */
const MONTH = addMonths(shanghaiMonthOf(new Date()), -3);

/** Verified: re-inspected as done. Overdue: only ordered, open past its due day and escalated. */
type Rectification = 'verified' | 'overdue';

async function put(
  reference: string,
  area: string,
  day: number,
  substantiated: boolean | null,
  rectification?: Rectification,
): Promise<void> {
  const at = new Date(`${MONTH}-${String(day).padStart(2, '0')}T02:00:00Z`);
  const concluded = new Date(at.getTime() + 5 * 86_400_000);
  await Report.create({
    reference,
    accessKeyHash: 'not-used',
    status: substantiated === null ? 'submitted' : 'closed',
    category: 'other',
    sector: 'industry-trade',
    area,
    description: '测试举报',
    anonymous: true,
    submittedAt: at,
    timeline: [
      { at, type: 'submitted', public: true },
      ...(substantiated === null ? [] : [{ at: concluded, type: 'approve-findings', public: true }]),
    ],
    ...(substantiated === null
      ? {}
      : {
          assignment: { assignedAt: at, dueAt: new Date(at.getTime() + 60 * 86_400_000) },
          findings: { substantiated },
        }),
    ...(rectification
      ? {
          rectifications: [
            {
              taskId: 'R1',
              orderNo: `安应急改〔2026〕${day}号`,
              enterprise: '测试企业',
              unitCode: 'city-emb',
              dueOn: `${MONTH}-20`,
              major: false,
              orderedAt: concluded,
              orderedById: 'v',
              reinspections: [],
              ...(rectification === 'verified'
                ? { status: 'completed', completedAt: new Date(concluded.getTime() + 86_400_000) }
                : { status: 'open', escalatedFor: `${MONTH}-20` }),
            },
          ],
        }
      : {}),
  });
  await inTransaction((s) => refreshReportStats(reference, s));
}

beforeAll(async () => {
  // 滑县: 6 substantiated; 5 rectified and verified, 1 only ordered and now overdue.
  for (let i = 1; i <= 6; i++) await put(`E2E-H${i}`, '410526', i, true, i <= 5 ? 'verified' : 'overdue');
  await put('E2E-W1', '410502', 10, false); // 文峰区: 2, one not substantiated
  await put('E2E-W2', '410502', 11, null);
});

const signedIn = (username: string) => suite.signedIn(username);

const kpi = (page: Page, key: string) => page.locator(`[data-kpi=${key}] .ant-statistic-content`).textContent();

describe('statistics', () => {
  test('the administrator opens the dashboard: figures, charts, area tiles and the ranking', async () => {
    const { page, pageErrors } = await signedIn('admin');
    await page.getByRole('link', { name: '统计分析' }).click();
    await page.locator('[data-kpi=received]').waitFor();
    expect(await kpi(page, 'received')).toBe('8');
    expect(await kpi(page, 'substantiated')).toBe('6');
    expect(await kpi(page, 'rate')).toBe('85.7%');
    expect(await kpi(page, 'median')).toBe('5 天');
    expect(await kpi(page, 'rectified')).toBe('5'); // the order alone does not count
    expect(await kpi(page, 'rectificationOverdue')).toBe('1');
    await page.locator('.stats-charts canvas').first().waitFor(); // the lazily loaded charts drew
    expect(await page.locator('[data-area="410526"]').textContent()).toContain('100.0% (6/6)');
    expect(await page.locator('[data-testid=ranking-table] tbody tr').count()).toBe(9);
    expect(await page.getByText('考评权重').count()).toBe(1); // the administrator may edit the weights
    await page.screenshot({ path: path.join(ARTIFACTS, 'stats-dashboard-admin.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  test('the ranking: "—" with its reason where nothing was concluded, reports per 10,000 residents', async () => {
    const { page, pageErrors } = await signedIn('admin');
    await page.goto(`${suite.server.baseUrl}/console/stats?month=${MONTH}`);
    const row = (area: string) => page.locator(`[data-testid=ranking-table] tr[data-row-key="${area}"]`);
    await row('410503').waitFor();
    expect(await page.locator('h1').allTextContents()).toEqual(['统计分析']);
    // 北关区 had no report that month: no rate of any kind, each "—" saying why; not 0.0 %.
    const quiet = row('410503');
    expect(await quiet.locator('[data-no-denominator]').count()).toBe(3);
    expect(await quiet.textContent()).not.toContain('0.0%');
    expect(await quiet.locator('[data-no-denominator]').first().textContent()).toBe('—本月无办结案件');
    // 滑县 concluded 6, all on time and substantiated: real rates.
    expect(await row('410526').locator('[data-no-denominator]').count()).toBe(0);
    expect(await row('410526').textContent()).toContain('100.0%');
    // Reports per 10,000 residents, as a rate under its own name, not a percentage.
    await page.getByRole('columnheader', { name: '每万人举报' }).waitFor();
    const perTenThousand = ((6 / anyang.areas.find((a) => a.code === '410526')!.population!) * 10_000).toFixed(2);
    expect(await row('410526').locator('td').nth(7).textContent()).toBe(perTenThousand); // after the three rates
    expect(await page.getByTestId('ranking-note').textContent()).toContain('本月无办结案件');
    // The area tiles: "—" and why for areas with nothing concluded.
    expect(await page.locator('[data-area="410503"]').textContent()).toContain('本期无办结案件');
    // Hovering the "—" tells why too. The lazily loaded charts draw first: drawn later, they
    // would move the table from under the pointer.
    await page.locator('.stats-charts canvas').first().waitFor();
    await quiet.locator('[data-no-denominator]').first().hover();
    await page.locator('.ant-tooltip', { hasText: '本月无办结案件' }).waitFor();
    await keepScreenshots(page, 'stats-ranking');
    expect(pageErrors).toEqual([]);
  });

  test('the public transparency page, reached from the home page', async () => {
    const context = await suite.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(suite.server.baseUrl);
    await page.locator('[data-testid=transparency-link]').click();
    await page.locator('[data-testid=tp-months]').waitFor();
    const cell = (table: string, row: string, col: string) =>
      page.locator(`[data-testid=${table}] tr[data-row="${row}"] td[data-col=${col}]`).textContent();
    expect(await cell('tp-months', MONTH, 'received')).toBe('8');
    expect(await cell('tp-months', MONTH, 'substantiated')).toBe('6');
    // 文峰区's 2 is hidden; zeros stay shown, so 滑县's 6 (the only other figure above zero) is withheld as "—", not "<5".
    expect(await cell('tp-areas', '410502', 'received')).toBe('<5');
    expect(await cell('tp-areas', '410526', 'received')).toBe('—');
    expect(await cell('tp-areas', '410503', 'received')).toBe('0');
    // Verified complete, not ordered: 5 of the 6; the sixth is overdue (1, shown as "<5").
    expect(await cell('tp-areas', '410526', 'rectifiedVerified')).toBe('5');
    expect(await cell('tp-areas', '410526', 'rectificationOverdue')).toBe('<5');
    await page.getByRole('columnheader', { name: '整改经复查完成' }).first().waitFor();
    await page.getByRole('columnheader', { name: '整改逾期' }).first().waitFor();
    expect(await page.locator('[data-testid=held-back]').textContent()).toContain('暂不公布');
    expect(await page.locator('[data-testid=withheld-legend]').textContent()).toContain('“—”');
    await page.screenshot({ path: path.join(ARTIFACTS, 'stats-transparency-public.png'), fullPage: true });
  });
});
