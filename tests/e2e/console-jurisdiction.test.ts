// Browser test, with the Hebi seed: an administrator sees the city's jurisdiction
// and changes the site footer; the change is audited and the public site's
// footer follows. Other roles do not get the page.
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { JurisdictionProfile } from '../../server/jurisdiction/profile.model';
import { expectNoAxeViolations } from '../support/accessibility';
import { browserSuite, keepScreenshots } from '../support/browser';

jest.setTimeout(120_000);

const suite = browserSuite({ WOODPECKER_JURISDICTION: 'hebi' });

test('the administrator sees Hebi and changes the footer; the public site shows the new one with the hotlines', async () => {
  const { page, pageErrors } = await suite.signedIn('admin');
  await page.getByRole('link', { name: '辖区与区域' }).click();
  await page.getByText('鹤壁市 (410600)').waitFor();
  await page.getByRole('cell', { name: '淇滨区' }).waitFor();
  const footer = page.getByRole('textbox', { name: '网站页脚 (中文)' });
  await footer.fill('鹤壁市应急管理局 · 安全生产举报（测试页脚）');
  await page.getByRole('button', { name: '保存辖区信息' }).click();
  await page.getByText('已保存').first().waitFor();
  expect((await JurisdictionProfile.findOne().lean())?.footer.zh).toBe('鹤壁市应急管理局 · 安全生产举报（测试页脚）');
  expect(await AuditEntry.exists({ action: 'jurisdiction.profile_update' })).toBeTruthy();
  await expectNoAxeViolations(page, 'jurisdiction page');
  await keepScreenshots(page, 'console-jurisdiction');
  // On a phone every field of the profile (the hotlines' too) stays inside its card.
  await page.setViewportSize({ width: 360, height: 740 });
  const overflowing = await page.evaluate(`[...document.querySelectorAll('form#profile input')]
    .filter((input) => input.getBoundingClientRect().right > input.closest('.ant-card').getBoundingClientRect().right)
    .map((input) => input.getAttribute('aria-label'))`);
  expect(overflowing).toEqual([]);

  await page.goto(`${suite.server.baseUrl}/`);
  const siteFooter = page.locator('footer.site-footer');
  await siteFooter.getByText('鹤壁市应急管理局 · 安全生产举报（测试页脚）').waitFor();
  await siteFooter.getByText('12350 / 0392-0000000', { exact: false }).waitFor();
  expect(await siteFooter.textContent()).not.toMatch(/安阳/);
  await keepScreenshots(page, 'public-footer-hebi');
  expect(pageErrors).toEqual([]);
});

test('an intake officer has no jurisdiction page', async () => {
  const { page, pageErrors } = await suite.signedIn('intake');
  expect(await page.getByRole('link', { name: '辖区与区域' }).count()).toBe(0);
  await page.goto(`${suite.server.baseUrl}/console/jurisdiction`);
  await page.locator('.ant-result-403').waitFor();
  expect(pageErrors).toEqual([]);
});
