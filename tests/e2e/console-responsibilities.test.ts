// Browser test: an administrator points one cell of the responsibility table at
// another department; the change is saved at once, audited, and still there after
// a reload. Other roles do not get the page.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Responsibility } from '../../server/catalog/responsibility.model';
import { ARTIFACTS, browserSuite } from '../support/browser';

jest.setTimeout(90_000);

const suite = browserSuite();

const signedIn = (username: string) => suite.signedIn(username);

const cell = (page: Page) => page.locator('[data-testid="cell-construction/410523"]');

test('the administrator changes a cell; a reload shows the new department', async () => {
  const { page, pageErrors } = await signedIn('admin');
  await page.getByRole('link', { name: '责任单位' }).click();
  await page.locator('[data-testid=responsibilities-table]').waitFor();
  await cell(page).getByText('安阳市住房和城乡建设局').waitFor();

  await page.getByRole('combobox', { name: '建筑施工 · 汤阴县' }).fill('汤阴县应急');
  await page.locator('.ant-select-dropdown:visible').getByText('汤阴县应急管理局', { exact: true }).click();
  await page.getByText('已保存：汤阴县建筑施工 → 汤阴县应急管理局').waitFor();
  expect((await Responsibility.findOne({ sector: 'construction', area: '410523' }).lean())?.unitCode).toBe(
    'emb-410523',
  );
  expect(await AuditEntry.exists({ action: 'responsibility.update', 'target.id': 'construction/410523' })).toBeTruthy();

  await page.reload();
  await page.locator('[data-testid=responsibilities-table]').waitFor();
  await cell(page).getByText('汤阴县应急管理局').waitFor();
  expect(await cell(page).textContent()).not.toContain('住房和城乡建设局');
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-responsibilities.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
});

test('an intake officer has no responsibility page', async () => {
  const { page, pageErrors } = await signedIn('intake');
  expect(await page.getByRole('link', { name: '责任单位' }).count()).toBe(0);
  await page.goto(`${suite.server.baseUrl}/console/responsibilities`);
  await page.locator('.ant-result-403').waitFor();
  expect(await page.locator('[data-testid=responsibilities-table]').count()).toBe(0);
  expect(pageErrors).toEqual([]);
});
