// Browser test: an administrator finds a status webhook that failed every attempt
// on the partner webhook page and sends it again (audited); the page passes axe.
// Other roles do not get the page.
import crypto from 'node:crypto';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { OutboxWebhook } from '../../server/exchange/outboxWebhook.model';
import { browserSuite, keepScreenshots } from '../support/browser';
import { expectNoAxeViolations } from '../support/accessibility';
import { registerPartner } from '../support/partners';
import { openSession } from '../support/staff';

jest.setTimeout(90_000);

const suite = browserSuite();

/** A dead letter and the event of the same case waiting behind it, as the delivery job leaves them. */
async function deadLetter(): Promise<string> {
  await registerPartner(suite.server.app, await openSession(suite.server, 'admin'), 'henan-province', {
    webhookUrl: 'http://127.0.0.1:9/hooks',
  });
  const eventId = crypto.randomUUID();
  const common = { partnerCode: 'henan-province', reference: 'WP-TEST-HOOK', externalId: 'HN-2026-000123' };
  const body = (type: string, sequence: number) => JSON.stringify({ type, sequence });
  const longAgo = new Date(Date.now() - 3 * 60 * 60_000);
  await OutboxWebhook.create([
    {
      ...common,
      eventId,
      type: 'accepted',
      sequence: 1,
      body: body('accepted', 1),
      status: 'failed',
      attempts: 10,
      lastError: 'HTTP 503',
      nextAttemptAt: longAgo,
    },
    {
      ...common,
      eventId: crypto.randomUUID(),
      type: 'verified',
      sequence: 2,
      body: body('verified', 2),
      status: 'pending',
      nextAttemptAt: new Date(),
    },
  ]);
  await OutboxWebhook.collection.updateMany({ reference: 'WP-TEST-HOOK' }, { $set: { createdAt: longAgo } });
  return eventId;
}

test('the administrator sees the dead letter and sends it again', async () => {
  const eventId = await deadLetter();
  const { page, pageErrors } = await suite.signedIn('admin');
  await page.getByRole('link', { name: '平台回传' }).click();
  const table = page.locator('[data-testid=webhooks-table]');
  await table.getByText('HTTP 503').waitFor();
  await table.getByText('等待前一条送达').waitFor();
  expect(await table.getByText('测试对接方 henan-province').count()).toBe(2);
  await expectNoAxeViolations(page, 'partner webhooks');
  await keepScreenshots(page, 'console-webhooks');

  // The same page in English.
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('heading', { name: 'Partner webhooks', level: 1 }).waitFor();
  await table.getByText('Waits for the one before').waitFor();
  await expectNoAxeViolations(page, 'partner webhooks (English)');
  await keepScreenshots(page, 'console-webhooks-en');
  await page.getByText('中文', { exact: true }).click();
  await page.getByRole('heading', { name: '对接平台回传消息' }).waitFor();

  await table.getByRole('button', { name: '重新发送' }).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await page.getByText('已重新排队发送').waitFor();
  await table.getByText('HTTP 503').waitFor({ state: 'detached' });
  expect(await OutboxWebhook.findOne({ eventId }).lean()).toMatchObject({ status: 'pending', attempts: 0 });
  expect(await AuditEntry.exists({ action: 'exchange.webhook_resent', 'details.eventId': eventId })).toBeTruthy();
  expect(pageErrors).toEqual([]);
});

test('an intake officer has no partner webhook page', async () => {
  const { page, pageErrors } = await suite.signedIn('intake');
  expect(await page.getByRole('link', { name: '平台回传' }).count()).toBe(0);
  await page.goto(`${suite.server.baseUrl}/console/webhooks`);
  await page.locator('.ant-result-403').waitFor();
  expect(await page.locator('[data-testid=webhooks-table]').count()).toBe(0);
  expect(pageErrors).toEqual([]);
});
