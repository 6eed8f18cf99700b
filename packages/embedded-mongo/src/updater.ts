// Update documents ($set, $inc, $push…), replacements and pipeline updates,
// applied to a private copy of a stored document.
import { Long, ObjectId, Timestamp } from 'bson';
import {
  addNumbers,
  compareValues,
  isNumeric,
  isPlainObject,
  multiplyNumbers,
  valuesEqual,
  type Doc,
} from './bson-values';
import { runPipeline } from './aggregate';
import { errors, MongoError } from './errors';
import { compileFilter } from './matcher';
import { cloneValue, getPath, hasPath, PathError, setOwn, setPath, unsetPath } from './paths';

export type UpdateSpec = Doc | Doc[];

export interface UpdateContext {
  /** The query that selected the document, for the positional `$` operator. */
  filter?: Doc;
  arrayFilters?: Doc[];
  /** True when the update builds an upserted document ($setOnInsert applies). */
  isInsert?: boolean;
  now?: Date;
}

export function isOperatorUpdate(u: UpdateSpec): boolean {
  if (Array.isArray(u)) return false;
  const keys = Object.keys(u);
  return keys.length > 0 && keys[0].startsWith('$');
}

export function validateUpdate(u: unknown): UpdateSpec {
  if (Array.isArray(u)) return u as Doc[];
  if (!isPlainObject(u)) throw errors.failedToParse('Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length && ops.length !== keys.length)
    throw errors.failedToParse('Mixing update operators and plain fields is not allowed');
  if (!ops.length)
    for (const k of keys) if (k.includes('$') && k.startsWith('$')) throw errors.badValue(`invalid field name ${k}`);
  return u;
}

/** Applies an update to `doc` and returns the new document (the input is not modified). */
export function applyUpdate(original: Doc, update: UpdateSpec, ctx: UpdateContext = {}): Doc {
  if (Array.isArray(update)) return applyPipeline(original, update);
  if (!isOperatorUpdate(update)) return applyReplacement(original, update);
  const doc = cloneValue(original);
  const seen: string[] = [];
  const claim = (path: string) => {
    for (const p of seen) {
      if (p === path || p.startsWith(path + '.') || path.startsWith(p + '.'))
        throw errors.conflictingUpdate(`Updating the path '${path}' would create a conflict at '${p}'`);
    }
    seen.push(path);
  };
  const now = ctx.now ?? new Date();
  // Positional paths ($, $[], $[id]) resolve against the document as the query found
  // it, before any of them applies: every path of the update addresses the same elements.
  const steps: { op: string; path: string; arg: unknown }[] = [];
  for (const [op, fields] of Object.entries(update)) {
    if (!isPlainObject(fields))
      throw errors.failedToParse(`Modifiers operate on fields but we found type ${typeof fields} instead`);
    if (op === '$setOnInsert' && !ctx.isInsert) {
      for (const path of Object.keys(fields)) claim(path);
      continue;
    }
    for (const [rawPath, arg] of Object.entries(fields)) {
      for (const path of expandPositional(original, rawPath, ctx)) {
        claim(path);
        if (op === '$rename') claim(String(arg));
        steps.push({ op, path, arg });
      }
    }
  }
  for (const { op, path, arg } of steps) {
    try {
      applyOperator(doc, op, path, arg, now);
    } catch (e) {
      if (e instanceof PathError) throw new MongoError(e.code, 'PathNotViable', e.message);
      throw e;
    }
  }
  if (!ctx.isInsert && original._id !== undefined && !valuesEqual(original._id, doc._id))
    throw errors.immutableField("Performing an update on the path '_id' would modify the immutable field '_id'");
  return doc;
}

function applyReplacement(original: Doc, replacement: Doc): Doc {
  for (const k of Object.keys(replacement))
    if (k.startsWith('$')) throw errors.badValue(`The dollar ($) prefixed field '${k}' is not allowed here`);
  const out: Doc = {};
  if (original._id !== undefined) {
    if (replacement._id !== undefined && !valuesEqual(replacement._id, original._id))
      throw errors.immutableField(
        "After applying the update, the (immutable) field '_id' was found to have been altered",
      );
    out._id = original._id;
  }
  for (const [k, v] of Object.entries(replacement))
    if (k !== '_id' || out._id === undefined) setOwn(out, k, cloneValue(v));
  return out;
}

const pipelineStages = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

function applyPipeline(original: Doc, stages: Doc[]): Doc {
  for (const s of stages) {
    const name = Object.keys(s)[0];
    if (!pipelineStages.has(name))
      throw new MongoError(72, 'InvalidOptions', `${name} is not allowed to be used within an update`);
  }
  const [out] = runPipeline([cloneValue(original)], stages);
  if (!out) throw errors.badValue('pipeline update produced no document');
  if (original._id !== undefined && !valuesEqual(original._id, out._id))
    throw errors.immutableField("Performing an update on the path '_id' would modify the immutable field '_id'");
  return out;
}

// ---- positional operators ----

function expandPositional(doc: Doc, path: string, ctx: UpdateContext): string[] {
  const parts = path.split('.');
  const idx = parts.findIndex((p) => p === '$' || p.startsWith('$['));
  if (idx < 0) return [path];
  const prefix = parts.slice(0, idx).join('.');
  const rest = parts.slice(idx + 1).join('.');
  const arr = getPath(doc, prefix);
  const seg = parts[idx];
  const join = (i: number) => (rest ? `${prefix}.${i}.${rest}` : `${prefix}.${i}`);
  if (seg === '$') {
    if (ctx.isInsert) throw errors.badValue('The positional operator did not find the match needed from the query.');
    if (!Array.isArray(arr))
      throw errors.badValue('The positional operator did not find the match needed from the query.');
    const i = positionalIndex(arr, prefix, ctx.filter ?? {});
    if (i < 0) throw errors.badValue('The positional operator did not find the match needed from the query.');
    return expandPositional(doc, join(i), ctx);
  }
  if (!Array.isArray(arr)) {
    if (ctx.isInsert) return [];
    throw errors.badValue(`The path '${prefix}' must exist in the document in order to apply array updates.`);
  }
  const out: string[] = [];
  if (seg === '$[]') {
    for (let i = 0; i < arr.length; i++) out.push(...expandPositional(doc, join(i), ctx));
    return out;
  }
  const id = seg.slice(2, -1);
  const test = arrayFilterTest(id, ctx.arrayFilters ?? []);
  for (let i = 0; i < arr.length; i++) if (test(arr[i])) out.push(...expandPositional(doc, join(i), ctx));
  return out;
}

/** Index of the first element of `arr` (at `prefix`) that satisfies the query's conditions on it. */
export function positionalIndex(arr: unknown[], prefix: string, filter: Doc): number {
  // Each query condition on the array field is re-asked of single elements, wrapped as {v: element}.
  const tests: ((el: unknown) => boolean)[] = [];
  const gather = (f: Doc) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) v.forEach((s) => isPlainObject(s) && gather(s));
      else if (k === prefix) {
        const t = compileFilter({ v });
        tests.push(isPlainObject(v) && '$elemMatch' in v ? (el) => t({ v: [el] }) : (el) => t({ v: el }));
      } else if (k.startsWith(prefix + '.')) {
        const t = compileFilter({ ['v' + k.slice(prefix.length)]: v });
        tests.push((el) => t({ v: el }));
      }
    }
  };
  gather(filter);
  if (!tests.length) return -1;
  return arr.findIndex((el) => tests.every((t) => t(el)));
}

function arrayFilterTest(id: string, arrayFilters: Doc[]): (el: unknown) => boolean {
  const spec = arrayFilters.find((f) => Object.keys(f).some((k) => k === id || k.startsWith(id + '.')));
  if (!spec) throw errors.badValue(`No array filter found for identifier '${id}'`);
  const renamed: Doc = {};
  for (const [k, v] of Object.entries(spec)) renamed[k === id ? 'v' : 'v' + k.slice(id.length)] = v;
  const test = compileFilter(renamed);
  return (el) => test({ v: el });
}

// ---- single operators ----

/** Query operators that apply to a whole document rather than to one value. */
const documentOperators = new Set(['$and', '$or', '$nor', '$expr', '$where', '$text', '$comment', '$jsonSchema']);

function applyOperator(doc: Doc, op: string, path: string, arg: unknown, now: Date): void {
  switch (op) {
    case '$set':
    case '$setOnInsert':
      setPath(doc, path, cloneValue(arg));
      return;
    case '$unset':
      unsetPath(doc, path);
      return;
    case '$inc':
    case '$mul': {
      if (!isNumeric(arg))
        throw errors.typeMismatch(
          `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(arg)}}`,
        );
      const cur = getPath(doc, path);
      if (cur === undefined) {
        setPath(doc, path, op === '$inc' ? arg : multiplyNumbers(0, arg));
        return;
      }
      if (!isNumeric(cur))
        throw errors.typeMismatch(
          `Cannot apply ${op} to a value of non-numeric type. {_id: ${String(doc._id)}} has the field '${path}' of non-numeric type ${typeof cur}`,
        );
      setPath(doc, path, op === '$inc' ? addNumbers(cur, arg) : multiplyNumbers(cur, arg));
      return;
    }
    case '$min':
    case '$max': {
      const cur = getPath(doc, path);
      const c = cur === undefined ? null : compareValues(arg, cur);
      if (c === null || (op === '$min' ? c < 0 : c > 0)) setPath(doc, path, cloneValue(arg));
      return;
    }
    case '$rename': {
      if (typeof arg !== 'string') throw errors.badValue('The $rename target must be a string');
      if (!hasPath(doc, path)) return;
      const v = getPath(doc, path);
      unsetPath(doc, path);
      setPath(doc, arg, v);
      return;
    }
    case '$currentDate': {
      const type = isPlainObject(arg) ? arg.$type : 'date';
      setPath(
        doc,
        path,
        type === 'timestamp' ? Timestamp.fromBits(0, Math.floor(now.getTime() / 1000)) : new Date(now.getTime()),
      );
      return;
    }
    case '$push':
    case '$addToSet': {
      const arr = arrayAt(doc, path, op);
      const each = isPlainObject(arg) && '$each' in arg ? arg : { $each: [arg] };
      if (!Array.isArray(each.$each)) throw errors.badValue('The argument to $each must be an array');
      const items = (each.$each as unknown[]).map(cloneValue);
      if (op === '$addToSet') {
        for (const it of items) if (!arr.some((x) => valuesEqual(x, it))) arr.push(it);
      } else {
        const pos = each.$position === undefined ? arr.length : Number(each.$position);
        arr.splice(pos < 0 ? Math.max(0, arr.length + pos) : pos, 0, ...items);
        if (each.$sort !== undefined) sortArray(arr, each.$sort);
        if (each.$slice !== undefined) {
          const n = Number(each.$slice);
          const kept = n >= 0 ? arr.slice(0, n) : arr.slice(n);
          arr.splice(0, arr.length, ...kept);
        }
      }
      setPath(doc, path, arr);
      return;
    }
    case '$pull':
    case '$pullAll': {
      const cur = getPath(doc, path);
      if (cur === undefined) return;
      if (!Array.isArray(cur)) throw errors.badValue('Cannot apply $pull to a non-array value');
      let remove: (x: unknown) => boolean;
      if (op === '$pullAll') {
        if (!Array.isArray(arg)) throw errors.badValue('$pullAll requires an array argument');
        remove = (x) => arg.some((a) => valuesEqual(a, x));
      } else if (isPlainObject(arg)) {
        // As in MongoDB: an operator on the element itself ({$gte: 5}) tests each element;
        // anything else, $or/$and/$nor included, is a query run against subdocument elements.
        const first = Object.keys(arg)[0];
        const byValue = first !== undefined && first.startsWith('$') && !documentOperators.has(first);
        const test = compileFilter(byValue ? { v: arg } : arg);
        remove = byValue ? (x) => test({ v: x }) : (x) => isPlainObject(x) && test(x);
      } else if (arg instanceof RegExp) {
        const test = compileFilter({ v: arg });
        remove = (x) => test({ v: x });
      } else remove = (x) => valuesEqual(x, arg);
      setPath(
        doc,
        path,
        cur.filter((x) => !remove(x)),
      );
      return;
    }
    case '$bit': {
      if (!isPlainObject(arg) || Object.keys(arg).length !== 1 || !['and', 'or', 'xor'].includes(Object.keys(arg)[0]))
        throw errors.badValue('$bit needs exactly one of and, or, xor');
      const [bitOp, operand] = Object.entries(arg)[0];
      const cur = getPath(doc, path) ?? 0;
      const isInt = (v: unknown) =>
        (typeof v === 'number' && Number.isInteger(v)) || (v as { _bsontype?: string })?._bsontype === 'Long';
      if (!isInt(cur) || !isInt(operand)) throw errors.badValue(`$bit needs integer values for '${path}'`);
      const big = (v: unknown) => BigInt(typeof v === 'number' ? v : (v as Long).toString());
      const a = big(cur);
      const b = big(operand);
      const r = bitOp === 'and' ? a & b : bitOp === 'or' ? a | b : a ^ b;
      const wide = typeof cur !== 'number' || typeof operand !== 'number';
      setPath(doc, path, wide ? Long.fromBigInt(BigInt.asIntN(64, r)) : Number(BigInt.asIntN(32, r)));
      return;
    }
    case '$pop': {
      const cur = getPath(doc, path);
      if (cur === undefined) return;
      if (!Array.isArray(cur)) throw errors.typeMismatch('Path does not contain an array');
      const next = cur.slice();
      if (Number(arg) === -1) next.shift();
      else next.pop();
      setPath(doc, path, next);
      return;
    }
    default:
      throw errors.failedToParse(
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
  }
}

function arrayAt(doc: Doc, path: string, op: string): unknown[] {
  const cur = getPath(doc, path);
  if (cur === undefined) return [];
  if (!Array.isArray(cur))
    throw errors.badValue(
      `The field '${path}' must be an array but is of type ${typeof cur} in document {_id: ${String(doc._id)}}; ${op} requires an array`,
    );
  return cur.slice();
}

function sortArray(arr: unknown[], spec: unknown): void {
  if (typeof spec === 'number') {
    arr.sort((a, b) => compareValues(a, b) * spec);
    return;
  }
  if (!isPlainObject(spec)) throw errors.badValue('$sort must be 1, -1 or a document');
  const keys = Object.entries(spec);
  arr.sort((a, b) => {
    for (const [k, dir] of keys) {
      const c = compareValues(getPath(a, k), getPath(b, k));
      if (c) return c * Number(dir);
    }
    return 0;
  });
}

/** The document an upsert inserts before the update applies: the filter's equality fields. */
export function seedFromFilter(filter: Doc): Doc {
  const doc: Doc = {};
  const take = (f: Doc) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) v.forEach((s) => isPlainObject(s) && take(s));
      else if (k.startsWith('$')) continue;
      else if (isPlainObject(v) && Object.keys(v)[0]?.startsWith('$')) {
        if ('$eq' in v) setPath(doc, k, cloneValue(v.$eq));
      } else setPath(doc, k, cloneValue(v));
    }
  };
  take(filter);
  return doc;
}

export function ensureId(doc: Doc): Doc {
  if (doc._id !== undefined) return doc;
  return { _id: new ObjectId(), ...doc };
}
