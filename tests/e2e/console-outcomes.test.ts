// Browser test: after a substantiated conclusion. The verifier orders a rectification
// of the major hazard (listed for supervision) and records its re-inspection with a
// photo before and after; a reviewer signs the major hazard off (销号) and sends the
// result letter (核查结果告知书), which appears with its PDF. The case page is also
// read in English, and on a phone. And before a conclusion: the verifier asks for
// more time and the unit's head approves it; the verifier refers a report that
// cannot be verified up, and the level above orders a new verification. And the
// reporter's objection to a rejection, reviewed by the level above.
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { ARTIFACTS, browserSuite } from '../support/browser';
import { statusShown, takeAction } from '../support/casePage';
import { caseDriver } from '../support/cases';
import { intakeEnv, jpeg } from '../support/intake';

jest.setTimeout(240_000);

const suite = browserSuite(intakeEnv);

const ENTERPRISE = '北关区某商贸城有限公司';
const LISTING_BODY = '安阳市安全生产委员会办公室';
const PENALTY_NO = '安消罚决字〔2026〕0012号';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `console-outcomes-${name}.png`), fullPage: true });

/** A calendar day in Asia/Shanghai, `days` from today. */
const shanghaiDay = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));

async function openCase(page: Page, reference: string): Promise<void> {
  await page.goto(`${suite.server.baseUrl}/console/cases/${reference}`);
  await page.getByTestId('case-reference').getByText(reference).waitFor();
}

/** Waits until the one photo in `testId` has loaded through the session (not a broken image); its width. */
async function photoLoaded(page: Page, testId: string): Promise<number> {
  const img = page.getByTestId(testId).locator('img');
  await img.waitFor();
  // decode() settles once the image is loaded, and rejects for a broken one.
  return img.evaluate((el: { decode(): Promise<void>; naturalWidth: number }) =>
    el.decode().then(() => el.naturalWidth),
  );
}

test('a rectification is ordered, re-inspected with photos and signed off, and the result letter is sent', async () => {
  const cases = await caseDriver(suite.server);
  const { reference } = await cases.reportAt('substantiated');

  // The verifier orders the rectification: a major hazard, so it is listed for supervision.
  const verifier = await suite.signedIn('verifier');
  await openCase(verifier.page, reference);
  await verifier.page.getByTestId('rectification-card').getByText('尚未下达整改指令。').waitFor();
  await takeAction(verifier.page, '下达整改指令', async (dialog) => {
    await dialog.getByLabel('整改指令书编号').fill('安应急责改〔2026〕0031号');
    await dialog.getByLabel('责任企业').fill(ENTERPRISE);
    await dialog.getByLabel('整改期限').fill(shanghaiDay(30));
    // Substantiated as a major hazard: the switch starts on, and the listing body is asked for.
    expect(await dialog.getByLabel('重大事故隐患（挂牌督办）').getAttribute('aria-checked')).toBe('true');
    await dialog.getByLabel('挂牌督办单位').fill(LISTING_BODY);
    await shot(verifier.page, '1-order-form');
  });
  const task = verifier.page.getByTestId('rectification-R1');
  await task.getByText(`挂牌督办：${LISTING_BODY}`).waitFor();
  expect(await task.getByTestId('rectification-status').textContent()).toBe('待复查');

  // The re-inspection: completed, with one photo of the site before and one after.
  const form = verifier.page.getByTestId('reinspection-form');
  await form.getByLabel('复查日期').fill(shanghaiDay());
  await form.getByText('已完成', { exact: true }).click();
  await form.getByLabel('复查情况').fill('现场复查，两个安全出口已清理畅通，消防通道锁具已拆除。');
  await form
    .getByLabel('整改前照片')
    .setInputFiles({ name: 'before.jpg', mimeType: 'image/jpeg', buffer: await jpeg(64, 48) });
  await form
    .getByLabel('整改后照片')
    .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await jpeg(48, 64) });
  await shot(verifier.page, '2-reinspection-form');
  await form.getByRole('button', { name: '提交复查' }).click();
  await task.getByTestId('rectification-status').getByText('待销号').waitFor();
  expect(await photoLoaded(verifier.page, 'photos-before')).toBe(64);
  expect(await photoLoaded(verifier.page, 'photos-after')).toBe(48);
  await task.getByTestId('reinspection').getByText('已完成', { exact: true }).waitFor();
  // Nothing is open any more: the form is gone.
  await form.waitFor({ state: 'detached' });
  await shot(verifier.page, '3-reinspected');
  expect(verifier.pageErrors).toEqual([]);

  const reinspected = await cases.stored(reference);
  const [stored] = reinspected.rectifications!;
  expect(stored).toMatchObject({ status: 'awaiting-sign-off', major: true, listingBody: LISTING_BODY });
  expect(stored.reinspections![0].beforeFileIds).toHaveLength(1);
  expect(stored.reinspections![0].afterFileIds).toHaveLength(1);
  const photoIds = [...stored.reinspections![0].beforeFileIds!, ...stored.reinspections![0].afterFileIds!];
  expect(reinspected.evidence.filter((e) => photoIds.includes(e.fileId))).toHaveLength(2);

  // A reviewer (not the inspector) signs the major hazard off.
  const reviewer = await suite.signedIn('reviewer');
  await openCase(reviewer.page, reference);
  // Re-inspection is the verifiers' step: a reviewer gets no form.
  expect(await reviewer.page.getByTestId('reinspection-form').count()).toBe(0);
  await takeAction(reviewer.page, '重大隐患整改销号', async (dialog) => {
    await dialog.getByLabel('销号意见').fill('经复查确认整改到位，同意销号。');
  });
  const signed = reviewer.page.getByTestId('rectification-R1');
  await signed.getByTestId('rectification-status').getByText('已复查完成').waitFor();
  await signed.getByTestId('rectification-signed-off').waitFor();
  await shot(reviewer.page, '4-signed-off');

  // The result letter: the preview shows what it will say, the penalty once it is public.
  await reviewer.page.getByTestId('letter-due').waitFor();
  await takeAction(reviewer.page, '发送核查结果告知书', async (dialog) => {
    await dialog.getByLabel('核查情况简述').fill('执法人员到现场检查，调取监控录像，询问有关人员。');
    await dialog.getByLabel('处理决定').fill('责令立即整改，依法给予行政处罚，重大事故隐患挂牌督办。');
    const preview = dialog.getByTestId('letter-preview');
    await preview.getByText('不告知处罚信息').waitFor();
    await dialog.getByLabel('行政处罚决定已公开，可告知文号和罚款金额').click();
    await preview.getByText(`${PENALTY_NO}，罚款 5,000.00 元`).waitFor();
    await preview.getByText('举报属实').waitFor();
    await shot(reviewer.page, '5-letter-form');
  });
  const letter = reviewer.page.getByTestId('result-letter');
  await letter.getByText(`${reference}-L1`).waitFor();
  await letter.getByText(PENALTY_NO, { exact: false }).waitFor();
  await letter.getByTestId('result-letter-pdf').waitFor();
  expect(await reviewer.page.getByTestId('letter-due').count()).toBe(0);
  await statusShown(reviewer.page, '核查属实');
  await shot(reviewer.page, '6-letter-sent');

  const sent = await cases.stored(reference);
  expect(sent.resultLetters).toHaveLength(1);
  expect(sent.resultLetters![0]).toMatchObject({ letterNo: `${reference}-L1`, penaltyDecisionNo: PENALTY_NO });
  expect(sent.rectifications![0].status).toBe('completed');

  // The same page in English.
  await reviewer.page.getByText('English', { exact: true }).click();
  await reviewer.page.getByTestId('rectification-status').getByText('Verified complete').waitFor();
  await reviewer.page.getByTestId('result-letter-pdf').getByText('Letter PDF').waitFor();
  await reviewer.page.getByTestId('outcome-card').getByText('Conclusion and letters').waitFor();
  expect(await reviewer.page.getAttribute('html', 'lang')).toBe('en');
  await shot(reviewer.page, '7-english');
  expect(reviewer.pageErrors).toEqual([]);

  // On a phone: the cards fit the screen.
  const phone = await suite.signedIn('reviewer', { viewport: { width: 390, height: 844 } });
  await openCase(phone.page, reference);
  await phone.page.getByTestId('rectification-R1').getByText('已复查完成').waitFor();
  expect(await photoLoaded(phone.page, 'photos-after')).toBe(48);
  expect(Number(await phone.page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
  await phone.page.screenshot({ path: path.join(ARTIFACTS, 'console-outcomes-8-phone-390.png'), fullPage: true });
  expect(phone.pageErrors).toEqual([]);
});

/** Picks an option in an antd Select of the open dialog, found by its form label. */
async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('dialog').getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

test('more time is asked for and approved, and a report that cannot be verified is referred up and sent back', async () => {
  const cases = await caseDriver(suite.server);
  const { reference } = await cases.newReport();
  // Verified by the bureau's own unit, whose head (the reviewer) decides on time and referrals.
  await cases.ok(reference, 'accept', { unitCode: 'city-emb', verifierId: cases.staff.verifier.user.id });
  await cases.ok(reference, 'start-verification', {}, cases.staff.verifier);

  const verifier = await suite.signedIn('verifier');
  await openCase(verifier.page, reference);
  await takeAction(verifier.page, '申请延长核查期限', async (dialog) => {
    await dialog.getByLabel('申请延长天数（不超过 30 天）').fill('10');
    await dialog.getByLabel('申请理由').fill('需等待第三方检测机构出具检测报告。');
  });
  await verifier.page.getByTestId('extension-request').getByText('申请延长 10 天').waitFor();
  // Nobody approves their own request.
  expect(
    await verifier.page.getByTestId('case-actions').getByRole('button', { name: '批准延长核查期限' }).count(),
  ).toBe(0);

  const reviewer = await suite.signedIn('reviewer');
  await openCase(reviewer.page, reference);
  await takeAction(reviewer.page, '批准延长核查期限', async (dialog) => {
    await dialog.getByText('需等待第三方检测机构出具检测报告。', { exact: false }).waitFor();
    await dialog.getByLabel('批准理由（将告知举报人）').fill('检测报告须由第三方机构出具，同意延期。');
  });
  await reviewer.page.getByText('已延期 10 天', { exact: false }).waitFor();
  expect(await reviewer.page.getByTestId('extension-request').count()).toBe(0);
  await shot(reviewer.page, '9-extension-approved');

  await verifier.page.reload();
  await takeAction(verifier.page, '无法核实，报上级', async (dialog) => {
    await dialog.getByLabel('无法核实的原因').fill('被举报场所已停业，无法进入现场核实。');
  });
  await statusShown(verifier.page, '无法核实，已报上级');

  await reviewer.page.reload();
  await reviewer.page.getByTestId('outcome-card').getByText('被举报场所已停业', { exact: false }).waitFor();
  await takeAction(reviewer.page, '上级研究决定', async (dialog) => {
    await dialog.getByText('重新核查', { exact: true }).click();
    // The unit the report had is proposed again; the verifier is chosen from the area's.
    await dialog.locator('.ant-select-content-value', { hasText: '安阳市应急管理局' }).waitFor();
    await choose(
      reviewer.page,
      '核查人员',
      /^张强（核查人员） · 安阳市应急管理综合行政执法支队 · 9 个县区 · 在办 \d+ 件$/,
    );
    await dialog.getByLabel('核查要求').fill('联系街道办事处，协调进入现场核查。');
    await shot(reviewer.page, '10-referral-decision');
  });
  await statusShown(reviewer.page, '已分派');
  await shot(reviewer.page, '11-reverify');
  expect(reviewer.pageErrors).toEqual([]);
  expect(verifier.pageErrors).toEqual([]);

  const stored = await cases.stored(reference);
  expect(stored.referral).toMatchObject({ outcome: 'reverify', decision: '联系街道办事处，协调进入现场核查。' });
  // The new verification starts with a fresh assignment and deadline.
  expect(stored.assignment).toMatchObject({ unitCode: 'city-emb', verifierId: cases.staff.verifier.user.id });
  expect(stored.timeline.map((e) => e.type)).toEqual(
    expect.arrayContaining(['request-extension', 'approve-extension', 'refer-unverifiable', 'decide-referral']),
  );
});

test('the reporter objects to a rejection, and the level above reopens the report', async () => {
  const cases = await caseDriver(suite.server);
  const receipt = await cases.newReport();
  const { reference } = receipt;
  await cases.ok(reference, 'reject', { reason: '举报事项不属于安全生产监管职责。' });
  await cases.ok(reference, 'send-result-letter', { account: '经审查举报材料。', handling: '不予受理。' });
  const token = await cases.followupToken(receipt);
  const objected = await cases
    .reporter(request(suite.server.app).post('/api/v1/followup/objection'), token)
    .send({ reason: '商场属于人员密集场所，安全出口堵塞应由应急管理部门处理。' });
  expect(objected.status).toBe(200);

  // The review is the city's, by someone who took no part in the conclusion.
  const reviewer = await suite.signedIn('reviewer');
  await openCase(reviewer.page, reference);
  await statusShown(reviewer.page, '异议复查中');
  const objection = reviewer.page.getByTestId('objection');
  await objection.getByText('待复查').waitFor();
  await objection.getByText('商场属于人员密集场所', { exact: false }).waitFor();
  await reviewer.page.getByTestId('result-letter').getByText(`${reference}-L1`).waitFor();
  await takeAction(reviewer.page, '异议复查决定', async (dialog) => {
    await dialog.getByText('撤销原结论，重新办理', { exact: true }).click();
    // A rejected report goes back to screening: no unit or verifier to choose.
    await dialog.getByText('原结论为不予受理：撤销后重新进入受理审查。').waitFor();
    expect(await dialog.getByLabel('核查人员', { exact: true }).count()).toBe(0);
    await dialog.getByLabel('复查理由（将告知举报人）').fill('举报事项属于本部门监管职责，应予受理。');
    await shot(reviewer.page, '12-objection-decision');
  });
  await statusShown(reviewer.page, '受理审查中');
  await objection.getByText('撤销原结论，重新办理').waitFor();
  await objection.getByText('举报事项属于本部门监管职责，应予受理。', { exact: false }).waitFor();
  await shot(reviewer.page, '13-objection-decided');
  expect(reviewer.pageErrors).toEqual([]);

  const stored = await cases.stored(reference);
  expect(stored.objections![0]).toMatchObject({ outcome: 'reopened', fromStatus: 'rejected' });
});
