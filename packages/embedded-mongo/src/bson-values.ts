// BSON value semantics as MongoDB defines them: canonical type order, comparison
// across numeric types (number, Long, Decimal128) and type names for $type.
// mingo compares Long/Decimal128 as strings and misses BSON classes; this layer does not.
import { Binary, Decimal128, deserialize, Double, Long, ObjectId, serialize, Timestamp, BSONRegExp } from 'bson';

export type Doc = Record<string, unknown>;

// ---- decoding with type fidelity ----
// Values are held as: int32 → JS number; double → JS number, or Double when
// integral (so 7.0 stays a double); int64 → Long; decimal → Decimal128.

const rawOptions = { promoteValues: false, promoteBuffers: false, bsonRegExp: true } as const;

function normalize(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = normalize(v[i]);
    return v;
  }
  const tag = bsonTypeTag(v);
  if (tag === 'Int32') return (v as { value: number }).value;
  if (tag === 'Double') {
    const x = (v as Double).value;
    return Number.isInteger(x) ? v : x;
  }
  if (tag === 'Binary' || tag === 'Long' || tag !== undefined || v instanceof Date) return v;
  const o = v as Doc;
  for (const k of Object.keys(o)) o[k] = normalize(o[k]);
  return o;
}

export function decodeBson(buf: Uint8Array): Doc {
  return normalize(deserialize(buf, rawOptions)) as Doc;
}

export function encodeBson(doc: Doc): Buffer {
  return Buffer.from(serialize(doc, { ignoreUndefined: true, checkKeys: false }));
}

/**
 * mingo refuses any path through `__proto__`; MongoDB treats it as a field name. Inside
 * pipelines the field goes by this name, which no stored field can have (BSON field
 * names are NUL-terminated), and gets its own name back on the way out.
 */
export const PROTO_ALIAS = '\u0000__proto__';

/**
 * A copy for mingo: Double and safe Long values as JS numbers, a `__proto__` field
 * renamed to PROTO_ALIAS (counted in `renamed.count`).
 */
export function plainNumbers(v: unknown, renamed?: { count: number }): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => plainNumbers(x, renamed));
  const tag = bsonTypeTag(v);
  if (tag === 'Double') return (v as Double).value;
  if (tag === 'Long') {
    const n = (v as Long).toNumber();
    return Number.isSafeInteger(n) ? n : v;
  }
  if (tag !== undefined || v instanceof Date) return v;
  const out: Doc = {};
  for (const [k, x] of Object.entries(v as Doc)) {
    if (k !== '__proto__') out[k] = plainNumbers(x, renamed);
    else {
      out[PROTO_ALIAS] = plainNumbers(x, renamed);
      if (renamed) renamed.count++;
    }
  }
  return out;
}

/** Canonical type brackets, in MongoDB's comparison/sort order. */
export const TypeOrder = {
  minKey: 1,
  nullish: 5,
  number: 10,
  string: 15,
  object: 20,
  array: 25,
  binary: 30,
  objectId: 35,
  boolean: 40,
  date: 45,
  timestamp: 47,
  regex: 50,
  maxKey: 127,
} as const;

function bsonTypeTag(v: object): string | undefined {
  return (v as { _bsontype?: string })._bsontype;
}

export function isPlainObject(v: unknown): v is Doc {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof RegExp) &&
    bsonTypeTag(v) === undefined &&
    !Buffer.isBuffer(v) &&
    !(v instanceof Uint8Array)
  );
}

export function isNumeric(v: unknown): boolean {
  if (typeof v === 'number' || typeof v === 'bigint') return true;
  if (typeof v !== 'object' || v === null) return false;
  const t = bsonTypeTag(v);
  return t === 'Long' || t === 'Decimal128' || t === 'Int32' || t === 'Double';
}

export function canonicalType(v: unknown): number {
  if (v === undefined || v === null) return TypeOrder.nullish;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return TypeOrder.number;
    case 'string':
      return TypeOrder.string;
    case 'boolean':
      return TypeOrder.boolean;
  }
  if (Array.isArray(v)) return TypeOrder.array;
  if (v instanceof Date) return TypeOrder.date;
  if (v instanceof RegExp) return TypeOrder.regex;
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return TypeOrder.binary;
  switch (bsonTypeTag(v as object)) {
    case 'Long':
    case 'Decimal128':
    case 'Int32':
    case 'Double':
      return TypeOrder.number;
    case 'BSONSymbol':
      return TypeOrder.string;
    case 'ObjectId':
      return TypeOrder.objectId;
    case 'Binary':
      return TypeOrder.binary;
    case 'Timestamp':
      return TypeOrder.timestamp;
    case 'BSONRegExp':
      return TypeOrder.regex;
    case 'MinKey':
      return TypeOrder.minKey;
    case 'MaxKey':
      return TypeOrder.maxKey;
    case 'Code':
      return 60;
    case 'DBRef':
      return TypeOrder.object;
  }
  return TypeOrder.object;
}

/** Exact rational form of a finite number, for cross-type numeric comparison. */
interface Rational {
  num: bigint;
  den: bigint;
}

function doubleToRational(x: number): Rational {
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return { num: BigInt(x), den: 1n };
  const buf = Buffer.alloc(8);
  buf.writeDoubleBE(x);
  const bits = buf.readBigUInt64BE();
  const sign = bits >> 63n ? -1n : 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  return e >= 0 ? { num: sign * mant * (1n << BigInt(e)), den: 1n } : { num: sign * mant, den: 1n << BigInt(-e) };
}

/** Parses a Decimal128 string ("1.50E+3", "-0.1", "NaN", "Infinity"). */
function decimalToRational(s: string): Rational | number {
  if (/nan/i.test(s)) return NaN;
  if (/inf/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return NaN;
  const digits = (m[2] || '') + (m[3] || '');
  const exp = Number(m[4] || 0) - (m[3] || '').length;
  let num = BigInt(digits || '0');
  if (m[1] === '-') num = -num;
  return exp >= 0 ? { num: num * 10n ** BigInt(exp), den: 1n } : { num, den: 10n ** BigInt(-exp) };
}

/** A number as either a JS double (fast path, also NaN/±Infinity) or an exact rational. */
function toNumeric(v: unknown): number | Rational {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return { num: v, den: 1n };
  const t = bsonTypeTag(v as object);
  if (t === 'Long') return { num: BigInt((v as Long).toString()), den: 1n };
  if (t === 'Decimal128') return decimalToRational((v as Decimal128).toString());
  if (t === 'Int32' || t === 'Double') return (v as { value: number }).value;
  return NaN;
}

function compareNumeric(a: unknown, b: unknown): number {
  const x = toNumeric(a);
  const y = toNumeric(b);
  if (typeof x === 'number' && typeof y === 'number') {
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1; // NaN sorts below every number
    if (Number.isNaN(y)) return 1;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const special = (n: number | Rational): number | undefined =>
    typeof n === 'number' && !Number.isFinite(n) ? n : undefined;
  const sx = special(x);
  const sy = special(y);
  if (sx !== undefined || sy !== undefined) {
    const fx = sx ?? 0;
    const fy = sy ?? 0;
    if (Number.isNaN(fx)) return Number.isNaN(fy) ? 0 : -1;
    if (Number.isNaN(fy)) return 1;
    if (fx === fy) return sx !== undefined && sy !== undefined ? 0 : sx !== undefined ? Math.sign(fx) : -Math.sign(fy);
    return fx < fy ? -1 : 1;
  }
  const rx = typeof x === 'number' ? doubleToRational(x) : x;
  const ry = typeof y === 'number' ? doubleToRational(y) : y;
  const l = rx.num * ry.den;
  const r = ry.num * rx.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

function compareStrings(a: string, b: string): number {
  // MongoDB compares strings by their UTF-8 bytes (no collation).
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function stringOf(v: unknown): string {
  return typeof v === 'string' ? v : String((v as { value?: string }).value ?? v);
}

/** Total order over BSON values, as MongoDB sorts and compares them. */
export function compareValues(a: unknown, b: unknown): number {
  const ta = canonicalType(a);
  const tb = canonicalType(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  switch (ta) {
    case TypeOrder.nullish:
    case TypeOrder.minKey:
    case TypeOrder.maxKey:
      return 0;
    case TypeOrder.number:
      return compareNumeric(a, b);
    case TypeOrder.string:
      return compareStrings(stringOf(a), stringOf(b));
    case TypeOrder.boolean:
      return a === b ? 0 : a ? 1 : -1;
    case TypeOrder.date:
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case TypeOrder.objectId:
      return compareBytes((a as ObjectId).id, (b as ObjectId).id);
    case TypeOrder.timestamp: {
      const x = a as Timestamp;
      const y = b as Timestamp;
      return x.high !== y.high
        ? x.high >>> 0 < y.high >>> 0
          ? -1
          : 1
        : x.low >>> 0 === y.low >>> 0
          ? 0
          : x.low >>> 0 < y.low >>> 0
            ? -1
            : 1;
    }
    case TypeOrder.binary: {
      const x = binaryParts(a);
      const y = binaryParts(b);
      if (x.bytes.length !== y.bytes.length) return x.bytes.length < y.bytes.length ? -1 : 1;
      if (x.subType !== y.subType) return x.subType < y.subType ? -1 : 1;
      return compareBytes(x.bytes, y.bytes);
    }
    case TypeOrder.regex: {
      const x = regexParts(a);
      const y = regexParts(b);
      return compareStrings(x.pattern, y.pattern) || compareStrings(x.flags, y.flags);
    }
    case TypeOrder.array: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c) return c;
      }
      return Math.sign(x.length - y.length);
    }
    default:
      return compareObjects(a as Doc, b as Doc);
  }
}

function compareObjects(a: Doc, b: Doc): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const ta = canonicalType(a[ka[i]]);
    const tb = canonicalType(b[kb[i]]);
    if (ta !== tb) return ta < tb ? -1 : 1;
    const n = compareStrings(ka[i], kb[i]);
    if (n) return n;
    const c = compareValues(a[ka[i]], b[kb[i]]);
    if (c) return c;
  }
  return Math.sign(ka.length - kb.length);
}

export function binaryParts(v: unknown): { bytes: Uint8Array; subType: number } {
  if (bsonTypeTag(v as object) === 'Binary') {
    const b = v as Binary;
    return { bytes: b.buffer.subarray(0, b.position), subType: b.sub_type };
  }
  return { bytes: v as Uint8Array, subType: 0 };
}

export function regexParts(v: unknown): { pattern: string; flags: string } {
  if (v instanceof RegExp) return { pattern: v.source, flags: v.flags };
  const r = v as BSONRegExp;
  return { pattern: r.pattern, flags: r.options };
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return canonicalType(a) === canonicalType(b) && compareValues(a, b) === 0;
}

/** The `$type` name of a value ("missing" when undefined). */
export function typeName(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return isInt32(v) ? 'int' : 'double';
    case 'bigint':
      return 'long';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
  }
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return 'binData';
  switch (bsonTypeTag(v as object)) {
    case 'Long':
      return 'long';
    case 'Decimal128':
      return 'decimal';
    case 'Int32':
      return 'int';
    case 'Double':
      return 'double';
    case 'ObjectId':
      return 'objectId';
    case 'Binary':
      return 'binData';
    case 'Timestamp':
      return 'timestamp';
    case 'BSONRegExp':
      return 'regex';
    case 'BSONSymbol':
      return 'symbol';
    case 'MinKey':
      return 'minKey';
    case 'MaxKey':
      return 'maxKey';
    case 'Code':
      return 'javascript';
  }
  return 'object';
}

const typeNumbers: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  14: 'symbol',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};

/** Does `v` have the type named by a `$type` argument (alias or number; "number" covers all numerics)? */
export function hasType(v: unknown, spec: unknown): boolean {
  const name = typeof spec === 'number' ? typeNumbers[spec] : String(spec);
  if (name === 'number') return isNumeric(v);
  const actual = typeName(v);
  return actual === name;
}

// ---- exact arithmetic for $inc, $mul, $sum across numeric types ----

function decimalFromRational(r: Rational): Decimal128 {
  // Scale to at most 34 significant digits; exact for the sums of finite decimals we produce.
  let { num, den } = r;
  let exp = 0;
  while (den !== 1n && den % 10n === 0n && num % 10n === 0n) {
    num /= 10n;
    den /= 10n;
  }
  while (den !== 1n && exp > -6000) {
    num *= 10n;
    exp -= 1;
    if (num % den === 0n) break;
    if (num.toString().replace('-', '').length > 34) break;
  }
  const q = num / den;
  return Decimal128.fromString(`${q.toString()}E${exp}`);
}

type NumKind = 'int' | 'long' | 'double' | 'decimal';

function isInt32(v: number): boolean {
  return Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31 && !Object.is(v, -0);
}

function numKind(v: unknown): NumKind {
  if (typeof v === 'number') return isInt32(v) ? 'int' : 'double';
  const t = bsonTypeTag(v as object);
  if (t === 'Long') return 'long';
  if (t === 'Decimal128') return 'decimal';
  if (t === 'Int32') return 'int';
  return 'double';
}

/** A numeric BSON value as a JS number (approximate for huge Long/Decimal128). */
export function numberValue(v: unknown): number {
  if (typeof v === 'number') return v;
  const n = toNumeric(v);
  return typeof n === 'number' ? n : Number(n.num) / Number(n.den);
}

function combine(a: unknown, b: unknown, op: 'add' | 'mul'): unknown {
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka === 'decimal' || kb === 'decimal') {
    // MongoDB widens a double to decimal by its shortest decimal form, not its binary value.
    const asDecimal = (raw: unknown): Rational | number => {
      const n = toNumeric(raw);
      return typeof n === 'number' && Number.isFinite(n) ? decimalToRational(String(n)) : n;
    };
    const x = asDecimal(a);
    const y = asDecimal(b);
    if (typeof x === 'number' || typeof y === 'number')
      return Decimal128.fromString(
        String(op === 'add' ? numberValue(a) + numberValue(b) : numberValue(a) * numberValue(b)),
      );
    return decimalFromRational(
      op === 'add'
        ? { num: x.num * y.den + y.num * x.den, den: x.den * y.den }
        : { num: x.num * y.num, den: x.den * y.den },
    );
  }
  if (ka === 'double' || kb === 'double') {
    const r = op === 'add' ? numberValue(a) + numberValue(b) : numberValue(a) * numberValue(b);
    return Number.isInteger(r) ? new Double(r) : r; // stays a double, as in MongoDB
  }
  const x = BigInt(typeof a === 'number' ? a : (a as Long).toString());
  const y = BigInt(typeof b === 'number' ? b : (b as Long).toString());
  const r = op === 'add' ? x + y : x * y;
  // int32 arithmetic that overflows becomes int64, as in MongoDB
  if (ka === 'long' || kb === 'long' || r < -(2n ** 31n) || r >= 2n ** 31n)
    return Long.fromBigInt(BigInt.asIntN(64, r));
  return Number(r);
}

export function addNumbers(a: unknown, b: unknown): unknown {
  return combine(a, b, 'add');
}

export function multiplyNumbers(a: unknown, b: unknown): unknown {
  return combine(a, b, 'mul');
}

export { Long, Decimal128, ObjectId };
