// The TCP server: frames messages per connection, runs them in order, and
// keeps every connection independent so a slow or hostile peer blocks no one.
import { ObjectId } from 'bson';
import net from 'node:net';
import type { Doc } from './bson-values';
import { CommandRunner, type CommandContext } from './commands';
import type { Engine } from './engine';
import { MongoError } from './errors';
import { encodeReply, MAX_MESSAGE_BYTES, parseMessage, ProtocolError, type Request } from './wire';

export interface WireServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(
  engine: Engine,
  host: string,
  port: number,
  log: (msg: string) => void = () => {},
): Promise<WireServer> {
  const sockets = new Set<net.Socket>();
  let connectionCount = 0;
  const identity = {
    host,
    port,
    setName: 'woodpecker',
    electionId: new ObjectId('7fffffff0000000000000001'),
    startedAt: new Date(),
  };
  const runner = new CommandRunner(engine, identity);

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const ctx: CommandContext = { connectionId: ++connectionCount, compression: [] };
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let queue = Promise.resolve();

    socket.on('data', (chunk) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= 4) {
        const all = pending.length === 1 ? pending[0] : Buffer.concat(pending);
        pending = [all];
        const length = all.readInt32LE(0);
        if (length < 16 || length > MAX_MESSAGE_BYTES) {
          log(`closing connection ${ctx.connectionId}: message length ${length} out of bounds`);
          socket.destroy();
          return;
        }
        if (all.length < length) break;
        const msg = Buffer.from(all.subarray(0, length));
        pending = all.length > length ? [all.subarray(length)] : [];
        pendingBytes = all.length - length;
        queue = queue.then(() => handle(socket, msg, ctx));
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(socket: net.Socket, msg: Buffer, ctx: CommandContext): Promise<void> {
    let req: Request;
    try {
      req = parseMessage(msg);
    } catch (e) {
      // The frame was whole, so the stream stays aligned: answer with an error.
      const requestId = msg.readInt32LE(4);
      const reason = e instanceof Error ? e.message : String(e);
      send(
        socket,
        { requestId, opCode: 2013, command: {}, moreToCome: false },
        {
          ok: 0,
          errmsg: `invalid message: ${reason}`,
          code: e instanceof ProtocolError ? 9 : 22,
          codeName: e instanceof ProtocolError ? 'FailedToParse' : 'InvalidBSON',
        },
      );
      return;
    }
    let reply: Doc;
    try {
      reply = await runner.run(req.command, ctx);
    } catch (e) {
      if (e instanceof MongoError) reply = e.toReply();
      else {
        log(`internal error in '${Object.keys(req.command)[0]}': ${e instanceof Error ? e.stack : String(e)}`);
        reply = {
          ok: 0,
          errmsg: e instanceof Error ? e.message : 'internal error',
          code: 1,
          codeName: 'InternalError',
        };
      }
    }
    if (!req.moreToCome) send(socket, req, reply);
  }

  function send(socket: net.Socket, req: Request, reply: Doc): void {
    if (socket.destroyed) return;
    try {
      socket.write(encodeReply(req, reply));
    } catch (e) {
      socket.write(
        encodeReply(req, {
          ok: 0,
          errmsg: `reply could not be encoded: ${(e as Error).message}`,
          code: 10334,
          codeName: 'BSONObjectTooLarge',
        }),
      );
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  identity.port = address.port;
  return {
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
