// The explain command for find, aggregate, count, distinct, update and delete, in
// the shape drivers and mongoose read: queryPlanner (namespace, a winningPlan
// naming IXSCAN or COLLSCAN), executionStats when the verbosity asks, ok: 1.
// Explaining a write never performs it. Plan shapes differ between MongoDB's
// engines (classic or slot-based), so the tests look for stages anywhere in a plan.
import mongoose, { Schema } from 'mongoose';
import type { Collection, Document, ObjectId } from 'mongodb';
import { driverSuite } from './support/database';

interface Doc extends Document {
  _id?: number | ObjectId;
}

const suite = driverSuite('explain');

let coll: Collection<Doc>;
beforeAll(async () => {
  coll = suite.mdb.collection<Doc>('items');
  await coll.insertMany(
    Array.from({ length: 20 }, (_, i) => ({ _id: i, sku: `s${i}`, qty: i % 5, tag: i % 2 ? 'odd' : 'even' })),
  );
  await coll.createIndex({ sku: 1 }, { name: 'sku_1' });
});

/** Every value of `key` anywhere inside `value`. */
function allOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => allOf(v, key));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [...(k === key ? [v] : []), ...allOf(v, key)]);
}

const stages = (explained: unknown) => allOf(allOf(explained, 'winningPlan'), 'stage');

function expectPlanner(explained: Document, ns: string): void {
  expect(explained.ok).toBe(1);
  const planners = allOf(explained, 'queryPlanner') as Document[];
  expect(planners.length).toBeGreaterThan(0);
  expect(planners[0].namespace).toBe(ns);
  expect(planners[0].winningPlan).toEqual(expect.any(Object));
}

function executionStats(explained: Document): Document {
  const [stats] = allOf(explained, 'executionStats') as Document[];
  expect(stats).toEqual(
    expect.objectContaining({
      nReturned: expect.any(Number),
      totalDocsExamined: expect.any(Number),
      totalKeysExamined: expect.any(Number),
      executionTimeMillis: expect.any(Number),
    }),
  );
  return stats;
}

const ns = () => `${suite.mdb.databaseName}.items`;

describe('explain through the driver', () => {
  test('cursor.explain() of an indexed find names IXSCAN and the index, with execution stats', async () => {
    const explained = await coll.find({ sku: 's3' }).explain();
    expectPlanner(explained, ns());
    expect(stages(explained)).toContain('IXSCAN');
    expect(allOf(allOf(explained, 'winningPlan'), 'indexName')).toContain('sku_1');
    const stats = executionStats(explained);
    expect(stats.nReturned).toBe(1);
    expect(stats.totalKeysExamined).toBe(1);
    expect(stats.totalDocsExamined).toBe(1);
  });

  test('an unindexed find is a COLLSCAN that examines every document', async () => {
    const explained = await coll.find({ qty: 2 }).explain('executionStats');
    expectPlanner(explained, ns());
    expect(stages(explained)).toContain('COLLSCAN');
    expect(stages(explained)).not.toContain('IXSCAN');
    const stats = executionStats(explained);
    expect(stats.nReturned).toBe(4);
    expect(stats.totalDocsExamined).toBe(20);
    expect(stats.totalKeysExamined).toBe(0);
  });

  test("verbosity 'queryPlanner' leaves out executionStats", async () => {
    const explained = await coll.find({ sku: { $gte: 's1' } }).explain('queryPlanner');
    expectPlanner(explained, ns());
    expect(allOf(explained, 'executionStats')).toEqual([]);
  });

  test('aggregate(...).explain() plans the leading $match', async () => {
    const explained = await coll
      .aggregate([{ $match: { sku: { $in: ['s1', 's2'] } } }, { $group: { _id: '$tag', n: { $sum: 1 } } }])
      .explain('executionStats');
    expectPlanner(explained, ns());
    expect(stages(explained)).toContain('IXSCAN');
  });
});

describe('the explain command', () => {
  const explain = (command: Document, verbosity = 'executionStats') =>
    suite.mdb.command({ explain: command, verbosity });

  test('count and distinct', async () => {
    const counted = await explain({ count: 'items', query: { sku: 's4' } });
    expectPlanner(counted, ns());
    expect(stages(counted)).toContain('IXSCAN');
    const distinct = await explain({ distinct: 'items', key: 'tag', query: { qty: { $gt: 2 } } });
    expectPlanner(distinct, ns());
    expect(stages(distinct)).toContain('COLLSCAN');
  });

  test('update and delete are planned, not performed', async () => {
    const updated = await explain({ update: 'items', updates: [{ q: { sku: 's5' }, u: { $set: { qty: 99 } } }] });
    expectPlanner(updated, ns());
    expect(stages(updated)).toEqual(expect.arrayContaining(['UPDATE', 'IXSCAN']));
    const deleted = await explain({ delete: 'items', deletes: [{ q: { tag: 'odd' }, limit: 0 }] });
    expectPlanner(deleted, ns());
    expect(stages(deleted)).toEqual(expect.arrayContaining(['DELETE', 'COLLSCAN']));
    expect(await coll.findOne({ _id: 5 })).toEqual({ _id: 5, sku: 's5', qty: 0, tag: 'odd' });
    expect(await coll.countDocuments({})).toBe(20);
  });
});

describe('through mongoose', () => {
  test('Query#explain() answers with a plan', async () => {
    const conn = await mongoose.createConnection(suite.db.uri, { dbName: suite.mdb.databaseName }).asPromise();
    try {
      const Item = conn.model('Item', new Schema({ _id: Number, sku: String, qty: Number }), 'items');
      const explained = (await Item.find({ sku: 's7' }).explain('executionStats')) as unknown as Document;
      expectPlanner(explained, ns());
      expect(stages(explained)).toContain('IXSCAN');
    } finally {
      await conn.close();
    }
  });
});
