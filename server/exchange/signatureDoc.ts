// The signature scheme as the OpenAPI document describes it to partner
// integrators, written from the constants the check itself uses.
import { webhookBody } from '../../shared/schemas/exchangeStatus';
import { documentSecurityScheme, documentWebhook } from '../platform/http/openapi';
import { SIGNATURE_HEADERS, SIGNATURE_WINDOW_MS } from './signature';

const h = SIGNATURE_HEADERS;

export function documentPartnerSignature(): void {
  documentSecurityScheme('partner', 'partnerSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Woodpecker-Signature',
    description: [
      'Every exchange request is signed with the partner’s shared secret (issued by an administrator, shown once). Send four headers:',
      '',
      `- \`${h.key}\`: the partner’s key id`,
      `- \`${h.timestamp}\`: Unix time in seconds; refused when more than ${SIGNATURE_WINDOW_MS / 60_000} minutes from ours`,
      `- \`${h.nonce}\`: 16–64 characters of [A-Za-z0-9_-], new for every request (a repeat is refused with exchange.replayed)`,
      `- \`${h.signature}\`: \`v1=\` + lower-case hex HMAC-SHA256(secret, canonical)`,
      '',
      'canonical = METHOD + "\\n" + path with query, exactly as sent (e.g. /api/v1/exchange/cases) + "\\n" + timestamp + "\\n" + nonce + "\\n" + lower-case hex SHA-256 of the raw body bytes',
      '',
      'A bad or missing signature, an unknown or deactivated key id, or a stale timestamp → 401 exchange.unsigned. Staff session cookies do not open these routes. We sign the webhooks we send the same way, with the same secret.',
    ].join('\n'),
  });
}

export function documentStatusWebhook(): void {
  documentWebhook('caseStatusChanged', {
    access: 'partner',
    summary: 'A dispatched case changed in a way the partner sees (sent to the partner’s webhook URL, signed)',
    description: [
      'POSTed to the webhook URL registered for the partner, signed like the partner’s own requests (partnerSignature) with the same secret, plus `X-Woodpecker-Event-Id`.',
      'One request per event; the body always carries the whole case view after it. A case’s events are sent one at a time in `sequence` order (a case’s next event waits until the one before is answered 2xx); ignore an `eventId` already seen, as a retry after a lost answer repeats it.',
      'Anything but a 2xx answer (or no answer within 10 s) is retried with doubling waits; after the last attempt the event waits on the staff’s dead-letter page until it is sent again. Redirects are not followed.',
      'A partner in test mode receives an event of type `test` for each test case it records.',
    ].join('\n\n'),
    body: webhookBody,
  });
}
