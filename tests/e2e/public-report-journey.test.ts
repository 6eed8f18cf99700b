// Browser test: the report form and receipt as a reporter on a 360 px phone meets them.
// Back goes one step back with the photo kept and Forward returns; leaving with something
// unsent asks first; the receipt cannot be left before "I have saved my access key", and
// each way of saving it works; a poster's context fills the form and puts its site's
// sector first; a welding category with an anonymous report warns, a real-name one does not.
import fs from 'node:fs';
import type { Dialog, Page } from 'playwright-core';
import { Poster } from '../../server/posters/poster.model';
import { Staff } from '../../server/staff/staff.model';
import { expectNoAxeViolations } from '../support/accessibility';
import { browserSuite, keepScreenshots, waitForPageCondition } from '../support/browser';
import { expectFitsPhone, phonePage } from '../support/followupPhone';
import {
  anonymouslyToReview,
  attachSmallPhoto,
  expectStep,
  fillFirstStep,
  FIRST_STEP_DESCRIPTION as DESCRIPTION,
  next,
} from '../support/reportForm';

jest.setTimeout(150_000);

const suite = browserSuite({ WOODPECKER_POW_BITS: '4' });
const POSTER_CODE = 'C7RM2Q';

beforeAll(async () => {
  const admin = await Staff.findOne({ username: 'admin' }).lean();
  await Poster.create({
    code: POSTER_CODE,
    siteName: '三号楼工地',
    enterpriseName: '安阳某某建设有限公司',
    areaCode: '410503',
    sector: 'construction',
    address: '安阳市北关区红旗路 88 号',
    createdBy: admin!._id,
  });
});

/** The dialogs the page opens, answered by `answer` (true accepts). */
function answerDialogs(page: Page, answer: (dialog: Dialog) => boolean): Dialog[] {
  const seen: Dialog[] = [];
  page.on('dialog', (dialog) => {
    seen.push(dialog);
    void (answer(dialog) ? dialog.accept() : dialog.dismiss());
  });
  return seen;
}

/** What history and the address hold: the step's name, nothing the reporter typed. */
async function historyHolds(page: Page): Promise<string> {
  return String(await page.evaluate('JSON.stringify(history.state && history.state.usr) + " " + location.href'));
}

/** An anonymous report of a blocked exit, sent; ends on the receipt. */
async function sendAnonymousReport(page: Page): Promise<{ reference: string; accessKey: string }> {
  await page.goto(`${suite.server.baseUrl}/report`);
  await fillFirstStep(page);
  await next(page);
  await expectStep(page, '照片和证据');
  await anonymouslyToReview(page);
  await page.getByTestId('submit-report').click();
  await page.getByRole('heading', { level: 1, name: '举报已提交' }).waitFor({ timeout: 60_000 });
  return {
    reference: (await page.getByTestId('receipt-reference').textContent())!.trim(),
    accessKey: (await page.getByTestId('receipt-access-key').textContent())!.trim(),
  };
}

describe('the report form and receipt on a phone', () => {
  test('Back goes one step back keeping the photo, Forward returns, and Back from the first step asks', async () => {
    const { page, pageErrors } = await phonePage(suite);
    let leave = false;
    const dialogs = answerDialogs(page, (dialog) => dialog.type() === 'beforeunload' || leave);
    await page.goto(`${suite.server.baseUrl}/`);
    await page.getByTestId('report-button').click();
    await fillFirstStep(page);
    await expectNoAxeViolations(page, 'step 1');
    await next(page);
    await expectStep(page, '照片和证据');
    await attachSmallPhoto(page);
    await page.locator('img.evidence__thumb').waitFor();
    await expectNoAxeViolations(page, 'step 2');
    await next(page);
    await expectStep(page, '您的身份');
    await page.getByRole('radio', { name: '匿名举报' }).check();
    await expectNoAxeViolations(page, 'step 3');
    expect(await historyHolds(page)).toBe(`{"reportStep":"identity"} ${suite.server.baseUrl}/report`);

    // The phone's Back: one step back, the photo still attached.
    await page.goBack();
    await expectStep(page, '照片和证据');
    await page.getByText('已添加 1 个文件（最多 10 个）').waitFor();
    await page.locator('img.evidence__thumb').waitFor();
    await page.goBack();
    await expectStep(page, '看到了什么');
    expect(await page.getByLabel('具体情况').inputValue()).toBe(DESCRIPTION);
    // Forward comes back the same way, with the choices made there.
    await page.goForward();
    await expectStep(page, '照片和证据');
    await page.locator('img.evidence__thumb').waitFor();
    await page.goForward();
    await expectStep(page, '您的身份');
    expect(await page.getByRole('radio', { name: '匿名举报' }).isChecked()).toBe(true);
    // WeChat's Back is history.back(); the form's own button goes back through history too.
    await page.evaluate('history.back()');
    await expectStep(page, '照片和证据');
    await page.getByRole('button', { name: '上一步' }).click();
    await expectStep(page, '看到了什么');
    await page.goForward();
    await expectStep(page, '照片和证据');
    await page.getByText('已添加 1 个文件（最多 10 个）').waitFor();
    await page.goBack();
    await expectStep(page, '看到了什么');
    expect(dialogs).toEqual([]);

    // Back from the first step would lose the report: the form asks, and staying keeps everything.
    const asked = page.waitForEvent('dialog');
    await page.goBack();
    await asked;
    await waitForPageCondition(page, `history.state.usr.reportStep === 'what'`);
    expect(dialogs.map((d) => [d.type(), d.message()])).toEqual([
      ['confirm', '举报还没有提交。确定离开吗？已添加的照片和文件不会保留。'],
    ]);
    expect(await page.getByLabel('具体情况').inputValue()).toBe(DESCRIPTION);
    await page.goForward();
    await expectStep(page, '照片和证据');
    await page.locator('img.evidence__thumb').waitFor();
    await page.goBack();
    await expectStep(page, '看到了什么');

    // Confirmed, Back leaves for the page before the form.
    leave = true;
    await page.goBack();
    await page.getByTestId('report-button').waitFor();
    expect(dialogs).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  });

  test('a step emptied after Back and skipped with Forward is caught on submission, back on that step', async () => {
    const { page, pageErrors } = await phonePage(suite);
    let posts = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/v1\/reports$/.test(request.url())) posts++;
    });
    await page.goto(`${suite.server.baseUrl}/report`);
    await fillFirstStep(page);
    await next(page);
    await expectStep(page, '照片和证据');
    await anonymouslyToReview(page);
    for (const title of ['您的身份', '照片和证据', '看到了什么']) {
      await page.goBack();
      await expectStep(page, title);
    }
    await page.getByLabel('具体情况').fill('');
    for (const title of ['照片和证据', '您的身份', '核对并提交']) {
      await page.goForward();
      await expectStep(page, title);
    }
    await page.getByTestId('submit-report').click();
    await expectStep(page, '看到了什么');
    await page.getByTestId('error-summary').getByText('请至少写 10 个字', { exact: false }).waitFor();
    await waitForPageCondition(
      page,
      `document.activeElement && document.activeElement.dataset.testid === 'error-summary'`,
    );
    expect(await historyHolds(page)).toBe(`{"reportStep":"what"} ${suite.server.baseUrl}/report`);
    expect(posts).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  test('leaving with unsent content asks on reload and on links in the app; an empty form lets go', async () => {
    const { page, pageErrors } = await phonePage(suite);
    let accept = false;
    const dialogs = answerDialogs(page, () => accept);
    await page.goto(`${suite.server.baseUrl}/report`);
    await page.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();

    // Nothing entered: the header's link leaves at once.
    await page.locator('a.brand').click();
    await page.getByTestId('report-button').click();
    await fillFirstStep(page);
    expect(dialogs).toEqual([]);

    // Something entered: the header's link asks (in the reader's language), and staying stays.
    const clickAsking = async () => {
      const asked = page.waitForEvent('dialog');
      await page.locator('a.brand').click();
      return asked;
    };
    expect((await clickAsking()).message()).toBe('举报还没有提交。确定离开吗？已添加的照片和文件不会保留。');
    await page.getByTestId('step-heading').getByText('看到了什么').waitFor();
    expect(new URL(page.url()).pathname).toBe('/report');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report a hazard' }).waitFor();
    expect((await clickAsking()).message()).toBe(
      'Your report has not been sent. Leave anyway? Attached photos and files will not be kept.',
    );
    await page.getByRole('button', { name: '中文' }).click();

    // Reload (or closing the tab): the browser asks first.
    const asked = page.waitForEvent('dialog', (d) => d.type() === 'beforeunload');
    await page.evaluate('setTimeout(() => location.reload(), 0)');
    await asked;
    await page.getByTestId('step-heading').getByText('看到了什么').waitFor();
    expect(await page.getByLabel('具体情况').inputValue()).toBe(DESCRIPTION);

    accept = true;
    await page.locator('a.brand').click();
    await page.getByTestId('report-button').waitFor();
    expect(dialogs.map((d) => d.type())).toEqual(['confirm', 'confirm', 'beforeunload', 'confirm']);
    expect(pageErrors).toEqual([]);
  });

  test('the receipt cannot be left before the key is saved, and each way of saving it works', async () => {
    const { page, pageErrors } = await phonePage(suite);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.baseUrl });
    const dialogs = answerDialogs(page, () => false);
    const { reference, accessKey } = await sendAnonymousReport(page);

    // An anonymous reporter is told what losing the key costs; leaving waits for the confirmation.
    await page.getByTestId('receipt-anonymous-reward').getByText('也不能领取任何奖励', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: '再举报一件' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '查询进度' }).isDisabled()).toBe(true);
    await expectNoAxeViolations(page, 'receipt');
    await keepScreenshots(page, 'receipt-keeping');

    // Back stays on the receipt and points to the confirmation.
    await page.goBack();
    await page.getByTestId('receipt-confirm-first').waitFor();
    expect((await page.getByTestId('receipt-reference').textContent())!.trim()).toBe(reference);
    await waitForPageCondition(page, `document.activeElement && document.activeElement.id === 'receipt-saved'`);
    // A link in the app's header stays too; a reload asks the browser first (and staying keeps the key).
    await page.locator('a.brand').click();
    expect(new URL(page.url()).pathname).toBe('/report');
    const asked = page.waitForEvent('dialog', (d) => d.type() === 'beforeunload');
    await page.evaluate('setTimeout(() => location.reload(), 0)');
    await asked;
    expect((await page.getByTestId('receipt-access-key').textContent())!.trim()).toBe(accessKey);
    await expectNoAxeViolations(page, 'receipt, leaving blocked');
    await keepScreenshots(page, 'receipt-leaving-blocked');

    // Copy: to the clipboard, with a visible "copied".
    await page.getByTestId('receipt-copy').click();
    await page.getByTestId('receipt-copy').getByText('已复制 ✓').waitFor();
    const copied = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(copied).toContain(reference);
    expect(copied).toContain(accessKey);

    // A small text file, which does not go to the photo album.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receipt-download').click()]);
    expect(download.suggestedFilename()).toBe(`举报回执-${reference}.txt`);
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(text).toContain(`举报编号：${reference}`);
    expect(text).toContain(`查询密钥：${accessKey}`);

    // Written down: the key large, its groups apart.
    await page.getByRole('button', { name: '抄写下来' }).click();
    expect(await page.getByTestId('receipt-write-down').textContent()).toContain(accessKey.split('-').join(' - '));

    // The image is one choice among them, with its warning about the photo album and cloud backups.
    await page.getByText('图片会存进手机相册，可能随相册自动备份到云端', { exact: false }).waitFor();
    const [image] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receipt-save-image').click()]);
    expect(image.suggestedFilename()).toBe(`举报回执-${reference}.png`);
    await page.getByTestId('receipt-image').waitFor();
    await expectNoAxeViolations(page, 'receipt, saved');
    await keepScreenshots(page, 'receipt-saved');

    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('I have saved my access key').waitFor();
    await page.getByText('you can no longer follow the report or receive any reward', { exact: false }).waitFor();
    await keepScreenshots(page, 'receipt-saved-english');
    await page.getByRole('button', { name: '中文' }).click();

    // Confirmed: the buttons work, and Back leaves the receipt for a new, empty form.
    await page.getByLabel('我已保存查询密钥').check();
    expect(await page.getByRole('button', { name: '再举报一件' }).isDisabled()).toBe(false);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
    await expectStep(page, '看到了什么');
    expect(await page.getByLabel('具体情况').inputValue()).toBe('');
    expect(dialogs.map((d) => d.type())).toEqual(['beforeunload']);
    expect(pageErrors).toEqual([]);
  });

  test('"report another" needs the confirmation and starts a new form', async () => {
    const { page, pageErrors } = await phonePage(suite);
    await sendAnonymousReport(page);
    await page.getByLabel('我已保存查询密钥').check();
    await page.getByRole('button', { name: '再举报一件' }).click();
    await page.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
    expect(await page.getByLabel('具体情况').inputValue()).toBe('');
    await fillFirstStep(page);
    await next(page);
    await expectStep(page, '照片和证据');
    await page.goBack();
    await expectStep(page, '看到了什么');
    expect(pageErrors).toEqual([]);
  });

  test("a poster's context fills in the place and puts its site's sector first", async () => {
    const { page, pageErrors } = await phonePage(suite);
    await page.goto(`${suite.server.baseUrl}/p/${POSTER_CODE}`);
    await page.getByTestId('poster-tag').getByText(`来自公示牌 ${POSTER_CODE}`).waitFor();
    const address = page.getByLabel('详细地点（选填）');
    await waitForPageCondition(page, `document.getElementById('report-address').value !== ''`);
    expect(await address.inputValue()).toBe('安阳市北关区红旗路 88 号 三号楼工地');
    expect(await page.getByLabel('单位或工地名称（选填）').inputValue()).toBe('安阳某某建设有限公司');
    expect(await page.getByLabel('发生在哪个县区').inputValue()).toBe('410503');

    // The construction categories come first, outside "其他行业的问题".
    const firstGroup = page.locator('.choice-group').first();
    expect(await firstGroup.locator('legend').textContent()).toBe('建筑施工（本公示牌所在场所）');
    const construction = page.getByLabel('高处作业无防护、脚手架或深基坑违规');
    expect(await construction.isVisible()).toBe(true);
    expect(await page.locator('#report-category').getAttribute('value')).toBe('construction-no-protection');
    expect(await page.locator('details.more-categories').textContent()).not.toContain('建筑施工');
    await construction.check();
    await address.fill('红旗路 88 号三号楼北侧塔吊下');
    expect(await address.inputValue()).toBe('红旗路 88 号三号楼北侧塔吊下');
    await expectFitsPhone(page);
    await expectNoAxeViolations(page, 'step 1 from a poster');
    await keepScreenshots(page, 'report-from-poster');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText("Construction (this poster's site)").waitFor();
    expect(pageErrors).toEqual([]);
  });

  test('a welding category with an anonymous report warns at the choice and on review; real name does not', async () => {
    const { page, pageErrors } = await phonePage(suite);
    const warning = page.getByTestId('welding-anonymous-warning');
    await page.goto(`${suite.server.baseUrl}/report`);
    await page.getByLabel('未办理动火审批擅自动火').check();
    await page.getByText('焊接和动火作业问题须实名举报').waitFor();
    expect(await warning.count()).toBe(0); // no identity chosen yet
    await page.getByLabel('发生在哪个县区').selectOption('410505');
    await page.getByLabel('具体情况').fill('三号车间有人无证焊接，旁边就是油漆库房。');
    await next(page);
    await expectStep(page, '照片和证据');
    await next(page);
    await expectStep(page, '您的身份');
    expect(await warning.count()).toBe(0);

    // Anonymous after a welding category: said at once, next to the choice.
    await page.getByRole('radio', { name: '匿名举报' }).check();
    await warning.getByText('焊接和动火作业的举报奖励只发给实名举报人', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'step 3, welding and anonymous');
    await keepScreenshots(page, 'report-welding-anonymous');
    await page.getByRole('button', { name: 'English' }).click();
    await warning
      .getByText('rewards under the welding rules go only to reporters who give their real name', {
        exact: false,
      })
      .waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('radio', { name: '实名举报' }).check();
    await warning.waitFor({ state: 'detached' });

    // Anonymous, then a welding category chosen on the first step: said there too, and on review.
    await page.getByRole('radio', { name: '匿名举报' }).check();
    await page.getByRole('button', { name: '上一步' }).click();
    await expectStep(page, '照片和证据');
    await page.getByRole('button', { name: '上一步' }).click();
    await expectStep(page, '看到了什么');
    await page.getByLabel('重大事故隐患').check();
    expect(await warning.count()).toBe(0);
    await page.getByLabel('无特种作业操作证从事焊接作业').check();
    await warning.waitFor();
    await keepScreenshots(page, 'report-welding-anonymous-step1');
    await next(page);
    await expectStep(page, '照片和证据');
    await next(page);
    await expectStep(page, '您的身份');
    await next(page);
    await expectStep(page, '核对并提交');
    await warning.waitFor();
    await expectNoAxeViolations(page, 'review, welding and anonymous');
    await keepScreenshots(page, 'report-welding-anonymous-review');

    // Real name: no warning on review.
    await page.getByRole('button', { name: '修改：您的身份' }).click();
    await expectStep(page, '您的身份');
    await page.getByRole('radio', { name: '实名举报' }).check();
    await page.getByRole('textbox', { name: '姓名' }).fill('王五');
    await page.getByRole('textbox', { name: '电话' }).fill('138 1234 5678');
    await next(page);
    await expectStep(page, '核对并提交');
    await page.getByText('实名：王五').waitFor();
    expect(await warning.count()).toBe(0);
    await expectNoAxeViolations(page, 'review, real name');
    expect(pageErrors).toEqual([]);
  });
});
