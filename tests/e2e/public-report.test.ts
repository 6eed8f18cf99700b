// Browser test: a citizen on a 360 px phone scans a poster, reports with a photo, keeps
// the receipt, then follows up and answers the verifier. Real server, real proof of work
// (at 4 bits, so it is quick), Debian's Chromium; the database is checked afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { Poster } from '../../server/posters/poster.model';
import { Report } from '../../server/reports/report.model';
import { Staff } from '../../server/staff/staff.model';
import { anonymouslyToReview, attachSmallPhoto } from '../support/reportForm';
import { ARTIFACTS, browserSuite, waitForPageCondition } from '../support/browser';

const PHONE = { width: 360, height: 740 };
const POSTER_CODE = 'K7QM3X';

jest.setTimeout(120_000);

const suite = browserSuite({ WOODPECKER_POW_BITS: '4' });

beforeAll(async () => {
  const admin = await Staff.findOne({ username: 'admin' }).lean();
  await Poster.create({
    code: POSTER_CODE,
    siteName: '二号厂房',
    enterpriseName: '安阳某某机械有限公司',
    areaCode: '410505',
    sector: 'welding',
    address: '安阳市殷都区钢城路 1 号',
    createdBy: admin!._id,
  });
});

/** A fresh phone profile that fails the test on any uncaught page error. */
async function openPhone(): Promise<{ page: Page; pageErrors: Error[]; context: BrowserContext; workers: string[] }> {
  const context = await suite.newContext({
    viewport: PHONE,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  // The server's CSP (script-src 'self', worker-src 'self' blob:) must never be broken.
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) pageErrors.push(new Error(message.text()));
  });
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  return { page, pageErrors, context, workers };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** Nothing wider than the phone (string expressions: the test tsconfig has no DOM types). */
async function expectFitsPhone(page: Page): Promise<void> {
  expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(PHONE.width);
}

async function expectStep(page: Page, title: string): Promise<void> {
  // "Next" may wait for the form's check to arrive (a lazy chunk), so wait for the new step.
  await page.getByTestId('step-heading').getByText(title, { exact: true }).waitFor();
  // Focus moves to the new step's heading, so screen readers start there.
  await waitForPageCondition(
    page,
    `document.activeElement && document.activeElement.dataset.testid === 'step-heading'`,
  );
}

const next = (page: Page) => page.getByRole('button', { name: '下一步' }).click();

describe('public report form', () => {
  test('the draft survives a reload, and the form switches to English', async () => {
    const { page, pageErrors, context } = await openPhone();
    await page.goto(`${suite.server.baseUrl}/report`);
    await page.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
    await page.getByLabel('具体情况').fill('仓库门口堆放了大量油漆桶，旁边有人在切割钢管。');
    await page.getByLabel('单位或工地名称（选填）').fill('某某仓储公司');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
    expect(await page.getByLabel('具体情况').inputValue()).toBe('仓库门口堆放了大量油漆桶，旁边有人在切割钢管。');
    expect(await page.getByLabel('单位或工地名称（选填）').inputValue()).toBe('某某仓储公司');
    await page.getByText('已恢复您上次没有提交的内容。').waitFor();

    // Next without a category or area: the problems are listed and shown by the fields.
    await next(page);
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('请选择问题类别');
    expect(await summary.textContent()).toContain('请选择县区');
    await waitForPageCondition(
      page,
      `document.activeElement && document.activeElement.dataset.testid === 'error-summary'`,
    );
    await expectFitsPhone(page);
    await shot(page, 'public-report-errors-360');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report a hazard' }).waitFor();
    expect(await page.getByLabel('What happened').inputValue()).toContain('油漆桶');
    expect(await page.getByTestId('error-summary').textContent()).toContain('Choose the kind of problem'); // reworded
    await expectFitsPhone(page);
    await shot(page, 'public-report-english-360');

    // Offline: the reporter is told, and can keep typing.
    await context.setOffline(true);
    await page.getByText('You are offline.', { exact: false }).waitFor();
    await context.setOffline(false);
    await page.getByText('You are offline.', { exact: false }).waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  test('on a shared phone the stored draft holds no identity and no retry key, and an expired draft is not restored', async () => {
    const { page, pageErrors } = await openPhone();
    await page.goto(`${suite.server.baseUrl}/report`);
    await page.getByText('24 小时后自动清除', { exact: false }).waitFor(); // the page says how long it keeps the draft
    await page.getByLabel('未办理动火审批擅自动火').check();
    await page.getByLabel('发生在哪个县区').selectOption('410505');
    await page.getByLabel('具体情况').fill('三号车间有人无证焊接，旁边就是油漆库房。');
    await next(page);
    await expectStep(page, '照片和证据');
    await next(page);
    await expectStep(page, '您的身份');
    await page.getByRole('radio', { name: '实名举报' }).check();
    await page.getByRole('textbox', { name: '姓名' }).fill('李四');
    await page.getByRole('textbox', { name: '电话' }).fill('139 8765 4321');
    await page.getByLabel('电子邮箱（选填）').fill('lisi@example.cn');

    // What outlives the tab (localStorage) has the report but not the person.
    await expect(
      page.evaluate(`(sessionStorage.getItem('woodpecker.reportIdentity') || '').includes('lisi@')`),
    ).resolves.toBe(true);
    const stored = String(await page.evaluate(`localStorage.getItem('woodpecker.reportDraft')`));
    expect(stored).toContain('三号车间');
    for (const secret of ['李四', '139 8765 4321', 'lisi@example.cn', '"real"']) expect(stored).not.toContain(secret);
    // Nor the key that, for a day, would fetch this draft's receipt from the server.
    expect(stored).not.toContain('idempotencyKey');
    await expect(
      page.evaluate(`JSON.parse(sessionStorage.getItem('woodpecker.reportIdentity')).idempotencyKey.startsWith('r-')`),
    ).resolves.toBe(true);

    // A reload in the same tab keeps both; the identity comes back from this tab's session only.
    await page.reload();
    await page.getByTestId('step-heading').getByText('您的身份').waitFor();
    expect(await page.getByRole('textbox', { name: '姓名' }).inputValue()).toBe('李四');

    // A new tab (the next person picking up the phone) gets the report text, never the name.
    const other = await page.context().newPage();
    await other.goto(`${suite.server.baseUrl}/report`);
    await other.getByTestId('step-heading').waitFor();
    expect(String(await other.evaluate(`JSON.stringify(sessionStorage)`))).not.toContain('李四');
    await other.close();

    // A draft older than a day is removed, not restored.
    await page.evaluate(
      `(() => { const d = JSON.parse(localStorage.getItem('woodpecker.reportDraft')); d.savedAt = Date.now() - 25 * 3600000; localStorage.setItem('woodpecker.reportDraft', JSON.stringify(d)); })()`,
    );
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
    expect(await page.getByLabel('具体情况').inputValue()).toBe('');
    expect(await page.getByText('已恢复您上次没有提交的内容。').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  test('a report with a photo from a poster, its receipt, and the follow-up conversation', async () => {
    const { page, pageErrors, workers } = await openPhone();
    await page.goto(`${suite.server.baseUrl}/report?poster=${POSTER_CODE}`);
    await page.getByTestId('poster-tag').getByText(`来自公示牌 ${POSTER_CODE}`).waitFor();

    // Step 1: what was seen.
    await expect(page.getByTestId('step-heading').textContent()).resolves.toBe('看到了什么');
    await page.getByLabel('未办理动火审批擅自动火').check();
    await page.getByText('焊接和动火作业问题须实名举报').waitFor();
    await page.getByLabel('发生在哪个县区').selectOption('410505');
    await page
      .getByLabel('具体情况')
      .fill('二号厂房内有工人在没有动火审批的情况下焊接，旁边堆着木板和油桶，没有灭火器。');
    await page.getByLabel('发生时间（选填）').fill('2025-11-20T09:30');
    await page.getByLabel('详细地点（选填）').fill('二号厂房北侧');
    await page.getByLabel('单位或工地名称（选填）').fill('安阳某某机械有限公司');
    await expectFitsPhone(page);
    await shot(page, 'public-report-step1-360');
    await next(page);

    // Step 2: a photo, shown as a thumbnail with its size.
    await expectStep(page, '照片和证据');
    await attachSmallPhoto(page);
    await page.locator('img.evidence__thumb').waitFor();
    await page.getByText('已添加 1 个文件（最多 10 个）').waitFor();
    await page.getByText('可识别您的信息（位置、手机型号和序列号', { exact: false }).waitFor();
    await expectFitsPhone(page);
    await shot(page, 'public-report-step2-360');
    await next(page);

    // Step 3: must choose; then real name with contact details.
    await expectStep(page, '您的身份');
    await next(page);
    await page.getByTestId('error-summary').getByText('请选择实名举报或匿名举报').waitFor();
    await page.getByRole('radio', { name: '实名举报' }).check();
    expect(await page.getByTestId('error-summary').count()).toBe(0); // answered, so no longer listed
    await page.getByRole('textbox', { name: '姓名' }).fill('张三');
    await page.getByRole('textbox', { name: '电话' }).fill('138 1234 5678');
    await page.getByLabel('电子邮箱（选填）').fill('zhangsan@example.cn');
    await expectFitsPhone(page);
    await shot(page, 'public-report-step3-360');
    await next(page);

    // Step 4: review, submit, receipt.
    await expectStep(page, '核对并提交');
    await page.getByText('实名：张三').waitFor();
    await expectFitsPhone(page);
    await shot(page, 'public-report-review-360');
    await page.getByTestId('submit-report').click();

    await page.getByRole('heading', { level: 1, name: '举报已提交' }).waitFor({ timeout: 30_000 });
    expect(workers.some((url) => /powWorker/.test(url))).toBe(true); // the proof of work ran in a Web Worker
    const reference = (await page.getByTestId('receipt-reference').textContent())!.trim();
    const accessKey = (await page.getByTestId('receipt-access-key').textContent())!.trim();
    expect(reference).toMatch(/^WP-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(accessKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    await page.getByText('查询密钥只显示这一次').waitFor();
    // The draft is gone, and the key was never written to storage.
    expect(await page.evaluate(`localStorage.getItem('woodpecker.reportDraft')`)).toBeNull();
    expect(String(await page.evaluate('JSON.stringify(localStorage) + JSON.stringify(sessionStorage)'))).not.toContain(
      accessKey,
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('receipt-save-image').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`举报回执-${reference}.png`);
    const png = await sharp(await download.path()).metadata();
    expect(png.format).toBe('png');
    expect(png.width).toBe(900);
    fs.copyFileSync(await download.path(), path.join(ARTIFACTS, 'public-receipt-image.png'));
    await page.getByTestId('receipt-image').waitFor();
    await expectFitsPhone(page);
    await shot(page, 'public-receipt-360');

    // Follow-up, once the key is saved: the receipt's button carries the reference; the key is typed.
    await page.getByLabel('我已保存查询密钥').check();
    await page.getByRole('button', { name: '查询进度' }).click();
    await page.getByRole('heading', { level: 1, name: '查询举报进度' }).waitFor();
    expect(await page.getByLabel('举报编号').inputValue()).toBe(reference);
    await page.getByLabel('查询密钥').fill(accessKey.toLowerCase().replace(/-/g, ' '));
    await shot(page, 'public-followup-signin-360');
    await page.getByTestId('followup-signin').click();

    await page.getByRole('heading', { level: 1, name: reference }).waitFor();
    expect(await page.getByTestId('followup-status').textContent()).toBe('已提交，等待受理');
    expect(await page.getByTestId('followup-timeline').textContent()).toContain('提交举报');
    expect(await page.getByTestId('followup-evidence-count').textContent()).toBe('1 个');
    expect(await page.evaluate(`sessionStorage.getItem('woodpecker.followup')`)).toContain('token');
    expect(await page.evaluate(`localStorage.getItem('woodpecker.followup')`)).toBeNull();

    const message = '焊接的是两个外来工人，下午两点以后一般都在。';
    await page.getByLabel('给工作人员留言').fill(message);
    await page.getByTestId('followup-send').click();
    await page.getByTestId('followup-messages').getByText(message).waitFor();
    expect(await page.getByTestId('followup-timeline').textContent()).toContain('您发送了消息');
    await expectFitsPhone(page);
    await shot(page, 'public-followup-360');

    // What the server kept: one report, its photo, the message, the poster; identity sealed.
    const reports = await Report.find({ reference }).lean();
    expect(reports).toHaveLength(1);
    const [stored] = reports;
    expect(stored.category).toBe('welding-no-permit');
    expect(stored.area).toBe('410505');
    expect(stored.posterCode).toBe(POSTER_CODE);
    expect(stored.anonymous).toBe(false);
    expect(stored.reporterSealed).toBeTruthy();
    expect(JSON.stringify(stored)).not.toContain('13812345678');
    expect(stored.occurredAt?.toISOString()).toBe('2025-11-20T01:30:00.000Z');
    expect(stored.evidence).toHaveLength(1);
    expect(stored.evidence[0]).toMatchObject({ kind: 'photo', mime: 'image/jpeg', addedBy: 'reporter' });
    expect(stored.messages).toHaveLength(1);
    expect(stored.messages[0]).toMatchObject({ from: 'reporter', body: message });

    // More evidence, with progress; then withdrawal behind a confirmation; then sign-out.
    const second = await sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: 20, g: 90, b: 160 } },
    })
      .png()
      .toBuffer();
    await page.getByTestId('evidence-any').setInputFiles({ name: 'later.png', mimeType: 'image/png', buffer: second });
    await page.getByRole('button', { name: '上传所选文件' }).click();
    await page.getByText('已补充 1 个文件。').waitFor();
    expect(await page.getByTestId('followup-evidence-count').textContent()).toBe('2 个');
    await page.getByRole('button', { name: '我要撤回这件举报' }).click();
    await page.getByLabel('撤回原因（选填）').fill('已经整改了');
    await page.getByRole('button', { name: '确认撤回' }).click();
    await page.getByText('举报已撤回。').waitFor();
    expect(await page.getByTestId('followup-status').textContent()).toBe('已撤回');
    expect(await page.getByTestId('followup-timeline').textContent()).toContain('已经整改了');
    await shot(page, 'public-followup-withdrawn-360');
    const after = await Report.findOne({ reference }).lean();
    expect(after!.evidence).toHaveLength(2);
    expect(after!.status).toBe('withdrawn');

    await page.getByTestId('followup-signout').click();
    await page.getByText('已退出。').waitFor();
    expect(await page.evaluate(`sessionStorage.getItem('woodpecker.followup')`)).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  test('an unknown poster is left out; a lost answer is retried without a second report', async () => {
    const before = await Report.countDocuments();
    const { page, pageErrors } = await openPhone();
    // The first submission reaches the server, but its answer is lost on the way back.
    const idempotencyKeys: string[] = [];
    await page.route('**/api/v1/reports', async (route) => {
      idempotencyKeys.push(route.request().headers()['idempotency-key']);
      if (idempotencyKeys.length > 1) return route.continue();
      const answer = await route.fetch();
      expect(answer.status()).toBe(201);
      await route.abort('connectionreset');
    });
    await page.goto(`${suite.server.baseUrl}/report?poster=ZZZZZZ`);
    await page.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
    // The poster's public context answers 404, so the form says so and leaves the code out.
    await page.getByText('这块公示牌的编号无法识别，已去掉该编号。').waitFor();
    expect(await page.getByTestId('poster-tag').count()).toBe(0);
    await page.getByText('其他行业的问题').click(); // the less common sectors sit behind one tap
    await page.getByLabel('安全出口、疏散通道堵塞或锁闭').check();
    await page.getByLabel('发生在哪个县区').selectOption('410581');
    await page.getByLabel('具体情况').fill('商场三楼的安全出口被货架堵死，晚上还上了锁。');
    await next(page);
    await expectStep(page, '照片和证据');
    await anonymouslyToReview(page);
    await page.getByTestId('submit-report').click();
    await page.getByText('网络不稳定', { exact: false }).first().waitFor();
    await shot(page, 'public-report-retrying-360');
    await page.getByRole('heading', { level: 1, name: '举报已提交' }).waitFor({ timeout: 30_000 });
    const reference = (await page.getByTestId('receipt-reference').textContent())!.trim();

    expect(idempotencyKeys).toHaveLength(2);
    expect(idempotencyKeys[0]).toMatch(/^r-[0-9a-f]{32}$/);
    expect(idempotencyKeys[1]).toBe(idempotencyKeys[0]);
    expect(await Report.countDocuments()).toBe(before + 1);
    const stored = await Report.findOne({ reference }).lean();
    expect(stored).toMatchObject({ anonymous: true, category: 'fire-exits-blocked', area: '410581' });
    expect(stored!.posterCode).toBeUndefined();
    expect(stored!.reporterSealed).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });
});
