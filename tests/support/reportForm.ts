// Walking the public report form on a phone, for the browser suites that need a
// report under way.
import type { Page } from 'playwright-core';
import sharp from 'sharp';

export const next = (page: Page) => page.getByRole('button', { name: '下一步' }).click();

/** Next may wait for the step's chunk: wait for the new heading rather than read it at once. */
export async function expectStep(page: Page, title: string): Promise<void> {
  await page.getByTestId('step-heading').getByText(title, { exact: true }).waitFor();
}

/** What step 1's description says in the walks below. */
export const FIRST_STEP_DESCRIPTION = '仓库的安全出口被纸箱堵住，门还上了锁。';

/** Step 1 filled in on the open form (a blocked fire exit in 文峰区), still on step 1. */
export async function fillFirstStep(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
  await page.getByText('其他行业的问题').click();
  await page.getByLabel('安全出口、疏散通道堵塞或锁闭').check();
  await page.getByLabel('发生在哪个县区').selectOption('410502');
  await page.getByLabel('具体情况').fill(FIRST_STEP_DESCRIPTION);
}

/** Step 1 filled in, ending on the evidence step. */
export async function startReport(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/report`);
  await fillFirstStep(page);
  await next(page);
  await expectStep(page, '照片和证据');
}

/** From the evidence step to the review step, reporting anonymously. */
export async function anonymouslyToReview(page: Page): Promise<void> {
  await next(page);
  await expectStep(page, '您的身份');
  await page.getByRole('radio', { name: '匿名举报' }).check();
  await next(page);
  await expectStep(page, '核对并提交');
}

/** A small photo (640×480 JPEG) attached on the evidence step, as a phone camera would name it. */
export async function attachSmallPhoto(page: Page): Promise<void> {
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 90, b: 30 } } })
    .jpeg()
    .toBuffer();
  await page
    .getByTestId('evidence-any')
    .setInputFiles({ name: 'IMG_20251120_093012.jpg', mimeType: 'image/jpeg', buffer: photo });
}
