// Field names that are special to JavaScript (__proto__, constructor, prototype)
// are ordinary field names to MongoDB: stored, matched, projected and updated like
// any other, and never a way to reach the server's own objects.
import { DBRef, ObjectId, type Collection, type Document, type UpdateFilter } from 'mongodb';
import { driverSuite } from './support/database';

/** Fixtures use numeric _ids. */
interface Doc extends Document {
  _id?: number | ObjectId;
}

const suite = driverSuite('names');

let seq = 0;
async function collectionWith(...docs: Document[]): Promise<Collection<Doc>> {
  const coll = suite.mdb.collection<Doc>(`n_${++seq}`);
  if (docs.length) await coll.insertMany(docs);
  return coll;
}

const upd = (u: Document) => u as UpdateFilter<Doc>;

/** A document with an own field named `name` (an object literal would set its prototype instead). */
function withField(base: Document, name: string, value: unknown): Document {
  return Object.defineProperty(base, name, { value, enumerable: true, writable: true, configurable: true });
}

const own = (doc: Document | null | undefined, name: string): unknown =>
  doc && Object.prototype.hasOwnProperty.call(doc, name) ? (doc as Record<string, unknown>)[name] : undefined;

afterEach(() => {
  // Whatever happened in the test, nothing may have reached Object.prototype.
  expect(({} as Record<string, unknown>).x).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('__proto__ in update paths', () => {
  test("$set {'__proto__.x': 1} stores a field named __proto__ and pollutes nothing", async () => {
    const coll = await collectionWith({ _id: 1, a: 1 });
    await coll.updateOne({ _id: 1 }, upd({ $set: { '__proto__.x': 1 } }));
    const stored = await coll.findOne({ _id: 1 });
    expect(Object.keys(stored!)).toEqual(['_id', 'a', '__proto__']);
    expect(own(stored, '__proto__')).toEqual({ x: 1 });
    // It is a field like any other: queried, projected, updated and removed by name.
    expect(await coll.countDocuments(withField({}, '__proto__.x', 1))).toBe(1);
    expect(await coll.countDocuments(withField({}, '__proto__', { $exists: true }))).toBe(1);
    const projected = await coll.findOne({ _id: 1 }, { projection: withField({ _id: 0 }, '__proto__', 1) });
    expect(Object.keys(projected!)).toEqual(['__proto__']);
    await coll.updateOne({ _id: 1 }, upd({ $inc: { '__proto__.x': 2 } }));
    expect(own(await coll.findOne({ _id: 1 }), '__proto__')).toEqual({ x: 3 });
    await coll.updateOne({ _id: 1 }, upd({ $unset: { '__proto__.x': '' } }));
    expect(own(await coll.findOne({ _id: 1 }), '__proto__')).toEqual({});
  });

  test('finds with projections on other databases keep working afterwards', async () => {
    const coll = await collectionWith({ _id: 1 });
    await coll.updateOne({ _id: 1 }, upd({ $set: { '__proto__.polluted': true, 'a.__proto__.polluted': true } }));
    const other = suite.client.db(suite.db.dbName('names_other')).collection<Doc>('c');
    await other.insertMany([
      { _id: 1, name: 'a', n: 1 },
      { _id: 2, name: 'b', n: 2 },
    ]);
    expect(await other.find({}, { projection: { name: 1 } }).toArray()).toEqual([
      { _id: 1, name: 'a' },
      { _id: 2, name: 'b' },
    ]);
    expect(await other.find({ polluted: true }).toArray()).toEqual([]);
    expect(await other.countDocuments({ polluted: { $exists: true } })).toBe(0);
  });
});

describe('constructor and prototype', () => {
  test('are created, matched and updated as plain fields', async () => {
    const coll = await collectionWith({ _id: 1 }, { _id: 2 });
    await coll.updateOne({ _id: 1 }, upd({ $set: { 'constructor.prototype.x': 1, 'prototype.y': 2 } }));
    expect(await coll.findOne({ _id: 1 })).toEqual({
      _id: 1,
      constructor: { prototype: { x: 1 } },
      prototype: { y: 2 },
    });
    // A document without the field does not see Object's own properties.
    expect(
      await coll
        .find({ constructor: { $exists: true } })
        .map((d) => d._id)
        .toArray(),
    ).toEqual([1]);
    expect(await coll.find({ 'constructor.name': { $exists: true } }).toArray()).toEqual([]);
    expect(await coll.find({ toString: { $exists: true } }).toArray()).toEqual([]);
    await coll.updateOne({ _id: 2 }, upd({ $inc: { 'constructor.n': 1 } }));
    expect(await coll.findOne({ _id: 2 })).toEqual({ _id: 2, constructor: { n: 1 } });
    expect(await coll.distinct('constructor.n')).toEqual([1]);
  });
});

describe('documents holding such fields', () => {
  test('insert, replace and read back a __proto__ field intact', async () => {
    const coll = await collectionWith();
    await coll.insertOne(withField({ _id: 1 }, '__proto__', { polluted: 1 }));
    expect(own(await coll.findOne({ _id: 1 }), '__proto__')).toEqual({ polluted: 1 });
    await coll.replaceOne({ _id: 1 }, withField({ kept: true }, '__proto__', { x: 2 }));
    const replaced = await coll.findOne({ _id: 1 });
    expect(Object.keys(replaced!)).toEqual(['_id', 'kept', '__proto__']);
    expect(own(replaced, '__proto__')).toEqual({ x: 2 });
    // An update elsewhere in the document keeps the field.
    await coll.updateOne({ _id: 1 }, upd({ $set: { kept: false } }));
    expect(own(await coll.findOne({ _id: 1 }), '__proto__')).toEqual({ x: 2 });
  });

  test('aggregation stages and field paths treat __proto__ as a field', async () => {
    const coll = await collectionWith();
    await coll.insertMany([withField({ _id: 1 }, '__proto__', { x: 1 }), { _id: 2, other: 1 }]);
    const matched = await coll.aggregate([{ $match: withField({}, '__proto__.x', 1) }]).toArray();
    expect(matched.map((d) => d._id)).toEqual([1]);
    const grouped = await coll
      .aggregate([{ $group: { _id: '$__proto__.x', n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(grouped).toEqual([
      { _id: null, n: 1 },
      { _id: 1, n: 1 },
    ]);
    const excluded = await coll.aggregate([{ $match: { _id: 1 } }, { $project: { other: 0 } }]).toArray();
    expect(own(excluded[0], '__proto__')).toEqual({ x: 1 });
    const byExpr = await coll.find({ $expr: { $eq: ['$__proto__.x', 1] } }).toArray();
    expect(byExpr.map((d) => d._id)).toEqual([1]);
    const renamed = await coll.aggregate([{ $match: { _id: 1 } }, { $project: { _id: 0, p: '$__proto__' } }]).toArray();
    expect(renamed).toEqual([{ p: { x: 1 } }]);
  });

  test('a pipeline update sets a path through __proto__ as a field', async () => {
    const coll = await collectionWith({ _id: 1, a: 1 });
    await coll.updateOne({ _id: 1 }, [{ $set: { '__proto__.y': 2 } }]);
    const stored = await coll.findOne({ _id: 1 });
    expect(Object.keys(stored!)).toEqual(['_id', 'a', '__proto__']);
    expect(own(stored, '__proto__')).toEqual({ y: 2 });
  });
});

describe('DBRef fields in queries', () => {
  test('$id and $ref inside $elemMatch match DBRef elements', async () => {
    const a = new ObjectId();
    const b = new ObjectId();
    const coll = await collectionWith(
      { _id: 1, refs: [new DBRef('users', a), new DBRef('users', b)] },
      { _id: 2, refs: [new DBRef('teams', b)] },
    );
    const byId = await coll.find({ refs: { $elemMatch: { $id: b } } }).toArray();
    expect(byId.map((d) => d._id)).toEqual([1, 2]);
    const byRefAndId = await coll.find({ refs: { $elemMatch: { $ref: 'teams', $id: b } } }).toArray();
    expect(byRefAndId.map((d) => d._id)).toEqual([2]);
    expect((await coll.find({ 'refs.$id': a }).toArray()).map((d) => d._id)).toEqual([1]);
  });
});
