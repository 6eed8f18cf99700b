// Status webhooks to partner systems, as staff watch them: what did not go, and sending a dead letter again.
import { webhookDeliveriesResponse, webhookEventParams } from '../schemas/webhookDeliveries';
import { endpoint } from './endpoint';

export const webhooks = {
  undelivered: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/webhooks/undelivered',
    tag: 'exchange',
    summary: 'Status webhooks to partners that failed every attempt or still wait long after queuing',
    response: webhookDeliveriesResponse,
    status: 200,
  }),
  resend: endpoint({
    kind: 'empty',
    method: 'post',
    path: '/api/v1/webhooks/:eventId/resend',
    tag: 'exchange',
    summary: 'Send a dead letter again, with a fresh count of attempts (audited)',
    params: webhookEventParams,
    status: 204,
  }),
};
