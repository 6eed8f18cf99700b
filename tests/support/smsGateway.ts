// A real HTTP SMS gateway on loopback that records what it accepts, for SMS tests
// (as tests/support/inbox.ts is a real SMTP server for mail tests). `answer` sets
// the status it replies with; a non-2xx reply is recorded as refused.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayRequest {
  to: string;
  text: string;
  messageId: string;
  authorization?: string;
  contentType?: string;
  status: number;
}

export class SmsGatewayServer {
  /** Every request that reached it, accepted or not. */
  readonly requests: GatewayRequest[] = [];
  /** The status of the next replies; 200 accepts. */
  answer = 200;
  /** Replies with the number in the body, as some gateways echo it, to check it is never stored. */
  echoNumber = false;
  /** Records the request and never answers, as a gateway that hangs. */
  hang = false;
  port = 0;
  private server?: http.Server;

  get url(): string {
    return `http://127.0.0.1:${this.port}/sms/send`;
  }

  /** Messages accepted (2xx), in order. */
  get accepted(): GatewayRequest[] {
    return this.requests.filter((r) => r.status >= 200 && r.status < 300);
  }

  async start(port = 0): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, string>;
        const status = this.answer;
        this.requests.push({
          to: body.to,
          text: body.text,
          messageId: body.messageId,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          status,
        });
        if (this.hang) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(this.echoNumber ? { error: `invalid number ${body.to}` } : { ok: status < 300 }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
