// Browser test: on a 360 px phone the reporter of a substantiated hazard sees its
// rectification re-inspected as fixed and verified, says it is still there with a
// photo, and sees that a new re-inspection was asked for. The order and the
// re-inspection go over HTTP to the same server; the database is checked afterwards.
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { shanghaiDay } from '../../shared/dates';
import { expectFitsPhone, followupOnPhone } from '../support/followupPhone';
import { ARTIFACTS, browserSuite, waitForPageCondition } from '../support/browser';
import { caseDriver, type Cases, type Receipt } from '../support/cases';
import { intakeEnv, jpeg, jpegWithExif, nextClientIp } from '../support/intake';
import { as } from '../support/staff';

const DAY = 86_400_000;

jest.setTimeout(120_000);

const suite = browserSuite(intakeEnv);
let c: Cases;

beforeAll(async () => {
  c = await caseDriver(suite.server);
});

const today = () => shanghaiDay(new Date());

/** A substantiated illegal operation, ordered fixed within ten days and re-inspected as fixed with a photo of the site after. */
async function fixedAndVerified(): Promise<Receipt> {
  // Not a major hazard: no sign-off follows the re-inspection.
  const r = await c.reportAt('substantiated', {
    findings: { violationKind: 'illegal-operation', hazardLevel: undefined },
  });
  await c.ok(
    r.reference,
    'order-rectification',
    {
      orderNo: '安监责改〔2026〕0031号',
      enterprise: '安阳某商场有限公司',
      unitCode: 'city-fire',
      dueOn: shanghaiDay(new Date(Date.now() + 10 * DAY)),
      major: false,
    },
    c.staff.verifier,
  );
  const res = await as(
    request(suite.server.app)
      .post(`/api/v1/reports/${r.reference}/reinspections`)
      .set('X-Forwarded-For', nextClientIp()),
    c.staff.verifier,
  )
    .field(
      'reinspection',
      JSON.stringify({
        taskId: 'R1',
        inspectedOn: today(),
        result: 'completed',
        note: '复查时两个安全出口已清理畅通。',
        stages: ['after'],
      }),
    )
    .attach('evidence', await jpeg(), { filename: 'after.jpg', contentType: 'image/jpeg' });
  if (res.status !== 200) throw new Error(`re-inspection failed: ${res.status} ${JSON.stringify(res.body)}`);
  return r;
}

const signedInPhone = (receipt: Receipt) => followupOnPhone(suite, receipt, 'rectifications');

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

describe('a rectification in follow-up', () => {
  test('fixed and verified, the reporter says it is still there with a photo, and a re-inspection is asked for', async () => {
    const receipt = await fixedAndVerified();
    const before = await c.stored(receipt.reference);
    expect(before.rectifications![0]).toMatchObject({ taskId: 'R1', status: 'completed' });
    const { page, pageErrors } = await signedInPhone(receipt);

    const task = page.getByTestId('rectification-1');
    expect(await task.getByTestId('rectification-status').textContent()).toBe('已整改，经复查确认');
    expect(await task.getByTestId('rectification-result').textContent()).toBe('已完成整改');
    expect(await task.getByTestId('rectification-due').textContent()).toBe(
      before.rectifications![0].dueOn.replaceAll('-', '/'),
    );
    expect(await task.getByTestId('rectification-overdue').count()).toBe(0);
    expect(await page.getByTestId('followup-timeline').textContent()).toContain('执法人员复查了整改情况');
    const panel = page.getByTestId('still-there');
    await panel.getByText(/可以在 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} 之前反映。/).waitFor();
    await expectFitsPhone(page);
    await shot(page, 'public-rectification-verified-360');

    // The description is needed; the photo is not.
    await page.getByTestId('still-there-start').click();
    await waitForPageCondition(page, `document.activeElement && document.activeElement.id === 'still-there-body'`);
    await page.getByTestId('still-there-submit').click();
    await page.getByText('请写下您现在看到的情况').waitFor();
    expect(await page.getByLabel('您现在看到的情况').getAttribute('aria-invalid')).toBe('true');

    const body = '今天早上七点路过，东侧安全出口又被纸箱和货架堵住了，消防通道的门也锁着。';
    await page.getByLabel('您现在看到的情况').fill(body);
    await panel
      .getByTestId('evidence-photo')
      .setInputFiles({ name: 'IMG_20261202_070512.jpg', mimeType: 'image/jpeg', buffer: await jpegWithExif() });
    await panel.getByText('IMG_20261202_070512.jpg').waitFor();
    await expectFitsPhone(page);
    await shot(page, 'public-still-there-form-360');

    await page.getByTestId('still-there-submit').click();
    await page.getByText('已提交，执法人员会重新复查。').waitFor();
    expect(await task.getByTestId('rectification-status').textContent()).toBe('正在整改');
    expect(await task.getByTestId('rectification-disputed').textContent()).toMatch(
      /^您在 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} 反映隐患仍然存在，已要求执法人员重新复查。$/,
    );
    expect(await page.getByTestId('still-there').count()).toBe(0); // until the next re-inspection
    expect(await page.getByTestId('followup-timeline').textContent()).toContain('您反映隐患仍然存在');
    expect(await page.getByTestId('followup-messages').textContent()).toContain(body);
    // Nothing of what was said stays on the phone: storage holds the sign-in token only.
    expect(String(await page.evaluate('JSON.stringify({ ...localStorage, ...sessionStorage })'))).not.toContain(
      '安全出口',
    );
    await expectFitsPhone(page);
    await shot(page, 'public-still-there-sent-360');

    // The task is open for a new re-inspection, and the photo was stored as the reporter's, cleaned.
    const after = await c.stored(receipt.reference);
    expect(after.rectifications![0].status).toBe('open');
    expect(after.rectifications![0].disputedAt).toBeInstanceOf(Date);
    expect(after.evidence).toHaveLength(before.evidence.length + 1);
    const photo = after.evidence.at(-1)!;
    expect(photo).toMatchObject({ addedBy: 'reporter', kind: 'photo', metadataRemoved: true });
    expect(after.messages.at(-1)).toMatchObject({ from: 'reporter', body });
    const file = await c.get(`/api/v1/reports/${receipt.reference}/evidence/${photo.fileId}`, c.staff.verifier);
    expect(file.status).toBe(200);
    expect((file.body as Buffer).subarray(0, 2).toString('hex')).toBe('ffd8');

    // English words for the same state.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Fixing the hazard' }).waitFor();
    expect(await task.getByTestId('rectification-status').textContent()).toBe('Being fixed');
    expect(await task.getByTestId('rectification-disputed').textContent()).toContain(
      'you said the hazard is still there; the inspectors were asked to check again.',
    );
    await expectFitsPhone(page);
    await shot(page, 'public-still-there-sent-english-360');
    expect(pageErrors).toEqual([]);
  });
});
