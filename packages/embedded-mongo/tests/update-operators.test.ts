// Update operator conformance: every operator's effect, update result counts,
// upsert seeding, positional/array-filter paths, pipeline updates and the error
// codes MongoDB returns for invalid updates.
import { ObjectId, Timestamp, type Collection, type Document, type UpdateFilter } from 'mongodb';
import { driverSuite } from './support/database';
import { serverError } from './support/mongoErrors';

/** Fixtures use numeric and string _ids as well as ObjectIds. */
interface Doc extends Document {
  _id?: number | string | ObjectId;
}

/**
 * The driver types $push/$pull/$currentDate against the collection schema, which cannot
 * describe free-form fixtures; update documents built in tests go through this cast.
 */
function upd(update: Document): UpdateFilter<Doc> {
  return update as UpdateFilter<Doc>;
}

const suite = driverSuite('upd');

let seq = 0;
async function collectionWith(...docs: Document[]): Promise<Collection<Doc>> {
  const coll = suite.mdb.collection<Doc>(`u_${++seq}`);
  if (docs.length) await coll.insertMany(docs);
  return coll;
}

describe('field operators', () => {
  test('$set creates nested paths and writes array indexes', async () => {
    const coll = await collectionWith({ _id: 1, arr: ['a', 'b', 'c'] });
    const res = await coll.updateOne({ _id: 1 }, { $set: { 'a.b.c': 1, x: 'y', 'arr.1': 'z' } });
    expect(res.matchedCount).toBe(1);
    expect(res.modifiedCount).toBe(1);
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, arr: ['a', 'z', 'c'], a: { b: { c: 1 } }, x: 'y' });
    // Setting past the end pads the array with nulls.
    await coll.updateOne({ _id: 1 }, { $set: { 'arr.5': 'q' } });
    expect((await coll.findOne({ _id: 1 }))?.arr).toEqual(['a', 'z', 'c', null, null, 'q']);
  });

  test('$unset removes fields; on an array element it leaves null', async () => {
    const coll = await collectionWith({ _id: 1, x: 1, a: { b: 2, c: 3 }, arr: [1, 2, 3] });
    await coll.updateOne({ _id: 1 }, { $unset: { x: '', 'a.b': '', 'arr.1': '' } });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, a: { c: 3 }, arr: [1, null, 3] });
    const noop = await coll.updateOne({ _id: 1 }, { $unset: { missing: '' } });
    expect(noop.matchedCount).toBe(1);
    expect(noop.modifiedCount).toBe(0);
  });

  test('$inc adds, creates missing fields and accepts negatives and fractions', async () => {
    const coll = await collectionWith({ _id: 1, n: 10, stats: { views: 1 } });
    await coll.updateOne({ _id: 1 }, { $inc: { n: -3, 'stats.views': 1, fresh: 2, frac: 0.5 } });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, n: 7, stats: { views: 2 }, fresh: 2, frac: 0.5 });
  });

  test('$mul multiplies and sets a missing field to 0', async () => {
    const coll = await collectionWith({ _id: 1, price: 2.5 });
    await coll.updateOne({ _id: 1 }, { $mul: { price: 4, absent: 3 } });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, price: 10, absent: 0 });
  });

  test('$min and $max only change the field when it moves in their direction', async () => {
    const d1 = new Date('2020-01-01T00:00:00Z');
    const d2 = new Date('2021-01-01T00:00:00Z');
    const coll = await collectionWith({ _id: 1, low: 10, high: 10, seen: d1 });
    expect((await coll.updateOne({ _id: 1 }, { $min: { low: 5 }, $max: { high: 20, seen: d2 } })).modifiedCount).toBe(
      1,
    );
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, low: 5, high: 20, seen: d2 });
    const noop = await coll.updateOne({ _id: 1 }, { $min: { low: 50 }, $max: { high: 1, seen: d1 } });
    expect(noop.modifiedCount).toBe(0);
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, low: 5, high: 20, seen: d2 });
    // A missing field is simply set.
    await coll.updateOne({ _id: 1 }, { $min: { other: 3 } });
    expect((await coll.findOne({ _id: 1 }))?.other).toBe(3);
  });

  test('$rename moves top-level and nested fields; a missing source is a no-op', async () => {
    const coll = await collectionWith({ _id: 1, old: 'v', a: { b: 1, keep: true } });
    await coll.updateOne({ _id: 1 }, { $rename: { old: 'renamed', 'a.b': 'c' } });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, renamed: 'v', a: { keep: true }, c: 1 });
    const noop = await coll.updateOne({ _id: 1 }, { $rename: { nothing: 'here' } });
    expect(noop.modifiedCount).toBe(0);
    expect(await coll.findOne({ _id: 1 })).not.toHaveProperty('here');
  });

  test('$currentDate sets a Date or a Timestamp', async () => {
    const coll = await collectionWith({ _id: 1 });
    const before = Date.now();
    await coll.updateOne(
      { _id: 1 },
      upd({ $currentDate: { d: true, d2: { $type: 'date' }, ts: { $type: 'timestamp' } } }),
    );
    const after = Date.now();
    const doc = await coll.findOne({ _id: 1 });
    expect(doc?.d).toBeInstanceOf(Date);
    expect(doc?.d2).toBeInstanceOf(Date);
    const d = (doc?.d as Date).getTime();
    expect(d).toBeGreaterThanOrEqual(before - 2000);
    expect(d).toBeLessThanOrEqual(after + 2000);
    expect(doc?.ts).toBeInstanceOf(Timestamp);
    const seconds = (doc?.ts as Timestamp).getHighBits();
    expect(Math.abs(seconds - Math.floor(before / 1000))).toBeLessThanOrEqual(2);
  });
});

describe('array operators', () => {
  test('$push appends and creates the array when missing', async () => {
    const coll = await collectionWith({ _id: 1, tags: ['a'] });
    await coll.updateOne({ _id: 1 }, upd({ $push: { tags: 'b', fresh: 1 } }));
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, tags: ['a', 'b'], fresh: [1] });
    // Pushing an array pushes it as one element.
    await coll.updateOne({ _id: 1 }, upd({ $push: { tags: ['c', 'd'] } }));
    expect((await coll.findOne({ _id: 1 }))?.tags).toEqual(['a', 'b', ['c', 'd']]);
  });

  test('$push with $each, $slice, $sort and $position', async () => {
    const coll = await collectionWith({ _id: 1, s: [1, 2], t: [5, 1], q: ['x', 'y'], subs: [{ n: 3 }, { n: 1 }] });
    await coll.updateOne({ _id: 1 }, upd({ $push: { s: { $each: [3, 4, 5], $slice: -3 } } }));
    expect((await coll.findOne({ _id: 1 }))?.s).toEqual([3, 4, 5]);
    await coll.updateOne({ _id: 1 }, upd({ $push: { t: { $each: [9, 3], $sort: -1, $slice: 2 } } }));
    expect((await coll.findOne({ _id: 1 }))?.t).toEqual([9, 5]);
    await coll.updateOne({ _id: 1 }, upd({ $push: { q: { $each: ['a', 'b'], $position: 0 } } }));
    expect((await coll.findOne({ _id: 1 }))?.q).toEqual(['a', 'b', 'x', 'y']);
    await coll.updateOne({ _id: 1 }, upd({ $push: { q: { $each: ['m'], $position: 2 } } }));
    expect((await coll.findOne({ _id: 1 }))?.q).toEqual(['a', 'b', 'm', 'x', 'y']);
    await coll.updateOne({ _id: 1 }, upd({ $push: { subs: { $each: [{ n: 2 }], $sort: { n: 1 } } } }));
    expect((await coll.findOne({ _id: 1 }))?.subs).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  test('$push on a non-array field fails with BadValue (2)', async () => {
    const coll = await collectionWith({ _id: 1, tags: 'scalar' });
    const err = await serverError(coll.updateOne({ _id: 1 }, upd({ $push: { tags: 'x' } })));
    expect(err.code).toBe(2);
    expect((await coll.findOne({ _id: 1 }))?.tags).toBe('scalar');
  });

  test('$addToSet adds only missing values, including with $each', async () => {
    const coll = await collectionWith({ _id: 1, tags: ['a', 'b'], objs: [{ a: 1, b: 2 }] });
    const noop = await coll.updateOne({ _id: 1 }, upd({ $addToSet: { tags: 'a' } }));
    expect(noop.matchedCount).toBe(1);
    expect(noop.modifiedCount).toBe(0);
    await coll.updateOne({ _id: 1 }, upd({ $addToSet: { tags: { $each: ['b', 'c', 'd', 'c'] } } }));
    expect((await coll.findOne({ _id: 1 }))?.tags).toEqual(['a', 'b', 'c', 'd']);
    // Embedded documents compare field order too: {b,a} differs from {a,b}.
    await coll.updateOne({ _id: 1 }, upd({ $addToSet: { objs: { a: 1, b: 2 } } }));
    expect((await coll.findOne({ _id: 1 }))?.objs).toHaveLength(1);
    await coll.updateOne({ _id: 1 }, upd({ $addToSet: { objs: { b: 2, a: 1 } } }));
    expect((await coll.findOne({ _id: 1 }))?.objs).toEqual([
      { a: 1, b: 2 },
      { b: 2, a: 1 },
    ]);
  });

  test('$pull by value, by condition and by subdocument query', async () => {
    const coll = await collectionWith({
      _id: 1,
      tags: ['a', 'b', 'a', 'c'],
      scores: [5, 8, 6, 9, 2],
      items: [
        { sku: 'x', qty: 1 },
        { sku: 'y', qty: 2 },
        { sku: 'x', qty: 3 },
      ],
      mixed: ['a', 'b', 'c', 'd'],
    });
    await coll.updateOne(
      { _id: 1 },
      upd({
        $pull: {
          tags: 'a',
          scores: { $gte: 6 },
          items: { sku: 'x' },
          mixed: { $in: ['b', 'd'] },
        },
      }),
    );
    expect(await coll.findOne({ _id: 1 })).toEqual({
      _id: 1,
      tags: ['b', 'c'],
      scores: [5, 2],
      items: [{ sku: 'y', qty: 2 }],
      mixed: ['a', 'c'],
    });
    const noop = await coll.updateOne({ _id: 1 }, upd({ $pull: { tags: 'zzz' } }));
    expect(noop.modifiedCount).toBe(0);
  });

  test('$pullAll removes every occurrence of each listed value', async () => {
    const coll = await collectionWith({ _id: 1, v: [0, 5, 5, 1, 0, 3] });
    await coll.updateOne({ _id: 1 }, upd({ $pullAll: { v: [0, 5] } }));
    expect((await coll.findOne({ _id: 1 }))?.v).toEqual([1, 3]);
  });

  test('$pop removes the last (1) or first (-1) element', async () => {
    const coll = await collectionWith({ _id: 1, v: [1, 2, 3, 4] });
    await coll.updateOne({ _id: 1 }, { $pop: { v: 1 } });
    expect((await coll.findOne({ _id: 1 }))?.v).toEqual([1, 2, 3]);
    await coll.updateOne({ _id: 1 }, { $pop: { v: -1 } });
    expect((await coll.findOne({ _id: 1 }))?.v).toEqual([2, 3]);
  });
});

describe('more operator semantics', () => {
  test('$bit performs and/or/xor', async () => {
    const coll = await collectionWith({ _id: 1, a: 13, o: 13, x: 13 });
    await coll.updateOne({ _id: 1 }, upd({ $bit: { a: { and: 10 }, o: { or: 10 }, x: { xor: 10 } } }));
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, a: 8, o: 15, x: 7 });
  });

  test('$rename overwrites an existing target field', async () => {
    const coll = await collectionWith({ _id: 1, a: 1, b: 2 });
    await coll.updateOne({ _id: 1 }, { $rename: { a: 'b' } });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, b: 1 });
  });

  test('$addToSet creates a missing array; $pop on an empty array is a no-op', async () => {
    const coll = await collectionWith({ _id: 1, empty: [] });
    await coll.updateOne({ _id: 1 }, upd({ $addToSet: { fresh: 'a' } }));
    expect((await coll.findOne({ _id: 1 }))?.fresh).toEqual(['a']);
    const noop = await coll.updateOne({ _id: 1 }, upd({ $pop: { empty: 1 } }));
    expect(noop.matchedCount).toBe(1);
    expect(noop.modifiedCount).toBe(0);
  });

  test('$push with $slice 0 empties the array and a negative $position counts from the end', async () => {
    const coll = await collectionWith({ _id: 1, a: [1, 2, 3], b: [1, 2, 3] });
    await coll.updateOne(
      { _id: 1 },
      upd({ $push: { a: { $each: [4], $slice: 0 }, b: { $each: [9], $position: -1 } } }),
    );
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, a: [], b: [1, 2, 9, 3] });
  });

  test('$unset with $[] nulls every element; nested $[x] filters combine', async () => {
    const coll = await collectionWith(
      { _id: 1, arr: [1, 2] },
      {
        _id: 2,
        a: [
          { k: 1, b: [1, 6, 9] },
          { k: 2, b: [7] },
        ],
      },
    );
    await coll.updateOne({ _id: 1 }, upd({ $unset: { 'arr.$[]': '' } }));
    expect((await coll.findOne({ _id: 1 }))?.arr).toEqual([null, null]);
    await coll.updateOne(
      { _id: 2 },
      { $set: { 'a.$[x].b.$[y]': 0 } },
      { arrayFilters: [{ 'x.k': 1 }, { y: { $gt: 5 } }] },
    );
    expect((await coll.findOne({ _id: 2 }))?.a).toEqual([
      { k: 1, b: [1, 0, 0] },
      { k: 2, b: [7] },
    ]);
  });

  test('setting a field below a scalar fails with PathNotViable (28)', async () => {
    const coll = await collectionWith({ _id: 1, a: 5 });
    const err = await serverError(coll.updateOne({ _id: 1 }, { $set: { 'a.b': 1 } }));
    expect(err.code).toBe(28);
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, a: 5 });
  });

  test('updateMany with upsert inserts exactly one document when nothing matches', async () => {
    const coll = await collectionWith({ _id: 1, kind: 'a' });
    const res = await coll.updateMany({ kind: 'b' }, { $set: { seen: true } }, { upsert: true });
    expect(res.matchedCount).toBe(0);
    expect(res.upsertedCount).toBe(1);
    expect(await coll.countDocuments({ kind: 'b', seen: true })).toBe(1);
  });
});

describe('upserts', () => {
  test('$setOnInsert applies only when the upsert inserts', async () => {
    const coll = await collectionWith();
    const first = await coll.updateOne(
      { _id: 'u1' },
      { $set: { a: 1 }, $setOnInsert: { created: 'yes' } },
      { upsert: true },
    );
    expect(first.matchedCount).toBe(0);
    expect(first.modifiedCount).toBe(0);
    expect(first.upsertedCount).toBe(1);
    expect(first.upsertedId).toBe('u1');
    expect(await coll.findOne({ _id: 'u1' })).toEqual({ _id: 'u1', a: 1, created: 'yes' });

    const second = await coll.updateOne(
      { _id: 'u1' },
      { $set: { a: 2 }, $setOnInsert: { created: 'again' } },
      { upsert: true },
    );
    expect(second.matchedCount).toBe(1);
    expect(second.modifiedCount).toBe(1);
    expect(second.upsertedCount).toBe(0);
    expect(second.upsertedId).toBeNull();
    expect(await coll.findOne({ _id: 'u1' })).toEqual({ _id: 'u1', a: 2, created: 'yes' });
  });

  test('an upsert seeds the new document from equality conditions in the filter', async () => {
    const coll = await collectionWith();
    const res = await coll.updateOne(
      { name: 'x', 'meta.kind': 'k', n: { $gt: 3 }, e: { $eq: 7 }, $and: [{ p: 1 }] },
      { $set: { c: 1 } },
      { upsert: true },
    );
    expect(res.upsertedId).toBeInstanceOf(ObjectId);
    const doc = await coll.findOne({ _id: res.upsertedId as ObjectId });
    expect(doc).toEqual({ _id: res.upsertedId, name: 'x', meta: { kind: 'k' }, e: 7, p: 1, c: 1 });
  });

  test('update operators override seeded filter values', async () => {
    const coll = await collectionWith();
    await coll.updateOne({ name: 'y', n: 1 }, { $set: { name: 'z' }, $inc: { n: 4 } }, { upsert: true });
    expect(await coll.findOne({}, { projection: { _id: 0 } })).toEqual({ name: 'z', n: 5 });
  });
});

describe('replacement and result counts', () => {
  test('replacement keeps _id; a replacement with a different _id is rejected (66)', async () => {
    const coll = await collectionWith({ _id: 1, a: 1 });
    await coll.replaceOne({ a: 1 }, { b: 2 });
    expect(await coll.findOne({})).toEqual({ _id: 1, b: 2 });
    // Repeating _id with the same value is allowed.
    await coll.replaceOne({ _id: 1 }, { _id: 1, b: 3 });
    expect(await coll.findOne({})).toEqual({ _id: 1, b: 3 });
    const err = await serverError(coll.replaceOne({ _id: 1 }, { _id: 2, b: 4 }));
    expect(err.code).toBe(66);
    expect(await coll.find().toArray()).toEqual([{ _id: 1, b: 3 }]);
  });

  test('replacing a document with byte-identical content modifies nothing', async () => {
    const coll = await collectionWith({ _id: 1, a: 1, b: [1, 2] });
    const res = await coll.replaceOne({ _id: 1 }, { _id: 1, a: 1, b: [1, 2] });
    expect(res.matchedCount).toBe(1);
    expect(res.modifiedCount).toBe(0);
  });

  test('updateMany reports matched and modified separately', async () => {
    const coll = await collectionWith(
      { _id: 1, status: 'a', flag: true },
      { _id: 2, status: 'a' },
      { _id: 3, status: 'a', flag: false },
      { _id: 4, status: 'b' },
    );
    const res = await coll.updateMany({ status: 'a' }, { $set: { flag: true } });
    expect(res.matchedCount).toBe(3);
    expect(res.modifiedCount).toBe(2);
    const again = await coll.updateMany({ status: 'a' }, { $set: { flag: true } });
    expect(again.matchedCount).toBe(3);
    expect(again.modifiedCount).toBe(0);
    expect(await coll.countDocuments({ flag: true })).toBe(3);
    const none = await coll.updateMany({ status: 'zzz' }, { $set: { flag: true } });
    expect(none.matchedCount).toBe(0);
    expect(none.modifiedCount).toBe(0);
  });

  test('$set to the current value is not a modification', async () => {
    const coll = await collectionWith({ _id: 1, a: { b: 1 }, n: 5 });
    const res = await coll.updateOne({ _id: 1 }, { $set: { 'a.b': 1, n: 5 } });
    expect(res.matchedCount).toBe(1);
    expect(res.modifiedCount).toBe(0);
  });
});

describe('positional paths', () => {
  test('$ updates the first array element matched by the query', async () => {
    const coll = await collectionWith(
      { _id: 1, grades: [80, 85, 90, 85] },
      {
        _id: 2,
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 2 },
        ],
      },
    );
    await coll.updateOne({ _id: 1, grades: 85 }, { $set: { 'grades.$': 86 } });
    expect((await coll.findOne({ _id: 1 }))?.grades).toEqual([80, 86, 90, 85]);
    await coll.updateOne({ 'items.sku': 'b' }, { $set: { 'items.$.qty': 9 }, $inc: { 'items.$.n': 1 } });
    expect((await coll.findOne({ _id: 2 }))?.items).toEqual([
      { sku: 'a', qty: 1 },
      { sku: 'b', qty: 9, n: 1 },
    ]);
    await coll.updateOne({ items: { $elemMatch: { sku: 'a', qty: 1 } } }, { $set: { 'items.$.qty': 5 } });
    expect((await coll.findOne({ _id: 2 }))?.items[0]).toEqual({ sku: 'a', qty: 5 });
  });

  test('$ without a matching array condition in the query fails (2)', async () => {
    const coll = await collectionWith({ _id: 1, grades: [1, 2] });
    const err = await serverError(coll.updateOne({ _id: 1 }, { $set: { 'grades.$': 3 } }));
    expect(err.code).toBe(2);
  });

  test('$[] updates every element', async () => {
    const coll = await collectionWith({ _id: 1, grades: [1, 2, 3], items: [{ qty: 1 }, { qty: 2 }] });
    await coll.updateOne({ _id: 1 }, { $inc: { 'grades.$[]': 10 }, $set: { 'items.$[].qty': 0 } });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, grades: [11, 12, 13], items: [{ qty: 0 }, { qty: 0 }] });
  });

  test('$[identifier] updates the elements selected by arrayFilters', async () => {
    const coll = await collectionWith(
      { _id: 1, grades: [95, 92, 90, 80] },
      {
        _id: 2,
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 8 },
          { sku: 'c', qty: 3 },
        ],
      },
    );
    await coll.updateOne({ _id: 1 }, { $set: { 'grades.$[g]': 100 } }, { arrayFilters: [{ g: { $gte: 92 } }] });
    expect((await coll.findOne({ _id: 1 }))?.grades).toEqual([100, 100, 90, 80]);
    const res = await coll.updateOne(
      { _id: 2 },
      { $set: { 'items.$[it].low': true } },
      { arrayFilters: [{ 'it.qty': { $lt: 5 } }] },
    );
    expect(res.modifiedCount).toBe(1);
    expect((await coll.findOne({ _id: 2 }))?.items).toEqual([
      { sku: 'a', qty: 1, low: true },
      { sku: 'b', qty: 8 },
      { sku: 'c', qty: 3, low: true },
    ]);
  });

  test('$[identifier] without a matching arrayFilter fails (2)', async () => {
    const coll = await collectionWith({ _id: 1, a: [1] });
    const err = await serverError(coll.updateOne({ _id: 1 }, { $set: { 'a.$[i]': 0 } }));
    expect(err.code).toBe(2);
  });
});

describe('pipeline updates', () => {
  test('an aggregation pipeline computes fields from the document', async () => {
    const coll = await collectionWith({ _id: 1, a: 2, b: 3, junk: true }, { _id: 2, a: 10, b: 20 });
    const res = await coll.updateMany({}, [{ $set: { total: { $add: ['$a', '$b'] } } }, { $unset: 'junk' }]);
    expect(res.matchedCount).toBe(2);
    expect(res.modifiedCount).toBe(2);
    expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, a: 2, b: 3, total: 5 },
      { _id: 2, a: 10, b: 20, total: 30 },
    ]);
    await coll.updateOne({ _id: 1 }, [{ $set: { label: { $concat: ['n=', { $toString: '$total' }] } } }]);
    expect((await coll.findOne({ _id: 1 }))?.label).toBe('n=5');
  });
});

describe('invalid updates', () => {
  test('modifying _id fails with ImmutableField (66)', async () => {
    const coll = await collectionWith({ _id: 1, a: 1 });
    const err = await serverError(coll.updateOne({ _id: 1 }, { $set: { _id: 2 } }));
    expect(err.code).toBe(66);
    expect(await coll.find().toArray()).toEqual([{ _id: 1, a: 1 }]);
  });

  test('conflicting paths in one update fail with code 40', async () => {
    const coll = await collectionWith({ _id: 1, a: 1 });
    expect((await serverError(coll.updateOne({ _id: 1 }, { $set: { a: 1 }, $inc: { a: 1 } }))).code).toBe(40);
    expect((await serverError(coll.updateOne({ _id: 1 }, { $set: { 'b.c': 1, b: 2 } }))).code).toBe(40);
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, a: 1 });
  });

  test('$inc on a string fails with TypeMismatch (14)', async () => {
    const coll = await collectionWith({ _id: 1, name: 'str' });
    const err = await serverError(coll.updateOne({ _id: 1 }, { $inc: { name: 1 } }));
    expect(err.code).toBe(14);
    expect((await serverError(coll.updateOne({ _id: 1 }, upd({ $inc: { n: 'x' } })))).code).toBe(14);
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, name: 'str' });
  });

  test('an unknown update operator fails with FailedToParse (9)', async () => {
    const coll = await collectionWith({ _id: 1 });
    const err = await serverError(coll.updateOne({ _id: 1 }, { $frobnicate: { a: 1 } } as Document));
    expect(err.code).toBe(9);
  });

  test('a document that fails an updateMany is left untouched', async () => {
    // updateMany is not atomic across documents, but each document is all-or-nothing.
    const coll = await collectionWith({ _id: 1, v: 1 }, { _id: 2, v: 'x' });
    const err = await serverError(coll.updateMany({}, { $inc: { v: 1 }, $set: { touched: true } }));
    expect(err.code).toBe(14);
    expect(await coll.findOne({ _id: 2 })).toEqual({ _id: 2, v: 'x' });
  });
});
