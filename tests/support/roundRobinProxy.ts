// A load balancer in miniature for the scale-out test: listens on loopback and
// hands each request to the next upstream in turn, as a round-robin balancer with
// no session affinity would. It appends the client's address to X-Forwarded-For
// (so the apps, trusting a loopback proxy, see the address the client claimed)
// and says which upstream answered in `X-Upstream`, so a test can tell where a
// request landed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  baseUrl: string;
  /** The index of the upstream the next request goes to. */
  readonly next: number;
  /** Every request forwarded so far: method, path and the upstream that took it. */
  readonly served: { method: string; path: string; upstream: number }[];
  close(): Promise<void>;
}

export const UPSTREAM_HEADER = 'x-upstream';

export async function startRoundRobinProxy(upstreams: string[]): Promise<RoundRobinProxy> {
  if (!upstreams.length) throw new Error('a proxy needs at least one upstream');
  const targets = upstreams.map((u) => new URL(u));
  const agent = new http.Agent({ keepAlive: true });
  const served: RoundRobinProxy['served'] = [];
  let turn = 0;

  const server = http.createServer((req, res) => {
    const upstream = turn++ % targets.length;
    served.push({ method: req.method ?? 'GET', path: req.url ?? '/', upstream });
    const target = targets[upstream];
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const outgoing = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': forwardedFor },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, [UPSTREAM_HEADER]: String(upstream) });
        answer.pipe(res);
      },
    );
    outgoing.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { [UPSTREAM_HEADER]: String(upstream) });
      res.end();
    });
    req.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    get next() {
      return turn % targets.length;
    },
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
