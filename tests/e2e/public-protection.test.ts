// Browser test: an employee reports their own employer on a 360 px phone (ticking
// "I work there"), staff accept it with the insider assessment and conclude it over
// HTTP, the check-in job runs on a moved clock, and the reporter signs in on the
// phone, sees the check-in (回访), answers that they suffered detriment, and reports
// retaliation too, which is added to the case the answer opened. A protection officer
// then sees that case in the console's protection queue and on the case page, and
// reads both accounts; nobody else's case page shows any of it.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { sendDueCheckIns } from '../../server/protection/checkInJob';
import { expectNoAxeViolations } from '../support/accessibility';
import { ARTIFACTS, browserSuite } from '../support/browser';
import { caseDriver, substantiatedFindings, type Cases } from '../support/cases';
import { expectFitsPhone, phonePage } from '../support/followupPhone';
import { intakeEnv } from '../support/intake';

const DAY = 86_400_000;

jest.setTimeout(180_000);

const suite = browserSuite(intakeEnv);
let c: Cases;

beforeAll(async () => {
  c = await caseDriver(suite.server);
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const next = (page: Page) => page.getByRole('button', { name: '下一步' }).click();

const HARM = '车间主任知道是我举报的，这个月起把我调去夜班装卸，工资少了一半。';
const RETALIATION = '今天人事部门通知我下个月合同到期不再续签，理由是“不服从安排”。';

test('an insider reports, receives a check-in, reports harm and retaliation; protection staff see the cases', async () => {
  const { page, pageErrors } = await phonePage(suite);

  // The report, through the public form: real name, "I work there".
  await page.goto(`${suite.server.baseUrl}/report`);
  await page.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
  await page.getByText('其他行业的问题').click();
  await page.getByLabel('安全出口、疏散通道堵塞或锁闭').check();
  await page.getByLabel('发生在哪个县区').selectOption('410503');
  await page.getByLabel('具体情况').fill('我所在的商场仓库把两个安全出口用货架堵死了，夜班时消防通道门也锁着。');
  await next(page);
  await page.getByTestId('step-heading').getByText('照片和证据').waitFor();
  await next(page);
  await page.getByTestId('step-heading').getByText('您的身份').waitFor();
  await page.getByRole('radio', { name: '实名举报' }).check();
  await page.getByRole('textbox', { name: '姓名' }).fill('李四');
  await page.getByRole('textbox', { name: '电话' }).fill('138 0000 1111');
  await page.getByLabel('我在被举报的单位工作').check();
  await next(page);
  await page.getByTestId('step-heading').getByText('核对并提交').waitFor();
  await page.getByTestId('submit-report').click();
  await page.getByRole('heading', { level: 1, name: '举报已提交' }).waitFor({ timeout: 30_000 });
  const reference = (await page.getByTestId('receipt-reference').textContent())!.trim();
  const accessKey = (await page.getByTestId('receipt-access-key').textContent())!.trim();
  expect((await c.stored(reference)).employeeOfSubject).toBe(true);

  // Staff accept it with the insider assessment and conclude it; the check-in job runs 30 days on.
  const { verifier, reviewer } = c.staff;
  await c.ok(reference, 'start-screening');
  await c.ok(reference, 'accept', {
    unitCode: 'city-fire',
    verifierId: verifier.user.id,
    protection: { insider: true, smallWorkplace: true, identifyingDetails: false },
  });
  await c.ok(reference, 'start-verification', {}, verifier);
  await c.ok(reference, 'submit-findings', substantiatedFindings(), verifier);
  await c.ok(reference, 'approve-findings', {}, reviewer);
  const concludedAt = (await c.stored(reference)).conclusion!.at;
  expect(
    (await sendDueCheckIns(suite.server.box, suite.server.baseUrl, new Date(concludedAt.getTime() + 30 * DAY))).sent,
  ).toBe(1);

  // The reporter signs in on the phone and sees the check-in.
  await page.goto(`${suite.server.baseUrl}/followup`);
  await page.getByLabel('举报编号').fill(reference);
  await page.getByLabel('查询密钥').fill(accessKey);
  await page.getByTestId('followup-signin').click();
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  const checkIn = page.getByTestId('check-in');
  await checkIn.getByText('是否因举报受到任何不利对待').waitFor();
  await expectFitsPhone(page);
  await shot(page, 'public-protection-check-in-360');

  // "Yes": what happened is needed.
  await checkIn.getByLabel('有，我受到了不利对待').check();
  await checkIn.getByLabel('调岗或调离').check();
  await checkIn.getByLabel('降低工资、福利或扣发奖金').check();
  await page.getByTestId('check-in-send').click();
  await checkIn.getByText('请说明发生了什么', { exact: true }).waitFor();
  await checkIn.getByLabel('请说明发生了什么（何时、何人、如何）').fill(HARM);
  await expectFitsPhone(page);
  await shot(page, 'public-protection-check-in-harm-360');
  await page.getByTestId('check-in-send').click();
  await page.getByText('已收到您的答复，谢谢。').waitFor();
  expect(await page.getByTestId('check-in').count()).toBe(0);
  const cases = page.getByTestId('protection-cases');
  await cases.getByText('PC-1').waitFor();

  // And retaliation on top: the contract is not renewed.
  const retaliation = page.getByTestId('retaliation');
  await page.getByTestId('retaliation-start').click();
  await page.getByTestId('retaliation-send').click();
  await retaliation.getByText('请至少选择一项').waitFor();
  await retaliation.getByLabel('解除劳动合同或辞退').check();
  await retaliation.getByLabel('请说明发生了什么（何时、何人、如何）').fill(RETALIATION);
  await page.getByTestId('retaliation-send').click();
  await retaliation.getByText('已登记为保护事项，保护专员会尽快处理。').waitFor();
  // Added to the case the check-in answer opened: still one case.
  await page.getByText('已补充至保护事项 PC-1').first().waitFor();
  expect(await cases.textContent()).toContain('办理中');
  expect(await cases.textContent()).not.toContain('PC-2');
  // Nothing of what was written stays on the phone.
  expect(String(await page.evaluate('JSON.stringify({ ...localStorage, ...sessionStorage })'))).not.toContain('夜班');
  await expectFitsPhone(page);
  await shot(page, 'public-protection-cases-360');
  expect(pageErrors).toEqual([]);

  // A protection officer finds it in the protection queue and reads the account.
  const officer = await suite.signedIn('protection');
  await officer.page.getByRole('link', { name: '案件办理' }).click();
  await officer.page.getByRole('tab', { name: '保护事项' }).click();
  const row = officer.page.locator('[data-testid=cases-table] tbody tr', { hasText: reference });
  await row.waitFor();
  await row.getByRole('link', { name: reference }).click();
  const card = officer.page.getByTestId('protection-card');
  await card.getByTestId('protection-case-PC-1').getByText('回访答复').waitFor();
  await card.getByTestId('protection-case-PC-1').getByText('解除劳动合同或辞退').waitFor();
  expect(await card.getByTestId('protection-case-PC-2').count()).toBe(0);
  expect(await card.getByTestId('protection-check-ins').textContent()).toContain('反映受到不利对待');
  await shot(officer.page, 'console-protection-card');
  await card.getByTestId('protection-read-PC-1').click();
  const account = officer.page.getByTestId('protection-account');
  await account.getByText(HARM).first().waitFor();
  expect(await account.textContent()).toContain(RETALIATION);
  await shot(officer.page, 'console-protection-account');
  await officer.page.getByRole('button', { name: '关闭' }).click();
  await account.waitFor({ state: 'detached' });
  // The form for another case: its required list of kinds says so on the input alone (Selects.tsx).
  await officer.page.getByRole('button', { name: '立案保护事项' }).click();
  const kinds = officer.page.getByLabel('打击报复类型', { exact: true });
  await kinds.waitFor();
  expect(await kinds.getAttribute('aria-required')).toBe('true');
  await expectNoAxeViolations(officer.page, 'the form opening a protection case');
  expect(officer.pageErrors).toEqual([]);

  // The verifier's page of the same report shows none of it.
  const other = await suite.signedIn('verifier');
  await other.page.goto(`${suite.server.baseUrl}/console/cases/${reference}`);
  await other.page.getByTestId('case-reference').getByText(reference).waitFor();
  await other.page.getByTestId('case-actions').waitFor();
  expect(await other.page.getByTestId('protection-card').count()).toBe(0);
  expect(await other.page.locator('body').textContent()).not.toContain('打击报复');
});
