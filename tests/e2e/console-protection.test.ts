// Browser test: an insider's report in the console. Intake accepts it with the protection
// assessment (the form asks for it); the verifier sees the protected banner with the cover
// note and opens the photo directly; a reviewer is warned and confirms before the photo loads,
// and that read is audited as acknowledged.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Report } from '../../server/reports/report.model';
import { ARTIFACTS, browserSuite, waitForPageCondition } from '../support/browser';
import { statusShown, takeAction } from '../support/casePage';
import { intakeEnv, jpeg, submit } from '../support/intake';

jest.setTimeout(180_000);

const suite = browserSuite(intakeEnv);

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `console-protection-${name}.png`), fullPage: true });

async function choose(page: Page, label: string, option: string | RegExp, search: string): Promise<void> {
  const select = page.getByRole('dialog').getByLabel(label, { exact: true });
  await select.click();
  await select.fill(search);
  await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

const openCase = async (page: Page, reference: string) => {
  await page.goto(`${suite.server.baseUrl}/console/cases/${reference}`);
  await page.getByTestId('case-reference').getByText(reference).waitFor();
};
const photoLoaded = (page: Page) =>
  waitForPageCondition(page, `document.querySelector('[data-testid=evidence-item] img')?.naturalWidth === 64`);

test('an insider report is accepted with its assessment; the case warns before its evidence', async () => {
  const res = await submit(
    suite.server.baseUrl,
    {
      category: 'fire-exits-blocked',
      area: '410503',
      description: '我们车间只有三个人，仓库的安全出口被货物堵死，老板不让清理。',
      anonymous: false,
      employeeOfSubject: true,
      reporter: { name: '王五', phone: '13800000000' },
    },
    [{ content: await jpeg(64, 48), filename: 'exit.jpg', contentType: 'image/jpeg' }],
  );
  expect(res.status).toBe(201);
  const { reference } = res.body as { reference: string };

  const intake = await suite.signedIn('intake');
  await openCase(intake.page, reference);
  await takeAction(intake.page, '受理并分派', async (dialog) => {
    await dialog.getByTestId('accept-assessment').getByText('受理前须填写保护风险评估', { exact: false }).waitFor();
    expect(await dialog.getByRole('switch', { name: '举报人是被举报单位的员工' }).isChecked()).toBe(true);
    await choose(intake.page, '承办单位', '安阳市消防救援支队', '消防救援');
    await choose(
      intake.page,
      '核查人员',
      /^张强（核查人员） · 安阳市应急管理综合行政执法支队 · 9 个县区 · 在办 \d+ 件$/,
      '张强',
    );
    await dialog.getByRole('switch', { name: '知情人很少（小作坊、小班组），容易被推断出举报人' }).click();
    await shot(intake.page, '1-accept-form');
  });
  await statusShown(intake.page, '已分派');
  const stored = (await Report.findOne({ reference }).lean())!;
  expect(stored.protection).toMatchObject({ protected: true, assessment: { insider: true, risk: 'high' } });
  expect(intake.pageErrors).toEqual([]);

  // The verifier: the banner with the cover note, and the photo without a warning.
  const verifier = await suite.signedIn('verifier');
  await openCase(verifier.page, reference);
  await verifier.page.getByTestId('case-cover-note').getByText('例行检查', { exact: false }).waitFor();
  await photoLoaded(verifier.page);
  await shot(verifier.page, '2-verifier');
  expect(verifier.pageErrors).toEqual([]);

  // A reviewer: the same banner; the evidence only after the warning and a confirmation.
  const reviewer = await suite.signedIn('reviewer');
  await openCase(reviewer.page, reference);
  await reviewer.page.getByTestId('case-cover-note').waitFor();
  await reviewer.page.getByTestId('evidence-protected-show').waitFor();
  expect(await reviewer.page.getByTestId('evidence-item').count()).toBe(0);
  await shot(reviewer.page, '3-reviewer-warned');
  await reviewer.page.getByTestId('evidence-protected-show').click();
  await reviewer.page.getByRole('button', { name: '确认查看' }).click();
  await photoLoaded(reviewer.page);
  await shot(reviewer.page, '4-reviewer-confirmed');
  const reads = await AuditEntry.find({ action: 'report.evidence_downloaded', 'target.id': reference }).lean();
  expect(reads.filter((r) => r.details?.acknowledgedProtected === true).length).toBeGreaterThanOrEqual(1);
  expect(reviewer.pageErrors).toEqual([]);
});
