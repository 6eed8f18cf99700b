// A partner's webhook endpoint on loopback (node:http), as a partner would run it:
// it checks each request's signature with the partner's secret (server/exchange/signature.ts),
// records what it accepts, and can be told to answer 500 or be closed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookBody } from '../../shared/schemas/exchangeStatus';
import { checkSignature, SIGNATURE_HEADERS, type SignatureProblem } from '../../server/exchange/signature';

export interface ReceivedHook {
  eventId: string;
  keyId: string;
  body: WebhookBody;
  signature: SignatureProblem | 'valid';
}

export class WebhookReceiver {
  /** Requests whose signature held and which were answered 204. */
  readonly accepted: ReceivedHook[] = [];
  /** Every request that arrived, whatever the answer. */
  readonly arrived: ReceivedHook[] = [];
  /** 'ok' answers 204; 'fail' answers 500. */
  mode: 'ok' | 'fail' = 'ok';
  private server?: http.Server;
  port = 0;

  /** `secret`: the partner's, as registering it showed; it may be set later, before the first delivery. */
  constructor(public secret = '') {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/woodpecker?tenant=anyang`;
  }

  /** Listens (again, on the same port once it has one). */
  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const header = (name: string) => String(req.headers[name] ?? '');
        const problem = checkSignature(this.secret, {
          method: req.method ?? '',
          path: req.url ?? '',
          timestamp: header(SIGNATURE_HEADERS.timestamp),
          nonce: header(SIGNATURE_HEADERS.nonce),
          body: raw,
          signature: header(SIGNATURE_HEADERS.signature),
        });
        const hook: ReceivedHook = {
          eventId: header('x-woodpecker-event-id'),
          keyId: header(SIGNATURE_HEADERS.key),
          body: JSON.parse(raw.toString('utf8')) as WebhookBody,
          signature: problem ?? 'valid',
        };
        this.arrived.push(hook);
        if (problem) return res.writeHead(401).end();
        if (this.mode === 'fail') return res.writeHead(500).end('down for maintenance');
        this.accepted.push(hook);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening: the port refuses connections until start() again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The case's events as accepted, in arrival order. */
  eventsOf(reference: string): WebhookBody[] {
    return this.accepted.filter((h) => h.body.case.reference === reference).map((h) => h.body);
  }
}
