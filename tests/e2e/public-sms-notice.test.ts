// Browser test: the report form's SMS choice on a 360 px phone, where the deployment
// has an SMS gateway. An anonymous reporter may leave a mobile number for notices only
// (a landline is refused, in the reporter's language); a real-name reporter ticks
// "also text me" with the keyboard. Each submission queues its first notice as an SMS
// to that number, sealed; the form passes axe in both languages. In the console, intake
// entering a hotline call from someone with no email sets the SMS notice the same way.
import { OutboxSms } from '../../server/platform/sms/outboxSms.model';
import { Report } from '../../server/reports/report.model';
import { expectNoAxeViolations } from '../support/accessibility';
import { browserSuite, keepScreenshots } from '../support/browser';
import { expectFitsPhone, phonePage } from '../support/followupPhone';
import { expectStep, fillFirstStep, next } from '../support/reportForm';
import type { Page } from 'playwright-core';

jest.setTimeout(150_000);

// No delivery job runs in the test server: the SMS stays queued, which is what is checked.
const suite = browserSuite({
  SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms',
  SMS_GATEWAY_KEY: 'e2e-gateway-key-0123456789',
});

async function toIdentityStep(page: Page): Promise<void> {
  await page.goto(`${suite.server.baseUrl}/report`);
  await fillFirstStep(page);
  await next(page);
  await expectStep(page, '照片和证据');
  await next(page);
  await expectStep(page, '您的身份');
}

/** Submits from the review step and returns the new report's reference. */
async function submitFromReview(page: Page): Promise<string> {
  await page.getByTestId('submit-report').click();
  await page.getByRole('heading', { level: 1, name: '举报已提交' }).waitFor({ timeout: 60_000 });
  return (await page.getByTestId('receipt-reference').textContent())!.trim();
}

/** The one SMS queued for a report's first notice, opened. */
async function queuedSmsTo(): Promise<string[]> {
  const queued = await OutboxSms.find({ status: 'pending' }).lean();
  return queued.map((m) => suite.server.box.open(m.toSealed!));
}

test('an anonymous reporter leaves a mobile for notices only; a landline is refused', async () => {
  const { page, pageErrors } = await phonePage(suite);
  await toIdentityStep(page);
  const noticePhone = page.getByLabel('接收短信通知的手机号');
  expect(await noticePhone.count()).toBe(0); // nothing to fill before choosing anonymous

  await page.getByRole('radio', { name: '匿名举报' }).check();
  await noticePhone.waitFor();
  // By keyboard from the choice above: the next field is the notice phone.
  await noticePhone.focus();
  await page.keyboard.type('0372-5551234');
  await next(page);
  await page.getByText('请填写正确的手机号，例如 13812345678').first().waitFor();
  await expectStep(page, '您的身份'); // held on this step
  await expectNoAxeViolations(page, 'identity step with the notice phone refused');
  await keepScreenshots(page, 'report-sms-anonymous-refused');

  await noticePhone.fill('');
  await noticePhone.pressSequentially('139 1234 5678');
  await expectFitsPhone(page);
  await keepScreenshots(page, 'report-sms-anonymous');
  await next(page);
  await expectStep(page, '核对并提交');
  await page.getByText('13912345678').or(page.getByText('139 1234 5678')).first().waitFor();

  await OutboxSms.deleteMany({});
  const reference = await submitFromReview(page);
  const report = await Report.findOne({ reference }).lean();
  expect(report?.anonymous).toBe(true);
  expect(report?.noticePhoneSealed).toMatch(/^k1:/);
  expect(await queuedSmsTo()).toEqual(['13912345678']);
  expect(pageErrors).toEqual([]);
});

test('a real-name reporter ticks SMS by keyboard; a landline cannot take it; English reads the same', async () => {
  const { page, pageErrors } = await phonePage(suite);
  await toIdentityStep(page);
  await page.getByRole('radio', { name: '实名举报' }).check();
  await page.getByLabel('姓名').fill('李雷');
  await page.getByLabel('电话', { exact: true }).fill('0372-5551234');
  const sms = page.getByRole('checkbox', { name: '有进展时也发短信通知我' });
  await sms.focus();
  await page.keyboard.press('Space');
  expect(await sms.isChecked()).toBe(true);
  await next(page);
  await page.getByText('短信通知需要手机号，座机收不到短信').first().waitFor();
  await keepScreenshots(page, 'report-sms-real-name-landline');

  await page.getByLabel('电话', { exact: true }).fill('13712345678');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('checkbox', { name: 'Also text me when there is news' }).waitFor();
  await expectNoAxeViolations(page, 'identity step in English with SMS ticked');
  await keepScreenshots(page, 'report-sms-real-name-en');
  await page.getByRole('button', { name: '中文' }).click();

  await next(page);
  await expectStep(page, '核对并提交');
  await OutboxSms.deleteMany({});
  const reference = await submitFromReview(page);
  expect((await Report.findOne({ reference }).lean())?.noticePhoneSealed).toMatch(/^k1:/);
  expect(await queuedSmsTo()).toEqual(['13712345678']);
  expect(pageErrors).toEqual([]);
});

/** An antd select in the open dialog, by its label, set to an option. */
async function choose(page: Page, label: string, option: string, search?: string): Promise<void> {
  const select = page.getByRole('dialog').getByLabel(label, { exact: true });
  await select.click();
  if (search) await select.fill(search);
  await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

test('intake enters an anonymous hotline call with a mobile for SMS notices', async () => {
  const { page, pageErrors } = await suite.signedIn('intake');
  await page.getByRole('link', { name: '案件办理' }).click();
  await page.getByRole('button', { name: '录入热线/来信举报' }).click();
  const dialog = page.getByRole('dialog');
  await choose(page, '类别', '安全出口、疏散通道堵塞或锁闭', '安全出口');
  await choose(page, '县区', '北关区');
  await dialog.getByLabel('举报内容').fill('来电反映：某商场的安全出口被货架挡住，来电人没有邮箱。');
  await dialog.getByLabel('被举报单位').fill('北关区某商场短信测试');
  await dialog.getByLabel('匿名举报').click();
  await dialog.getByLabel('接收短信通知的手机号（可选）').fill('13811223344');
  // The dialog's required selects included: "required" is on the combobox, not its wrapper (SingleSelect.tsx).
  await expectNoAxeViolations(page, 'the intake dialog with a notice phone');
  expect(await dialog.getByLabel('类别', { exact: true }).getAttribute('aria-required')).toBe('true');
  await keepScreenshots(page, 'console-enter-report-sms');
  await OutboxSms.deleteMany({});
  await dialog.getByRole('button', { name: '录入' }).click();
  await page.getByTestId('entered-receipt').waitFor();

  const entered = (await Report.findOne({ subjectName: '北关区某商场短信测试' }).lean())!;
  expect(entered).toMatchObject({ channel: 'hotline-12350', anonymous: true });
  expect(entered.noticePhoneSealed).toMatch(/^k1:/);
  expect(await queuedSmsTo()).toEqual(['13811223344']);
  expect(pageErrors).toEqual([]);
});
