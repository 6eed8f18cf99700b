// Database commands: handshake replies, catalog commands and their error codes.
import { MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { startTestDatabase, type TestDatabase } from './support/database';
import { serverError } from './support/mongoErrors';

/** Fixtures use numeric and string _ids as well as ObjectIds. */
interface Doc extends Document {
  _id?: number | string | ObjectId;
}

let db: TestDatabase;
let client: MongoClient;

beforeAll(async () => {
  db = await startTestDatabase();
  client = new MongoClient(db.uri);
  await client.connect();
});

afterAll(async () => {
  await client?.close();
  await db?.stop();
});

function freshDb(): Db {
  return client.db(db.dbName('cmd'));
}

async function collectionNames(d: Db): Promise<string[]> {
  return (await d.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
}

describe('handshake and server info', () => {
  test('ping', async () => {
    expect(await freshDb().command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  test('hello presents a writable replica-set primary', async () => {
    const hello = await client.db('admin').command({ hello: 1 });
    expect(hello.ok).toBe(1);
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.secondary).toBe(false);
    expect(typeof hello.setName).toBe('string');
    expect(hello.setName.length).toBeGreaterThan(0);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect(hello.minWireVersion).toBeLessThanOrEqual(hello.maxWireVersion);
    expect(typeof hello.logicalSessionTimeoutMinutes).toBe('number');
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBe(48_000_000);
    expect(hello.maxWriteBatchSize).toBe(100_000);
    expect(Array.isArray(hello.hosts)).toBe(true);
    expect(hello.hosts).toContain(hello.primary);
    expect(hello.localTime).toBeInstanceOf(Date);
  });

  test('legacy isMaster still answers', async () => {
    const reply = await client.db('admin').command({ isMaster: 1 });
    expect(reply.ok).toBe(1);
    expect(reply.ismaster).toBe(true);
    expect(typeof reply.setName).toBe('string');
  });

  test('buildInfo reports a version', async () => {
    const info = await client.db('admin').command({ buildInfo: 1 });
    expect(info.ok).toBe(1);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Array.isArray(info.versionArray)).toBe(true);
    expect(info.versionArray[0]).toBe(Number(String(info.version).split('.')[0]));
  });

  test('an unknown command fails with CommandNotFound (59)', async () => {
    const err = await serverError(freshDb().command({ noSuchCommand: 1 }));
    expect(err.code).toBe(59);
    expect(err.codeName).toBe('CommandNotFound');
  });
});

describe('catalog commands', () => {
  test('createCollection, listCollections, and createCollection twice → NamespaceExists (48)', async () => {
    const d = freshDb();
    expect(await collectionNames(d)).toEqual([]);
    await d.createCollection('made');
    await d.collection<Doc>('implicit').insertOne({ x: 1 });
    expect(await collectionNames(d)).toEqual(['implicit', 'made']);
    const full = await d.listCollections({ name: 'made' }).toArray();
    expect(full).toHaveLength(1);
    expect(full[0]).toMatchObject({ name: 'made', type: 'collection' });
    const err = await serverError(d.createCollection('made'));
    expect(err.code).toBe(48);
    expect(err.codeName).toBe('NamespaceExists');
  });

  test('drop removes a collection and its documents', async () => {
    const d = freshDb();
    await d.collection<Doc>('gone').insertMany([{ a: 1 }, { a: 2 }]);
    await d.collection<Doc>('stays').insertOne({ a: 1 });
    expect(await d.collection<Doc>('gone').drop()).toBe(true);
    expect(await collectionNames(d)).toEqual(['stays']);
    expect(await d.collection<Doc>('gone').countDocuments()).toBe(0);
  });

  test('renameCollection moves documents and indexes; an existing target fails (48)', async () => {
    const d = freshDb();
    const src = d.collection<Doc>('src');
    await src.insertMany([
      { _id: 1, k: 'a' },
      { _id: 2, k: 'b' },
    ]);
    await src.createIndex({ k: 1 }, { unique: true });
    await d.collection<Doc>('taken').insertOne({ _id: 'x' });
    expect((await serverError(src.rename('taken'))).code).toBe(48);
    const renamed = await src.rename('dst');
    expect(renamed.collectionName).toBe('dst');
    expect(await collectionNames(d)).toEqual(['dst', 'taken']);
    expect((await d.collection<Doc>('dst').find().sort({ _id: 1 }).toArray()).map((x) => x._id)).toEqual([1, 2]);
    expect((await d.collection<Doc>('dst').listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'k_1']);
    // dropTarget replaces the existing collection.
    await d.collection<Doc>('dst').rename('taken', { dropTarget: true });
    expect(await collectionNames(d)).toEqual(['taken']);
    expect(await d.collection<Doc>('taken').countDocuments()).toBe(2);
  });

  test('listDatabases and dropDatabase', async () => {
    const name = db.dbName('cmd_dbs');
    const d = client.db(name);
    await d.collection<Doc>('c').insertOne({ a: 1 });
    const listed = await client.db('admin').admin().listDatabases();
    const entry = listed.databases.find((x) => x.name === name);
    expect(entry).toBeDefined();
    expect(entry?.empty).toBe(false);
    const namesOnly = await client.db('admin').admin().listDatabases({ nameOnly: true });
    expect(namesOnly.databases.map((x) => x.name)).toContain(name);

    expect(await d.dropDatabase()).toBe(true);
    expect(await collectionNames(d)).toEqual([]);
    const after = await client.db('admin').admin().listDatabases({ nameOnly: true });
    expect(after.databases.map((x) => x.name)).not.toContain(name);
  });

  test('count, distinct and countDocuments with filters', async () => {
    const d = freshDb();
    const c = d.collection<Doc>('nums');
    await c.insertMany(Array.from({ length: 10 }, (_, i) => ({ i, parity: i % 2 === 0 ? 'even' : 'odd' })));
    expect(await c.countDocuments({ parity: 'even' })).toBe(5);
    expect(await c.countDocuments({ i: { $gte: 7 } })).toBe(3);
    expect(await c.countDocuments({ i: { $gte: 7 }, parity: 'odd' })).toBe(2);
    expect((await d.command({ count: 'nums', query: { parity: 'odd' } })).n).toBe(5);
    expect((await d.command({ count: 'nums' })).n).toBe(10);
    expect(((await d.command({ distinct: 'nums', key: 'parity' })).values as string[]).sort()).toEqual(['even', 'odd']);
    // Counting a collection that does not exist is 0, not an error.
    expect(await d.collection<Doc>('absent').countDocuments({})).toBe(0);
    expect((await d.command({ count: 'absent' })).n).toBe(0);
  });
});
