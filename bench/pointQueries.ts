// Where the time of one indexed point query goes: the engine's own work on a
// real wire message (parse, plan, read, encode), and the round trip through the
// official driver, with the engine in the measuring process or in its own.
import { Binary, ObjectId, serialize } from 'bson';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { CommandRunner } from '@woodpecker/embedded-mongo/src/commands';
import { Engine } from '@woodpecker/embedded-mongo/src/engine';
import { Store } from '@woodpecker/embedded-mongo/src/store';
import { encodeReply, parseMessage } from '@woodpecker/embedded-mongo/src/wire';

export const POINT_DOCS = 20_000;

export const pointDoc = (i: number) => ({
  _id: i,
  email: `user${i}@example.cn`,
  status: i % 10 === 0 ? 'open' : 'closed',
  createdAt: new Date(1_700_000_000_000 + i * 1000),
  amountFen: i * 100,
  tags: ['a', 'b'],
});

/** The i-th key of a fixed pseudo-random walk over the documents. */
const emailAt = (i: number) => `user${(i * 7919) % POINT_DOCS}@example.cn`;

/** An OP_MSG as the driver frames a `findOne` (lsid and read preference included). */
function findOneMessage(i: number): Buffer {
  const command = {
    find: 'docs',
    filter: { email: emailAt(i) },
    limit: 1,
    singleBatch: true,
    lsid: { id: new Binary(Buffer.alloc(16, 7), 4) },
    $readPreference: { mode: 'primaryPreferred' },
    $db: 'bench',
  };
  const body = Buffer.concat([Buffer.alloc(5), Buffer.from(serialize(command))]);
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + body.length, 0);
  header.writeInt32LE(i + 1, 4);
  header.writeInt32LE(2013, 12);
  return Buffer.concat([header, body]);
}

/** Median CPU microseconds the engine spends on one point query, socket excluded. */
export async function engineMicrosPerPointQuery(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-bench-point-'));
  const store = new Store({ file: path.join(dir, 'point.sqlite'), durable: true });
  try {
    const engine = new Engine(store);
    const identity = {
      host: '127.0.0.1',
      port: 0,
      setName: 'bench',
      electionId: new ObjectId(),
      startedAt: new Date(),
    };
    const runner = new CommandRunner(engine, identity);
    engine.createIndexes('bench.docs', [{ key: { email: 1 }, name: 'email_1', unique: true }]);
    engine.write(() => {
      for (let i = 0; i < POINT_DOCS; i++) engine.insertOne('bench.docs', pointDoc(i));
      return {};
    });
    const messages = Array.from({ length: 2000 }, (_, i) => findOneMessage(i));
    const ctx = { connectionId: 1, compression: [] };
    const rounds: number[] = [];
    for (let round = 0; round < 6; round++) {
      const before = process.cpuUsage();
      for (const message of messages) {
        const request = parseMessage(message);
        const reply = await runner.run(request.command, ctx);
        if ((reply.cursor as { firstBatch: unknown[] }).firstBatch.length !== 1) throw new Error('point read missed');
        encodeReply(request, reply);
      }
      const used = process.cpuUsage(before);
      if (round > 0) rounds.push((used.user + used.system) / messages.length);
    }
    return median(rounds);
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface DriverPointFigures {
  /** Sequential awaited findOne calls per second. */
  sequential: number;
  /** CPU microseconds of this process per sequential query. */
  clientMicros: number;
  /** findOne calls per second from 8 concurrent callers. */
  concurrent: number;
}

/** Point queries through the official driver against `uri`, which must hold bench.docs with an email index. */
export async function driverPointQueries(uri: string): Promise<DriverPointFigures> {
  const client = new MongoClient(uri);
  await client.connect();
  try {
    const docs = client.db('bench').collection('docs');
    let next = 0;
    const one = async () => {
      if (!(await docs.findOne({ email: emailAt(next++) }))) throw new Error('point read missed');
    };
    for (let i = 0; i < 500; i++) await one();
    const sequential: number[] = [];
    const clientMicros: number[] = [];
    const concurrent: number[] = [];
    for (let round = 0; round < 3; round++) {
      const n = 1500;
      const cpu = process.cpuUsage();
      let start = performance.now();
      for (let i = 0; i < n; i++) await one();
      sequential.push(n / ((performance.now() - start) / 1000));
      const used = process.cpuUsage(cpu);
      clientMicros.push((used.user + used.system) / n);
      start = performance.now();
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let i = 0; i < n / 8; i++) await one();
        }),
      );
      concurrent.push(n / ((performance.now() - start) / 1000));
    }
    return { sequential: median(sequential), clientMicros: median(clientMicros), concurrent: median(concurrent) };
  } finally {
    await client.close();
  }
}

/** Fills bench.docs at `uri` with the point-query documents and their unique email index. */
export async function fillPointDocs(uri: string): Promise<void> {
  const client = new MongoClient(uri);
  await client.connect();
  try {
    const docs = client.db('bench').collection<ReturnType<typeof pointDoc>>('docs');
    await docs.createIndex({ email: 1 }, { unique: true });
    for (let i = 0; i < POINT_DOCS; i += 5000)
      await docs.insertMany(Array.from({ length: 5000 }, (_, j) => pointDoc(i + j)));
  } finally {
    await client.close();
  }
}

function median(values: number[]): number {
  return values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
}
