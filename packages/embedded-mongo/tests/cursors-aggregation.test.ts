// Cursor protocol (batching, getMore, killCursors) and aggregation pipeline
// conformance, including the guarantee that reads never alias stored documents.
import {
  Long,
  MongoClient,
  ObjectId,
  MongoServerError,
  type Collection,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Db,
  type Document,
} from 'mongodb';
import { startTestDatabase, type TestDatabase } from './support/database';

/** Fixtures use numeric and string _ids as well as ObjectIds. */
interface Doc extends Document {
  _id?: number | string | ObjectId;
}

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
async function collectionWith(...docs: Document[]): Promise<Collection<Doc>> {
  const coll = mdb.collection<Doc>(`a_${++seq}`);
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
    expect((find?.reply as Document | undefined)?.cursor.firstBatch).toHaveLength(2);
    const getMores = succeeded.filter((e) => e.commandName === 'getMore');
    // 2 in the first batch, then 11 full batches of 2 and a final batch of 1.
    expect(getMores).toHaveLength(12);
    expect(getMores.slice(0, 11).every((e) => (e.reply as Document).cursor.nextBatch.length === 2)).toBe(true);
    expect((getMores[11].reply as Document).cursor.nextBatch).toHaveLength(1);
    expect(idString((getMores[11].reply as Document).cursor.id)).toBe('0');
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
    expect(((kill?.reply as Document | undefined)?.cursorsKilled as unknown[]).map(idString)).toEqual([
      idString(cursorId),
    ]);

    let caught: unknown;
    try {
      await mdb.command({ getMore: cursorId as Long, collection: coll.collectionName });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MongoServerError);
    expect((caught as MongoServerError).code).toBe(43);
  });

  test('killCursors reports unknown cursor ids as not found', async () => {
    const coll = await collectionWith({ _id: 1 });
    const bogus = Long.fromString('123456789012');
    const reply = await mdb.command({ killCursors: coll.collectionName, cursors: [bogus] });
    expect(((reply.cursorsNotFound as unknown[]) ?? []).map(idString)).toEqual(['123456789012']);
    expect((reply.cursorsKilled as unknown[]) ?? []).toEqual([]);
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
  let sales: Collection<Doc>;

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
    // _id comes first, then the accumulators in specification order.
    expect(Object.keys(fruit)).toEqual([
      '_id',
      'total',
      'avg',
      'min',
      'max',
      'items',
      'distinctItems',
      'first',
      'last',
      'n',
      'ones',
    ]);
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
    expect(rows[2]).toMatchObject({
      _id: 'veg',
      total: 9,
      avg: 4.5,
      min: 3,
      max: 5,
      first: 'carrot',
      last: 'leek',
      n: 2,
    });
  });

  test('$group with _id null and missing values', async () => {
    const [row] = await sales
      .aggregate([
        { $group: { _id: null, total: { $sum: '$qty' }, noSuchField: { $sum: '$nope' }, avgNone: { $avg: '$nope' } } },
      ])
      .toArray();
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
    const plain = await sales
      .aggregate([{ $unwind: '$tags' }, { $project: { tags: 1 } }, { $sort: { _id: 1, tags: 1 } }])
      .toArray();
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
    const customers = await collectionWith(
      { _id: 'c1', name: 'Ann' },
      { _id: 'c2', name: 'Ben' },
      { _id: 'c3', name: 'Cy' },
    );
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
      {
        _id: 1,
        utc: '2024-01-31 20:00',
        sh: '2024-02-01 04:00:00',
        month: 1,
        shMonth: 2,
        year: 2024,
        shYear: 2024,
        iso: '2024-01-31T20:00:00.000Z',
      },
      {
        _id: 2,
        utc: '2023-12-31 18:30',
        sh: '2024-01-01 02:30:00',
        month: 12,
        shMonth: 1,
        year: 2023,
        shYear: 2024,
        iso: '2023-12-31T18:30:00.000Z',
      },
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

describe('more aggregation semantics', () => {
  test('array, string and conversion expressions', async () => {
    const coll = await collectionWith({ _id: 1, nums: [1, 2, 3, 4], words: 'a,b,c' });
    const [row] = await coll
      .aggregate([
        {
          $project: {
            _id: 0,
            doubled: { $map: { input: '$nums', as: 'n', in: { $multiply: ['$$n', 2] } } },
            evens: { $filter: { input: '$nums', cond: { $eq: [{ $mod: ['$$this', 2] }, 0] } } },
            total: { $reduce: { input: '$nums', initialValue: 0, in: { $add: ['$$value', '$$this'] } } },
            second: { $arrayElemAt: ['$nums', 1] },
            last: { $arrayElemAt: ['$nums', -1] },
            parts: { $split: ['$words', ','] },
            n: { $size: '$nums' },
            has3: { $in: [3, '$nums'] },
            kind: {
              $switch: {
                branches: [
                  { case: { $gt: [{ $size: '$nums' }, 10] }, then: 'many' },
                  { case: { $gt: [{ $size: '$nums' }, 2] }, then: 'some' },
                ],
                default: 'few',
              },
            },
            str: { $toString: { $size: '$nums' } },
            int: { $toInt: '42' },
            sub: { $substrCP: ['hello', 1, 3] },
            joined: { $concat: ['x', '-', { $toUpper: 'y' }] },
          },
        },
      ])
      .toArray();
    expect(row).toEqual({
      doubled: [2, 4, 6, 8],
      evens: [2, 4],
      total: 10,
      second: 2,
      last: 4,
      parts: ['a', 'b', 'c'],
      n: 4,
      has3: true,
      kind: 'some',
      str: '4',
      int: 42,
      sub: 'ell',
      joined: 'x-Y',
    });
  });

  test('compound $group keys, $bucket and $$REMOVE', async () => {
    const coll = await collectionWith(
      { _id: 1, cat: 'a', sub: 'x', qty: 5 },
      { _id: 2, cat: 'a', sub: 'x', qty: 10 },
      { _id: 3, cat: 'a', sub: 'y', qty: 7 },
      { _id: 4, cat: 'b', sub: 'x', qty: 1 },
      { _id: 5, cat: 'b', sub: 'x', qty: 2 },
      { _id: 6, cat: 'c', sub: 'z', qty: 9 },
    );
    const grouped = await coll
      .aggregate([
        { $group: { _id: { cat: '$cat', sub: '$sub' }, qty: { $sum: '$qty' } } },
        { $match: { qty: { $gte: 3 } } },
        { $sort: { '_id.cat': 1, '_id.sub': 1 } },
      ])
      .toArray();
    expect(grouped).toEqual([
      { _id: { cat: 'a', sub: 'x' }, qty: 15 },
      { _id: { cat: 'a', sub: 'y' }, qty: 7 },
      { _id: { cat: 'b', sub: 'x' }, qty: 3 },
      { _id: { cat: 'c', sub: 'z' }, qty: 9 },
    ]);
    const buckets = await coll
      .aggregate([{ $bucket: { groupBy: '$qty', boundaries: [0, 5, 10], default: 'big' } }])
      .toArray();
    expect(buckets).toEqual([
      { _id: 0, count: 2 },
      { _id: 5, count: 3 },
      { _id: 'big', count: 1 },
    ]);
    const maybe = await coll
      .aggregate([{ $project: { big: { $cond: [{ $gt: ['$qty', 5] }, '$qty', '$$REMOVE'] } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(maybe).toEqual([
      { _id: 1 },
      { _id: 2, big: 10 },
      { _id: 3, big: 7 },
      { _id: 4 },
      { _id: 5 },
      { _id: 6, big: 9 },
    ]);
    // $project and $bucket output _id first.
    expect(Object.keys(maybe[1])).toEqual(['_id', 'big']);
    expect(Object.keys(buckets[0])).toEqual(['_id', 'count']);
  });

  test('dotted paths in $addFields and exclusion $project', async () => {
    const coll = await collectionWith({ _id: 1, inner: { a: 1, b: { c: 2 } } });
    expect(await coll.aggregate([{ $addFields: { 'inner.z': 9 } }]).toArray()).toEqual([
      { _id: 1, inner: { a: 1, b: { c: 2 }, z: 9 } },
    ]);
    expect(await coll.aggregate([{ $project: { 'inner.a': 0 } }]).toArray()).toEqual([
      { _id: 1, inner: { b: { c: 2 } } },
    ]);
  });

  test('$lookup treats a missing localField as null, matching null or missing foreign fields', async () => {
    const foreign = await collectionWith({ _id: 'f1', key: 'a' }, { _id: 'f2' }, { _id: 'f3', key: null });
    const local = await collectionWith({ _id: 1, ref: 'a' }, { _id: 2 });
    const rows = await local
      .aggregate([
        { $lookup: { from: foreign.collectionName, localField: 'ref', foreignField: 'key', as: 'hits' } },
        { $project: { hitIds: '$hits._id' } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows.map((r) => [r._id, [...(r.hitIds as string[])].sort()])).toEqual([
      [1, ['f1']],
      [2, ['f2', 'f3']],
    ]);
  });

  test('$out replaces the target collection; $merge upserts into it', async () => {
    const src = await collectionWith({ _id: 1, v: 1 }, { _id: 2, v: 2 }, { _id: 3, v: 3 });
    const target = `out_${++seq}`;
    expect(await src.aggregate([{ $match: { v: { $gte: 2 } } }, { $out: target }]).toArray()).toEqual([]);
    expect((await mdb.collection<Doc>(target).find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([2, 3]);
    await src.aggregate([{ $match: { v: 1 } }, { $out: target }]).toArray();
    expect((await mdb.collection<Doc>(target).find().toArray()).map((d) => d._id)).toEqual([1]);

    const merged = await collectionWith({ _id: 1, v: 0, keep: true });
    await src
      .aggregate([
        { $match: { v: { $lte: 2 } } },
        { $merge: { into: merged.collectionName, on: '_id', whenMatched: 'merge', whenNotMatched: 'insert' } },
      ])
      .toArray();
    expect(await merged.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, v: 1, keep: true },
      { _id: 2, v: 2 },
    ]);
  });

  test('$sample returns the requested number of distinct documents', async () => {
    const coll = await collectionWith(...Array.from({ length: 20 }, (_, i) => ({ _id: i })));
    const picked = (await coll.aggregate([{ $sample: { size: 5 } }]).toArray()).map((d) => d._id as number);
    expect(picked).toHaveLength(5);
    expect(new Set(picked).size).toBe(5);
    expect(picked.every((id) => id >= 0 && id < 20)).toBe(true);
  });

  test('invalid pipelines fail with MongoDB error codes', async () => {
    const coll = await collectionWith({ _id: 1 });
    const codeOf = async (pipeline: Document[]): Promise<number | undefined> => {
      try {
        await coll.aggregate(pipeline).toArray();
      } catch (err) {
        if (err instanceof MongoServerError) return Number(err.code);
        throw err;
      }
      return undefined;
    };
    // Unrecognized pipeline stage name.
    expect(await codeOf([{ $frobnicate: {} }])).toBe(40324);
    // The limit must be positive.
    expect(await codeOf([{ $limit: 0 }])).toBe(15958);
    // A group specification must include an _id.
    expect(await codeOf([{ $group: { n: { $sum: 1 } } }])).toBe(15955);
    // Unrecognized expression operator (InvalidPipelineOperator).
    expect(await codeOf([{ $project: { x: { $frobnicate: 1 } } }])).toBe(168);
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
