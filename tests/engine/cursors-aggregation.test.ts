// Cursor protocol (batching, getMore, killCursors) and aggregation pipeline
// conformance, including the guarantee that reads never alias stored documents.
import {
  Long,
  MongoClient,
  MongoServerError,
  type Collection,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Db,
  type Document,
} from 'mongodb';
import { startTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
let client: MongoClient;
let mdb: Db;
const started: CommandStartedEvent[] = [];
const succeeded: CommandSucceededEvent[] = [];

beforeAll(async () => {
  db = await startTestDatabase();
  // Command monitoring lets us see the wire-level find/getMore/killCursors traffic.
  client = new MongoClient(db.uri, { monitorCommands: true });
  client.on('commandStarted', (e) => started.push(e));
  client.on('commandSucceeded', (e) => succeeded.push(e));
  await client.connect();
  mdb = client.db(db.dbName('agg'));
});

afterAll(async () => {
  await client?.close();
  await db?.stop();
});

let seq = 0;
async function collectionWith(...docs: Document[]): Promise<Collection<Document>> {
  const coll = mdb.collection(`a_${++seq}`);
  if (docs.length) await coll.insertMany(docs);
  return coll;
}

/** Cursor ids arrive as Long or number depending on size; compare them as strings. */
function idString(v: unknown): string {
  return Long.isLong(v) ? v.toString() : String(v);
}

function clearEvents(): void {
  started.length = 0;
  succeeded.length = 0;
}

describe('cursors', () => {
  test('find with batchSize 2 walks getMore to the end of 25 documents', async () => {
    const coll = await collectionWith(...Array.from({ length: 25 }, (_, i) => ({ _id: i })));
    clearEvents();
    const seen: unknown[] = [];
    for await (const doc of coll.find({}, { batchSize: 2 }).sort({ _id: 1 })) seen.push(doc._id);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));

    const find = succeeded.find((e) => e.commandName === 'find');
    expect(find?.reply.cursor.firstBatch).toHaveLength(2);
    const getMores = succeeded.filter((e) => e.commandName === 'getMore');
    // 2 in the first batch, then 11 full batches of 2 and a final batch of 1.
    expect(getMores).toHaveLength(12);
    expect(getMores.slice(0, 11).every((e) => e.reply.cursor.nextBatch.length === 2)).toBe(true);
    expect(getMores[11].reply.cursor.nextBatch).toHaveLength(1);
    expect(idString(getMores[11].reply.cursor.id)).toBe('0');
    // An exhausted cursor needs no killCursors.
    expect(started.some((e) => e.commandName === 'killCursors')).toBe(false);
  });

  test('close() kills an open server cursor; a later getMore fails with CursorNotFound (43)', async () => {
    const coll = await collectionWith(...Array.from({ length: 10 }, (_, i) => ({ _id: i })));
    clearEvents();
    const cursor = coll.find({}, { batchSize: 3 }).sort({ _id: 1 });
    expect((await cursor.next())?._id).toBe(0);
    const cursorId = cursor.id;
    expect(cursorId).toBeDefined();
    expect(idString(cursorId)).not.toBe('0');
    await cursor.close();
    const kill = succeeded.find((e) => e.commandName === 'killCursors');
    expect(kill).toBeDefined();
    expect((kill?.reply.cursorsKilled as unknown[]).map(idString)).toEqual([idString(cursorId)]);

    let caught: unknown;
    try {
      await mdb.command({ getMore: cursorId as Long, collection: coll.collectionName });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MongoServerError);
    expect((caught as MongoServerError).code).toBe(43);
  });

  test('aggregate results are batched with getMore as well', async () => {
    const coll = await collectionWith(...Array.from({ length: 7 }, (_, i) => ({ _id: i, even: i % 2 === 0 })));
    clearEvents();
    const out = await coll.aggregate([{ $match: { even: true } }, { $sort: { _id: 1 } }], { batchSize: 1 }).toArray();
    expect(out.map((d) => d._id)).toEqual([0, 2, 4, 6]);
    expect(succeeded.filter((e) => e.commandName === 'getMore').length).toBeGreaterThanOrEqual(3);
  });
});

describe('aggregation stages', () => {
  let sales: Collection<Document>;

  beforeAll(async () => {
    sales = await collectionWith(
      { _id: 1, item: 'apple', cat: 'fruit', qty: 5, price: 2, tags: ['red', 'sweet'] },
      { _id: 2, item: 'banana', cat: 'fruit', qty: 10, price: 1, tags: ['yellow'] },
      { _id: 3, item: 'carrot', cat: 'veg', qty: 7, price: 3, tags: [] },
      { _id: 4, item: 'apple', cat: 'fruit', qty: 1, price: 4 },
      { _id: 5, item: 'leek', cat: 'veg', qty: 2, price: 5, tags: null },
      { _id: 6, item: 'salt', cat: 'spice', qty: 9, price: 1, tags: 'white' },
    );
  });

  test('$group accumulators', async () => {
    const rows = await sales
      .aggregate([
        { $sort: { _id: 1 } },
        {
          $group: {
            _id: '$cat',
            total: { $sum: '$qty' },
            avg: { $avg: '$qty' },
            min: { $min: '$price' },
            max: { $max: '$price' },
            items: { $push: '$item' },
            distinctItems: { $addToSet: '$item' },
            first: { $first: '$item' },
            last: { $last: '$item' },
            n: { $count: {} },
            ones: { $sum: 1 },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows.map((r) => r._id)).toEqual(['fruit', 'spice', 'veg']);
    const fruit = rows[0];
    expect(fruit.total).toBe(16);
    expect(fruit.avg).toBeCloseTo(16 / 3, 10);
    expect(fruit.min).toBe(1);
    expect(fruit.max).toBe(4);
    expect(fruit.items).toEqual(['apple', 'banana', 'apple']);
    expect([...(fruit.distinctItems as string[])].sort()).toEqual(['apple', 'banana']);
    expect(fruit.first).toBe('apple');
    expect(fruit.last).toBe('apple');
    expect(fruit.n).toBe(3);
    expect(fruit.ones).toBe(3);
    expect(rows[2]).toMatchObject({ _id: 'veg', total: 9, avg: 4.5, min: 3, max: 5, first: 'carrot', last: 'leek', n: 2 });
  });

  test('$group with _id null and missing values', async () => {
    const [row] = await sales.aggregate([{ $group: { _id: null, total: { $sum: '$qty' }, noSuchField: { $sum: '$nope' }, avgNone: { $avg: '$nope' } } }]).toArray();
    expect(row).toEqual({ _id: null, total: 34, noSuchField: 0, avgNone: null });
  });

  test('$match, $sort, $skip, $limit, $project, $addFields', async () => {
    const rows = await sales
      .aggregate([
        { $match: { qty: { $gte: 2 } } },
        { $sort: { qty: -1 } },
        { $skip: 1 },
        { $limit: 3 },
        { $addFields: { value: { $multiply: ['$qty', '$price'] } } },
        { $project: { _id: 0, item: 1, value: 1, upper: { $toUpper: '$item' } } },
      ])
      .toArray();
    expect(rows).toEqual([
      { item: 'salt', value: 9, upper: 'SALT' },
      { item: 'carrot', value: 21, upper: 'CARROT' },
      { item: 'apple', value: 10, upper: 'APPLE' },
    ]);
  });

  test('$unwind, with and without preserveNullAndEmptyArrays', async () => {
    const plain = await sales.aggregate([{ $unwind: '$tags' }, { $project: { tags: 1 } }, { $sort: { _id: 1, tags: 1 } }]).toArray();
    // Empty, null and missing arrays are dropped; a scalar is treated as a one-element array.
    expect(plain).toEqual([
      { _id: 1, tags: 'red' },
      { _id: 1, tags: 'sweet' },
      { _id: 2, tags: 'yellow' },
      { _id: 6, tags: 'white' },
    ]);
    const kept = await sales
      .aggregate([
        { $unwind: { path: '$tags', preserveNullAndEmptyArrays: true, includeArrayIndex: 'idx' } },
        { $project: { tags: 1, idx: 1 } },
        { $sort: { _id: 1, idx: 1 } },
      ])
      .toArray();
    expect(kept).toEqual([
      { _id: 1, tags: 'red', idx: 0 },
      { _id: 1, tags: 'sweet', idx: 1 },
      { _id: 2, tags: 'yellow', idx: 0 },
      { _id: 3, idx: null },
      { _id: 4, idx: null },
      { _id: 5, tags: null, idx: null },
      { _id: 6, tags: 'white', idx: null },
    ]);
  });

  test('$count, $sortByCount, $facet, $replaceRoot', async () => {
    expect(await sales.aggregate([{ $match: { cat: 'fruit' } }, { $count: 'n' }]).toArray()).toEqual([{ n: 3 }]);
    expect(await sales.aggregate([{ $match: { cat: 'none' } }, { $count: 'n' }]).toArray()).toEqual([]);
    expect(await sales.aggregate([{ $sortByCount: '$cat' }]).toArray()).toEqual([
      { _id: 'fruit', count: 3 },
      { _id: 'veg', count: 2 },
      { _id: 'spice', count: 1 },
    ]);
    const [facets] = await sales
      .aggregate([
        {
          $facet: {
            cheap: [{ $match: { price: { $lte: 1 } } }, { $sort: { _id: 1 } }, { $project: { _id: 1 } }],
            total: [{ $count: 'n' }],
          },
        },
      ])
      .toArray();
    expect(facets).toEqual({ cheap: [{ _id: 2 }, { _id: 6 }], total: [{ n: 6 }] });
    const nested = await collectionWith({ _id: 1, inner: { a: 1, b: { c: 2 } } }, { _id: 2, inner: { a: 3 } });
    expect(await nested.aggregate([{ $replaceRoot: { newRoot: '$inner' } }, { $sort: { a: 1 } }]).toArray()).toEqual([
      { a: 1, b: { c: 2 } },
      { a: 3 },
    ]);
  });

  test('$lookup with localField/foreignField, array local fields and the pipeline form', async () => {
    const customers = await collectionWith({ _id: 'c1', name: 'Ann' }, { _id: 'c2', name: 'Ben' }, { _id: 'c3', name: 'Cy' });
    const orders = await collectionWith(
      { _id: 1, customerId: 'c1', amount: 10 },
      { _id: 2, customerId: 'c1', amount: 30 },
      { _id: 3, customerId: 'c2', amount: 5 },
    );
    const joined = await customers
      .aggregate([
        { $lookup: { from: orders.collectionName, localField: '_id', foreignField: 'customerId', as: 'orders' } },
        { $project: { name: 1, orderIds: '$orders._id' } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(joined.map((d) => [d._id, [...(d.orderIds as number[])].sort()])).toEqual([
      ['c1', [1, 2]],
      ['c2', [3]],
      ['c3', []],
    ]);

    const groups = await collectionWith({ _id: 'g', members: ['c1', 'c3'] });
    const [group] = await groups
      .aggregate([
        { $lookup: { from: customers.collectionName, localField: 'members', foreignField: '_id', as: 'people' } },
        { $project: { names: '$people.name' } },
      ])
      .toArray();
    expect([...(group.names as string[])].sort()).toEqual(['Ann', 'Cy']);

    const big = await customers
      .aggregate([
        {
          $lookup: {
            from: orders.collectionName,
            let: { cid: '$_id' },
            pipeline: [
              { $match: { $expr: { $and: [{ $eq: ['$customerId', '$$cid'] }, { $gte: ['$amount', 10] }] } } },
              { $project: { _id: 0, amount: 1 } },
              { $sort: { amount: 1 } },
            ],
            as: 'bigOrders',
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(big.map((d) => d.bigOrders)).toEqual([[{ amount: 10 }, { amount: 30 }], [], []]);
  });

  test('date operators with time zones', async () => {
    const coll = await collectionWith(
      { _id: 1, d: new Date('2024-01-31T20:00:00Z') },
      { _id: 2, d: new Date('2023-12-31T18:30:00Z') },
    );
    const rows = await coll
      .aggregate([
        {
          $project: {
            utc: { $dateToString: { date: '$d', format: '%Y-%m-%d %H:%M' } },
            sh: { $dateToString: { date: '$d', format: '%Y-%m-%d %H:%M:%S', timezone: 'Asia/Shanghai' } },
            month: { $month: '$d' },
            shMonth: { $month: { date: '$d', timezone: 'Asia/Shanghai' } },
            year: { $year: '$d' },
            shYear: { $year: { date: '$d', timezone: 'Asia/Shanghai' } },
            iso: { $dateToString: { date: '$d' } },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { _id: 1, utc: '2024-01-31 20:00', sh: '2024-02-01 04:00:00', month: 1, shMonth: 2, year: 2024, shYear: 2024, iso: '2024-01-31T20:00:00.000Z' },
      { _id: 2, utc: '2023-12-31 18:30', sh: '2024-01-01 02:30:00', month: 12, shMonth: 1, year: 2023, shYear: 2024, iso: '2023-12-31T18:30:00.000Z' },
    ]);
  });

  test('$cond and $ifNull', async () => {
    const rows = await sales
      .aggregate([
        {
          $project: {
            size: { $cond: { if: { $gte: ['$qty', 5] }, then: 'big', else: 'small' } },
            cheap: { $cond: [{ $lte: ['$price', 1] }, true, false] },
            tags: { $ifNull: ['$tags', 'none'] },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { _id: 1, size: 'big', cheap: false, tags: ['red', 'sweet'] },
      { _id: 2, size: 'big', cheap: true, tags: ['yellow'] },
      { _id: 3, size: 'big', cheap: false, tags: [] },
      { _id: 4, size: 'small', cheap: false, tags: 'none' },
      { _id: 5, size: 'small', cheap: false, tags: 'none' },
      { _id: 6, size: 'big', cheap: true, tags: 'white' },
    ]);
  });
});

describe('isolation of results from storage', () => {
  test('aggregate stages never mutate stored documents', async () => {
    const coll = await collectionWith({ _id: 1, a: 1, nested: { b: 2 }, arr: [1, 2] });
    await coll
      .aggregate([
        { $set: { a: 100, 'nested.b': 200, extra: true } },
        { $addFields: { arr: { $concatArrays: ['$arr', [3]] } } },
        { $unset: 'nested' },
        { $unwind: '$arr' },
      ])
      .toArray();
    expect(await coll.find().toArray()).toEqual([{ _id: 1, a: 1, nested: { b: 2 }, arr: [1, 2] }]);
  });

  test('mutating a returned document does not change what is stored', async () => {
    const coll = await collectionWith({ _id: 1, a: 1, nested: { b: [1, 2] } });
    const first = await coll.findOne({ _id: 1 });
    if (!first) throw new Error('document missing');
    first.a = 99;
    (first.nested as { b: number[] }).b.push(3);
    const second = await coll.findOne({ _id: 1 });
    expect(second).toEqual({ _id: 1, a: 1, nested: { b: [1, 2] } });
    expect(second).not.toBe(first);
  });
});
