// Multi-document transactions: commit/abort, read-your-own-writes, isolation from
// other clients, snapshot reads, write conflicts and retryable writes.
import {
  Long,
  MongoClient,
  ObjectId,
  type ClientSession,
  type Collection,
  type CommandStartedEvent,
  type Db,
  type Document,
} from 'mongodb';
import { startTestDatabase, type TestDatabase } from './support/database';
import { serverError } from './support/mongoErrors';

/** Fixtures use numeric and string _ids as well as ObjectIds. */
interface Doc extends Document {
  _id?: number | string | ObjectId;
}

let db: TestDatabase;
let client: MongoClient;
let other: MongoClient;
let dbName: string;
let mdb: Db;

beforeAll(async () => {
  db = await startTestDatabase();
  client = new MongoClient(db.uri);
  // A second, independent client plays "another application".
  other = new MongoClient(db.uri);
  await Promise.all([client.connect(), other.connect()]);
  dbName = db.dbName('txn');
  mdb = client.db(dbName);
});

afterAll(async () => {
  await client?.close();
  await other?.close();
  await db?.stop();
});

let seq = 0;
async function collectionWith(...docs: Document[]): Promise<Collection<Doc>> {
  const name = `t_${++seq}`;
  // Collections are created up front: creating one inside a transaction is a separate concern.
  await mdb.createCollection(name);
  const coll = mdb.collection<Doc>(name);
  if (docs.length) await coll.insertMany(docs);
  return coll;
}

function otherView(coll: Collection<Doc>): Collection<Doc> {
  return other.db(dbName).collection<Doc>(coll.collectionName);
}

async function withSession<T>(c: MongoClient, fn: (s: ClientSession) => Promise<T>): Promise<T> {
  const session = c.startSession();
  try {
    return await fn(session);
  } finally {
    await session.endSession();
  }
}

describe('commit and abort', () => {
  test('withTransaction commits every write together', async () => {
    const coll = await collectionWith({ _id: 'a', balance: 100 }, { _id: 'b', balance: 0 });
    await withSession(client, (s) =>
      s.withTransaction(async () => {
        await coll.updateOne({ _id: 'a' }, { $inc: { balance: -30 } }, { session: s });
        await coll.updateOne({ _id: 'b' }, { $inc: { balance: 30 } }, { session: s });
        await coll.insertOne({ _id: 'log', moved: 30 }, { session: s });
      }),
    );
    expect(await otherView(coll).find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', balance: 70 },
      { _id: 'b', balance: 30 },
      { _id: 'log', moved: 30 },
    ]);
  });

  test('abortTransaction rolls back inserts, updates and deletes', async () => {
    const coll = await collectionWith({ _id: 1, v: 'orig' }, { _id: 2, v: 'keep' });
    await withSession(client, async (s) => {
      s.startTransaction();
      await coll.insertOne({ _id: 3, v: 'new' }, { session: s });
      await coll.updateOne({ _id: 1 }, { $set: { v: 'changed' } }, { session: s });
      await coll.deleteOne({ _id: 2 }, { session: s });
      // The transaction sees its own writes...
      expect(await coll.find({}, { session: s }).sort({ _id: 1 }).toArray()).toEqual([
        { _id: 1, v: 'changed' },
        { _id: 3, v: 'new' },
      ]);
      expect(await coll.countDocuments({}, { session: s })).toBe(2);
      // ...nobody else does, and outside reads are not blocked.
      expect(await otherView(coll).find().sort({ _id: 1 }).toArray()).toEqual([
        { _id: 1, v: 'orig' },
        { _id: 2, v: 'keep' },
      ]);
      expect(await coll.findOne({ _id: 3 })).toBeNull();
      await s.abortTransaction();
    });
    expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, v: 'orig' },
      { _id: 2, v: 'keep' },
    ]);
  });

  test('an error thrown inside withTransaction aborts and propagates', async () => {
    const coll = await collectionWith({ _id: 1, n: 0 });
    await expect(
      withSession(client, (s) =>
        s.withTransaction(async () => {
          await coll.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: s });
          throw new Error('boom');
        }),
      ),
    ).rejects.toThrow('boom');
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, n: 0 });
  });

  test('a duplicate key inside a transaction aborts the whole transaction', async () => {
    const coll = await collectionWith({ _id: 1 });
    await withSession(client, async (s) => {
      s.startTransaction();
      await coll.insertOne({ _id: 2 }, { session: s });
      const err = await serverError(coll.insertOne({ _id: 1 }, { session: s }));
      expect(err.code).toBe(11000);
      expect(err.hasErrorLabel('TransientTransactionError')).toBe(false);
      // The server has aborted the transaction: the next statement finds no transaction.
      const next = await serverError(coll.insertOne({ _id: 3 }, { session: s }));
      expect(next.code).toBe(251);
      expect(next.hasErrorLabel('TransientTransactionError')).toBe(true);
      await s.abortTransaction();
    });
    expect((await coll.find().toArray()).map((d) => d._id)).toEqual([1]);
  });

  test('a collection created implicitly inside a transaction exists after commit', async () => {
    const name = `implicit_${++seq}`;
    await withSession(client, (s) =>
      s.withTransaction(async () => {
        await mdb.collection<Doc>(name).insertOne({ _id: 1 }, { session: s });
      }),
    );
    expect((await mdb.listCollections({ name }).toArray()).map((c) => c.name)).toEqual([name]);
    expect(await otherView(mdb.collection<Doc>(name)).countDocuments()).toBe(1);
  });

  test('delete and re-insert of the same _id inside one transaction', async () => {
    const coll = await collectionWith({ _id: 1, v: 'old' });
    await withSession(client, (s) =>
      s.withTransaction(async () => {
        await coll.deleteOne({ _id: 1 }, { session: s });
        await coll.insertOne({ _id: 1, v: 'new' }, { session: s });
      }),
    );
    expect(await coll.find().toArray()).toEqual([{ _id: 1, v: 'new' }]);
  });

  test('commitTransaction makes writes visible to other clients only after commit', async () => {
    const coll = await collectionWith();
    await withSession(client, async (s) => {
      s.startTransaction();
      await coll.insertOne({ _id: 'x' }, { session: s });
      expect(await otherView(coll).countDocuments()).toBe(0);
      await s.commitTransaction();
    });
    expect(await otherView(coll).countDocuments()).toBe(1);
  });
});

describe('isolation', () => {
  test('a snapshot transaction does not see changes committed after its first read', async () => {
    const coll = await collectionWith({ _id: 'x', v: 1 }, { _id: 'y', v: 1 });
    await withSession(client, async (s) => {
      s.startTransaction({ readConcern: { level: 'snapshot' } });
      expect(await coll.findOne({ _id: 'x' }, { session: s })).toEqual({ _id: 'x', v: 1 });
      // Another client commits changes to both documents, and adds one.
      await otherView(coll).updateOne({ _id: 'x' }, { $set: { v: 2 } });
      await otherView(coll).updateOne({ _id: 'y' }, { $set: { v: 2 } });
      await otherView(coll).insertOne({ _id: 'z', v: 2 });
      // Re-read and a first read of 'y' both come from the snapshot.
      expect(await coll.findOne({ _id: 'x' }, { session: s })).toEqual({ _id: 'x', v: 1 });
      expect(await coll.findOne({ _id: 'y' }, { session: s })).toEqual({ _id: 'y', v: 1 });
      expect(await coll.countDocuments({}, { session: s })).toBe(2);
      // Writing a document changed since the snapshot is a write conflict.
      const err = await serverError(coll.updateOne({ _id: 'x' }, { $set: { v: 3 } }, { session: s }));
      expect(err.code).toBe(112);
      expect(err.hasErrorLabel('TransientTransactionError')).toBe(true);
      await s.abortTransaction();
    });
    expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'x', v: 2 },
      { _id: 'y', v: 2 },
      { _id: 'z', v: 2 },
    ]);
  });

  test('two transactions writing one document: the second gets WriteConflict (112)', async () => {
    const coll = await collectionWith({ _id: 'doc', v: 0 });
    const s1 = client.startSession();
    const s2 = other.startSession();
    try {
      s1.startTransaction();
      s2.startTransaction();
      await coll.updateOne({ _id: 'doc' }, { $set: { v: 1 } }, { session: s1 });
      const err = await serverError(otherView(coll).updateOne({ _id: 'doc' }, { $set: { v: 2 } }, { session: s2 }));
      expect(err.code).toBe(112);
      expect(err.codeName).toBe('WriteConflict');
      expect(err.hasErrorLabel('TransientTransactionError')).toBe(true);
      await s2.abortTransaction();
      await s1.commitTransaction();
    } finally {
      await s1.endSession();
      await s2.endSession();
    }
    expect(await coll.findOne({ _id: 'doc' })).toEqual({ _id: 'doc', v: 1 });
  });

  test('20 parallel withTransaction increments all land (conflicts are retried)', async () => {
    const coll = await collectionWith({ _id: 'counter', n: 0 });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withSession(i % 2 === 0 ? client : other, (s) =>
          s.withTransaction(async () => {
            const target = i % 2 === 0 ? coll : otherView(coll);
            await target.updateOne({ _id: 'counter' }, { $inc: { n: 1 } }, { session: s });
            await target.insertOne({ _id: `op${i}` }, { session: s });
          }),
        ),
      ),
    );
    expect(await coll.findOne({ _id: 'counter' })).toEqual({ _id: 'counter', n: 20 });
    expect(await coll.countDocuments({ _id: { $regex: '^op' } })).toBe(20);
  }, 60_000);
});

describe('retryable writes', () => {
  test('a client with retryWrites sends txnNumber and the insert succeeds', async () => {
    const events: CommandStartedEvent[] = [];
    const retrying = new MongoClient(db.uri, { retryWrites: true, monitorCommands: true });
    retrying.on('commandStarted', (e) => events.push(e));
    try {
      await retrying.connect();
      const coll = retrying.db(dbName).collection<Doc>('retryable');
      const res = await coll.insertOne({ _id: 'r1' });
      expect(res.insertedId).toBe('r1');
      const insert = events.find((e) => e.commandName === 'insert');
      // The driver only attaches txnNumber when the server advertises retryable-write support.
      expect(insert?.command.txnNumber).toBeDefined();
      expect(insert?.command.lsid).toBeDefined();
      expect(await coll.findOne({ _id: 'r1' })).toEqual({ _id: 'r1' });
    } finally {
      await retrying.close();
    }
  });

  test('re-sending the same txnNumber does not apply the write twice', async () => {
    const coll = await collectionWith();
    await withSession(client, async (s) => {
      const cmd = { insert: coll.collectionName, documents: [{ tag: 'once' }], txnNumber: Long.fromNumber(7) };
      const first = await mdb.command(cmd, { session: s });
      expect(first.n).toBe(1);
      // A retry of statement 0 of txnNumber 7 returns the original result without inserting.
      const retry = await mdb.command(cmd, { session: s });
      expect(retry.n).toBe(1);
      expect(retry.writeErrors).toBeUndefined();
    });
    expect(await coll.countDocuments({ tag: 'once' })).toBe(1);
  });
});
