// CRUD conformance: inserts, query operators, projection, sort, counting and the
// find-and-modify family, asserted against MongoDB's documented behaviour so the
// same file passes against the embedded engine and a real replica set.
import {
  Binary,
  Decimal128,
  Double,
  Long,
  MaxKey,
  MinKey,
  MongoBulkWriteError,
  ObjectId,
  Timestamp,
  type Collection,
  type Document,
  type Filter,
} from 'mongodb';
import { driverSuite } from './support/database';
import { serverError } from './support/mongoErrors';

/** Fixtures use numeric and string _ids as well as ObjectIds. */
interface Doc extends Document {
  _id?: number | string | ObjectId;
}

const suite = driverSuite('crud');

let seq = 0;
/** A fresh collection per test so tests never see each other's documents. */
function freshCollection(prefix = 'c'): Collection<Doc> {
  return suite.mdb.collection<Doc>(`${prefix}_${++seq}`);
}

describe('insert', () => {
  test('insertOne returns the given _id, or a generated ObjectId', async () => {
    const coll = freshCollection();
    const a = await coll.insertOne({ _id: 'given', v: 1 });
    expect(a.acknowledged).toBe(true);
    expect(a.insertedId).toBe('given');

    const b = await coll.insertOne({ v: 2 });
    expect(b.insertedId).toBeInstanceOf(ObjectId);
    const stored = await coll.findOne({ v: 2 });
    expect(stored?._id).toEqual(b.insertedId);
  });

  test('field order is preserved and _id is stored first', async () => {
    const coll = freshCollection();
    await coll.insertOne({ z: 1, a: 2, _id: 'id', m: { y: 1, b: 2 } });
    const doc = await coll.findOne({ _id: 'id' });
    expect(Object.keys(doc ?? {})).toEqual(['_id', 'z', 'a', 'm']);
    expect(Object.keys((doc?.m as Document) ?? {})).toEqual(['y', 'b']);
    // A field added by $set goes after the existing ones; updating in place keeps position.
    await coll.updateOne({ _id: 'id' }, { $set: { b: 3, z: 9 } });
    expect(Object.keys((await coll.findOne({ _id: 'id' })) ?? {})).toEqual(['_id', 'z', 'a', 'm', 'b']);
  });

  test('insertOne with a duplicate _id fails with code 11000 and keeps the original', async () => {
    const coll = freshCollection();
    await coll.insertOne({ _id: 1, v: 'first' });
    const err = await serverError(coll.insertOne({ _id: 1, v: 'second' }));
    expect(err.code).toBe(11000);
    expect(await coll.find().toArray()).toEqual([{ _id: 1, v: 'first' }]);
  });

  test('insertMany returns every inserted id by index', async () => {
    const coll = freshCollection();
    const res = await coll.insertMany([{ _id: 10 }, { _id: 11 }, { x: 1 }]);
    expect(res.insertedCount).toBe(3);
    expect(res.insertedIds[0]).toBe(10);
    expect(res.insertedIds[1]).toBe(11);
    expect(res.insertedIds[2]).toBeInstanceOf(ObjectId);
    expect(await coll.countDocuments()).toBe(3);
  });

  test('ordered insertMany stops at the first duplicate and reports its index', async () => {
    const coll = freshCollection();
    let caught: unknown;
    try {
      await coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MongoBulkWriteError);
    const err = caught as MongoBulkWriteError;
    expect(err.code).toBe(11000);
    const writeErrors = [err.writeErrors].flat();
    expect(writeErrors).toHaveLength(1);
    expect(writeErrors[0].index).toBe(2);
    expect(writeErrors[0].code).toBe(11000);
    expect(err.insertedCount).toBe(2);
    // Ordered: nothing after the failing document is attempted.
    const ids = (await coll.find().sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(ids).toEqual([1, 2]);
  });

  test('unordered insertMany reports every duplicate and still inserts the rest', async () => {
    const coll = freshCollection();
    let caught: unknown;
    try {
      await coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }, { _id: 2 }], { ordered: false });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MongoBulkWriteError);
    const err = caught as MongoBulkWriteError;
    const writeErrors = [err.writeErrors].flat();
    expect(writeErrors.map((w) => w.index).sort()).toEqual([2, 4]);
    expect(writeErrors.every((w) => w.code === 11000)).toBe(true);
    expect(err.insertedCount).toBe(3);
    const ids = (await coll.find().sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(ids).toEqual([1, 2, 3]);
  });
});

describe('query operators', () => {
  let people: Collection<Doc>;

  beforeAll(async () => {
    people = suite.mdb.collection<Doc>('people');
    await people.insertMany([
      {
        _id: 1,
        name: 'Alice',
        age: 30,
        tags: ['a', 'b'],
        address: { city: 'Paris', zip: '75001' },
        scores: [80, 95],
        items: [
          { sku: 'x', qty: 2 },
          { sku: 'y', qty: 10 },
        ],
      },
      {
        _id: 2,
        name: 'alice',
        age: 25,
        tags: ['b', 'c'],
        address: { city: 'Lyon' },
        scores: [60, 95],
        items: [{ sku: 'x', qty: 20 }],
      },
      { _id: 3, name: 'Bob', age: 35, tags: [], address: { city: 'Paris' }, scores: [90], items: [] },
      { _id: 4, name: 'carol', age: null, tags: ['a'], scores: [] },
      { _id: 5, name: 'Dave', tags: 'a' },
    ]);
  });

  async function ids(filter: Filter<Doc>): Promise<unknown[]> {
    const docs = await people
      .find(filter, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .toArray();
    return docs.map((d) => d._id);
  }

  test('comparison operators', async () => {
    expect(await ids({ age: 30 })).toEqual([1]);
    expect(await ids({ age: { $eq: 30 } })).toEqual([1]);
    // $ne also matches documents where the field is null or missing.
    expect(await ids({ age: { $ne: 30 } })).toEqual([2, 3, 4, 5]);
    expect(await ids({ age: { $gt: 25 } })).toEqual([1, 3]);
    expect(await ids({ age: { $gte: 25 } })).toEqual([1, 2, 3]);
    expect(await ids({ age: { $lt: 30 } })).toEqual([2]);
    expect(await ids({ age: { $lte: 30 } })).toEqual([1, 2]);
    expect(await ids({ age: { $gt: 20, $lt: 31 } })).toEqual([1, 2]);
    // Comparisons are type-bracketed: a string bound never matches numbers.
    expect(await ids({ age: { $gt: '' } })).toEqual([]);
  });

  test('$in and $nin', async () => {
    expect(await ids({ age: { $in: [25, 35] } })).toEqual([2, 3]);
    // null inside $in matches null and missing fields.
    expect(await ids({ age: { $in: [null] } })).toEqual([4, 5]);
    // $nin matches missing fields too.
    expect(await ids({ age: { $nin: [25, 35] } })).toEqual([1, 4, 5]);
    expect(await ids({ tags: { $in: ['c', 'zzz'] } })).toEqual([2]);
    // No element of [] (id 3) nor of ['b','c'] (id 2) is 'a'.
    expect(await ids({ tags: { $nin: ['a'] } })).toEqual([2, 3]);
    expect(await ids({ name: { $in: [/^c/, 'Dave'] } })).toEqual([4, 5]);
  });

  test('$exists and null matching', async () => {
    expect(await ids({ age: { $exists: true } })).toEqual([1, 2, 3, 4]);
    expect(await ids({ age: { $exists: false } })).toEqual([5]);
    // { field: null } matches explicit nulls and missing fields.
    expect(await ids({ age: null })).toEqual([4, 5]);
    expect(await ids({ age: { $ne: null } })).toEqual([1, 2, 3]);
    expect(await ids({ 'address.zip': { $exists: true } })).toEqual([1]);
    expect(await ids({ address: { $exists: false } })).toEqual([4, 5]);
  });

  test('array element matching and exact array equality', async () => {
    // A scalar condition matches arrays containing it, and the scalar itself.
    expect(await ids({ tags: 'a' })).toEqual([1, 4, 5]);
    expect(await ids({ tags: ['a', 'b'] })).toEqual([1]);
    expect(await ids({ tags: ['b', 'a'] })).toEqual([]);
    expect(await ids({ tags: [] })).toEqual([3]);
    expect(await ids({ 'scores.0': { $gte: 80 } })).toEqual([1, 3]);
  });

  test('$all, $size, $mod', async () => {
    expect(await ids({ tags: { $all: ['a', 'b'] } })).toEqual([1]);
    expect(await ids({ tags: { $all: ['a'] } })).toEqual([1, 4, 5]);
    expect(await ids({ tags: { $size: 2 } })).toEqual([1, 2]);
    expect(await ids({ tags: { $size: 0 } })).toEqual([3]);
    expect(await ids({ age: { $mod: [10, 0] } })).toEqual([1]);
    expect(await ids({ age: { $mod: [5, 0] } })).toEqual([1, 2, 3]);
  });

  test('$elemMatch differs from independent conditions on an array', async () => {
    // Without $elemMatch each condition may be satisfied by a different element.
    expect(await ids({ scores: { $gte: 80, $lt: 90 } })).toEqual([1, 2]);
    expect(await ids({ scores: { $elemMatch: { $gte: 80, $lt: 90 } } })).toEqual([1]);
    expect(await ids({ items: { $elemMatch: { sku: 'x', qty: { $gt: 5 } } } })).toEqual([2]);
    expect(await ids({ 'items.sku': 'x', 'items.qty': { $gt: 5 } })).toEqual([1, 2]);
  });

  test('dotted paths into subdocuments and arrays of subdocuments', async () => {
    expect(await ids({ 'address.city': 'Paris' })).toEqual([1, 3]);
    // Whole-subdocument equality is exact (field set and order).
    expect(await ids({ address: { city: 'Paris' } })).toEqual([3]);
    expect(await ids({ 'items.sku': 'y' })).toEqual([1]);
    expect(await ids({ 'items.qty': 20 })).toEqual([2]);
    expect(await ids({ 'items.0.sku': 'x' })).toEqual([1, 2]);
    expect(await ids({ 'items.qty': { $gte: 10 } })).toEqual([1, 2]);
  });

  test('$and, $or, $nor, $not', async () => {
    expect(await ids({ $and: [{ age: { $gt: 20 } }, { tags: 'b' }] })).toEqual([1, 2]);
    expect(await ids({ $or: [{ age: 35 }, { name: 'Dave' }] })).toEqual([3, 5]);
    expect(await ids({ $nor: [{ tags: 'a' }, { age: 35 }] })).toEqual([2]);
    // $not also matches documents lacking the field.
    expect(await ids({ age: { $not: { $gt: 28 } } })).toEqual([2, 4, 5]);
    expect(await ids({ name: { $not: /^a/i } })).toEqual([3, 4, 5]);
  });

  test('$regex as a string with options and as a RegExp', async () => {
    expect(await ids({ name: { $regex: '^al', $options: 'i' } })).toEqual([1, 2]);
    expect(await ids({ name: /^AL/i })).toEqual([1, 2]);
    expect(await ids({ name: /^a/ })).toEqual([2]);
    expect(await ids({ name: { $regex: /^b/i } })).toEqual([3]);
    expect(await ids({ name: { $regex: 'o' } })).toEqual([3, 4]);
    // A regex against an array matches any string element.
    expect(await ids({ tags: /^c$/ })).toEqual([2]);
  });

  test('$type with alias names and numeric codes', async () => {
    const coll = freshCollection('types');
    await coll.insertMany([
      { _id: 1, v: new ObjectId() },
      { _id: 2, v: Decimal128.fromString('1.5') },
      { _id: 3, v: Long.fromNumber(5) },
      { _id: 4, v: 7 },
      { _id: 5, v: 2.5 },
      { _id: 6, v: 'str' },
      { _id: 7, v: [1, 2] },
      { _id: 8, v: null },
      { _id: 9 },
      { _id: 10, v: true },
      { _id: 11, v: new Date(0) },
      { _id: 12, v: { a: 1 } },
    ]);
    const typeIds = async (t: unknown): Promise<unknown[]> =>
      (
        await coll
          .find({ v: { $type: t } })
          .sort({ _id: 1 })
          .toArray()
      ).map((d) => d._id);
    expect(await typeIds('objectId')).toEqual([1]);
    expect(await typeIds('decimal')).toEqual([2]);
    expect(await typeIds('long')).toEqual([3]);
    // Elements of an array are checked too, so [1, 2] matches 'int'.
    expect(await typeIds('int')).toEqual([4, 7]);
    expect(await typeIds('double')).toEqual([5]);
    expect(await typeIds('number')).toEqual([2, 3, 4, 5, 7]);
    expect(await typeIds('string')).toEqual([6]);
    expect(await typeIds('array')).toEqual([7]);
    // 'null' matches explicit null only, never a missing field.
    expect(await typeIds('null')).toEqual([8]);
    expect(await typeIds('bool')).toEqual([10]);
    expect(await typeIds('date')).toEqual([11]);
    expect(await typeIds('object')).toEqual([12]);
    expect(await typeIds(16)).toEqual([4, 7]);
    expect(await typeIds(['string', 'null'])).toEqual([6, 8]);
  });

  test('$elemMatch, $all, $size and $exists edge cases', async () => {
    // $elemMatch only matches arrays, never the scalar 'a' of id 5.
    expect(await ids({ tags: { $elemMatch: { $eq: 'a' } } })).toEqual([1, 4]);
    expect(await ids({ tags: { $type: 'array' } })).toEqual([1, 2, 3, 4]);
    expect(await ids({ items: { $all: [{ $elemMatch: { sku: 'x' } }, { $elemMatch: { qty: 10 } }] } })).toEqual([1]);
    // $all with an empty list matches nothing.
    expect(await ids({ scores: { $all: [] } })).toEqual([]);
    // $size never matches a non-array.
    expect(await ids({ name: { $size: 5 } })).toEqual([]);
    // No element of an empty array (id 3) or a missing array has the field.
    expect(await ids({ 'items.sku': { $exists: false } })).toEqual([3, 4, 5]);
  });

  test('$expr compares fields of the same document', async () => {
    const coll = freshCollection('expr');
    await coll.insertMany([
      { _id: 1, spent: 5, budget: 10 },
      { _id: 2, spent: 15, budget: 10 },
      { _id: 3, spent: 10, budget: 10 },
    ]);
    const over = await coll.find({ $expr: { $gt: ['$spent', '$budget'] } }).toArray();
    expect(over.map((d) => d._id)).toEqual([2]);
    const atLeast = await coll
      .find({ $expr: { $gte: ['$spent', '$budget'] } })
      .sort({ _id: 1 })
      .toArray();
    expect(atLeast.map((d) => d._id)).toEqual([2, 3]);
  });

  test('projection operators: $slice, $elemMatch and positional $', async () => {
    expect(await people.findOne({ _id: 1 }, { projection: { name: 1, scores: { $slice: -1 } } })).toEqual({
      _id: 1,
      name: 'Alice',
      scores: [95],
    });
    expect(await people.findOne({ _id: 1 }, { projection: { items: { $elemMatch: { qty: { $gt: 5 } } } } })).toEqual({
      _id: 1,
      items: [{ sku: 'y', qty: 10 }],
    });
    expect(await people.findOne({ _id: 1, scores: { $gte: 90 } }, { projection: { 'scores.$': 1 } })).toEqual({
      _id: 1,
      scores: [95],
    });
  });

  test('projection: inclusion, exclusion, _id:0, dotted', async () => {
    expect(await people.findOne({ _id: 1 }, { projection: { name: 1 } })).toEqual({ _id: 1, name: 'Alice' });
    expect(await people.findOne({ _id: 1 }, { projection: { name: 1, _id: 0 } })).toEqual({ name: 'Alice' });
    expect(await people.findOne({ _id: 1 }, { projection: { tags: 0, items: 0, scores: 0, address: 0 } })).toEqual({
      _id: 1,
      name: 'Alice',
      age: 30,
    });
    expect(await people.findOne({ _id: 1 }, { projection: { 'address.city': 1, _id: 0 } })).toEqual({
      address: { city: 'Paris' },
    });
    expect(await people.findOne({ _id: 1 }, { projection: { 'items.sku': 1, _id: 0 } })).toEqual({
      items: [{ sku: 'x' }, { sku: 'y' }],
    });
    expect(
      await people.findOne({ _id: 1 }, { projection: { 'address.zip': 0, items: 0, scores: 0, tags: 0 } }),
    ).toEqual({
      _id: 1,
      name: 'Alice',
      age: 30,
      address: { city: 'Paris' },
    });
    // Projecting a field that does not exist yields just the _id.
    expect(await people.findOne({ _id: 5 }, { projection: { age: 1 } })).toEqual({ _id: 5 });
  });

  test('projection mixing inclusion and exclusion is rejected', async () => {
    const err = await serverError(people.findOne({ _id: 1 }, { projection: { name: 1, tags: 0 } }));
    expect(err.code).toBe(31254);
  });

  test('sort ascending, descending, compound; null and missing sort first', async () => {
    const order = async (sort: Document): Promise<unknown[]> =>
      (await people.find({}).sort(sort).toArray()).map((d) => d._id);
    expect(await order({ age: 1, _id: 1 })).toEqual([4, 5, 2, 1, 3]);
    expect(await order({ age: -1, _id: 1 })).toEqual([3, 1, 2, 4, 5]);
    // String order is binary: upper case sorts before lower case.
    expect(await order({ name: 1 })).toEqual([1, 3, 5, 2, 4]);
    expect(await order({ 'address.city': 1, age: -1, _id: 1 })).toEqual([4, 5, 2, 3, 1]);
  });

  test('skip and limit', async () => {
    const page = await people.find({}).sort({ _id: 1 }).skip(1).limit(2).toArray();
    expect(page.map((d) => d._id)).toEqual([2, 3]);
    const tail = await people.find({}).sort({ _id: -1 }).skip(3).toArray();
    expect(tail.map((d) => d._id)).toEqual([2, 1]);
    expect(await people.find({}).skip(10).toArray()).toEqual([]);
  });

  test('countDocuments, estimatedDocumentCount, distinct', async () => {
    expect(await people.countDocuments({ tags: 'a' })).toBe(3);
    expect(await people.countDocuments({ tags: 'a' }, { skip: 1 })).toBe(2);
    expect(await people.countDocuments({}, { limit: 2 })).toBe(2);
    expect(await people.countDocuments({ name: 'nobody' })).toBe(0);
    expect(await people.estimatedDocumentCount()).toBe(5);
    // Array values are flattened; a scalar 'a' and array elements 'a' collapse.
    expect((await people.distinct('tags')).sort()).toEqual(['a', 'b', 'c']);
    expect((await people.distinct('address.city')).sort()).toEqual(['Lyon', 'Paris']);
    expect((await people.distinct('items.sku', { age: { $gte: 30 } })).sort()).toEqual(['x', 'y']);
    expect(await people.distinct('nosuchfield')).toEqual([]);
  });
});

describe('sort across BSON types', () => {
  test('mixed types sort in canonical order, descending reverses it', async () => {
    const coll = freshCollection('mixed');
    const oid = new ObjectId();
    // Deliberately inserted out of order.
    await coll.insertMany([
      { _id: 'date', v: new Date('2020-01-01T00:00:00Z') },
      { _id: 'bool', v: false },
      { _id: 'objectId', v: oid },
      { _id: 'binary', v: new Binary(Buffer.from([1, 2, 3])) },
      { _id: 'object', v: { a: 1 } },
      { _id: 'string', v: 'abc' },
      { _id: 'number', v: 42 },
      { _id: 'null', v: null },
      { _id: 'minKey', v: new MinKey() },
      { _id: 'maxKey', v: new MaxKey() },
      { _id: 'timestamp', v: new Timestamp({ t: 1, i: 1 }) },
      { _id: 'regex', v: /x/ },
    ]);
    const canonical = [
      'minKey',
      'null',
      'number',
      'string',
      'object',
      'binary',
      'objectId',
      'bool',
      'date',
      'timestamp',
      'regex',
      'maxKey',
    ];
    const asc = (await coll.find().sort({ v: 1 }).toArray()).map((d) => d._id);
    expect(asc).toEqual(canonical);
    const desc = (await coll.find().sort({ v: -1 }).toArray()).map((d) => d._id);
    expect(desc).toEqual([...canonical].reverse());
  });

  test('strings sort by UTF-8 bytes, not UTF-16 code units', async () => {
    const coll = freshCollection('utf8');
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, the reverse of UTF-16.
    await coll.insertMany([
      { _id: 'emoji', v: '\u{1F600}' },
      { _id: 'fullwidth', v: '\uFF21' },
      { _id: 'eacute', v: '\u00E9' },
      { _id: 'a', v: 'a' },
      { _id: 'Z', v: 'Z' },
    ]);
    expect((await coll.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual([
      'Z',
      'a',
      'eacute',
      'fullwidth',
      'emoji',
    ]);
    expect((await coll.find({ v: { $gt: '\uFF21' } }).toArray()).map((d) => d._id)).toEqual(['emoji']);
  });

  test('arrays sort by their smallest element ascending and largest descending', async () => {
    const coll = freshCollection('arrsort');
    await coll.insertMany([
      { _id: 1, v: [1, 9] },
      { _id: 2, v: [5] },
      { _id: 3, v: 3 },
    ]);
    expect((await coll.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual([1, 3, 2]);
    expect((await coll.find().sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual([1, 2, 3]);
  });

  test('numbers of different BSON types sort numerically together', async () => {
    const coll = freshCollection('numsort');
    await coll.insertMany([
      { _id: 'a', v: Decimal128.fromString('2.75') },
      { _id: 'b', v: Long.fromNumber(-1) },
      { _id: 'c', v: 3 },
      { _id: 'd', v: new Double(2.5) },
      { _id: 'e', v: 1e20 },
    ]);
    expect((await coll.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual(['b', 'd', 'a', 'c', 'e']);
  });
});

describe('large documents', () => {
  test('documents close to the 16 MiB limit round-trip, and batches above 48 MB are split', async () => {
    const coll = freshCollection('large');
    const big = 'x'.repeat(15 * 1024 * 1024);
    // 4 x 15 MiB exceeds maxMessageSizeBytes, so the driver must send several insert commands.
    const res = await coll.insertMany([0, 1, 2, 3].map((i) => ({ _id: i, body: big, tail: `t${i}` })));
    expect(res.insertedCount).toBe(4);
    const back = await coll.findOne({ _id: 3 });
    expect(back?.tail).toBe('t3');
    expect((back?.body as string).length).toBe(big.length);
    expect(back?.body === big).toBe(true);
    expect(await coll.countDocuments()).toBe(4);
  }, 60_000);
});

describe('delete', () => {
  test('deleteOne and deleteMany report deletedCount', async () => {
    const coll = freshCollection();
    await coll.insertMany([{ k: 'a' }, { k: 'a' }, { k: 'b' }, { k: 'a' }]);
    expect(await coll.deleteOne({ k: 'a' })).toEqual({ acknowledged: true, deletedCount: 1 });
    expect(await coll.countDocuments({ k: 'a' })).toBe(2);
    expect(await coll.deleteOne({ k: 'zzz' })).toEqual({ acknowledged: true, deletedCount: 0 });
    expect(await coll.deleteMany({ k: 'a' })).toEqual({ acknowledged: true, deletedCount: 2 });
    expect(await coll.find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ k: 'b' }]);
    expect((await coll.deleteMany({})).deletedCount).toBe(1);
    expect(await coll.countDocuments()).toBe(0);
  });
});

describe('find-and-modify', () => {
  let coll: Collection<Doc>;
  beforeEach(async () => {
    coll = freshCollection('fam');
    await coll.insertMany([
      { _id: 1, rank: 3, n: 0 },
      { _id: 2, rank: 7, n: 0 },
      { _id: 3, rank: 5, n: 0 },
    ]);
  });

  test('findOneAndUpdate returns the document before by default and after on request', async () => {
    const before = await coll.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } });
    expect(before).toEqual({ _id: 1, rank: 3, n: 0 });
    const after = await coll.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } }, { returnDocument: 'after' });
    expect(after).toEqual({ _id: 1, rank: 3, n: 2 });
    expect(await coll.findOneAndUpdate({ _id: 99 }, { $inc: { n: 1 } })).toBeNull();
  });

  test('findOneAndUpdate honours sort and projection', async () => {
    const top = await coll.findOneAndUpdate(
      {},
      { $set: { picked: true } },
      { sort: { rank: -1 }, returnDocument: 'after', projection: { picked: 1, rank: 1 } },
    );
    expect(top).toEqual({ _id: 2, rank: 7, picked: true });
    expect(await coll.countDocuments({ picked: true })).toBe(1);
  });

  test('findOneAndUpdate with upsert', async () => {
    const beforeUpsert = await coll.findOneAndUpdate({ _id: 10 }, { $set: { n: 5 } }, { upsert: true });
    expect(beforeUpsert).toBeNull();
    expect(await coll.findOne({ _id: 10 })).toEqual({ _id: 10, n: 5 });

    const meta = await coll.findOneAndUpdate(
      { name: 'fresh' },
      { $set: { n: 1 } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(meta.ok).toBe(1);
    expect(meta.value).toMatchObject({ name: 'fresh', n: 1 });
    expect(meta.lastErrorObject?.updatedExisting).toBe(false);
    expect(meta.lastErrorObject?.upserted).toEqual(meta.value?._id);
    expect(meta.lastErrorObject?.n).toBe(1);
  });

  test('findOneAndReplace keeps _id and returns before/after', async () => {
    const before = await coll.findOneAndReplace({ _id: 3 }, { label: 'replaced' });
    expect(before).toEqual({ _id: 3, rank: 5, n: 0 });
    expect(await coll.findOne({ _id: 3 })).toEqual({ _id: 3, label: 'replaced' });
    const after = await coll.findOneAndReplace(
      { rank: { $gte: 3 } },
      { label: 'top' },
      { sort: { rank: -1 }, returnDocument: 'after' },
    );
    expect(after).toEqual({ _id: 2, label: 'top' });
    const upserted = await coll.findOneAndReplace(
      { _id: 20 },
      { label: 'new' },
      { upsert: true, returnDocument: 'after' },
    );
    expect(upserted).toEqual({ _id: 20, label: 'new' });
  });

  test('findOneAndDelete removes the first document in sort order', async () => {
    const removed = await coll.findOneAndDelete({}, { sort: { rank: 1 } });
    expect(removed).toEqual({ _id: 1, rank: 3, n: 0 });
    expect(await coll.countDocuments()).toBe(2);
    expect(await coll.findOneAndDelete({ _id: 1 })).toBeNull();
    const projected = await coll.findOneAndDelete({ _id: 2 }, { projection: { rank: 1, _id: 0 } });
    expect(projected).toEqual({ rank: 7 });
  });
});

describe('replaceOne and bulkWrite', () => {
  test('replaceOne replaces the whole document but keeps _id', async () => {
    const coll = freshCollection();
    await coll.insertOne({ _id: 1, a: 1, b: 2 });
    const res = await coll.replaceOne({ _id: 1 }, { c: 3 });
    expect(res.matchedCount).toBe(1);
    expect(res.modifiedCount).toBe(1);
    expect(res.upsertedId).toBeNull();
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, c: 3 });

    const miss = await coll.replaceOne({ _id: 2 }, { c: 3 });
    expect(miss.matchedCount).toBe(0);
    expect(await coll.countDocuments()).toBe(1);

    const up = await coll.replaceOne({ _id: 'r' }, { c: 4 }, { upsert: true });
    expect(up.upsertedCount).toBe(1);
    expect(up.upsertedId).toBe('r');
    expect(await coll.findOne({ _id: 'r' })).toEqual({ _id: 'r', c: 4 });
  });

  test('bulkWrite applies mixed operations and reports each count', async () => {
    const coll = freshCollection();
    await coll.insertMany([
      { _id: 1, g: 'a', v: 1 },
      { _id: 2, g: 'a', v: 2 },
      { _id: 3, g: 'b', v: 3 },
      { _id: 4, g: 'c', v: 4 },
    ]);
    const res = await coll.bulkWrite([
      { insertOne: { document: { _id: 5, g: 'd', v: 5 } } },
      { updateOne: { filter: { _id: 1 }, update: { $set: { v: 10 } } } },
      { updateMany: { filter: { g: 'a' }, update: { $inc: { v: 100 } } } },
      { replaceOne: { filter: { _id: 3 }, replacement: { g: 'b', v: 30 } } },
      { deleteOne: { filter: { _id: 4 } } },
      { updateOne: { filter: { _id: 6 }, update: { $set: { g: 'e', v: 6 } }, upsert: true } },
      { deleteMany: { filter: { g: 'zzz' } } },
    ]);
    expect(res.insertedCount).toBe(1);
    expect(res.matchedCount).toBe(4);
    expect(res.modifiedCount).toBe(4);
    expect(res.deletedCount).toBe(1);
    expect(res.upsertedCount).toBe(1);
    expect(res.upsertedIds).toEqual({ 5: 6 });
    expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, g: 'a', v: 110 },
      { _id: 2, g: 'a', v: 102 },
      { _id: 3, g: 'b', v: 30 },
      { _id: 5, g: 'd', v: 5 },
      { _id: 6, g: 'e', v: 6 },
    ]);
  });

  test('ordered bulkWrite stops at the first error', async () => {
    const coll = freshCollection();
    await coll.insertOne({ _id: 1 });
    let caught: unknown;
    try {
      await coll.bulkWrite([
        { insertOne: { document: { _id: 2 } } },
        { insertOne: { document: { _id: 1 } } },
        { insertOne: { document: { _id: 3 } } },
      ]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MongoBulkWriteError);
    const writeErrors = [(caught as MongoBulkWriteError).writeErrors].flat();
    expect(writeErrors.map((w) => [w.index, w.code])).toEqual([[1, 11000]]);
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2]);
  });
});
