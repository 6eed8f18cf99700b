// BSON type fidelity: values must round-trip with their exact type, compare and
// sort numerically across int/long/double/decimal, and do exact arithmetic on
// Long and Decimal128 (no detour through JS doubles).
import {
  Binary,
  Decimal128,
  Double,
  Int32,
  Long,
  ObjectId,
  Timestamp,
  UUID,
  type Collection,
  type Document,
} from 'mongodb';
import { driverSuite } from './support/database';

/** Fixtures use numeric and string _ids as well as ObjectIds. */
interface Doc extends Document {
  _id?: number | string | ObjectId;
}

const suite = driverSuite('bson');

let seq = 0;
async function collectionWith(...docs: Document[]): Promise<Collection<Doc>> {
  const coll = suite.mdb.collection<Doc>(`b_${++seq}`);
  if (docs.length) await coll.insertMany(docs);
  return coll;
}

async function idsWhere(coll: Collection<Doc>, filter: Document): Promise<unknown[]> {
  return (await coll.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
}

const BIG = '9007199254740993'; // 2^53 + 1: not representable as a double

describe('round trips', () => {
  test('ObjectId, Date (incl. pre-1970), Timestamp', async () => {
    const oid = new ObjectId();
    const date = new Date('2024-02-29T12:34:56.789Z');
    const old = new Date('1900-01-01T00:00:00.001Z');
    const ts = new Timestamp({ t: 1_700_000_000, i: 5 });
    const coll = await collectionWith({ _id: oid, date, old, ts });
    const doc = await coll.findOne({ _id: oid });
    expect(doc?._id).toBeInstanceOf(ObjectId);
    expect((doc?._id as ObjectId).toHexString()).toBe(oid.toHexString());
    expect(doc?.date).toBeInstanceOf(Date);
    expect((doc?.date as Date).getTime()).toBe(date.getTime());
    expect((doc?.old as Date).getTime()).toBe(old.getTime());
    expect(doc?.ts).toBeInstanceOf(Timestamp);
    expect((doc?.ts as Timestamp).t).toBe(1_700_000_000);
    expect((doc?.ts as Timestamp).i).toBe(5);
    expect(await coll.countDocuments({ ts })).toBe(1);
    expect(
      await coll.countDocuments({
        date: { $gte: new Date('2024-02-29T00:00:00Z'), $lt: new Date('2024-03-01T00:00:00Z') },
      }),
    ).toBe(1);
  });

  test('Int32 and Double keep their BSON type', async () => {
    const coll = await collectionWith({ _id: 1, i: new Int32(7), d: new Double(7), f: 7.25 });
    const raw = await coll.findOne({ _id: 1 }, { promoteValues: false });
    expect(raw?.i).toBeInstanceOf(Int32);
    expect((raw?.i as Int32).value).toBe(7);
    expect(raw?.d).toBeInstanceOf(Double);
    expect((raw?.d as Double).value).toBe(7);
    expect(await idsWhere(coll, { i: { $type: 'int' } })).toEqual([1]);
    expect(await idsWhere(coll, { d: { $type: 'double' } })).toEqual([1]);
    expect(await idsWhere(coll, { d: { $type: 'int' } })).toEqual([]);
    const promoted = await coll.findOne({ _id: 1 });
    expect(promoted).toEqual({ _id: 1, i: 7, d: 7, f: 7.25 });
  });

  test('Long beyond 2^53 is stored and returned exactly', async () => {
    const coll = await collectionWith(
      { _id: 1, v: Long.fromString(BIG) },
      { _id: 2, v: Long.fromString('9007199254740992') },
    );
    const asBigInt = await coll.findOne({ _id: 1 }, { useBigInt64: true });
    expect(asBigInt?.v).toBe(BigInt(BIG));
    const asLong = await coll.findOne({ _id: 1 });
    expect(asLong?.v).toBeInstanceOf(Long);
    expect((asLong?.v as Long).toString()).toBe(BIG);
    // Equality must distinguish 2^53 from 2^53+1.
    expect(await idsWhere(coll, { v: Long.fromString(BIG) })).toEqual([1]);
    expect(await idsWhere(coll, { v: { $type: 'long' } })).toEqual([1, 2]);
  });

  test('Long is compared exactly against doubles', async () => {
    const coll = await collectionWith({ _id: 1, v: Long.fromString(BIG) });
    // 9007199254740992 is sent as a double; the long 2^53+1 is strictly greater.
    expect(await idsWhere(coll, { v: { $gt: 9007199254740992 } })).toEqual([1]);
    expect(await idsWhere(coll, { v: 9007199254740992 })).toEqual([]);
  });

  test('Decimal128 keeps its digits, and compares numerically', async () => {
    const coll = await collectionWith(
      { _id: 1, v: Decimal128.fromString('1.50') },
      { _id: 2, v: Decimal128.fromString('0.1') },
    );
    const doc = await coll.findOne({ _id: 1 });
    expect(doc?.v).toBeInstanceOf(Decimal128);
    expect((doc?.v as Decimal128).toString()).toBe('1.50');
    expect(await idsWhere(coll, { v: Decimal128.fromString('1.5') })).toEqual([1]);
    expect(await idsWhere(coll, { v: 1.5 })).toEqual([1]);
    expect(await idsWhere(coll, { v: { $type: 'decimal' } })).toEqual([1, 2]);
  });

  test('Binary with subtypes and UUID', async () => {
    const bytes = Buffer.from([0, 1, 2, 254, 255]);
    const uuid = new UUID();
    const coll = await collectionWith({
      _id: 1,
      bin: new Binary(bytes),
      custom: new Binary(Buffer.from('hi'), 0x80),
      uuid,
    });
    const doc = await coll.findOne({ _id: 1 });
    expect(doc?.bin).toBeInstanceOf(Binary);
    expect((doc?.bin as Binary).sub_type).toBe(0);
    expect(Buffer.from((doc?.bin as Binary).buffer)).toEqual(bytes);
    expect((doc?.custom as Binary).sub_type).toBe(0x80);
    expect(Buffer.from((doc?.custom as Binary).buffer).toString()).toBe('hi');
    expect(doc?.uuid).toBeInstanceOf(UUID);
    expect((doc?.uuid as UUID).toHexString()).toBe(uuid.toHexString());
    expect(await idsWhere(coll, { uuid })).toEqual([1]);
    expect(await idsWhere(coll, { bin: new Binary(bytes) })).toEqual([1]);
    expect(await idsWhere(coll, { uuid: new UUID() })).toEqual([]);
  });

  test('nested arrays round-trip and match one level deep only', async () => {
    const m = [
      [1, 2],
      [3, [4, 5]],
    ];
    const coll = await collectionWith({ _id: 1, m });
    expect((await coll.findOne({ _id: 1 }))?.m).toEqual(m);
    expect(await idsWhere(coll, { m: [1, 2] })).toEqual([1]);
    // Query traversal descends one array level, so 1 (nested two deep) does not match.
    expect(await idsWhere(coll, { m: 1 })).toEqual([]);
    expect(await idsWhere(coll, { 'm.0': [1, 2] })).toEqual([1]);
    expect(await idsWhere(coll, { 'm.0.1': 2 })).toEqual([1]);
    expect(await idsWhere(coll, { 'm.1.1': [4, 5] })).toEqual([1]);
  });
});

describe('numeric comparison and sort across types', () => {
  test('{$gt: Decimal128} compares against every numeric type', async () => {
    const coll = await collectionWith(
      { _id: 1, v: 1 },
      { _id: 2, v: 1.5 },
      { _id: 3, v: 2 },
      { _id: 4, v: Decimal128.fromString('1.50001') },
      { _id: 5, v: Long.fromNumber(3) },
      { _id: 6, v: '9' },
    );
    expect(await idsWhere(coll, { v: { $gt: Decimal128.fromString('1.5') } })).toEqual([3, 4, 5]);
    expect(await idsWhere(coll, { v: { $gte: Decimal128.fromString('1.5') } })).toEqual([2, 3, 4, 5]);
    expect(await idsWhere(coll, { v: { $lt: Long.fromNumber(2) } })).toEqual([1, 2, 4]);
    // Equality across types: int 2 equals Decimal128 2.0 and Long 2.
    expect(await idsWhere(coll, { v: Decimal128.fromString('2.0') })).toEqual([3]);
    expect(await idsWhere(coll, { v: Long.fromNumber(2) })).toEqual([3]);
  });

  test('numerically equal values of different types are one value for distinct, $group, $in and $addToSet', async () => {
    const coll = await collectionWith(
      { _id: 1, v: 1 },
      { _id: 2, v: new Double(1) },
      { _id: 3, v: Long.fromNumber(1) },
      { _id: 4, v: Decimal128.fromString('1.0') },
      { _id: 5, v: 2 },
    );
    const distinct = await coll.distinct('v');
    expect(distinct).toHaveLength(2);
    expect(distinct.map((v) => Number(String(v))).sort()).toEqual([1, 2]);
    const groups = await coll.aggregate([{ $group: { _id: '$v', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray();
    expect(groups.map((g) => g.n)).toEqual([4, 1]);
    expect(await idsWhere(coll, { v: { $in: [Decimal128.fromString('2')] } })).toEqual([5]);
    const set = await collectionWith({ _id: 1, arr: [1] });
    const res = await set.updateOne(
      { _id: 1 },
      { $addToSet: { arr: { $each: [new Double(1), Decimal128.fromString('1.00')] } } },
    );
    expect(res.modifiedCount).toBe(0);
  });

  test('sort orders int, long, double and decimal by value', async () => {
    const coll = await collectionWith(
      { _id: 'int3', v: new Int32(3) },
      { _id: 'bigLong', v: Long.fromString(BIG) },
      { _id: 'dbl2.5', v: new Double(2.5) },
      { _id: 'dec2.75', v: Decimal128.fromString('2.75') },
      { _id: 'longNeg', v: Long.fromNumber(-1) },
      { _id: 'decNeg', v: Decimal128.fromString('-0.5') },
      { _id: 'dbl2^53', v: new Double(9007199254740992) },
      { _id: 'dbl1e20', v: new Double(1e20) },
    );
    const asc = ['longNeg', 'decNeg', 'dbl2.5', 'dec2.75', 'int3', 'dbl2^53', 'bigLong', 'dbl1e20'];
    expect((await coll.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual(asc);
    expect((await coll.find().sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual([...asc].reverse());
  });

  test('ObjectIds compare by their bytes (creation time first)', async () => {
    const early = ObjectId.createFromTime(1_000_000);
    const late = ObjectId.createFromTime(2_000_000);
    const coll = await collectionWith({ _id: late }, { _id: early });
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => (d._id as ObjectId).toHexString())).toEqual([
      early.toHexString(),
      late.toHexString(),
    ]);
    expect(await coll.countDocuments({ _id: { $gt: early } })).toBe(1);
  });

  test('dates sort chronologically, including before 1970', async () => {
    const coll = await collectionWith(
      { _id: 'b', d: new Date('2000-01-01T00:00:00Z') },
      { _id: 'a', d: new Date('1969-12-31T23:59:59Z') },
      { _id: 'c', d: new Date('2030-06-01T00:00:00Z') },
    );
    expect((await coll.find().sort({ d: 1 }).toArray()).map((d) => d._id)).toEqual(['a', 'b', 'c']);
  });
});

describe('special doubles', () => {
  test('NaN sorts below every number and only equals itself; infinities round-trip', async () => {
    const coll = await collectionWith(
      { _id: 'zero', v: 0 },
      { _id: 'nan', v: NaN },
      { _id: 'inf', v: Infinity },
      { _id: 'neg', v: -1 },
      { _id: 'ninf', v: -Infinity },
    );
    expect((await coll.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual([
      'nan',
      'ninf',
      'neg',
      'zero',
      'inf',
    ]);
    expect(await idsWhere(coll, { v: NaN })).toEqual(['nan']);
    // Range comparisons never match NaN even though it sorts lowest.
    expect(await idsWhere(coll, { v: { $lt: 0 } })).toEqual(['neg', 'ninf']);
    expect(await idsWhere(coll, { v: { $gte: -Infinity } })).toEqual(['inf', 'neg', 'ninf', 'zero']);
    expect(Number.isNaN((await coll.findOne({ _id: 'nan' }))?.v)).toBe(true);
    expect((await coll.findOne({ _id: 'ninf' }))?.v).toBe(-Infinity);
  });
});

describe('exact arithmetic', () => {
  test('$inc on Decimal128 is exact', async () => {
    const coll = await collectionWith({ _id: 1, v: Decimal128.fromString('0.1'), w: Decimal128.fromString('1.1') });
    await coll.updateOne({ _id: 1 }, { $inc: { v: Decimal128.fromString('0.2'), w: 1 } });
    const doc = await coll.findOne({ _id: 1 });
    expect(doc?.v).toBeInstanceOf(Decimal128);
    expect((doc?.v as Decimal128).toString()).toBe('0.3');
    expect(doc?.w).toBeInstanceOf(Decimal128);
    expect((doc?.w as Decimal128).toString()).toBe('2.1');
  });

  test('$inc on Long beyond 2^53 is exact and stays a long', async () => {
    const coll = await collectionWith({ _id: 1, v: Long.fromString(BIG), w: Long.fromString(BIG) });
    await coll.updateOne({ _id: 1 }, { $inc: { v: Long.fromNumber(2), w: 1 } });
    const doc = await coll.findOne({ _id: 1 }, { useBigInt64: true });
    expect(doc?.v).toBe(9007199254740995n);
    expect(doc?.w).toBe(9007199254740994n);
    expect(await idsWhere(coll, { v: { $type: 'long' }, w: { $type: 'long' } })).toEqual([1]);
  });

  test('int32 overflow under $inc is promoted to long', async () => {
    const coll = await collectionWith({ _id: 1, v: new Int32(2147483647) });
    await coll.updateOne({ _id: 1 }, { $inc: { v: 1 } });
    const doc = await coll.findOne({ _id: 1 }, { useBigInt64: true });
    expect(doc?.v).toBe(2147483648n);
    expect(await idsWhere(coll, { v: { $type: 'long' } })).toEqual([1]);
  });

  test('$sum over Decimal128 and Long values is exact', async () => {
    const coll = await collectionWith(
      { _id: 1, g: 'dec', v: Decimal128.fromString('0.1') },
      { _id: 2, g: 'dec', v: Decimal128.fromString('0.1') },
      { _id: 3, g: 'dec', v: Decimal128.fromString('0.1') },
      { _id: 4, g: 'long', v: Long.fromString(BIG) },
      { _id: 5, g: 'long', v: Long.fromNumber(2) },
      { _id: 6, g: 'mixed', v: 1 },
      { _id: 7, g: 'mixed', v: Decimal128.fromString('0.25') },
    );
    const rows = await coll
      .aggregate([{ $group: { _id: '$g', total: { $sum: '$v' } } }, { $sort: { _id: 1 } }], { useBigInt64: true })
      .toArray();
    expect(rows.map((r) => r._id)).toEqual(['dec', 'long', 'mixed']);
    expect(rows[0].total).toBeInstanceOf(Decimal128);
    expect((rows[0].total as Decimal128).toString()).toBe('0.3');
    expect(rows[1].total).toBe(9007199254740995n);
    expect(rows[2].total).toBeInstanceOf(Decimal128);
    expect((rows[2].total as Decimal128).toString()).toBe('1.25');
  });
});

describe('$type on BSON classes', () => {
  test("'objectId' and 'decimal' select exactly those values", async () => {
    const coll = await collectionWith(
      { _id: 1, v: new ObjectId() },
      { _id: 2, v: Decimal128.fromString('3') },
      { _id: 3, v: '507f1f77bcf86cd799439011' },
      { _id: 4, v: 3 },
      { _id: 5, v: [new ObjectId(), 1] },
    );
    expect(await idsWhere(coll, { v: { $type: 'objectId' } })).toEqual([1, 5]);
    expect(await idsWhere(coll, { v: { $type: 'decimal' } })).toEqual([2]);
    expect(await idsWhere(coll, { v: { $type: 7 } })).toEqual([1, 5]);
    expect(await idsWhere(coll, { v: { $type: 19 } })).toEqual([2]);
    // Equality across numeric types: Decimal128('3') equals int 3.
    expect(await idsWhere(coll, { v: 3 })).toEqual([2, 4]);
  });
});
