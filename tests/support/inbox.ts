// A real SMTP server on loopback that records what it accepts, for mail tests.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  messageId: string;
  to: string[];
  raw: string;
}

export class Inbox {
  readonly received: Received[] = [];
  private server?: SMTPServer;
  port = 0;
  /** Messages whose data has arrived but are not yet accepted (held), and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  private held?: { promise: Promise<void>; release: () => void };

  /** `refuseRecipients`: answer every RCPT TO with a permanent error that quotes the address, as real servers do. */
  constructor(private readonly options: { refuseRecipients?: boolean } = {}) {}

  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.port}/?ignoreTLS=true`;
  }

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (!this.options.refuseRecipients) return callback();
        const refusal = Object.assign(new Error(`<${address.address}>: mailbox unavailable`), { responseCode: 550 });
        callback(refusal);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.inFlight++;
          this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
          void (this.held?.promise ?? Promise.resolve()).then(() => {
            this.inFlight--;
            const raw = Buffer.concat(chunks).toString('utf8');
            this.received.push({
              messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
            });
            callback();
          });
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  /** From now on each message waits, its sender waiting for the answer, until `release()`. */
  hold(): void {
    let release = () => {};
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.held = { promise, release };
  }

  release(): void {
    this.held?.release();
    this.held = undefined;
  }

  async stop(): Promise<void> {
    this.release();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A header of a raw message, unfolded, with RFC 2047 encoded words (UTF-8, B or Q) decoded. */
export function decodedHeader(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (line === undefined) return undefined;
  const value = line.slice(name.length + 1).trim();
  // Adjacent encoded words join without the space between them; bytes are decoded together.
  return value
    .replace(/(=\?utf-8\?[bq]\?[^?]*\?=\s*)+/gi, (run) => {
      const bytes = [...run.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)].map(([, enc, text]) =>
        enc.toLowerCase() === 'b'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            ),
      );
      return Buffer.concat(bytes).toString('utf8') + (/\s$/.test(run) ? ' ' : '');
    })
    .trim();
}
