// Test mode past the inbound answer: a partner in test mode can pull its test
// cases too, and recording one sends its webhook receiver a signed "test" event
// through the same outbox, signing and retries as live events, so an integrator
// exercises all three paths before the first live case.
import crypto from 'node:crypto';
import type { PartnerCaseView, WebhookBody } from '../../shared/schemas/exchangeStatus';
import { ExchangeTestCase } from './exchangeTestCase.model';
import { OutboxWebhook } from './outboxWebhook.model';
import { Partner } from './partner.model';

interface TestCase {
  reference: string;
  externalId: string;
  recordedAt: Date;
}

/** A test case as the pull answers it: received, nothing decided. */
export function testCaseView(tc: TestCase): PartnerCaseView {
  return {
    reference: tc.reference,
    externalId: tc.externalId,
    stage: 'received',
    outcome: null,
    rectification: null,
    reward: null,
    updatedAt: tc.recordedAt.toISOString(),
  };
}

export async function testCaseOf(partnerCode: string, externalId: string): Promise<PartnerCaseView | null> {
  const tc = await ExchangeTestCase.findOne({ partnerCode, externalId }).lean();
  return tc ? testCaseView(tc) : null;
}

/** Queues the "test" webhook for a newly recorded test case, when the partner takes webhooks. */
export async function queueTestEvent(partnerCode: string, tc: TestCase, now: Date): Promise<boolean> {
  const partner = await Partner.findOne({ code: partnerCode }, { webhookUrl: 1, active: 1 }).lean();
  if (!partner?.webhookUrl || !partner.active) return false;
  const body: WebhookBody = {
    eventId: crypto.randomUUID(),
    type: 'test',
    sequence: 1,
    occurredAt: now.toISOString(),
    case: testCaseView(tc),
  };
  await OutboxWebhook.create({
    eventId: body.eventId,
    partnerCode,
    type: body.type,
    reference: tc.reference,
    externalId: tc.externalId,
    sequence: body.sequence,
    body: JSON.stringify(body),
    status: 'pending',
    nextAttemptAt: now,
  });
  return true;
}
