// Browser test: the report form's credit-code field on a 360 px phone. A code with
// a wrong check character is refused as the reporter leaves the field and again at
// "Next"; one typed in lower case with spaces is shown normalised, sent, and stored.
// A hotline call naming the same enterprise is then linked to it, and the intake
// officer sees both cases side by side at the top of the case page.
import { publicBaseUrlOf } from '../../server/app';
import { reportSubmitter } from '../../server/reports/intake/reportSubmitter';
import { Report } from '../../server/reports/report.model';
import { staffActor } from '../../server/staff/authenticate';
import { Staff } from '../../server/staff/staff.model';
import { expectNoAxeViolations } from '../support/accessibility';
import { browserSuite, keepScreenshots } from '../support/browser';
import { expectFitsPhone, phonePage } from '../support/followupPhone';
import { anonymouslyToReview, expectStep, fillFirstStep, next } from '../support/reportForm';

jest.setTimeout(150_000);

const suite = browserSuite({ WOODPECKER_POW_BITS: '4' });
const CODE = '91410500MA44ABCD14';

describe('the enterprise’s credit code on the report form', () => {
  let reference = '';

  test('a wrong code is refused on leaving the field and at Next; a lower-case spaced one is normalised and sent', async () => {
    const { page, pageErrors } = await phonePage(suite);
    await page.goto(`${suite.server.baseUrl}/report`);
    await fillFirstStep(page);
    const field = page.getByLabel('统一社会信用代码');
    await page.getByText('印在企业营业执照上').waitFor();

    await field.fill('91410500MA44ABCD15'); // the check character should be 4
    await field.blur();
    const error = page.locator('#report-subjectCreditCode-error');
    await error.getByText('统一社会信用代码应为 18 位').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'step 1 with a wrong credit code');
    await expectFitsPhone(page);
    await keepScreenshots(page, 'report-credit-code-wrong');
    await next(page);
    await expectStep(page, '看到了什么'); // still on step 1

    await field.fill('9141 0500 ma44 abcd14');
    await field.blur();
    expect(await field.inputValue()).toBe(CODE);
    await error.waitFor({ state: 'detached' });
    await next(page);
    await expectStep(page, '照片和证据');
    await anonymouslyToReview(page);
    await page.getByText(CODE).waitFor();
    await expectNoAxeViolations(page, 'the review with a credit code');
    await page.getByTestId('submit-report').click();
    await page.getByRole('heading', { level: 1, name: '举报已提交' }).waitFor({ timeout: 60_000 });
    reference = (await page.getByTestId('receipt-reference').textContent())!.trim();
    expect((await Report.findOne({ reference }).lean())!.subjectCreditCode).toBe(CODE);
    expect(pageErrors).toEqual([]);
  });

  test('a hotline call about the same enterprise is linked; the case page shows both side by side', async () => {
    const s = suite.server;
    const intake = await Staff.findOne({ username: 'intake' }).lean();
    const receipt = await reportSubmitter(
      {
        category: 'fire-exits-blocked',
        area: '410502',
        description: '来电反映：该仓库安全出口长期上锁，夜班工人无法疏散。',
        anonymous: true,
        subjectName: '安阳某某物流有限公司',
        subjectCreditCode: CODE,
      },
      [],
      undefined,
      { box: s.box, store: s.store, publicBaseUrl: publicBaseUrlOf(s.config) },
      { enteredBy: { channel: 'hotline-12350', actor: await staffActor(intake!) } },
    );
    const { page, pageErrors } = await suite.signedIn('intake');
    await page.goto(`${s.baseUrl}/console/cases/${receipt.reference}`);
    const card = page.getByTestId('matter-card');
    await card.getByText('同一事项：已关联到更早的案件').waitFor();
    await card.getByText(reference).waitFor();
    await expectNoAxeViolations(page, 'a case linked to a matter');
    await keepScreenshots(page, 'console-matter-linked');
    expect(pageErrors).toEqual([]);
  });
});
