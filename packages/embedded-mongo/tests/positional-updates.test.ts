// Positional update paths ($, $[], $[<id>]) resolve against the document as the
// query found it: every path of one update addresses the same elements, however
// an earlier path of the same update changed them. $pull conditions on
// subdocuments use the full query language ($or, $and and the field operators).
import mongoose, { Schema, type Connection } from 'mongoose';
import type { Collection, Document, ObjectId, UpdateFilter } from 'mongodb';
import { driverSuite } from './support/database';

/** Fixtures use numeric _ids. */
interface Doc extends Document {
  _id?: number | ObjectId;
}

const suite = driverSuite('pos');

let seq = 0;
async function collectionWith(...docs: Document[]): Promise<Collection<Doc>> {
  const coll = suite.mdb.collection<Doc>(`p_${++seq}`);
  if (docs.length) await coll.insertMany(docs);
  return coll;
}

/** Free-form update documents (the driver types them against the schema). */
const upd = (u: Document) => u as UpdateFilter<Doc>;

describe('the positional $ operator', () => {
  test('every $ path of one update addresses the element the query matched', async () => {
    const coll = await collectionWith({
      _id: 1,
      items: [
        { sku: 'a', status: 'shipped' },
        { sku: 'b', status: 'pending' },
        { sku: 'c', status: 'pending' },
      ],
    });
    const shippedAt = new Date('2026-01-02T03:04:05Z');
    await coll.updateOne(
      { 'items.status': 'pending' },
      upd({ $set: { 'items.$.status': 'shipped', 'items.$.shippedAt': shippedAt } }),
    );
    expect((await coll.findOne({ _id: 1 }))?.items).toEqual([
      { sku: 'a', status: 'shipped' },
      { sku: 'b', status: 'shipped', shippedAt },
      { sku: 'c', status: 'pending' },
    ]);
  });

  test('$ across operators ($set then $inc) addresses one element', async () => {
    const coll = await collectionWith({
      _id: 1,
      grades: [
        { grade: 80, mean: 75 },
        { grade: 85, mean: 90 },
        { grade: 85, mean: 85 },
      ],
    });
    await coll.updateOne({ 'grades.grade': 85 }, upd({ $set: { 'grades.$.grade': 86 }, $inc: { 'grades.$.mean': 1 } }));
    expect((await coll.findOne({ _id: 1 }))?.grades).toEqual([
      { grade: 80, mean: 75 },
      { grade: 86, mean: 91 },
      { grade: 85, mean: 85 },
    ]);
  });

  test('with $elemMatch, $ addresses the element matching every condition', async () => {
    const coll = await collectionWith({
      _id: 1,
      items: [
        { k: 1, on: false },
        { k: 2, on: true },
        { k: 2, on: false },
      ],
    });
    await coll.updateOne(
      { items: { $elemMatch: { k: 2, on: false } } },
      upd({ $set: { 'items.$.on': true, 'items.$.by': 'x' } }),
    );
    expect((await coll.findOne({ _id: 1 }))?.items).toEqual([
      { k: 1, on: false },
      { k: 2, on: true },
      { k: 2, on: true, by: 'x' },
    ]);
  });
});

describe('$[<identifier>] and $[]', () => {
  test('array filters select elements once, before any path of the update applies', async () => {
    const coll = await collectionWith({
      _id: 1,
      items: [
        { sku: 'a', status: 'pending' },
        { sku: 'b', status: 'shipped' },
        { sku: 'c', status: 'pending' },
      ],
    });
    const at = new Date('2026-02-03T00:00:00Z');
    await coll.updateOne({ _id: 1 }, upd({ $set: { 'items.$[p].status': 'shipped', 'items.$[p].shippedAt': at } }), {
      arrayFilters: [{ 'p.status': 'pending' }],
    });
    expect((await coll.findOne({ _id: 1 }))?.items).toEqual([
      { sku: 'a', status: 'shipped', shippedAt: at },
      { sku: 'b', status: 'shipped' },
      { sku: 'c', status: 'shipped', shippedAt: at },
    ]);
  });

  test('$[] combined with $ addresses every element of the inner array of the matched one', async () => {
    const coll = await collectionWith({
      _id: 1,
      orders: [
        { no: 1, lines: [{ qty: 1 }, { qty: 2 }] },
        { no: 2, lines: [{ qty: 3 }, { qty: 4 }] },
      ],
    });
    await coll.updateOne(
      { 'orders.no': 2 },
      upd({ $inc: { 'orders.$.lines.$[].qty': 10 }, $set: { 'orders.$.no': 20 } }),
    );
    expect((await coll.findOne({ _id: 1 }))?.orders).toEqual([
      { no: 1, lines: [{ qty: 1 }, { qty: 2 }] },
      { no: 20, lines: [{ qty: 13 }, { qty: 14 }] },
    ]);
  });
});

describe('$pull with query conditions on subdocuments', () => {
  test('$or and $and conditions remove the subdocuments they match', async () => {
    const coll = await collectionWith({
      _id: 1,
      items: [
        { a: 1, b: 1 },
        { a: 2, b: 2 },
        { a: 3, b: 3 },
        { a: 4, b: 4 },
      ],
    });
    await coll.updateOne({ _id: 1 }, upd({ $pull: { items: { $or: [{ a: 1 }, { b: 3 }] } } }));
    expect((await coll.findOne({ _id: 1 }))?.items).toEqual([
      { a: 2, b: 2 },
      { a: 4, b: 4 },
    ]);
    await coll.updateOne({ _id: 1 }, upd({ $pull: { items: { $and: [{ a: { $gte: 2 } }, { b: { $lt: 4 } }] } } }));
    expect((await coll.findOne({ _id: 1 }))?.items).toEqual([{ a: 4, b: 4 }]);
  });

  test('field operators, $in, $exists and $elemMatch inside a subdocument condition', async () => {
    const coll = await collectionWith({
      _id: 1,
      items: [
        { name: 'x', qty: 1, tags: ['red'] },
        { name: 'y', qty: 5, tags: ['blue', 'green'] },
        { name: 'z', qty: 9 },
        { name: 'w', qty: 7, tags: ['red', 'blue'] },
      ],
    });
    await coll.updateOne({ _id: 1 }, upd({ $pull: { items: { qty: { $lte: 1 } } } }));
    await coll.updateOne({ _id: 1 }, upd({ $pull: { items: { tags: { $exists: false } } } }));
    await coll.updateOne({ _id: 1 }, upd({ $pull: { items: { name: { $in: ['y'] }, qty: { $gt: 2 } } } }));
    expect((await coll.findOne({ _id: 1 }))?.items).toEqual([{ name: 'w', qty: 7, tags: ['red', 'blue'] }]);
    await coll.updateOne({ _id: 1 }, upd({ $pull: { items: { tags: { $elemMatch: { $eq: 'blue' } } } } }));
    expect((await coll.findOne({ _id: 1 }))?.items).toEqual([]);
  });

  test('a condition with operators on the element itself still pulls scalars', async () => {
    const coll = await collectionWith({ _id: 1, nums: [1, 5, 8, 12], words: ['apple', 'pear', 'plum'] });
    await coll.updateOne({ _id: 1 }, upd({ $pull: { nums: { $gte: 8 }, words: { $in: [/^p/] } } }));
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, nums: [1, 5], words: ['apple'] });
  });
});

describe('through mongoose', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await mongoose.createConnection(suite.db.uri, { dbName: suite.db.dbName('posm') }).asPromise();
  });
  afterAll(async () => {
    await conn?.close();
  });

  test('a positional update with subdocument timestamps stamps the matched element', async () => {
    const Item = new Schema({ sku: String, status: String }, { timestamps: true });
    const Order = conn.model('TimestampedOrder', new Schema({ items: [Item] }));
    const order = await Order.create({
      items: [
        { sku: 'a', status: 'shipped' },
        { sku: 'b', status: 'pending' },
      ],
    });
    const before = order.toObject().items.map((i: { updatedAt?: Date }) => i.updatedAt?.getTime());
    const start = Date.now();
    await Order.updateOne({ _id: order._id, 'items.status': 'pending' }, { $set: { 'items.$.status': 'shipped' } });
    const items = (await Order.findById(order._id).lean())!.items as {
      sku: string;
      status: string;
      updatedAt: Date;
    }[];
    expect(items.map((i) => [i.sku, i.status])).toEqual([
      ['a', 'shipped'],
      ['b', 'shipped'],
    ]);
    // The untouched element keeps its stamp; the matched one gets the new one.
    expect(items[0].updatedAt.getTime()).toBe(before[0]);
    expect(items[1].updatedAt.getTime()).toBeGreaterThanOrEqual(start);
  });

  test('DocumentArray#pull() removes subdocuments that have no _id', async () => {
    const Line = new Schema({ product: String, qty: Number }, { _id: false });
    const Cart = conn.model('CartWithoutIds', new Schema({ lines: [Line] }));
    const cart = await Cart.create({
      lines: [
        { product: 'a', qty: 1 },
        { product: 'b', qty: 2 },
        { product: 'c', qty: 3 },
      ],
    });
    cart.lines.pull({ product: 'b', qty: 2 });
    await cart.save();
    const stored = await Cart.findById(cart._id).lean();
    expect(stored!.lines).toEqual([
      { product: 'a', qty: 1 },
      { product: 'c', qty: 3 },
    ]);
  });
});
