// Browser test: an administrator creates a poster in the console and downloads its
// PDF and QR code; an intake officer sees the list and the downloads, not the editing.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Poster } from '../../server/posters/poster.model';
import { ARTIFACTS, browserSuite } from '../support/browser';

jest.setTimeout(60_000);

const suite = browserSuite();

const signedIn = (username: string) => suite.signedIn(username, { acceptDownloads: true });

/** Picks an option in an antd Select of the open dialog, found by its form label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('dialog').getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).click();
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync((await download.path())!) };
}

describe('posters in the console', () => {
  test('the administrator creates a poster and downloads its PDF and QR code', async () => {
    const { page, pageErrors } = await signedIn('admin');
    await page.getByRole('link', { name: '举报公示牌' }).click();
    await page.locator('[data-testid=posters-table]').waitFor();

    await page.getByRole('button', { name: '新建公示牌' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('场所名称').fill('汤阴县城关镇某商业综合体');
    await dialog.getByLabel('企业名称').fill('汤阴县某置业有限公司');
    await choose(page, '县区', '汤阴县');
    await page.getByRole('dialog').getByLabel('行业').fill('多合一'); // the list is virtual: search brings the option into view
    await page.locator('.ant-select-dropdown:visible').getByText('人员密集场所与“多合一”场所', { exact: true }).click();
    await dialog.getByLabel('地址').fill('汤阴县人民路 88 号');
    await dialog.getByRole('button', { name: '保存' }).click();

    const row = page.locator('[data-testid=posters-table] tbody tr', { hasText: '汤阴县城关镇某商业综合体' });
    await row.waitFor();
    const poster = (await Poster.findOne({ siteName: '汤阴县城关镇某商业综合体' }).lean())!;
    expect(poster).toMatchObject({ areaCode: '410523', sector: 'crowded-places', active: true });
    expect(await row.textContent()).toContain(poster.code);
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-posters-admin.png'), fullPage: true });

    const pdf = await downloaded(page, () => row.getByRole('button', { name: '公示牌 PDF' }).click());
    expect(pdf.name).toBe(`poster-${poster.code}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await row.getByRole('button', { name: '二维码' }).click();
    const png = await downloaded(page, () => page.getByRole('menuitem', { name: '二维码 PNG' }).click());
    expect(png.name).toBe(`poster-${poster.code}-qr.png`);
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pageErrors).toEqual([]);
  });

  test('an intake officer sees the posters and the downloads, without create or edit', async () => {
    const admin = await Poster.findOne().lean();
    await Poster.create({
      code: 'E2E7QM',
      siteName: '林州市某石料厂',
      enterpriseName: '林州市某建材有限公司',
      areaCode: '410581',
      sector: 'non-coal-mine',
      address: '林州市姚村镇',
      createdBy: admin?.createdBy ?? '0123456789abcdef01234567',
    });
    const { page, pageErrors } = await signedIn('intake');
    await page.getByRole('link', { name: '举报公示牌' }).click();
    await page.locator('[data-testid=posters-table]').waitFor();
    await page.getByRole('button', { name: '公示牌 PDF' }).first().waitFor();

    expect(await page.getByRole('button', { name: '新建公示牌' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '编辑' }).count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-posters-intake.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
