// Browser test: finance opens the reward fund page, sees the balances and the
// month-by-month chart, records an appropriation, and sees the balance and the
// ledger change; a reviewer sees the fund without the appropriation form.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { LedgerEntry } from '../../server/fund/fund.model';
import { Report } from '../../server/reports/report.model';
import { ARTIFACTS, browserSuite, keepScreenshots } from '../support/browser';

jest.setTimeout(90_000);

const suite = browserSuite();

const signedIn = (username: string) => suite.signedIn(username);

const figure = (page: Page, key: string) => page.locator(`[data-testid=fund-${key}] .ant-statistic-content`);

describe('the reward fund in the console', () => {
  test('finance sees the balances, records an appropriation, and sees the balance and the ledger change', async () => {
    // A reviewed reward waiting for finance's approval.
    await Report.create({
      reference: 'WP-E2EF-0001',
      accessKeyHash: 'scrypt$e2e',
      status: 'reward-reviewed',
      category: 'major-hazard',
      sector: 'other',
      area: '410523',
      description: '财务待办测试',
      anonymous: true,
      submittedAt: new Date(),
      statusChangedAt: new Date(),
      reward: { eligible: true, amountFen: 300_000, reservedFen: 0 },
    });
    const { page, pageErrors } = await signedIn('finance');
    await page.getByRole('link', { name: '奖励基金' }).click();
    await page.locator('[data-testid=finance-title]').waitFor();
    // The seeded fund: 5,000,000 yuan, nothing reserved or paid.
    await page.locator('[data-testid=fund-available]', { hasText: '5,000,000.00' }).waitFor();
    expect(await figure(page, 'pipeline').textContent()).toContain('3,000.00');
    const queued = page.locator('[data-testid=queue-reward-reviewed] tbody tr.ant-table-row', {
      hasText: 'WP-E2EF-0001',
    });
    await queued.waitFor();
    expect(await queued.textContent()).toContain('3,000.00');
    expect(await queued.getByRole('link', { name: 'WP-E2EF-0001' }).getAttribute('href')).toBe(
      '/console/cases/WP-E2EF-0001',
    );
    expect(await figure(page, 'appropriated').textContent()).toContain('5,000,000.00');
    expect(await figure(page, 'reserved').textContent()).toContain('0.00');
    expect(await page.locator('[data-testid=fund-shortfall]').count()).toBe(0);
    await page.locator('[data-testid=fund-monthly-chart] canvas').waitFor();
    // The month's movements and the balance each on an axis of their own, named with their unit.
    const chart = page.locator('[data-testid=fund-monthly-chart] [data-y-axes]');
    expect(await chart.getAttribute('data-y-axes')).toBe('2');
    expect(await chart.getAttribute('data-y-axis-names')).toBe('当月预留与发放（元） | 月末可用余额（元）');
    await page
      .locator('[data-testid=ledger-table] tbody tr.ant-table-row', { hasText: '设立500万元奖励基金' })
      .waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-finance-before.png'), fullPage: true });
    await keepScreenshots(page, 'finance-chart');

    const form = page.locator('[data-testid=appropriation-form]');
    await form.getByLabel('金额（元）').fill('1,234.56');
    await form.getByLabel('拨款依据').fill('市财政局追加举报奖励资金（安财预〔2025〕18号）');
    await form.getByRole('button', { name: '登记拨款' }).click();

    await page.getByText('已登记拨款 1,234.56 元。').waitFor();
    await page.locator('[data-testid=fund-available]', { hasText: '5,001,234.56' }).waitFor();
    expect(await figure(page, 'appropriated').textContent()).toContain('5,001,234.56');
    const row = page.locator('[data-testid=ledger-table] tbody tr.ant-table-row', { hasText: '安财预〔2025〕18号' });
    await row.waitFor();
    expect(await row.textContent()).toContain('1,234.56');
    expect(await row.textContent()).toContain('拨入');

    const entries = await LedgerEntry.find({ kind: 'appropriate', amountFen: 123_456 }).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0].idempotencyKey).toMatch(/^appropriation:[\w-]{8,100}$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-finance-after.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  test('a reviewer sees the fund, without the appropriation form, queues or exports', async () => {
    const { page, pageErrors } = await signedIn('reviewer');
    await page.getByRole('link', { name: '奖励基金' }).click();
    await page.locator('[data-testid=fund-available]').waitFor();
    await page.locator('[data-testid=ledger-table] tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('[data-testid=appropriation-form]').count()).toBe(0);
    expect(await page.getByRole('button', { name: '台账 CSV' }).count()).toBe(0);
    expect(await page.locator('[data-testid=queue-reward-reviewed]').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-finance-reviewer.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
