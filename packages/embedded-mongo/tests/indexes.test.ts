// Index conformance: unique/compound/sparse/partial constraints and their error
// shapes, index listing and dropping, and TTL expiry.
import { Decimal128, Double, Long, MongoBulkWriteError, ObjectId, type Collection, type Document } from 'mongodb';
import { driverSuite } from './support/database';
import { serverError } from './support/mongoErrors';

/** Fixtures use numeric and string _ids as well as ObjectIds. */
interface Doc extends Document {
  _id?: number | string | ObjectId;
}

const suite = driverSuite('idx');

let seq = 0;
function freshCollection(): Collection<Doc> {
  return suite.mdb.collection<Doc>(`i_${++seq}`);
}

async function indexNames(coll: Collection<Doc>): Promise<string[]> {
  return (await coll.listIndexes().toArray()).map((i) => String(i.name)).sort();
}

describe('unique indexes', () => {
  test('a unique violation reports code 11000 with keyPattern and keyValue', async () => {
    const coll = freshCollection();
    const name = await coll.createIndex({ email: 1 }, { unique: true });
    expect(name).toBe('email_1');
    await coll.insertOne({ email: 'a@example.com' });
    const err = await serverError(coll.insertOne({ email: 'a@example.com' }));
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@example.com' });
    expect(err.message).toMatch(/E11000 duplicate key error/);
    expect(err.message).toMatch(/index: email_1/);
    expect(await coll.countDocuments()).toBe(1);
  });

  test('insertMany reports each unique violation by index', async () => {
    const coll = freshCollection();
    await coll.createIndex({ email: 1 }, { unique: true });
    let caught: unknown;
    try {
      await coll.insertMany([{ email: 'a' }, { email: 'b' }, { email: 'a' }, { email: 'c' }], { ordered: false });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MongoBulkWriteError);
    const writeErrors = [(caught as MongoBulkWriteError).writeErrors].flat();
    expect(writeErrors.map((w) => [w.index, w.code])).toEqual([[2, 11000]]);
    expect(await coll.countDocuments()).toBe(3);
  });

  test('compound unique constrains the combination only', async () => {
    const coll = freshCollection();
    expect(await coll.createIndex({ a: 1, b: 1 }, { unique: true })).toBe('a_1_b_1');
    await coll.insertMany([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 2, b: 'x' },
    ]);
    const err = await serverError(coll.insertOne({ a: 1, b: 'x' }));
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ a: 1, b: 1 });
    expect(err.keyValue).toEqual({ a: 1, b: 'x' });
  });

  test('non-sparse unique treats a missing field as null: only one such document', async () => {
    const coll = freshCollection();
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ name: 'no email' });
    const err = await serverError(coll.insertOne({ name: 'also no email' }));
    expect(err.code).toBe(11000);
    expect(err.keyValue).toEqual({ email: null });
    // An explicit null collides with the missing field as well.
    expect((await serverError(coll.insertOne({ email: null }))).code).toBe(11000);
  });

  test('sparse unique allows many documents without the field', async () => {
    const coll = freshCollection();
    await coll.createIndex({ email: 1 }, { unique: true, sparse: true });
    await coll.insertMany([{ n: 1 }, { n: 2 }, { n: 3 }, { email: 'a' }]);
    expect((await serverError(coll.insertOne({ email: 'a' }))).code).toBe(11000);
    expect(await coll.countDocuments()).toBe(4);
  });

  test('partial unique only constrains documents matching partialFilterExpression', async () => {
    const coll = freshCollection();
    await coll.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { status: { $eq: 'active' } } });
    await coll.insertMany([
      { email: 'a', status: 'inactive' },
      { email: 'a', status: 'inactive' },
      { email: 'a', status: 'active' },
    ]);
    const err = await serverError(coll.insertOne({ email: 'a', status: 'active' }));
    expect(err.code).toBe(11000);
    expect(err.keyValue).toEqual({ email: 'a' });
    // Moving an inactive duplicate into the filter violates the constraint too.
    expect((await serverError(coll.updateOne({ status: 'inactive' }, { $set: { status: 'active' } }))).code).toBe(
      11000,
    );
    expect(await coll.countDocuments({ status: 'active' })).toBe(1);
  });

  test('unique multikey index compares array elements across documents only', async () => {
    const coll = freshCollection();
    await coll.createIndex({ tags: 1 }, { unique: true });
    // Repeats within one document are allowed.
    await coll.insertOne({ tags: ['x', 'x', 'y'] });
    const err = await serverError(coll.insertOne({ tags: ['z', 'y'] }));
    expect(err.code).toBe(11000);
    await coll.insertOne({ tags: ['z'] });
    expect(await coll.countDocuments()).toBe(2);
  });

  test('unique keys compare numbers by value across BSON numeric types', async () => {
    const coll = freshCollection();
    await coll.createIndex({ n: 1 }, { unique: true });
    await coll.insertOne({ n: 1 });
    for (const same of [new Double(1), Long.fromNumber(1), Decimal128.fromString('1.00')]) {
      expect((await serverError(coll.insertOne({ n: same }))).code).toBe(11000);
    }
    // A string '1' is a different key.
    await coll.insertOne({ n: '1' });
    expect(await coll.countDocuments()).toBe(2);
  });

  test('compound unique treats missing fields as null', async () => {
    const coll = freshCollection();
    await coll.createIndex({ a: 1, b: 1 }, { unique: true });
    await coll.insertOne({ a: 1 });
    expect((await serverError(coll.insertOne({ a: 1 }))).code).toBe(11000);
    expect((await serverError(coll.insertOne({ a: 1, b: null }))).code).toBe(11000);
    await coll.insertOne({ a: 2 });
    expect(await coll.countDocuments()).toBe(2);
  });

  test('unique index on a dotted path', async () => {
    const coll = freshCollection();
    expect(await coll.createIndex({ 'profile.email': 1 }, { unique: true })).toBe('profile.email_1');
    await coll.insertOne({ profile: { email: 'p' } });
    const err = await serverError(coll.insertOne({ profile: { email: 'p', other: 1 } }));
    expect(err.code).toBe(11000);
    expect(err.keyValue).toEqual({ 'profile.email': 'p' });
  });

  test('duplicate key on updateOne, replaceOne and findOneAndUpdate', async () => {
    const coll = freshCollection();
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertMany([
      { _id: 1, email: 'a' },
      { _id: 2, email: 'b' },
    ]);
    const upd = await serverError(coll.updateOne({ _id: 2 }, { $set: { email: 'a' } }));
    expect(upd.code).toBe(11000);
    expect(upd.keyValue).toEqual({ email: 'a' });
    expect((await serverError(coll.replaceOne({ _id: 2 }, { email: 'a' }))).code).toBe(11000);
    const fam = await serverError(coll.findOneAndUpdate({ _id: 2 }, { $set: { email: 'a' } }));
    expect(fam.code).toBe(11000);
    // An upsert that would insert a duplicate fails the same way.
    expect((await serverError(coll.updateOne({ _id: 3 }, { $set: { email: 'b' } }, { upsert: true }))).code).toBe(
      11000,
    );
    expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, email: 'a' },
      { _id: 2, email: 'b' },
    ]);
  });

  test('building a unique index over existing duplicates fails and leaves no index', async () => {
    const coll = freshCollection();
    await coll.insertMany([{ email: 'dup' }, { email: 'dup' }, { email: 'ok' }]);
    const err = await serverError(coll.createIndex({ email: 1 }, { unique: true }));
    expect(err.code).toBe(11000);
    expect(await indexNames(coll)).toEqual(['_id_']);
    // Inserting more duplicates is still allowed because no constraint exists.
    await coll.insertOne({ email: 'dup' });
    expect(await coll.countDocuments({ email: 'dup' })).toBe(3);
  });
});

describe('listing and dropping', () => {
  test('listIndexes describes every index with its options', async () => {
    const coll = freshCollection();
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.createIndex({ a: 1, b: -1 });
    await coll.createIndex({ s: 1 }, { sparse: true, unique: true });
    await coll.createIndex({ p: 1 }, { name: 'custom_name', partialFilterExpression: { p: { $exists: true } } });
    await coll.createIndex({ t: 1 }, { expireAfterSeconds: 3600 });
    const specs = await coll.listIndexes().toArray();
    const byName = new Map(specs.map((s) => [String(s.name), s]));
    expect([...byName.keys()].sort()).toEqual(['_id_', 'a_1_b_-1', 'custom_name', 'email_1', 's_1', 't_1']);
    expect(byName.get('_id_')?.key).toEqual({ _id: 1 });
    expect(byName.get('email_1')?.key).toEqual({ email: 1 });
    expect(byName.get('email_1')?.unique).toBe(true);
    expect(byName.get('a_1_b_-1')?.key).toEqual({ a: 1, b: -1 });
    expect(byName.get('a_1_b_-1')?.unique).toBeUndefined();
    expect(byName.get('s_1')?.sparse).toBe(true);
    expect(byName.get('custom_name')?.partialFilterExpression).toEqual({ p: { $exists: true } });
    expect(byName.get('t_1')?.expireAfterSeconds).toBe(3600);
    expect(await coll.indexExists('email_1')).toBe(true);
    expect(await coll.indexExists('nope_1')).toBe(false);
  });

  test('creating an identical index again is a no-op returning the same name', async () => {
    const coll = freshCollection();
    expect(await coll.createIndex({ k: 1 }, { unique: true })).toBe('k_1');
    expect(await coll.createIndex({ k: 1 }, { unique: true })).toBe('k_1');
    expect(await indexNames(coll)).toEqual(['_id_', 'k_1']);
  });

  test('dropIndex removes the constraint; dropping unknown or _id indexes fails', async () => {
    const coll = freshCollection();
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ email: 'a' });
    await coll.dropIndex('email_1');
    expect(await indexNames(coll)).toEqual(['_id_']);
    await coll.insertOne({ email: 'a' });
    expect(await coll.countDocuments({ email: 'a' })).toBe(2);
    // IndexNotFound
    expect((await serverError(coll.dropIndex('email_1'))).code).toBe(27);
    // InvalidOptions: the _id index cannot be dropped.
    expect((await serverError(coll.dropIndex('_id_'))).code).toBe(72);
  });

  test('dropIndexes removes all but _id', async () => {
    const coll = freshCollection();
    await coll.createIndexes([{ key: { a: 1 } }, { key: { b: 1 }, unique: true }]);
    expect(await indexNames(coll)).toEqual(['_id_', 'a_1', 'b_1']);
    await coll.dropIndexes();
    expect(await indexNames(coll)).toEqual(['_id_']);
  });

  test('listIndexes on a missing collection fails with NamespaceNotFound (26)', async () => {
    const err = await serverError(suite.mdb.collection<Doc>('never_created').listIndexes().toArray());
    expect(err.code).toBe(26);
  });
});

describe('TTL', () => {
  // Real MongoDB's TTL monitor runs every 60 s, so allow well over one pass.
  test('expired documents are removed by the TTL monitor; others stay', async () => {
    const coll = freshCollection();
    await coll.createIndex({ createdAt: 1 }, { expireAfterSeconds: 1 });
    await coll.insertMany([
      { _id: 'expired', createdAt: new Date('2000-01-01T00:00:00Z') },
      { _id: 'future', createdAt: new Date(Date.now() + 24 * 3600 * 1000) },
      { _id: 'notADate', createdAt: 'yesterday' },
      { _id: 'missing' },
    ]);
    const deadline = Date.now() + 85_000;
    while ((await coll.countDocuments({ _id: 'expired' })) > 0) {
      if (Date.now() > deadline) throw new Error('expired document was not removed within 85 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['future', 'missing', 'notADate']);
  }, 90_000);
});

describe('compound indexes over arrays', () => {
  test('fields in the same array of documents may both be many-valued; two different arrays may not', async () => {
    const coll = freshCollection();
    await coll.createIndex({ 'tasks.status': 1, 'tasks.dueOn': 1 });
    await coll.insertOne({
      _id: 1,
      tasks: [
        { status: 'open', dueOn: '2026-01-10' },
        { status: 'done', dueOn: '2026-03-01' },
      ],
    });
    await coll.insertOne({ _id: 2, tasks: [{ status: 'done', dueOn: '2026-01-10' }] });
    // Every candidate is re-checked: the element match is exact.
    const late = await coll.find({ tasks: { $elemMatch: { status: 'open', dueOn: { $lt: '2026-02-01' } } } }).toArray();
    expect(late.map((d) => d._id)).toEqual([1]);
    expect(
      (await coll.find({ 'tasks.status': 'open', 'tasks.dueOn': { $gt: '2026-02-01' } }).toArray()).map((d) => d._id),
    ).toEqual([1]);

    const other = freshCollection();
    await other.createIndex({ a: 1, b: 1 });
    expect((await serverError(other.insertOne({ a: [1, 2], b: [3, 4] }))).code).toBe(171);
  });
});
