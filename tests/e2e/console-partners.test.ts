// Browser test: an administrator registers a partner system and sees its secret
// once, with a warning and a copy button; rotating shows a new one; the page
// passes axe in both languages. Other roles have no partner page.
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Partner } from '../../server/exchange/partner.model';
import { expectNoAxeViolations } from '../support/accessibility';
import { browserSuite, keepScreenshots } from '../support/browser';
import { signedPost } from '../support/partners';

const CASES = '/api/v1/exchange/cases';
const dispatched = (externalId: string) => ({
  externalId,
  externalChannel: 'mini-program',
  receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
  category: 'fire-exits-blocked',
  area: '410581',
  description: '仓库的两个安全出口都被货物堵死，夜班有三十多人在里面作业。',
  anonymous: true,
});

jest.setTimeout(120_000);

const suite = browserSuite();

test('the administrator registers a partner, sees the secret once, rotates it', async () => {
  const { page, pageErrors } = await suite.signedIn('admin');
  await page.getByRole('link', { name: '对接系统' }).click();
  await page.getByRole('heading', { level: 1, name: '对接系统' }).waitFor();
  await page.getByRole('button', { name: '登记对接系统' }).click();
  const form = page.getByRole('dialog', { name: '登记对接系统' });
  await form.getByLabel('代码').fill('henan-province');
  await form.getByLabel('中文名称').fill('河南省安全生产举报平台');
  await form.getByLabel('英文名称').fill('Henan work-safety reporting platform');
  await form.getByLabel('状态回调地址').fill('https://platform.example.cn/hooks/woodpecker');
  await form.getByRole('button', { name: /保\s*存/ }).click();

  const shown = page.getByRole('dialog', { name: '河南省安全生产举报平台 的共享密钥' });
  await shown.getByText('密钥只显示这一次').waitFor();
  const secret = (await shown.getByTestId('partner-secret').locator('code').textContent())!;
  const stored = (await Partner.findOne({ code: 'henan-province' }).lean())!;
  expect(suite.server.box.open(stored.secretSealed)).toBe(secret);
  expect(stored.testMode).toBe(true); // new partners start in test mode
  expect(await shown.getByRole('button', { name: /复制|Copy/ }).count()).toBeGreaterThan(0);
  await keepScreenshots(page, 'console-partners-secret');
  await expectNoAxeViolations(page, 'partner secret (zh-CN)');
  await shown
    .getByRole('button', { name: /关\s*闭/ })
    .last()
    .click();
  // Once closed, the secret is gone from the page: nothing keeps it.
  await page.getByTestId('partner-secret').waitFor({ state: 'detached' });
  expect((await page.content()).includes(secret)).toBe(false);

  const row = page.getByRole('row', { name: /河南省安全生产举报平台/ });
  await row.getByText('测试', { exact: true }).waitFor();
  await row.getByText(stored.keyId).waitFor();

  await row.getByRole('button', { name: '更换密钥' }).click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  const rotated = page.getByRole('dialog', { name: '河南省安全生产举报平台 的共享密钥' });
  await rotated.getByTestId('partner-secret').waitFor();
  const fresh = (await rotated.getByTestId('partner-secret').locator('code').textContent())!;
  expect(fresh).not.toBe(secret);
  await rotated
    .getByRole('button', { name: /关\s*闭/ })
    .last()
    .click();
  await page.getByTestId('partner-secret').waitFor({ state: 'detached' });
  expect(await AuditEntry.countDocuments({ 'target.type': 'partner' })).toBe(2);

  // The secret the console showed is the one that signs: a test case is answered as a test.
  const key = { keyId: (await Partner.findOne({ code: 'henan-province' }).lean())!.keyId, secret: fresh };
  const trial = await signedPost(suite.server.app, CASES, dispatched('HN-TRIAL-1'), key);
  expect([trial.status, trial.body.test]).toEqual([201, true]);
  // Live, the next case is a report whose page names the partner's case.
  await Partner.updateOne({ code: 'henan-province' }, { $set: { testMode: false } });
  const live = await signedPost(suite.server.app, CASES, dispatched('HN-LIVE-1'), key);
  expect([live.status, live.body.test]).toEqual([201, false]);
  await page.goto(`${suite.server.baseUrl}/console/cases/${live.body.reference}`);
  await page.getByText('henan-province · HN-LIVE-1 · mini-program').waitFor();
  await page.getByText('对接系统转办').first().waitFor();
  await keepScreenshots(page, 'console-partner-case');
  await page.goto(`${suite.server.baseUrl}/console/partners`);
  await page
    .getByRole('row', { name: /河南省安全生产举报平台/ })
    .getByText('正式', { exact: true })
    .waitFor();
  await keepScreenshots(page, 'console-partners');
  await expectNoAxeViolations(page, 'partners (zh-CN)');

  await page.evaluate("localStorage.setItem('woodpecker.lang', 'en')");
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Partner systems' }).waitFor();
  await page.getByRole('row', { name: /Henan work-safety reporting platform/ }).waitFor();
  await keepScreenshots(page, 'console-partners-en');
  await expectNoAxeViolations(page, 'partners (en)');
  expect(pageErrors).toEqual([]);
});

test('an intake officer has no partner page', async () => {
  const { page, pageErrors } = await suite.signedIn('intake');
  expect(await page.getByRole('link', { name: '对接系统' }).count()).toBe(0);
  await page.goto(`${suite.server.baseUrl}/console/partners`);
  await page.locator('.ant-result-403').waitFor();
  expect(pageErrors).toEqual([]);
});
