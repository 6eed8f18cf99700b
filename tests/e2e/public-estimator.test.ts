// Browser test: on a 360 px phone a citizen opens the estimator from the home page,
// works out what a few cases could earn (amount, range, rules, steps), switches to
// English, and sees the range of the chosen category on the report form.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { shanghaiDay } from '../../shared/dates';
import { builtInPolicies, policyInForce } from '../../shared/rewards';
import { ARTIFACTS, browserSuite } from '../support/browser';

const PHONE = { width: 360, height: 740 };

jest.setTimeout(120_000);

const suite = browserSuite();

async function openPhone(): Promise<{ page: Page; pageErrors: Error[] }> {
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
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) pageErrors.push(new Error(message.text()));
  });
  return { page, pageErrors };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

async function expectFitsPhone(page: Page): Promise<void> {
  expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(PHONE.width);
}

/** Presses the button and waits for the answer to the quote request it sends. */
async function estimate(page: Page, button = '估算奖励'): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/rewards/quote')),
    page.getByRole('button', { name: button }).click(),
  ]);
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();

/** Waits until the element shows `expected` (the answer may still be rendering), then checks it exactly. */
async function shows(page: Page, testId: string, expected: string): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: expected }).waitFor();
  expect(await text(page, testId)).toBe(expected);
}

describe('public reward estimator', () => {
  test('from the home page: a fine, an accident, welding, an employee, then English', async () => {
    const { page, pageErrors } = await openPhone();
    const policy = policyInForce(shanghaiDay(), builtInPolicies);
    await page.goto(suite.server.baseUrl);
    await page.getByTestId('estimate-link').click();
    await page.getByRole('heading', { level: 1, name: '我的举报可能获得多少奖励？' }).waitFor();

    // A major hazard fined 20,010 yuan: 15% = 3,001.50, rounded half up to 3,002.
    await page.getByLabel('具体属于').selectOption('major-hazard');
    await page.getByLabel('罚款金额（元）').fill('20,010');
    await estimate(page);
    await shows(page, 'estimate-amount', '3,002 元');
    await shows(page, 'estimate-range', '3,000 – 300,000 元');
    await shows(page, 'estimate-policy', policy.title.zh);
    const steps = await text(page, 'estimate-steps');
    expect(steps).toContain('罚款 20,010 元 × 15% = 3,001.5 元，四舍五入到整元为 3,002 元。');
    // The documents applied are named, and cited in the first step; never the welding rule for a hazard.
    const documents = await text(page, 'estimate-documents');
    expect(documents).toContain('安安委〔2022〕14号');
    expect(documents).not.toContain('焊接');
    expect(steps).toContain(documents);
    await expectFitsPhone(page);
    await shot(page, 'public-estimate-violation-360');

    // The documented check case: a concealed larger accident with 4 deaths.
    await page.getByLabel('瞒报、谎报生产安全事故').check();
    expect(await page.getByTestId('estimate-result').count()).toBe(0); // the old answer is gone
    await estimate(page);
    expect(await page.locator('#estimate-accidentGrade-error').textContent()).toBe('请填写最终确认的事故等级。'); // named by the server
    // 3 deaths is at least a larger accident: 一般 is refused on the grade field.
    await page.getByLabel('事故等级').selectOption('general');
    await page.getByLabel('瞒报、谎报的死亡人数').fill('3');
    await estimate(page);
    expect(await page.locator('#estimate-accidentGrade-error').textContent()).toContain('至少为较大事故');
    await page.getByLabel('事故等级').selectOption('larger');
    await estimate(page);
    await shows(page, 'estimate-amount', '120,000 元');
    // More concealed deaths than deaths in all is refused on the concealed deaths.
    await page.getByLabel('瞒报、谎报的死亡人数').fill('4');
    await page.getByLabel('事故死亡总人数（含瞒报）').fill('3');
    await estimate(page);
    expect(await page.locator('#estimate-concealedDeaths-error').textContent()).toContain('不能多于事故死亡人数');
    // 50 serious injuries make it a major accident at least.
    await page.getByLabel('事故死亡总人数（含瞒报）').fill('4');
    await page.getByLabel('重伤人数（含急性工业中毒）').fill('50');
    await estimate(page);
    expect(await page.locator('#estimate-accidentGrade-error').textContent()).toContain('至少为重大事故');
    await page.getByLabel('重伤人数（含急性工业中毒）').fill('');
    await page.getByLabel('直接经济损失（元）').fill('2,000,000');
    await estimate(page);
    await shows(page, 'estimate-amount', '160,000 元');
    await shows(page, 'estimate-range', '30,000 – 300,000 元');
    await expectFitsPhone(page);
    await shot(page, 'public-estimate-accident-360');

    // Welding: real name only; then 500 yuan without a fine (the fine typed earlier is kept until cleared).
    await page.getByLabel('违法违规焊接或动火作业').check();
    expect(await page.getByLabel('罚款金额（元）').inputValue()).toBe('20,010');
    await page.getByLabel('罚款金额（元）').fill('');
    await page.getByLabel('我会实名举报').uncheck();
    await estimate(page);
    expect(await page.locator('#estimate-realName-error').textContent()).toBe('焊接作业奖励只发给实名举报人。');
    await page.getByLabel('我会实名举报').check();
    await estimate(page);
    await shows(page, 'estimate-amount', '500 元');
    await shows(page, 'estimate-range', '500 – 3,000 元');

    // Welding without a licence is also a major hazard: the higher reward, never both.
    await page.getByLabel('这次焊接是否同时属于重大事故隐患或违法行为').selectOption('major-hazard');
    await estimate(page);
    await shows(page, 'estimate-amount', '3,000 元');
    expect(await text(page, 'estimate-steps')).toContain('取较高的一项，不重复奖励');

    // A fine that is not an amount is caught on the page.
    await page.getByLabel('罚款金额（元）').fill('3千');
    await page.getByRole('button', { name: '估算奖励' }).click();
    expect(await page.locator('#estimate-fine-error').textContent()).toBe(
      '请填写金额，最多两位小数，例如 20000 或 20000.50',
    );

    // A coal mine is outside the city scheme: the answer is on the category field.
    await page.getByLabel('重大事故隐患或安全生产违法行为').check();
    await page.getByLabel('举报事项类别（可不选）').selectOption('coal-mine-illegal-mining');
    await page.getByLabel('罚款金额（元）').fill('');
    await estimate(page);
    expect(await page.locator('#estimate-category-error').textContent()).toContain('国家矿山安全监察局河南局');
    expect(await page.getByTestId('estimate-result').count()).toBe(0);
    await shot(page, 'public-estimate-coal-360');
    await page.getByLabel('举报事项类别（可不选）').selectOption('');

    // An employee reporting their own employer, no fine: 3,000 + at least 1,000.
    await page.getByLabel('罚款金额（元）').fill('');
    await page.getByLabel('我在被举报的单位工作').check();
    await estimate(page);
    await shows(page, 'estimate-amount', '4,000 元');
    expect(await text(page, 'estimate-steps')).toContain('上浮不足 1,000 元，按 1,000 元计。');
    await expectFitsPhone(page);
    await shot(page, 'public-estimate-employee-360');

    // English: the page and the server's explanation follow.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/rewards/quote')),
      page.getByRole('button', { name: 'English' }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: 'What could my report earn?' }).waitFor();
    await page.getByTestId('estimate-steps').getByText('Estimated reward: 4,000 yuan', { exact: false }).waitFor();
    await shows(page, 'estimate-amount', '4,000 yuan');
    await shows(page, 'estimate-policy', policy.title.en);
    await expectFitsPhone(page);
    await shot(page, 'public-estimate-english-360');
    expect(pageErrors).toEqual([]);
  });

  test('the report form shows the reward range of the chosen category', async () => {
    const { page, pageErrors } = await openPhone();
    await page.goto(`${suite.server.baseUrl}/report`);
    await page.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
    await page.getByLabel('重大事故隐患', { exact: true }).check();
    await shows(page, 'reward-range', '属实可获奖励 3,000 – 300,000 元');
    await page.getByLabel('未办理动火审批擅自动火').check();
    await shows(page, 'reward-range', '属实可获奖励 500 – 3,000 元');
    await page.getByLabel('瞒报、谎报生产安全事故').check();
    await shows(page, 'reward-range', '属实可获奖励 30,000 – 300,000 元');
    // A coal mine: not a city reward, and where the report goes instead.
    await page.getByText('其他行业的问题').click();
    await page.getByLabel('煤矿超层越界、超能力或停产整顿期间违规生产').check();
    expect(await text(page, 'reward-range')).toContain('不属于本市安全生产领域举报奖励范围');
    await expectFitsPhone(page);
    await shot(page, 'public-report-reward-range-360');
    expect(pageErrors).toEqual([]);
  });
});
