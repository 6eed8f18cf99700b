// Query filters compiled to predicates, with MongoDB's semantics for arrays,
// missing fields and BSON type brackets.
import { Query } from 'mingo';
import {
  canonicalType,
  compareValues,
  hasType,
  isNumeric,
  numberValue,
  isPlainObject,
  plainNumbers,
  regexParts,
  valuesEqual,
  type Doc,
} from './bson-values';
import { MongoError } from './errors';
import { dbRefFields, valuesAtPath } from './paths';
import { aliasProto, mentionsProto } from './proto-alias';

export type Predicate = (doc: Doc) => boolean;

/** `exprOptions` carries mingo options (variables of $lookup's `let`) into $expr. */
export function compileFilter(filter: unknown, exprOptions?: object): Predicate {
  if (filter === undefined || filter === null) return () => true;
  if (!isPlainObject(filter)) throw new MongoError(2, 'BadValue', 'filter must be an object');
  const parts: Predicate[] = [];
  for (const [key, cond] of Object.entries(filter)) {
    if (key.startsWith('$') && !dbRefKeys.has(key)) parts.push(compileTopLevel(key, cond, exprOptions));
    else parts.push(compileField(key, cond));
  }
  if (parts.length === 1) return parts[0];
  return (doc) => parts.every((p) => p(doc));
}

function compileTopLevel(op: string, arg: unknown, exprOptions?: object): Predicate {
  switch (op) {
    case '$and':
    case '$or':
    case '$nor': {
      if (!Array.isArray(arg) || arg.length === 0)
        throw new MongoError(2, 'BadValue', `${op} argument must be a non-empty array`);
      const subs = arg.map((f) => compileFilter(f, exprOptions));
      if (op === '$and') return (d) => subs.every((s) => s(d));
      if (op === '$or') return (d) => subs.some((s) => s(d));
      return (d) => !subs.some((s) => s(d));
    }
    case '$expr': {
      if (mentionsProto(arg)) {
        const aliased = new Query({ $expr: aliasProto(arg) }, exprOptions);
        return (d) => aliased.test(plainNumbers(d) as Doc);
      }
      const q = new Query({ $expr: arg }, exprOptions);
      return (d) => q.test(d);
    }
    case '$comment':
      return () => true;
    default:
      throw new MongoError(2, 'BadValue', `unknown top level operator: ${op}`);
  }
}

/** A DBRef's own fields: queries name them like ordinary fields ({'ref.$id': x}, {$elemMatch: {$id: x}}). */
const dbRefKeys = new Set(['$ref', '$id', '$db']);

function isOperatorObject(v: unknown): v is Doc {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys[0].startsWith('$') && !dbRefKeys.has(keys[0]);
}

function compileField(path: string, cond: unknown): Predicate {
  const test = compileValueTest(cond);
  return (doc) => test(valuesAtPath(doc, path));
}

/** A test over the list of values a path reaches. */
type ValuesTest = (values: unknown[]) => boolean;

function compileValueTest(cond: unknown): ValuesTest {
  if (isOperatorObject(cond)) {
    const tests: ValuesTest[] = [];
    const entries = Object.entries(cond);
    const options = typeof cond.$options === 'string' ? cond.$options : undefined;
    for (const [op, arg] of entries) {
      if (op === '$options') {
        if (!('$regex' in cond)) throw new MongoError(2, 'BadValue', '$options needs a $regex');
        continue;
      }
      tests.push(compileOperator(op, arg, options));
    }
    return (values) => tests.every((t) => t(values));
  }
  if (
    cond instanceof RegExp ||
    (typeof cond === 'object' && cond !== null && (cond as { _bsontype?: string })._bsontype === 'BSONRegExp')
  ) {
    const re = toJsRegExp(cond);
    return (values) => anyLeaf(values, (v) => matchesRegex(re, v) || valuesEqual(v, cond));
  }
  return equalityTest(cond);
}

/** Applies `test` to each value and to each element of array values. */
function anyLeaf(values: unknown[], test: (v: unknown) => boolean): boolean {
  for (const v of values) {
    if (test(v)) return true;
    if (Array.isArray(v)) for (const el of v) if (test(el)) return true;
  }
  return false;
}

function equalityTest(target: unknown): ValuesTest {
  if (target === null) return (values) => anyLeaf(values, (v) => v === null || v === undefined);
  return (values) => anyLeaf(values, (v) => valuesEqual(v, target));
}

function isNaNValue(v: unknown): boolean {
  return isNumeric(v) && Number.isNaN(numberValue(v));
}

function comparison(target: unknown, accept: (c: number) => boolean): ValuesTest {
  const bracket = canonicalType(target);
  const targetNaN = isNaNValue(target);
  return (values) =>
    anyLeaf(values, (v) => {
      if (v === undefined) return target === null && accept(0);
      if (canonicalType(v) !== bracket) return false;
      // NaN sorts lowest but is never "less than" a number; $lte/$gte NaN match NaN itself.
      if (isNaNValue(v) !== targetNaN) return false;
      return accept(compareValues(v, target));
    });
}

export function toJsRegExp(v: unknown, extraOptions?: string): RegExp {
  if (typeof v === 'string') return new RegExp(v, sanitizeFlags(extraOptions ?? ''));
  const { pattern, flags } = regexParts(v);
  return new RegExp(pattern, sanitizeFlags(extraOptions ?? flags));
}

function sanitizeFlags(flags: string): string {
  // JavaScript knows i, m, s, u; MongoDB's x (extended) has no equivalent and is dropped.
  return [...new Set(flags.split(''))].filter((f) => 'imsu'.includes(f)).join('');
}

function matchesRegex(re: RegExp, v: unknown): boolean {
  if (typeof v === 'string') return re.test(v);
  if (typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'BSONSymbol')
    return re.test(String((v as { value: string }).value));
  return false;
}

function inTest(list: unknown): ValuesTest {
  if (!Array.isArray(list)) throw new MongoError(2, 'BadValue', '$in needs an array');
  const tests = list.map((item) =>
    item instanceof RegExp || (item as { _bsontype?: string })?._bsontype === 'BSONRegExp'
      ? regexTest(toJsRegExp(item))
      : equalityTest(item),
  );
  return (values) => tests.some((t) => t(values));
}

function regexTest(re: RegExp): ValuesTest {
  return (values) => anyLeaf(values, (v) => matchesRegex(re, v));
}

function compileOperator(op: string, arg: unknown, options?: string): ValuesTest {
  switch (op) {
    case '$eq':
      return equalityTest(arg);
    case '$ne': {
      const eq = equalityTest(arg);
      return (values) => !eq(values);
    }
    case '$gt':
      return comparison(arg, (c) => c > 0);
    case '$gte':
      return comparison(arg, (c) => c >= 0);
    case '$lt':
      return comparison(arg, (c) => c < 0);
    case '$lte':
      return comparison(arg, (c) => c <= 0);
    case '$in':
      return inTest(arg);
    case '$nin': {
      const t = inTest(arg);
      return (values) => !t(values);
    }
    case '$exists':
      return arg ? (values) => values.some((v) => v !== undefined) : (values) => values.every((v) => v === undefined);
    case '$type': {
      const types = Array.isArray(arg) ? arg : [arg];
      return (values) =>
        values.some(
          (v) =>
            v !== undefined && types.some((t) => hasType(v, t) || (Array.isArray(v) && v.some((el) => hasType(el, t)))),
        );
    }
    case '$regex':
      return regexTest(toJsRegExp(arg, options));
    case '$not': {
      const inner =
        arg instanceof RegExp || (arg as { _bsontype?: string })?._bsontype === 'BSONRegExp'
          ? regexTest(toJsRegExp(arg))
          : compileValueTest(arg);
      if (
        !isOperatorObject(arg) &&
        !(arg instanceof RegExp) &&
        (arg as { _bsontype?: string })?._bsontype !== 'BSONRegExp'
      )
        throw new MongoError(2, 'BadValue', '$not needs a regex or a document');
      return (values) => !inner(values);
    }
    case '$size': {
      if (typeof arg !== 'number' || !Number.isInteger(arg) || arg < 0)
        throw new MongoError(2, 'BadValue', '$size needs a non-negative whole number');
      return (values) => values.some((v) => Array.isArray(v) && v.length === arg);
    }
    case '$all': {
      if (!Array.isArray(arg)) throw new MongoError(2, 'BadValue', '$all needs an array');
      if (arg.length === 0) return () => false;
      const tests = arg.map((item) =>
        isPlainObject(item) && '$elemMatch' in item
          ? compileOperator('$elemMatch', item.$elemMatch)
          : compileValueTest(item),
      );
      return (values) => tests.every((t) => t(values));
    }
    case '$elemMatch': {
      // {$ref, $id} arrives decoded as a DBRef; as a condition it is two field tests.
      arg = dbRefFields(arg) ?? arg;
      if (!isPlainObject(arg)) throw new MongoError(2, 'BadValue', '$elemMatch needs an object');
      const valueForm = isOperatorObject(arg) && !['$and', '$or', '$nor', '$expr'].includes(Object.keys(arg)[0]);
      const elemTest = valueForm ? compileValueTest(arg) : null;
      const docTest = valueForm ? null : compileFilter(arg);
      return (values) =>
        values.some(
          (v) =>
            Array.isArray(v) &&
            v.some((el) => {
              if (elemTest) return elemTest([el]);
              const fields = isPlainObject(el) ? el : dbRefFields(el);
              return fields !== undefined && docTest!(fields);
            }),
        );
    }
    case '$mod': {
      if (!Array.isArray(arg) || arg.length !== 2)
        throw new MongoError(2, 'BadValue', 'malformed mod, needs to be an array of [divisor, remainder]');
      const [d, r] = arg.map(Number);
      if (d === 0) throw new MongoError(2, 'BadValue', 'divisor cannot be 0');
      return (values) => anyLeaf(values, (v) => isNumeric(v) && Math.trunc(numberValue(v)) % d === r);
    }
    case '$comment':
      return () => true;
    default:
      throw new MongoError(2, 'BadValue', `unknown operator: ${op}`);
  }
}
