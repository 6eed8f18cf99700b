// Find projections as MongoDB applies them: $slice is neither inclusion nor
// exclusion, $elemMatch takes the full query language, _id comes first, and the
// other fields keep the document's order.
import mongoose, { Schema, type Connection } from 'mongoose';
import { DBRef, ObjectId, type Collection, type Document } from 'mongodb';
import { driverSuite } from './support/database';
import { serverError } from './support/mongoErrors';

/** Fixtures use numeric _ids. */
interface Doc extends Document {
  _id?: number | ObjectId;
}

const suite = driverSuite('proj');

let coll: Collection<Doc>;
beforeAll(async () => {
  coll = suite.mdb.collection<Doc>('people');
  await coll.insertOne({
    _id: 1,
    name: 'Ann',
    secret: 's3',
    scores: [1, 2, 3, 4, 5],
    items: [
      { sku: 'a', status: 'new', qty: 1 },
      { sku: 'b', status: 'paid', qty: 2 },
      { sku: 'c', status: 'sent', qty: 3 },
    ],
    address: { city: 'Wuhan', zip: '430000' },
  });
});

const one = (projection: Document, filter: Document = { _id: 1 }) => coll.findOne(filter, { projection });

describe('$slice', () => {
  test('a projection with only $slice keeps every other field', async () => {
    const doc = await one({ scores: { $slice: 2 } });
    expect(doc).toEqual({
      _id: 1,
      name: 'Ann',
      secret: 's3',
      scores: [1, 2],
      items: expect.any(Array),
      address: { city: 'Wuhan', zip: '430000' },
    });
    expect(Object.keys(doc!)).toEqual(['_id', 'name', 'secret', 'scores', 'items', 'address']);
  });

  test('$slice with an exclusion keeps the rest but the excluded field', async () => {
    expect(await one({ secret: 0, scores: { $slice: -2 }, items: 0 })).toEqual({
      _id: 1,
      name: 'Ann',
      scores: [4, 5],
      address: { city: 'Wuhan', zip: '430000' },
    });
  });

  test('$slice [skip, limit] with an inclusion', async () => {
    expect(await one({ name: 1, scores: { $slice: [1, 2] } })).toEqual({ _id: 1, name: 'Ann', scores: [2, 3] });
  });
});

describe('$elemMatch', () => {
  test('takes $in and the other query operators', async () => {
    expect(await one({ items: { $elemMatch: { status: { $in: ['paid', 'sent'] } } } })).toEqual({
      _id: 1,
      items: [{ sku: 'b', status: 'paid', qty: 2 }],
    });
    expect(await one({ items: { $elemMatch: { $or: [{ qty: { $gte: 3 } }, { sku: 'z' }] } }, name: 1 })).toEqual({
      _id: 1,
      name: 'Ann',
      items: [{ sku: 'c', status: 'sent', qty: 3 }],
    });
    // No element matches: the field is left out.
    expect(await one({ items: { $elemMatch: { status: { $in: ['lost'] } } } })).toEqual({ _id: 1 });
  });

  test('$in over ObjectIds and dates, through mongoose-style subdocuments', async () => {
    const [u1, u2, u3] = [new ObjectId(), new ObjectId(), new ObjectId()];
    const votes = suite.mdb.collection<Doc>('votes');
    await votes.insertOne({
      _id: 1,
      voters: [
        { user: u1, at: new Date('2026-01-01T00:00:00Z') },
        { user: u2, at: new Date('2026-01-02T00:00:00Z') },
      ],
    });
    const doc = await votes.findOne(
      { _id: 1 },
      {
        projection: {
          voters: { $elemMatch: { user: { $in: [u3, u2] }, at: { $in: [new Date('2026-01-02T00:00:00Z')] } } },
        },
      },
    );
    expect(doc).toEqual({ _id: 1, voters: [{ user: u2, at: new Date('2026-01-02T00:00:00Z') }] });
  });

  test('$in on the elements themselves (an array of scalars)', async () => {
    const [u1, u2] = [new ObjectId(), new ObjectId()];
    const lists = suite.mdb.collection<Doc>('lists');
    await lists.insertOne({ _id: 1, ids: [u1, u2], nums: [3, 7, 9] });
    expect(await lists.findOne({ _id: 1 }, { projection: { ids: { $elemMatch: { $in: [u2] } } } })).toEqual({
      _id: 1,
      ids: [u2],
    });
    expect(await lists.findOne({ _id: 1 }, { projection: { nums: { $elemMatch: { $gt: 5, $in: [9, 3] } } } })).toEqual({
      _id: 1,
      nums: [9],
    });
  });

  test('$id and $ref of DBRef elements can be named inside it', async () => {
    const a = new ObjectId();
    const b = new ObjectId();
    const refs = suite.mdb.collection<Doc>('refs');
    await refs.insertOne({ _id: 1, links: [new DBRef('users', a), new DBRef('users', b)] });
    const doc = await refs.findOne({ _id: 1 }, { projection: { links: { $elemMatch: { $id: b } } } });
    expect(doc).toEqual({ _id: 1, links: [new DBRef('users', b)] });
  });
});

describe('field order', () => {
  test('_id comes first, then the fields in the document order', async () => {
    expect(Object.keys((await one({ address: 1, name: 1, _id: 1 }))!)).toEqual(['_id', 'name', 'address']);
    expect(Object.keys((await one({ scores: 1, _id: 1, name: 1 }))!)).toEqual(['_id', 'name', 'scores']);
    const nested = await one({ 'address.zip': 1, 'address.city': 1 });
    expect(Object.keys(nested!.address as Document)).toEqual(['city', 'zip']);
  });

  test('mixing inclusion and exclusion is refused with MongoDB code 31254', async () => {
    const err = await serverError(coll.findOne({ _id: 1 }, { projection: { name: 1, secret: 0 } }));
    expect(err.code).toBe(31254);
  });
});

describe('through mongoose', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await mongoose.createConnection(suite.db.uri, { dbName: suite.db.dbName('projm') }).asPromise();
  });
  afterAll(async () => {
    await conn?.close();
  });

  test('$slice together with a select: false field', async () => {
    const Post = conn.model(
      'SlicedPost',
      new Schema({ title: String, token: { type: String, select: false }, comments: [String] }),
    );
    const post = await Post.create({ title: 't', token: 'hidden', comments: ['c1', 'c2', 'c3'] });
    const found = await Post.findById(post._id, { comments: { $slice: 1 } }).lean();
    expect(found).toEqual({ _id: post._id, title: 't', comments: ['c1'], __v: 0 });
    expect(Object.keys(found!)[0]).toBe('_id');
  });
});
