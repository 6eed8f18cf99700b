// The signature scheme as the OpenAPI document describes it to partner
// integrators, written from the constants the check itself uses.
import { documentSecurityScheme } from '../platform/http/openapi';
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
