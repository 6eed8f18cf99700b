// Browser test: one report through the console end to end. The intake officer finds it
// in the queue, accepts and assigns it; the verifier starts verification, writes to the
// reporter and submits substantiated findings; the reporter answers from the public
// follow-up page; the verifier reads the answer; the reviewer asks to see who reported,
// a protection officer approves, the reviewer reads it; the reviewer approves the findings.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { endOfShanghaiDay } from '../../shared/dates';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Report } from '../../server/reports/report.model';
import { Staff } from '../../server/staff/staff.model';
import { ARTIFACTS, browserSuite, waitForPageCondition } from '../support/browser';
import { statusShown, takeAction } from '../support/casePage';
import { intakeEnv, jpeg, submit } from '../support/intake';

jest.setTimeout(180_000);

// Trust the loopback proxy: the API submission carries a simulated reporter address.
const suite = browserSuite(intakeEnv);

const SUBJECT = '北关区某商贸城有限公司';
const QUESTION = '请问被堵的是几楼的安全出口？大约从什么时候开始的？';
const ANSWER = '三楼东侧两个安全出口，上个月开始一直堆着货。';

const signedIn = (username: string) => suite.signedIn(username);

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `console-cases-${name}.png`), fullPage: true });

/** Picks an option in an antd Select of the open dialog, found by its form label; long lists are virtual, so `search` brings the option into view. */
async function choose(page: Page, label: string, option: string | RegExp, search?: string): Promise<void> {
  const select = page.getByRole('dialog').getByLabel(label, { exact: true });
  await select.click();
  if (search) await select.fill(search);
  await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).click();
  // Wait for the list to close, so the next select's list is the only one on screen.
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  const field = page.getByRole('dialog').locator('.ant-form-item', { has: page.getByText(label, { exact: true }) });
  await field.locator('.ant-select-content-value', { hasText: option }).waitFor();
}

/** Opens the queue on a tab and the case from its row. */
async function openCase(page: Page, tab: string, reference: string): Promise<void> {
  await page.getByRole('link', { name: '案件办理' }).click();
  await page.getByRole('tab', { name: tab }).click();
  const row = page.locator('[data-testid=cases-table] tbody tr', { hasText: reference });
  await row.waitFor();
  await shot(page, `queue-${tab}`);
  await row.getByRole('link', { name: reference }).click();
  await page.getByTestId('case-reference').getByText(reference).waitFor();
}

describe('case work in the console', () => {
  test('a report goes from the queue to substantiated findings, with a conversation with the reporter', async () => {
    const res = await submit(
      suite.server.baseUrl,
      {
        category: 'fire-exits-blocked',
        area: '410503',
        description: '商贸城三楼的安全出口被货物堵死，消防通道长期锁闭。',
        subjectName: SUBJECT,
        anonymous: false,
        reporter: { name: '王五', phone: '13800000000' },
      },
      [{ content: await jpeg(64, 48), filename: 'exit.jpg', contentType: 'image/jpeg' }],
    );
    expect(res.status).toBe(201);
    const { reference, accessKey } = res.body as { reference: string; accessKey: string };

    // Intake: the new report is in the "to screen" queue; accept and assign it.
    const intake = await signedIn('intake');
    await openCase(intake.page, '待受理', reference);
    await intake.page.getByTestId('case-description').getByText('安全出口被货物堵死').waitFor();
    const photo = intake.page.getByTestId('evidence-item').locator('img');
    await photo.waitFor();
    // The photo really loads through the session (not a broken image): its natural width is the JPEG's.
    await waitForPageCondition(
      intake.page,
      `document.querySelector('[data-testid=evidence-item] img')?.naturalWidth === 64`,
    );
    const stored = (await Report.findOne({ reference }).lean())!;
    await intake.page.getByTestId('evidence-item').getByText(stored.evidence[0].storedSha256).waitFor();
    expect(await intake.page.getByText('王五').count()).toBe(0); // staff see a pseudonym, never the name
    await shot(intake.page, '1-intake-case');
    await takeAction(intake.page, '受理并分派', async () => {
      await choose(intake.page, '承办单位', '安阳市消防救援支队', '消防救援');
      await choose(
        intake.page,
        '核查人员',
        /^张强（核查人员） · 安阳市应急管理综合行政执法支队 · 9 个县区 · 在办 \d+ 件$/,
        '张强',
      );
      await intake.page.getByRole('dialog').getByLabel('核查期限（天）').fill('30');
    });
    await statusShown(intake.page, '已分派');
    await shot(intake.page, '2-intake-assigned');
    expect(intake.pageErrors).toEqual([]);

    // Verifier: start, write to the reporter, record and submit the findings.
    const verifier = await signedIn('verifier');
    await openCase(verifier.page, '我的案件', reference);
    await takeAction(verifier.page, '开始核查');
    await statusShown(verifier.page, '核查中');
    await verifier.page.getByLabel('写给举报人的消息（举报人查询进度时可见）').fill(QUESTION);
    await verifier.page.getByRole('button', { name: '发送' }).click();
    await verifier.page.getByTestId('case-messages').getByText(QUESTION).waitFor();
    await takeAction(verifier.page, '提交核查结论', async (dialog) => {
      await dialog.getByLabel('现场核查日期').fill('2026-11-20');
      await dialog.getByLabel('核查情况').fill('现场检查确认三楼两个安全出口被货物堵塞，已责令立即清理。');
      await dialog.locator('#action-submit-findings_substantiated').getByText('是', { exact: true }).click();
      await choose(verifier.page, '违法行为类型', '重大事故隐患');
      await choose(verifier.page, '隐患等级', '重大隐患');
      await dialog.getByLabel('罚款金额（元）').fill('5000.5');
      await dialog.getByLabel('行政处罚决定书文号').fill('安消罚决字〔2026〕0012号');
      await shot(verifier.page, '3-verifier-findings-form');
    });
    await statusShown(verifier.page, '核查结论待审核');
    await verifier.page.getByTestId('case-findings').getByText('5,000.50').waitFor();
    await shot(verifier.page, '4-verifier-findings-submitted');
    const afterFindings = (await Report.findOne({ reference }).lean())!;
    expect(afterFindings.findings).toMatchObject({
      inspectedOn: '2026-11-20',
      substantiated: true,
      violationKind: 'major-hazard',
      hazardLevel: 'major',
      fineFen: 500_050,
      alreadyKnownAndHandled: false,
      exclusions: [],
    });
    expect(afterFindings.assignment).toMatchObject({ unitCode: 'city-fire' });
    // Thirty days on, to the end of that day in China.
    const thirtyDaysOn = new Date(afterFindings.assignment!.assignedAt!.getTime() + 30 * 86_400_000);
    expect(afterFindings.assignment!.dueAt).toEqual(endOfShanghaiDay(thirtyDaysOn));

    // The reporter reads the question on the public follow-up page and answers.
    const reporterContext = await suite.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const reporter = await reporterContext.newPage();
    await reporter.goto(`${suite.server.baseUrl}/followup`);
    await reporter.getByLabel('举报编号').fill(reference);
    await reporter.getByLabel('查询密钥').fill(accessKey);
    await reporter.getByTestId('followup-signin').click();
    await reporter.getByTestId('followup-messages').getByText(QUESTION).waitFor();
    await reporter.getByLabel('给工作人员留言').fill(ANSWER);
    await reporter.getByTestId('followup-send').click();
    await reporter.getByTestId('followup-messages').getByText(ANSWER).waitFor();
    await reporter.screenshot({ path: path.join(ARTIFACTS, 'console-cases-5-reporter-answers.png'), fullPage: true });

    // The verifier sees the answer, marked as the reporter's.
    await verifier.page.reload();
    const answer = verifier.page.getByTestId('case-messages').locator('li', { hasText: ANSWER });
    await answer.waitFor();
    expect(await answer.textContent()).toContain('举报人');
    await shot(verifier.page, '6-verifier-reads-answer');
    expect(verifier.pageErrors).toEqual([]);

    // Reviewer: the findings await their review; approving makes the report substantiated.
    const reviewer = await signedIn('reviewer');
    await openCase(reviewer.page, '待我审核', reference);
    await reviewer.page.getByTestId('case-findings').getByText('重大事故隐患').waitFor();
    // Reading who reported takes two people: the reviewer asks with a reason ...
    await takeAction(reviewer.page, '申请查看举报人身份', async (dialog) => {
      await dialog.getByLabel('申请理由（将记入审计日志，至少 10 个字）').fill('核实举报人身份以便发放奖励通知');
    });
    expect(await reviewer.page.getByTestId('reveal-identity').count()).toBe(0); // not before an approval
    await reviewer.page.getByTestId('identity-reveals').getByText('待批准').waitFor();
    await shot(reviewer.page, '7-reviewer-asks-identity');
    // ... a protection officer, who did not ask, approves it from the requests queue ...
    const custodian = await signedIn('protection');
    await openCase(custodian.page, '身份查看申请', reference);
    await custodian.page.getByTestId('identity-reveals').getByText('核实举报人身份以便发放奖励通知').waitFor();
    // (Not takeAction: "批准…" is also part of the refusal's name "不批准…".)
    await custodian.page
      .getByTestId('case-actions')
      .getByRole('button', { name: '批准查看举报人身份', exact: true })
      .click();
    const approval = custodian.page.getByRole('dialog');
    await approval.getByLabel('批准意见（可选）').fill('同意，仅用于本次奖励通知。');
    await approval.getByRole('button', { name: '批准查看举报人身份', exact: true }).click();
    await approval.waitFor({ state: 'hidden' });
    await custodian.page.getByTestId('identity-reveals').getByText('已批准').waitFor();
    expect(await custodian.page.getByTestId('reveal-identity').count()).toBe(0); // the approver cannot use it
    await shot(custodian.page, '7-protection-approves');
    expect(custodian.pageErrors).toEqual([]);
    // ... and the reviewer alone reveals it while the approval lasts.
    await reviewer.page.reload();
    await reviewer.page.getByTestId('reveal-identity').click();
    await reviewer.page.getByRole('dialog').getByRole('button', { name: '查看' }).click();
    await reviewer.page.getByTestId('revealed-identity').getByText('王五').waitFor();
    expect(
      await AuditEntry.countDocuments({
        action: 'report.identity_revealed',
        'target.id': reference,
        'details.reason': '核实举报人身份以便发放奖励通知',
        'details.approvedById': String((await Staff.findOne({ username: 'protection' }).lean())!._id),
      }),
    ).toBe(1);
    await shot(reviewer.page, '7a-reviewer-identity');
    await reviewer.page.getByRole('dialog').getByRole('button', { name: '关闭' }).last().click();
    await reviewer.page.getByRole('dialog').waitFor({ state: 'hidden' });
    // The reporter's pseudonym opens their history: this one report, no name.
    await reviewer.page.getByTestId('reporter-pseudonym').click();
    await reviewer.page.getByTestId('reporter-history').getByText(reference).waitFor();
    expect(await reviewer.page.getByTestId('reporter-history').textContent()).not.toContain('王五');
    await shot(reviewer.page, '7c-reviewer-reporter-history');
    await reviewer.page.keyboard.press('Escape');
    // The drawer is a dialog too: the next action's dialog is looked for only once it has gone.
    await reviewer.page.getByRole('dialog', { name: /该举报人的举报记录/ }).waitFor({ state: 'hidden' });
    await takeAction(reviewer.page, '审核通过', async (dialog) => {
      await dialog.getByLabel('审核意见（可选）').fill('证据充分，同意。');
    });
    await statusShown(reviewer.page, '核查属实');
    expect(await reviewer.page.getByTestId('case-timeline').textContent()).toContain('审核通过');
    await shot(reviewer.page, '7b-reviewer-approved');
    expect(reviewer.pageErrors).toEqual([]);

    const done = (await Report.findOne({ reference }).lean())!;
    expect(done.status).toBe('substantiated');
    expect(done.messages.map((m) => [m.from, m.body])).toEqual([
      ['staff', QUESTION],
      ['reporter', ANSWER],
    ]);
  });

  test('the intake officer enters a hotline report, reads out its receipt, and assigns it with another in one go', async () => {
    const web = await submit(suite.server.baseUrl, {
      category: 'fire-exits-blocked',
      area: '410503',
      description: '超市后门的安全出口被铁链锁住，晚上也不开。',
      anonymous: true,
    });
    expect(web.status).toBe(201);
    const webReference = (web.body as { reference: string }).reference;

    const { page, pageErrors } = await signedIn('intake');
    await page.getByRole('link', { name: '案件办理' }).click();
    await page.getByRole('button', { name: '录入热线/来信举报' }).click();
    const dialog = page.getByRole('dialog');
    await choose(page, '类别', '安全出口、疏散通道堵塞或锁闭', '安全出口');
    await choose(page, '县区', '北关区');
    await dialog.getByLabel('举报内容').fill('来电反映：某酒店地下车库的消防通道堆满杂物。');
    await dialog.getByLabel('被举报单位').fill('北关区某酒店管理有限公司');
    await dialog.getByLabel('举报人姓名').fill('赵六');
    await dialog.getByLabel('举报人电话').fill('13900000000');
    await dialog.getByRole('button', { name: '录入' }).click();
    const receipt = page.getByTestId('entered-receipt');
    await receipt.waitFor();
    const entered = (await Report.findOne({ subjectName: '北关区某酒店管理有限公司' }).lean())!;
    expect(entered).toMatchObject({ channel: 'hotline-12350', anonymous: false, status: 'submitted' });
    expect(await receipt.textContent()).toContain(entered.reference);
    expect(await receipt.textContent()).toMatch(/查询密钥[0-9A-Z-]{20,}/);
    await shot(page, '8-intake-entered-receipt');
    await dialog.getByRole('button', { name: '关闭' }).click();

    for (const reference of [entered.reference, webReference])
      await page
        .locator('[data-testid=cases-table] tbody tr', { hasText: reference })
        .locator('input[type=checkbox]')
        .check();
    await page.getByRole('button', { name: '批量分派（2）' }).click();
    await choose(page, '承办单位', '安阳市消防救援支队', '消防救援');
    await choose(
      page,
      '核查人员',
      /^张强（核查人员） · 安阳市应急管理综合行政执法支队 · 9 个县区 · 在办 \d+ 件$/,
      '张强',
    );
    await shot(page, '9-intake-bulk-assign');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByText('已分派 2 件').waitFor();
    for (const reference of [entered.reference, webReference]) {
      const report = (await Report.findOne({ reference }).lean())!;
      expect(report.status).toBe('assigned');
      expect(report.assignment).toMatchObject({ unitCode: 'city-fire' });
    }
    await page.locator('[data-testid=cases-table] tbody tr', { hasText: webReference }).waitFor({ state: 'detached' }); // no longer waiting to be screened

    // The entered case's first step names its channel in words, in the console's language.
    await page.goto(`${suite.server.baseUrl}/console/cases/${entered.reference}`);
    const timeline = page.getByTestId('case-timeline');
    await timeline.getByText('举报渠道：12350 热线').waitFor();
    expect(await timeline.textContent()).not.toContain('channel:');
    expect(pageErrors).toEqual([]);
  });

  test('acting on a report someone else just changed: the officer is told, and the page reloads', async () => {
    const res = await submit(suite.server.baseUrl, {
      category: 'fire-exits-blocked',
      area: '410503',
      description: '仓库的消防通道被叉车和货架占用。',
      anonymous: true,
    });
    const { reference } = res.body as { reference: string };
    const { page, pageErrors } = await signedIn('intake');
    await page.goto(`${suite.server.baseUrl}/console/cases/${reference}`);
    await statusShown(page, '已提交');

    // Another officer starts screening it meanwhile.
    await Report.updateOne(
      { reference },
      {
        $set: { status: 'screening' },
        $inc: { revision: 1 },
        $push: { timeline: { at: new Date(), type: 'start-screening', public: true } },
      },
    );

    await takeAction(page, '开始受理审查');
    await page.getByText('此举报刚被他人修改，已重新加载，请核对后再操作。').waitFor();
    await statusShown(page, '受理审查中');
    expect(await page.getByTestId('case-actions').getByRole('button', { name: '开始受理审查' }).count()).toBe(0);
    await shot(page, '10-stale-reloaded');
    expect(pageErrors).toEqual([]);
  });
});
