// Features the engine does not implement are refused loudly, in MongoDB's error
// shape, never accepted and ignored; `hint` and `maxTimeMS` (for lock waits) are honoured.
//
// The pattern for a refusal: a real MongoDB (MONGODB_URI) supports these features, so
// each test states what MongoDB does and checks it there, and checks the refusal only
// when it runs on the engine (`refusedHere`). Both branches assert that a refused
// command changed nothing.
import mongoose, { Schema, type Connection } from 'mongoose';
import type { Collection, Document } from 'mongodb';
import { driverSuite } from './support/database';
import { serverError } from './support/mongoErrors';

const suite = driverSuite('refusals');
const onEngine = !process.env.MONGODB_URI;
const caseInsensitive = { locale: 'en', strength: 2 };

/**
 * On the engine: the operation fails with `code`/`codeName` and a message naming `what`.
 * On MongoDB: it succeeds, and `works` checks what it did.
 */
async function refusedHere<T>(
  op: () => Promise<T>,
  what: string,
  works: (result: T) => void | Promise<void>,
  code = 238,
  codeName = 'NotImplemented',
): Promise<void> {
  if (!onEngine) {
    await works(await op());
    return;
  }
  const err = await serverError(op());
  expect({ code: err.code, codeName: err.codeName }).toEqual({ code, codeName });
  expect(err.message).toContain(what);
}

/** Test documents carry small numeric ids. */
interface Doc extends Document {
  _id?: number;
}

let n = 0;
async function collectionWith(...docs: Doc[]): Promise<Collection<Doc>> {
  const coll = suite.mdb.collection<Doc>(`c${++n}`);
  if (docs.length) await coll.insertMany(docs);
  else await suite.mdb.createCollection(coll.collectionName);
  return coll;
}

const names = async () => (await suite.mdb.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
const indexNames = async (coll: Collection<Doc>) => (await coll.listIndexes().toArray()).map((i) => i.name as string);

describe('collation', () => {
  const docs = [{ _id: 1, name: 'Anna' }];

  test('a case-insensitive find is refused (MongoDB matches regardless of case)', async () => {
    const coll = await collectionWith(...docs);
    await refusedHere(
      () => coll.find({ name: 'anna' }, { collation: caseInsensitive }).toArray(),
      'collation',
      (found) => expect(found).toEqual(docs),
    );
  });

  test('the simple collation is the default and is accepted', async () => {
    const coll = await collectionWith(...docs);
    expect(await coll.find({ name: 'anna' }, { collation: { locale: 'simple' } }).toArray()).toEqual([]);
  });

  test('aggregate, count and distinct with a collation are refused', async () => {
    const coll = await collectionWith(...docs);
    await refusedHere(
      () => coll.aggregate([{ $match: { name: 'anna' } }], { collation: caseInsensitive }).toArray(),
      'collation',
      (found) => expect(found).toEqual(docs),
    );
    await refusedHere(
      () => coll.countDocuments({ name: 'anna' }, { collation: caseInsensitive }),
      'collation',
      (count) => expect(count).toBe(1),
    );
    await refusedHere(
      () => coll.distinct('_id', { name: 'anna' }, { collation: caseInsensitive }),
      'collation',
      (ids) => expect(ids).toEqual([1]),
    );
  });

  test('update, delete and findAndModify with a collation are refused and change nothing', async () => {
    const coll = await collectionWith(...docs);
    await refusedHere(
      () => coll.updateOne({ name: 'anna' }, { $set: { seen: true } }, { collation: caseInsensitive }),
      'collation',
      (r) => expect(r.modifiedCount).toBe(1),
    );
    await refusedHere(
      () => coll.findOneAndUpdate({ name: 'anna' }, { $set: { found: true } }, { collation: caseInsensitive }),
      'collation',
      (before) => expect(before?._id).toBe(1),
    );
    if (onEngine) expect(await coll.find().toArray()).toEqual(docs);
    await refusedHere(
      () => coll.deleteOne({ name: 'anna' }, { collation: caseInsensitive }),
      'collation',
      (r) => expect(r.deletedCount).toBe(1),
    );
    if (onEngine) expect(await coll.countDocuments()).toBe(1);
  });

  test('a case-insensitive unique index is refused and not created (MongoDB enforces it)', async () => {
    const coll = await collectionWith(...docs);
    await refusedHere(
      () => coll.createIndex({ name: 1 }, { unique: true, collation: caseInsensitive }),
      'collation',
      async () => expect((await serverError(coll.insertOne({ name: 'ANNA' }))).code).toBe(11000),
    );
    if (onEngine) expect(await indexNames(coll)).toEqual(['_id_']);
  });

  test('a collection default collation is refused and no collection is created', async () => {
    await refusedHere(
      () => suite.mdb.createCollection('collated', { collation: caseInsensitive }),
      'collation',
      async () => {
        await suite.mdb.collection('collated').insertOne({ name: 'Anna' });
        expect(await suite.mdb.collection('collated').countDocuments({ name: 'anna' })).toBe(1);
      },
    );
    if (onEngine) expect(await names()).not.toContain('collated');
  });
});

describe('collection options', () => {
  test('a $jsonSchema validator is refused (MongoDB rejects documents that fail it)', async () => {
    await refusedHere(
      () =>
        suite.mdb.createCollection('validated', {
          validator: { $jsonSchema: { required: ['name'] } },
        }),
      'validator',
      async () => expect((await serverError(suite.mdb.collection('validated').insertOne({}))).code).toBe(121),
    );
    if (onEngine) expect(await names()).not.toContain('validated');
  });

  test('validationLevel and validationAction other than the defaults are refused', async () => {
    await refusedHere(
      () => suite.mdb.createCollection('moderate', { validationLevel: 'moderate' }),
      'validationLevel',
      () => undefined,
    );
    await refusedHere(
      () => suite.mdb.createCollection('warned', { validationAction: 'warn' }),
      'validationAction',
      () => undefined,
    );
    if (onEngine) expect(await names()).not.toContain('moderate');
  });

  test('capped collections are refused (MongoDB keeps only the newest documents)', async () => {
    await refusedHere(
      () => suite.mdb.createCollection('capped', { capped: true, size: 4096, max: 2 }),
      'capped',
      async () => {
        const capped = suite.mdb.collection('capped');
        await capped.insertMany([{ i: 1 }, { i: 2 }, { i: 3 }]);
        expect(await capped.countDocuments()).toBe(2);
      },
    );
    if (onEngine) expect(await names()).not.toContain('capped');
  });

  test('time series and clustered collections are refused', async () => {
    await refusedHere(
      () => suite.mdb.createCollection('series', { timeseries: { timeField: 't' } }),
      'timeseries',
      () => undefined,
    );
    await refusedHere(
      () =>
        suite.mdb.createCollection('clustered', {
          clusteredIndex: { key: { _id: 1 }, unique: true },
        }),
      'clusteredIndex',
      () => undefined,
    );
    if (onEngine) expect(await names()).not.toEqual(expect.arrayContaining(['series', 'clustered']));
  });

  test('views are refused (MongoDB answers reads on a view from its pipeline)', async () => {
    await collectionWith({ _id: 1, secret: 'x' });
    const source = `c${n}`;
    await refusedHere(
      () => suite.mdb.createCollection('view', { viewOn: source, pipeline: [{ $project: { secret: 0 } }] }),
      'view',
      async () => expect(await suite.mdb.collection('view').find().toArray()).toEqual([{ _id: 1 }]),
    );
    if (onEngine) expect(await names()).not.toContain('view');
  });

  test('collMod is refused as a command MongoDB has and the engine does not', async () => {
    const coll = await collectionWith({ _id: 1 });
    await refusedHere(
      () => suite.mdb.command({ collMod: coll.collectionName, validator: { a: { $exists: true } } }),
      'collMod',
      (r) => expect(r.ok).toBe(1),
      115,
      'CommandNotSupported',
    );
  });

  test('mapReduce is refused as a command MongoDB has and the engine does not', async () => {
    const coll = await collectionWith({ _id: 1 });
    await refusedHere(
      () =>
        suite.mdb.command({
          mapReduce: coll.collectionName,
          map: 'function () { emit(this._id, 1); }',
          reduce: 'function (k, v) { return Array.sum(v); }',
          out: { inline: 1 },
        }),
      'mapReduce',
      (r) => expect(r.ok).toBe(1),
      115,
      'CommandNotSupported',
    );
  });

  test('a command unknown to MongoDB too stays CommandNotFound', async () => {
    const err = await serverError(suite.mdb.command({ frobnicate: 1 }));
    expect({ code: err.code, codeName: err.codeName }).toEqual({ code: 59, codeName: 'CommandNotFound' });
  });

  test('harmless options are accepted: comment, allowDiskUse, write and read concerns', async () => {
    const coll = await collectionWith({ _id: 1 });
    expect(await coll.find({}, { comment: 'why', allowDiskUse: true }).toArray()).toEqual([{ _id: 1 }]);
    expect(
      await coll
        .aggregate([{ $match: {} }], { allowDiskUse: true, comment: 'why', readConcern: { level: 'majority' } })
        .toArray(),
    ).toEqual([{ _id: 1 }]);
    const r = await coll.updateOne({ _id: 1 }, { $set: { a: 1 } }, { writeConcern: { w: 'majority', j: true } });
    expect(r.modifiedCount).toBe(1);
  });
});

describe('write concern', () => {
  test('a write concern asking for more members than the set has is reported after the write', async () => {
    const coll = await collectionWith({ _id: 1 });
    const hello = await suite.mdb.admin().command({ hello: 1 });
    const w = (hello.hosts as string[]).length + 1;
    const err = await serverError(coll.insertOne({ _id: 2 }, { writeConcern: { w } }));
    expect({ code: err.code, codeName: err.codeName }).toEqual({ code: 100, codeName: 'UnsatisfiableWriteConcern' });
    expect(await coll.countDocuments({ _id: 2 })).toBe(1);
  });

  test('a write concern naming an unknown tag is reported after the write', async () => {
    const coll = await collectionWith({ _id: 1 });
    const err = await serverError(
      coll.updateOne({ _id: 1 }, { $set: { a: 1 } }, { writeConcern: { w: 'nosuchtag' as never } }),
    );
    expect({ code: err.code, codeName: err.codeName }).toEqual({ code: 79, codeName: 'UnknownReplWriteConcern' });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, a: 1 });
  });
});

describe('index types and options', () => {
  test.each([['text'], ['2d'], ['2dsphere'], ['hashed']])('a %s index is refused and not created', async (type) => {
    const coll = await collectionWith({ _id: 1, at: [1, 2], body: 'a b' });
    const field = type === 'text' ? 'body' : 'at';
    await refusedHere(
      () => coll.createIndex({ [field]: type } as Document),
      type,
      async () => expect(await indexNames(coll)).toContain(`${field}_${type}`),
    );
    if (onEngine) expect(await indexNames(coll)).toEqual(['_id_']);
  });

  test('a wildcard index is refused and not created', async () => {
    const coll = await collectionWith({ _id: 1, a: { b: 1 } });
    await refusedHere(
      () => coll.createIndex({ 'a.$**': 1 }),
      '$**',
      async () => expect(await indexNames(coll)).toContain('a.$**_1'),
    );
    if (onEngine) expect(await indexNames(coll)).toEqual(['_id_']);
  });

  test('a hidden index is refused (MongoDB keeps it out of query plans)', async () => {
    const coll = await collectionWith({ _id: 1, a: 1 });
    await refusedHere(
      () => coll.createIndex({ a: 1 }, { hidden: true }),
      'hidden',
      async () => expect((await coll.listIndexes().toArray()).find((i) => i.name === 'a_1')?.hidden).toBe(true),
    );
    if (onEngine) expect(await indexNames(coll)).toEqual(['_id_']);
  });
});

describe('query operators, stages and expressions', () => {
  const docs = [
    { _id: 1, n: 1, at: [0, 0] },
    { _id: 2, n: 2, at: [50, 50] },
  ];

  test('$where is refused (MongoDB runs the JavaScript)', async () => {
    const coll = await collectionWith(...docs);
    await refusedHere(
      () => coll.find({ $where: 'this.n > 1' }).toArray(),
      '$where',
      (found) => expect(found.map((d) => d._id)).toEqual([2]),
    );
  });

  test('$text is refused', async () => {
    const coll = await collectionWith(...docs);
    if (!onEngine) await coll.createIndex({ s: 'text' });
    await refusedHere(
      () => coll.find({ $text: { $search: 'x' } }).toArray(),
      '$text',
      (found) => expect(found).toEqual([]),
    );
  });

  test('geo operators are refused, also inside a pipeline $match', async () => {
    const coll = await collectionWith(...docs);
    const inBox = {
      at: {
        $geoWithin: {
          $box: [
            [-1, -1],
            [1, 1],
          ],
        },
      },
    };
    await refusedHere(
      () => coll.find(inBox).toArray(),
      '$geoWithin',
      (found) => expect(found.map((d) => d._id)).toEqual([1]),
    );
    await refusedHere(
      () => coll.aggregate([{ $match: { $or: [inBox, { n: 5 }] } }]).toArray(),
      '$geoWithin',
      (found) => expect(found.map((d) => d._id)).toEqual([1]),
    );
    await refusedHere(
      () => coll.deleteMany(inBox),
      '$geoWithin',
      (r) => expect(r.deletedCount).toBe(1),
    );
    if (onEngine) expect(await coll.countDocuments()).toBe(2);
  });

  test('bitwise query operators are refused', async () => {
    const coll = await collectionWith(...docs);
    await refusedHere(
      () => coll.find({ n: { $bitsAllSet: 2 } }).toArray(),
      '$bitsAllSet',
      (found) => expect(found.map((d) => d._id)).toEqual([2]),
    );
  });

  test('$function and $accumulator are refused (MongoDB runs the JavaScript)', async () => {
    const coll = await collectionWith(...docs);
    await refusedHere(
      () =>
        coll
          .aggregate([
            {
              $project: { twice: { $function: { body: 'function (n) { return 2 * n; }', args: ['$n'], lang: 'js' } } },
            },
          ])
          .toArray(),
      '$function',
      (out) => expect(out.map((d) => d.twice)).toEqual([2, 4]),
    );
    await refusedHere(
      () =>
        coll
          .aggregate([
            {
              $group: {
                _id: null,
                total: {
                  $accumulator: {
                    init: 'function () { return 0; }',
                    accumulate: 'function (s, n) { return s + n; }',
                    accumulateArgs: ['$n'],
                    merge: 'function (a, b) { return a + b; }',
                    lang: 'js',
                  },
                },
              },
            },
          ])
          .toArray(),
      '$accumulator',
      (out) => expect(out).toEqual([{ _id: null, total: 3 }]),
    );
  });

  test('a change stream is refused, from watch() and as a stage', async () => {
    const coll = await collectionWith(...docs);
    await refusedHere(
      async () => {
        const stream = coll.watch();
        try {
          return await stream.tryNext();
        } finally {
          await stream.close();
        }
      },
      '$changeStream',
      (next) => expect(next).toBeNull(),
    );
  });

  test('$geoNear and $merge with a pipeline are refused', async () => {
    const coll = await collectionWith(...docs);
    await refusedHere(
      () => coll.aggregate([{ $geoNear: { near: [0, 0], distanceField: 'd' } }]).toArray(),
      '$geoNear',
      () => undefined,
    );
    const target = await collectionWith({ _id: 1, n: 10 });
    await refusedHere(
      () =>
        coll
          .aggregate([{ $merge: { into: target.collectionName, whenMatched: [{ $set: { n: { $add: ['$n', 1] } } }] } }])
          .toArray(),
      'whenMatched',
      async () => expect(await target.findOne({ _id: 1 })).toEqual({ _id: 1, n: 11 }),
    );
    if (onEngine) expect(await target.find().toArray()).toEqual([{ _id: 1, n: 10 }]);
  });

  test("$out's timeseries option is refused and nothing is written", async () => {
    const coll = await collectionWith(...docs);
    await refusedHere(
      () =>
        coll
          .aggregate([{ $out: { db: suite.mdb.databaseName, coll: 'series_out', timeseries: { timeField: 't' } } }])
          .toArray(),
      'timeseries',
      () => undefined,
    );
    if (onEngine) expect(await names()).not.toContain('series_out');
  });

  test('the command-level let is refused', async () => {
    const coll = await collectionWith(...docs);
    await refusedHere(
      () => coll.find({ $expr: { $eq: ['$n', '$$want'] } }, { let: { want: 2 } }).toArray(),
      'let',
      (found) => expect(found.map((d) => d._id)).toEqual([2]),
    );
  });

  test('min, max, returnKey and showRecordId on find are refused', async () => {
    const coll = await collectionWith(...docs);
    await coll.createIndex({ n: 1 });
    await refusedHere(
      () => coll.find({}, { hint: { n: 1 }, min: { n: 2 } }).toArray(),
      'min',
      (found) => expect(found.map((d) => d._id)).toEqual([2]),
    );
    await refusedHere(
      () => coll.find({}, { returnKey: true }).toArray(),
      'returnKey',
      () => undefined,
    );
  });
});

describe('hint', () => {
  async function sparseCollection(): Promise<Collection<Doc>> {
    const coll = await collectionWith({ _id: 1, b: 3 }, { _id: 2 }, { _id: 3, b: 1 }, { _id: 4, b: 2 });
    await coll.createIndex({ b: 1 }, { sparse: true, name: 'b_sparse' });
    return coll;
  }

  test('a hinted sparse index serves the whole query: documents without the field are left out, in index order', async () => {
    const coll = await sparseCollection();
    expect((await coll.find({}).toArray()).map((d) => d._id)).toEqual([1, 2, 3, 4]);
    expect((await coll.find({}).hint('b_sparse').toArray()).map((d) => d._id)).toEqual([3, 4, 1]);
    expect((await coll.find({}).hint({ b: 1 }).toArray()).map((d) => d._id)).toEqual([3, 4, 1]);
    expect(await coll.countDocuments({}, { hint: 'b_sparse' })).toBe(3);
    expect((await coll.aggregate([{ $match: {} }], { hint: 'b_sparse' }).toArray()).map((d) => d._id)).toEqual([
      3, 4, 1,
    ]);
  });

  test('a hint on an aggregation that ends in $out chooses its index too', async () => {
    const coll = await sparseCollection();
    await coll.aggregate([{ $out: 'hinted_out' }], { hint: 'b_sparse' }).toArray();
    expect((await suite.mdb.collection('hinted_out').find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([
      1, 3, 4,
    ]);
  });

  test('a hint on updates and deletes chooses their index too', async () => {
    const coll = await sparseCollection();
    const r = await coll.updateMany({}, { $set: { seen: true } }, { hint: 'b_sparse' });
    expect(r.matchedCount).toBe(3);
    expect((await coll.deleteMany({}, { hint: { b: 1 } })).deletedCount).toBe(3);
    expect(await coll.find().toArray()).toEqual([{ _id: 2 }]);
  });

  test('$natural and the _id index may be hinted', async () => {
    const coll = await sparseCollection();
    expect((await coll.find({}).hint({ $natural: -1 }).toArray()).map((d) => d._id)).toEqual([4, 3, 2, 1]);
    expect(
      (
        await coll
          .find({ b: { $gte: 1 } })
          .hint('_id_')
          .toArray()
      ).map((d) => d._id),
    ).toEqual([1, 3, 4]);
  });

  test('a hint naming no index fails with BadValue, on reads and writes', async () => {
    const coll = await sparseCollection();
    for (const op of [
      () => coll.find({ b: 1 }).hint('nope_1').toArray(),
      () => coll.find({ b: 1 }).hint({ nope: 1 }).toArray(),
      () => coll.updateOne({ b: 1 }, { $set: { c: 1 } }, { hint: 'nope_1' }),
      () => coll.deleteOne({ b: 1 }, { hint: { nope: 1 } }),
    ]) {
      const err = await serverError(op());
      expect({ code: err.code, codeName: err.codeName }).toEqual({ code: 2, codeName: 'BadValue' });
      expect(err.message).toContain('hint provided does not correspond to an existing index');
    }
    expect(await coll.countDocuments({ c: 1 })).toBe(0);
    expect(await coll.countDocuments()).toBe(4);
  });
});

describe('maxTimeMS', () => {
  test('a write waiting for a transaction gives up with MaxTimeMSExpired after maxTimeMS', async () => {
    const coll = await collectionWith({ _id: 1, n: 0 });
    const session = suite.client.startSession();
    try {
      session.startTransaction();
      await coll.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session });
      const err = await serverError(
        suite.mdb.command({
          update: coll.collectionName,
          updates: [{ q: { _id: 1 }, u: { $inc: { n: 10 } } }],
          maxTimeMS: 300,
        }),
      );
      expect({ code: err.code, codeName: err.codeName }).toEqual({ code: 50, codeName: 'MaxTimeMSExpired' });
    } finally {
      await session.abortTransaction();
      await session.endSession();
    }
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, n: 0 });
  });
});

describe('through mongoose', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await mongoose.createConnection(suite.db.uri, { dbName: suite.db.dbName('refusals_mongoose') }).asPromise();
  });
  afterAll(async () => {
    await conn?.close();
  });

  test('a schema index with a collation is refused by syncIndexes and not built', async () => {
    const schema = new Schema({ email: String }, { autoIndex: false, autoCreate: false });
    schema.index({ email: 1 }, { unique: true, collation: caseInsensitive });
    const User = conn.model('CollatedUser', schema);
    await User.createCollection();
    await refusedHere(
      () => User.syncIndexes(),
      'collation',
      async () => expect(Object.keys(await User.listIndexes())).toHaveLength(2),
    );
    if (onEngine) expect((await User.listIndexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  test('Query#collation() is refused; Query#hint() is honoured', async () => {
    const schema = new Schema({ name: String, rank: Number }, { autoIndex: false, autoCreate: false });
    schema.index({ rank: 1 }, { sparse: true });
    const Person = conn.model('Person', schema);
    await Person.syncIndexes();
    await Person.create([{ name: 'Anna', rank: 2 }, { name: 'Bo' }, { name: 'Cy', rank: 1 }]);
    await refusedHere(
      () => Person.find({ name: 'anna' }).collation(caseInsensitive).lean(),
      'collation',
      (found) => expect(found.map((p) => p.name)).toEqual(['Anna']),
    );
    expect((await Person.find().hint({ rank: 1 }).lean()).map((p) => p.name)).toEqual(['Cy', 'Anna']);
    const err = await serverError(Person.find().hint('nope_1').exec());
    expect(err.code).toBe(2);
  });

  test('a capped schema is refused when its collection is created', async () => {
    const schema = new Schema(
      { line: String },
      { capped: { size: 4096, max: 10 }, autoIndex: false, autoCreate: false },
    );
    const Log = conn.model('CappedLog', schema);
    await refusedHere(
      () => Log.createCollection(),
      'capped',
      async () => expect(await Log.collection.isCapped()).toBe(true),
    );
    if (onEngine)
      expect((await conn.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).not.toContain(
        'cappedlogs',
      );
  });
});
