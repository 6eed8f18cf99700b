// Concurrency and robustness: interleaved writers must leave exact totals, atomic
// find-and-modify must hand each document out once, and a hostile or slow peer on
// the raw wire must not stall or crash the server for everyone else.
import net from 'node:net';
import { MongoClient, ObjectId, type Db, type Document, type UpdateFilter } from 'mongodb';
import { startTestDatabase, type TestDatabase } from './support/database';

/** Fixtures use numeric and string _ids as well as ObjectIds. */
interface Doc extends Document {
  _id?: number | string | ObjectId;
}

let db: TestDatabase;
let clients: MongoClient[];
let dbName: string;

beforeAll(async () => {
  db = await startTestDatabase();
  clients = [0, 1, 2].map(() => new MongoClient(db.uri, { maxPoolSize: 10 }));
  await Promise.all(clients.map((c) => c.connect()));
  dbName = db.dbName('conc');
});

afterAll(async () => {
  await Promise.all((clients ?? []).map((c) => c.close()));
  await db?.stop();
});

function dbOf(i: number): Db {
  return clients[i % clients.length].db(dbName);
}

describe('concurrent clients', () => {
  test('interleaved inserts, $inc, $push and upserts from 3 clients leave exact totals', async () => {
    const name = 'mixed';
    await dbOf(0).collection<Doc>(name).insertOne({ _id: 'total', n: 0, sum: 0, log: [] });
    const ops: Promise<unknown>[] = [];
    for (let i = 0; i < 300; i++) {
      const coll = dbOf(i).collection<Doc>(name);
      switch (i % 3) {
        case 0:
          ops.push(coll.insertOne({ _id: `d${i}`, by: i % 3, v: i }));
          break;
        case 1:
          // $push is typed against the schema, which free-form fixtures do not declare.
          ops.push(
            coll.updateOne({ _id: 'total' }, {
              $inc: { n: 1, sum: i },
              $push: { log: i },
            } as Document as UpdateFilter<Doc>),
          );
          break;
        default:
          // Concurrent upserts on one _id: MongoDB retries the duplicate-key race itself.
          ops.push(coll.updateOne({ _id: 'up' }, { $inc: { n: 1 } }, { upsert: true }));
      }
    }
    await Promise.all(ops);
    const coll = dbOf(1).collection<Doc>(name);
    expect(await coll.countDocuments({ _id: { $regex: '^d' } })).toBe(100);
    const total = await coll.findOne({ _id: 'total' });
    const expectedIncs = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 3 === 1);
    expect(total?.n).toBe(100);
    expect(total?.sum).toBe(expectedIncs.reduce((a, b) => a + b, 0));
    expect([...(total?.log as number[])].sort((a, b) => a - b)).toEqual(expectedIncs);
    expect(await coll.findOne({ _id: 'up' })).toEqual({ _id: 'up', n: 100 });
    expect(await coll.countDocuments()).toBe(102);
  });

  test('findOneAndUpdate claims hand every job to exactly one worker', async () => {
    const name = 'jobs';
    await dbOf(0)
      .collection<Doc>(name)
      .insertMany(Array.from({ length: 60 }, (_, i) => ({ _id: i, status: 'open' })));
    const claimed: number[] = [];
    // Two workers per client, each claiming until nothing is left.
    const workers = Array.from({ length: 6 }, async (_, w) => {
      const coll = dbOf(w).collection<Doc>(name);
      for (;;) {
        const job = await coll.findOneAndUpdate(
          { status: 'open' },
          { $set: { status: 'taken', by: w } },
          { returnDocument: 'after' },
        );
        if (!job) return;
        expect(job.status).toBe('taken');
        claimed.push(job._id as number);
      }
    });
    await Promise.all(workers);
    expect(claimed).toHaveLength(60);
    expect(new Set(claimed).size).toBe(60);
    expect(await dbOf(2).collection<Doc>(name).countDocuments({ status: 'taken' })).toBe(60);
  });

  test('concurrent updateMany and inserts do not lose writes', async () => {
    const name = 'many';
    const coll0 = dbOf(0).collection<Doc>(name);
    await coll0.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i, hits: 0 })));
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? dbOf(i)
              .collection<Doc>(name)
              .insertOne({ _id: 1000 + i, hits: 0, late: true })
          : dbOf(i)
              .collection<Doc>(name)
              .updateMany({ _id: { $lt: 50 } }, { $inc: { hits: 1 } }),
      ),
    );
    const docs = await coll0.find({ _id: { $lt: 50 } }).toArray();
    expect(docs).toHaveLength(50);
    // 20 of the 30 operations were updateMany over the original 50 documents.
    expect(docs.every((d) => d.hits === 20)).toBe(true);
    expect(await coll0.countDocuments({ late: true })).toBe(10);
  });
});

// The raw-socket checks need the single host:port of the server; a real deployment's
// URI may be a seed list, so they run only against the embedded engine.
const rawSocketTest = process.env.MONGODB_URI ? test.skip : test;

function hostPort(uri: string): { host: string; port: number } {
  const m = /^mongodb:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/,?]+)(?::(\d+))?/.exec(uri);
  if (!m) throw new Error(`cannot parse host from ${uri}`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : 27017 };
}

async function rawConnect(): Promise<net.Socket> {
  const { host, port } = hostPort(db.uri);
  const sock = net.connect({ host, port });
  sock.on('error', () => {
    /* a reset from the server is an acceptable outcome; the close event reports it */
  });
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', resolve);
    sock.once('error', reject);
  });
  return sock;
}

/** What the server did with a bad message: closed the socket, answered, or nothing at all. */
function serverReaction(sock: net.Socket, ms: number): Promise<'closed' | 'replied' | 'timeout'> {
  return new Promise((resolve) => {
    if (sock.destroyed) return resolve('closed');
    const timer = setTimeout(() => resolve('timeout'), ms);
    sock.once('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
    sock.once('data', () => {
      clearTimeout(timer);
      resolve('replied');
    });
  });
}

function header(messageLength: number, opCode = 2013): Buffer {
  const buf = Buffer.alloc(16);
  buf.writeInt32LE(messageLength | 0, 0);
  buf.writeInt32LE(1, 4); // requestID
  buf.writeInt32LE(0, 8); // responseTo
  buf.writeInt32LE(opCode, 12);
  return buf;
}

async function normalClientWorks(label: string): Promise<void> {
  // A brand-new client proves the accept loop still runs, not just pooled connections.
  const fresh = new MongoClient(db.uri, { serverSelectionTimeoutMS: 5000, connectTimeoutMS: 5000 });
  try {
    await fresh.connect();
    const coll = fresh.db(dbName).collection<Doc>('health');
    await coll.insertOne({ label });
    expect(await coll.countDocuments({ label })).toBe(1);
    expect(await clients[0].db(dbName).command({ ping: 1 })).toMatchObject({ ok: 1 });
  } finally {
    await fresh.close();
  }
}

describe('hostile peers on the wire', () => {
  rawSocketTest('a peer that sends half a header and stalls does not block others', async () => {
    const stalled = await rawConnect();
    const partialBody = await rawConnect();
    try {
      stalled.write(header(100).subarray(0, 6));
      // A full header promising 1000 bytes, followed by only a few of them.
      partialBody.write(Buffer.concat([header(1000), Buffer.alloc(10)]));
      const started = Date.now();
      await normalClientWorks('after-stall');
      await Promise.all(Array.from({ length: 50 }, (_, i) => dbOf(i).collection<Doc>('busy').insertOne({ i })));
      expect(await dbOf(0).collection<Doc>('busy').countDocuments()).toBe(50);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(stalled.destroyed).toBe(false);
    } finally {
      stalled.destroy();
      partialBody.destroy();
    }
  });

  rawSocketTest('an absurd messageLength (0x7fffffff) is refused and the server keeps serving', async () => {
    const sock = await rawConnect();
    try {
      sock.write(header(0x7fffffff));
      expect(await serverReaction(sock, 5000)).not.toBe('timeout');
    } finally {
      sock.destroy();
    }
    await normalClientWorks('after-absurd-length');
  });

  rawSocketTest('a messageLength shorter than the header is refused', async () => {
    const sock = await rawConnect();
    try {
      sock.write(header(4));
      expect(await serverReaction(sock, 5000)).not.toBe('timeout');
    } finally {
      sock.destroy();
    }
    await normalClientWorks('after-short-length');
  });

  rawSocketTest('garbage bytes are refused and the server keeps serving', async () => {
    const sock = await rawConnect();
    try {
      // 0xff... decodes as messageLength -1.
      sock.write(Buffer.alloc(64, 0xff));
      expect(await serverReaction(sock, 5000)).not.toBe('timeout');
    } finally {
      sock.destroy();
    }
    const sock2 = await rawConnect();
    try {
      // A well-formed length but an unknown opCode and a nonsense body.
      sock2.write(Buffer.concat([header(48, 9999), Buffer.alloc(32, 'not bson ')]));
      expect(await serverReaction(sock2, 5000)).not.toBe('timeout');
    } finally {
      sock2.destroy();
    }
    await normalClientWorks('after-garbage');
  });

  rawSocketTest('an OP_MSG with a corrupt BSON body is refused without harming others', async () => {
    const sock = await rawConnect();
    try {
      // flagBits=0, section kind 0, then a BSON document whose declared size overruns the message.
      const body = Buffer.alloc(4 + 1 + 8);
      body.writeUInt32LE(0, 0);
      body.writeUInt8(0, 4);
      body.writeInt32LE(5000, 5);
      sock.write(Buffer.concat([header(16 + body.length, 2013), body]));
      expect(await serverReaction(sock, 5000)).not.toBe('timeout');
    } finally {
      sock.destroy();
    }
    await normalClientWorks('after-corrupt-bson');
  });
});
