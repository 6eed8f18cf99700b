// The status webhooks one step on a partner's case owes: the partner's view of the
// case before and after the step, compared. Called by the pipeline inside the
// step's transaction, so an event exists exactly when its step was written.
import crypto from 'node:crypto';
import type { ClientSession } from 'mongoose';
import type { PartnerCaseView, WebhookBody, WebhookEventType } from '../../shared/schemas/exchangeStatus';
import type { ReportFields } from '../reports/report.model';
import { OutboxWebhook } from './outboxWebhook.model';
import { Partner } from './partner.model';
import { partnerViewOf } from './partnerView';

const stageOrder = ['received', 'accepted', 'verifying', 'concluded', 'closed'] as const;
const rank = (v: PartnerCaseView) => stageOrder.indexOf(v.stage);
const sameReward = (a: PartnerCaseView['reward'], b: PartnerCaseView['reward']) =>
  a?.decision === b?.decision && a?.amountFen === b?.amountFen;

/** What changed for the partner, in the order it happened; none when the step changed nothing it sees. */
export function eventsBetween(before: PartnerCaseView, after: PartnerCaseView): WebhookEventType[] {
  const events: WebhookEventType[] = [];
  // Back to screening or verification (an objection or referral reopened it): the old outcome no longer stands.
  if (rank(after) < rank(before) || (before.outcome && !after.outcome)) events.push('reopened');
  if (after.stage === 'accepted' && before.stage !== 'accepted') events.push('accepted');
  if (after.outcome && after.outcome !== before.outcome) {
    if (after.outcome === 'transferred') events.push('transferred');
    else if (['substantiated', 'not-substantiated', 'unverifiable'].includes(after.outcome)) events.push('verified');
    else events.push(after.outcome === 'withdrawn' ? 'withdrawn' : 'rejected'); // rejected or a duplicate
  }
  if (after.rectification === 'open' && before.rectification !== 'open') events.push('rectification-ordered');
  if (after.rectification === 'completed' && before.rectification !== 'completed') events.push('rectified');
  if (after.reward && !sameReward(before.reward, after.reward)) events.push('reward-decided');
  if (after.reward?.paid && !before.reward?.paid) events.push('reward-paid');
  if (after.stage === 'closed' && before.stage !== 'closed') events.push('closed');
  return events;
}

/** Queues one webhook per event, numbered on from the case's last, when the partner takes webhooks. */
export async function queueStatusEvents(
  before: ReportFields,
  after: ReportFields,
  session: ClientSession,
  now: Date,
): Promise<number> {
  const partnerCode = after.exchange?.partnerCode;
  if (!partnerCode) return 0;
  const events = eventsBetween(partnerViewOf(before), partnerViewOf(after));
  if (!events.length) return 0;
  const partner = await Partner.findOne({ code: partnerCode }, { webhookUrl: 1, active: 1 }).session(session).lean();
  if (!partner?.webhookUrl || !partner.active) return 0; // a partner without a URL pulls
  const last = await OutboxWebhook.findOne({ partnerCode, reference: after.reference }, { sequence: 1 })
    .sort({ sequence: -1 })
    .session(session)
    .lean();
  const view = partnerViewOf(after);
  const docs = events.map((type, i) => {
    const body: WebhookBody = {
      eventId: crypto.randomUUID(),
      type,
      sequence: (last?.sequence ?? 0) + i + 1,
      occurredAt: now.toISOString(),
      case: view,
    };
    return {
      eventId: body.eventId,
      partnerCode,
      type,
      reference: after.reference,
      externalId: view.externalId,
      sequence: body.sequence,
      body: JSON.stringify(body),
      status: 'pending' as const,
      nextAttemptAt: now,
    };
  });
  await OutboxWebhook.create(docs, { session, ordered: true });
  return docs.length;
}
