// The reporter on a 360 px phone, signed in to follow-up with their receipt: the
// page's uncaught errors and Content Security Policy complaints are collected.
import type { Page } from 'playwright-core';
import type { BrowserSuite } from './browser';
import type { Receipt } from './cases';

export const PHONE = { width: 360, height: 740 };

/** A fresh page on a 360 px phone in Chinese, collecting uncaught errors and Content Security Policy complaints. */
export async function phonePage(suite: BrowserSuite): Promise<{ page: Page; pageErrors: Error[] }> {
  const context = await suite.newContext({
    viewport: PHONE,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) pageErrors.push(new Error(message.text()));
  });
  return { page, pageErrors };
}

/** Signs in to follow-up and waits for the section `readyTestId` to show. */
export async function followupOnPhone(
  suite: BrowserSuite,
  receipt: Receipt,
  readyTestId: string,
): Promise<{ page: Page; pageErrors: Error[] }> {
  const { page, pageErrors } = await phonePage(suite);
  await page.goto(`${suite.server.baseUrl}/followup`);
  await page.getByLabel('举报编号').fill(receipt.reference);
  await page.getByLabel('查询密钥').fill(receipt.accessKey);
  await page.getByTestId('followup-signin').click();
  await page.getByRole('heading', { level: 1, name: receipt.reference }).waitFor();
  await page.getByTestId(readyTestId).waitFor();
  return { page, pageErrors };
}

/** Nothing on the page is wider than the phone. */
export async function expectFitsPhone(page: Page): Promise<void> {
  expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(PHONE.width);
}
