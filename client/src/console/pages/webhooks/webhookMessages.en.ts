// The partner webhook page's words (English).
import type { WebhooksMessages } from './webhookMessages.zh';

export const webhooksEn: WebhooksMessages = {
  title: 'Partner webhooks',
  intro:
    'Changes on a dispatched case (accepted, transferred, concluded, rectified, reward decided, closed) are sent back to the partner as signed messages and retried with growing waits when they fail. Listed here: messages that failed every attempt, and messages still not delivered 15 minutes after they were queued. A case’s messages go in order: while one has not gone, the ones after it wait. Messages carry the case’s status only, nothing about the reporter.',
  empty: 'Every status message has been delivered.',
  partner: 'Partner',
  event: 'Event',
  reference: 'Case',
  sequence: 'No.',
  status: 'Status',
  attempts: 'Attempts',
  lastError: 'Last error',
  nextAttempt: 'Next attempt',
  queuedAt: 'Queued',
  action: 'Action',
  resend: 'Send again',
  resendConfirm:
    'Send this message again? It goes back in the delivery queue at once with a fresh count of attempts, and the audit log records it.',
  resent: 'Queued to be sent again',
  waiting: 'Waits for the one before',
  refresh: 'Refresh',
  statuses: { failed: 'Failed', pending: 'Waiting to retry', sending: 'Sending' },
  events: {
    accepted: 'Accepted',
    transferred: 'Transferred',
    rejected: 'Not accepted',
    withdrawn: 'Withdrawn',
    verified: 'Concluded',
    reopened: 'Reopened',
    'rectification-ordered': 'Rectification ordered',
    rectified: 'Rectified',
    'reward-decided': 'Reward decided',
    'reward-paid': 'Reward paid',
    closed: 'Closed',
    test: 'Test event (test mode)',
  },
};
