// The HTTP SMS gateway adapter: the provider (or the bureau's own SMS platform) is
// reached by one JSON POST {to, text, messageId} with the key in the Authorization
// header; any 2xx answer means accepted. Whatever goes wrong becomes an error that
// names the status or the network failure only: a gateway's body may echo the number.

export interface SmsMessage {
  to: string;
  text: string;
  messageId: string;
}

export interface SmsGateway {
  send(message: SmsMessage): Promise<void>;
}

export interface GatewayConfig {
  url: string;
  key: string;
  /** How long one request may take before it counts as failed (and is retried later). */
  timeoutMs?: number;
}

export const DEFAULT_GATEWAY_TIMEOUT_MS = 10_000;

export class SmsGatewayError extends Error {}

/** The failure's code (ECONNREFUSED, a timeout…) without its message, which may carry the address. */
function networkCause(e: unknown): string {
  const cause = (e as { cause?: { code?: string; name?: string } }).cause;
  const name = (e as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timed out';
  return cause?.code ?? cause?.name ?? name ?? 'unknown';
}

export function httpSmsGateway({ url, key, timeoutMs = DEFAULT_GATEWAY_TIMEOUT_MS }: GatewayConfig): SmsGateway {
  return {
    async send(message) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error', // a redirect would carry the key and the number elsewhere
        });
      } catch (e) {
        throw new SmsGatewayError(`SMS gateway unreachable: ${networkCause(e)}`);
      }
      // The body is read and dropped, unread: it is not ours to store.
      await res.body?.cancel().catch(() => undefined);
      if (!res.ok) throw new SmsGatewayError(`SMS gateway answered ${res.status}`);
    },
  };
}
