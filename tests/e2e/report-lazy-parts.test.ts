// Browser test: the report form's later parts are chunks that may arrive late or not at all
// on a weak network. Submitting while the submission's chunks are still on their way shows
// a visible wait that can be cancelled, and nothing is sent; a step whose chunk failed is
// tried again in place, keeping the attached photo (kept in memory only, a reload loses it).
import path from 'node:path';
import { type Page, type Route } from 'playwright-core';
import { phonePage } from '../support/followupPhone';
import { attachSmallPhoto, expectStep, next, startReport } from '../support/reportForm';
import { ARTIFACTS, browserSuite } from '../support/browser';

jest.setTimeout(120_000);

const suite = browserSuite({ WOODPECKER_POW_BITS: '4' });

async function openPhone(): Promise<{ page: Page; pageErrors: Error[]; reportPosts: () => number }> {
  const { page, pageErrors } = await phonePage(suite);
  let posts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/api\/v1\/reports$/.test(request.url())) posts++;
  });
  return { page, pageErrors, reportPosts: () => posts };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

describe('report form parts that arrive late or not at all', () => {
  test('submitting before the submission chunks arrive waits visibly, can be cancelled, and sends nothing', async () => {
    const { page, pageErrors, reportPosts } = await openPhone();
    // The submission's own chunks (not the check behind "next") are held back until released.
    const held: Route[] = [];
    await page.route(/\/assets\/(submitReport|ReceiptView)-[^/]+\.js$/, (route) => {
      held.push(route);
    });

    await startReport(page, suite.server.baseUrl);
    await next(page);
    await expectStep(page, '您的身份');
    await page.getByRole('radio', { name: '实名举报' }).check();
    await page.getByRole('textbox', { name: '姓名' }).fill('张三');
    await page.getByRole('textbox', { name: '电话' }).fill('138 1234 5678');
    await next(page);
    await expectStep(page, '核对并提交');

    await page.getByTestId('submit-report').click();
    const status = page.getByTestId('submit-status');
    await status.getByText('正在做提交前的安全检查…').first().waitFor();
    // While it waits, the draft cannot change under the tap: no way back, no discarding.
    expect(await page.getByRole('button', { name: '上一步' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '清空全部内容' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('submit-report').isDisabled()).toBe(true);
    await shot(page, 'report-lazy-preparing-360');

    await status.getByRole('button', { name: '停止提交' }).click();
    await page.getByText('已停止。内容仍保存在本机，可以稍后再提交。').waitFor();
    await status.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: '上一步' }).isDisabled()).toBe(false);

    // The chunks arrive after all: the cancelled tap must not send anything then.
    const arrived = held.map((route) => page.waitForResponse(route.request().url()));
    for (const route of held.splice(0)) await route.continue();
    await Promise.all(arrived);
    await page.unroute(/\/assets\/(submitReport|ReceiptView)-[^/]+\.js$/);
    // Going back is possible again, and the reporter changes their mind to anonymous.
    await page.getByRole('button', { name: '上一步' }).click();
    await expectStep(page, '您的身份');
    await page.getByRole('radio', { name: '匿名举报' }).check();
    await next(page);
    await expectStep(page, '核对并提交');
    await page.getByText('匿名', { exact: true }).first().waitFor();
    expect(await page.getByText('实名：张三').count()).toBe(0);
    expect(reportPosts()).toBe(0);

    // Submitted now, it is sent once, as it reads now.
    await page.getByTestId('submit-report').click();
    await page.getByRole('heading', { level: 1, name: '举报已提交' }).waitFor({ timeout: 60_000 });
    expect(reportPosts()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  test('a step whose chunk failed to load is tried again in place, and the attached photo stays', async () => {
    const { page, pageErrors } = await openPhone();
    // The identity step's chunk fails (prefetch and any automatic retry included) until the network "comes back".
    let failing = true;
    let requests = 0;
    await page.route(/\/assets\/StepIdentity-[^/?]+\.js(\?.*)?$/, (route) => {
      requests++;
      return failing ? route.abort('connectionfailed') : route.continue();
    });

    await startReport(page, suite.server.baseUrl);
    await attachSmallPhoto(page);
    await page.getByText('已添加 1 个文件（最多 10 个）').waitFor();

    await next(page);
    await expectStep(page, '您的身份');
    const retry = page.getByRole('button', { name: '重试' });
    await retry.waitFor();
    await shot(page, 'report-lazy-step-failed-360');
    const failedRequests = requests;

    failing = false;
    await retry.click();
    await page.getByRole('radio', { name: '匿名举报' }).waitFor(); // the step, loaded in place
    expect(requests).toBeGreaterThan(failedRequests); // fetched afresh, not the remembered failure
    await shot(page, 'report-lazy-step-retried-360');

    // No reload happened: the photo, kept in memory only, is still attached.
    await page.getByRole('button', { name: '上一步' }).click();
    await expectStep(page, '照片和证据');
    await page.getByText('已添加 1 个文件（最多 10 个）').waitFor();
    await page.locator('img.evidence__thumb').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
