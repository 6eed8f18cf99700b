// Aggregation pipelines on mingo, with the stages and accumulators whose
// semantics depend on BSON types ($match, $sort, $lookup, $sum, $avg, $min, $max)
// replaced by BSON-aware versions from this engine.
import { Aggregator } from 'mingo/aggregator';
import { Context, evalExpr, OpType } from 'mingo/core';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as expressionOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as projectionOps from 'mingo/operators/projection';
import * as queryOps from 'mingo/operators/query';
import * as windowOps from 'mingo/operators/window';
import { Lazy, type Iterator } from 'mingo/lazy';
import type { Any, AnyObject, Options } from 'mingo/types';
import {
  addNumbers,
  compareValues,
  isNumeric,
  isPlainObject,
  numberValue,
  plainNumbers,
  type Doc,
} from './bson-values';
import { errors, MongoError } from './errors';
import { encodeValue } from './keycodec';
import { compileFilter } from './matcher';
import { valuesAtPath } from './paths';
import { aliasProto, mentionsProto, restoreProto } from './proto-alias';

/** Loads a collection of the same database for $lookup, $unionWith and $graphLookup. */
export type CollectionLoader = (name: string) => Doc[];

export function compareBySortSpec(spec: Doc): (a: Doc, b: Doc) => number {
  const keys = Object.entries(spec);
  for (const [, dir] of keys)
    if (dir !== 1 && dir !== -1 && !isPlainObject(dir))
      throw errors.badValue('$sort key ordering must be 1 (for ascending) or -1 (for descending)');
  return (a, b) => {
    for (const [k, dir] of keys) {
      const c = compareValues(sortKey(a, k, dir === -1), sortKey(b, k, dir === -1));
      if (c) return dir === -1 ? -c : c;
    }
    return 0;
  };
}

/** MongoDB sorts by an array's smallest element ascending and its largest descending. */
function sortKey(doc: Doc, path: string, descending: boolean): unknown {
  const values = valuesAtPath(doc, path).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
  if (values.length === 1) return values[0];
  let best = values[0];
  for (const v of values.slice(1)) {
    const c = compareValues(v, best);
    if (descending ? c > 0 : c < 0) best = v;
  }
  return best;
}

function values(coll: AnyObject[], expr: Any, options: Options): unknown[] {
  return accumulatorOps.$push(coll, expr, options) as unknown[];
}

const $sum = (coll: AnyObject[], expr: Any, options: Options): Any => {
  let total: unknown = 0;
  for (const v of values(coll, expr, options)) if (isNumeric(v)) total = addNumbers(total, v);
  return total as Any;
};

const $avg = (coll: AnyObject[], expr: Any, options: Options): Any => {
  const nums = values(coll, expr, options).filter(isNumeric);
  if (!nums.length) return null;
  const total = nums.reduce((a, b) => addNumbers(a, b), 0);
  return numberValue(total) / nums.length;
};

const extreme =
  (sign: 1 | -1) =>
  (coll: AnyObject[], expr: Any, options: Options): Any => {
    let best: unknown;
    for (const v of values(coll, expr, options)) {
      if (v === undefined || v === null) continue;
      if (best === undefined || compareValues(v, best) * sign > 0) best = v;
    }
    return (best ?? null) as Any;
  };

function $match(coll: Iterator, expr: AnyObject, options: Options): Iterator {
  // $expr sees the pipeline's variables ($lookup's `let`), global and local.
  const local = (options as { local?: { variables?: AnyObject } }).local?.variables;
  const test = compileFilter(expr, { variables: { ...options.variables, ...local } });
  return coll.filter((o) => test(o as Doc));
}

/** mingo answers an empty input with a zero count; MongoDB returns no document. */
function $count(coll: Iterator, name: string): Iterator {
  return coll.transform((items) => Lazy(items.length ? [{ [name]: items.length }] : []));
}

function $sort(coll: Iterator, spec: AnyObject): Iterator {
  const cmp = compareBySortSpec(spec as Doc);
  return coll.transform((items) => Lazy((items as Doc[]).slice().sort(cmp)));
}

function $lookup(coll: Iterator, spec: AnyObject, options: Options): Iterator {
  const { from, localField, foreignField, as, pipeline } = spec as Doc;
  if (typeof from !== 'string' || typeof as !== 'string') throw errors.failedToParse('$lookup needs "from" and "as"');
  const load = options.collectionResolver as unknown as CollectionLoader | undefined;
  if (!load) throw errors.badValue('$lookup is not available here');
  const foreign = load(from).map((d) => plainNumbers(d, protoRenames) as Doc);
  const letSpec = (spec as Doc).let as Doc | undefined;
  return coll.map((o) => {
    const doc = { ...(o as Doc) };
    let matches = foreign;
    if (typeof localField === 'string' && typeof foreignField === 'string') {
      const locals = valuesAtPath(doc, localField)
        .flatMap((v) => (Array.isArray(v) ? v : [v]))
        .map((v) => (v === undefined ? null : v));
      matches = foreign.filter((f) =>
        valuesAtPath(f, foreignField).some((fv) =>
          (Array.isArray(fv) ? fv : [fv]).some((x) => locals.some((l) => compareValues(x ?? null, l) === 0)),
        ),
      );
    }
    if (Array.isArray(pipeline)) {
      const variables: Doc = {};
      for (const [k, e] of Object.entries(letSpec ?? {})) variables[k] = evalExpr(doc as AnyObject, e as Any, options);
      matches = runPipeline(
        matches.map((m) => ({ ...m })),
        pipeline as Doc[],
        load,
        variables,
      );
    }
    doc[as] = matches.map((m) => ({ ...m }));
    return doc;
  });
}

/** $sample without repeats (a partial Fisher–Yates shuffle). */
function $sample(coll: Iterator, spec: AnyObject): Iterator {
  const size = Number((spec as Doc).size);
  return coll.transform((items) => {
    const pool = (items as Doc[]).slice();
    const n = Math.min(size, pool.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(Math.random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return Lazy(pool.slice(0, n));
  });
}

/** A group key under which numerically equal values of any type coincide (the index key encoding). */
const $groupKey = (obj: AnyObject, expr: Any, options: Options): Any =>
  encodeValue(evalExpr(obj, expr, options) ?? null).toString('hex');

const context = Context.from(
  Context.init({
    expression: { $__groupKey: $groupKey } as never,
    pipeline: { $match, $sort, $lookup, $count, $sample } as never,
    accumulator: { $sum, $avg, $min: extreme(-1), $max: extreme(1) } as never,
  }),
  Context.init({
    accumulator: accumulatorOps as never,
    expression: expressionOps as never,
    pipeline: pipelineOps as never,
    projection: projectionOps as never,
    query: queryOps as never,
    window: windowOps as never,
  }),
);

/** $bucket as MongoDB defines it: a $group on a $switch over [lower, upper) boundaries. */
function bucketAsGroup(spec: Doc): Doc[] {
  const { groupBy, boundaries, default: fallback, output } = spec;
  if (!Array.isArray(boundaries) || boundaries.length < 2)
    throw new MongoError(
      40192,
      'Location40192',
      "The $bucket 'boundaries' field must be an array of at least two values",
    );
  for (let i = 1; i < boundaries.length; i++)
    if (compareValues(boundaries[i - 1], boundaries[i]) >= 0)
      throw new MongoError(
        40194,
        'Location40194',
        "The 'boundaries' option to $bucket must be sorted in ascending order",
      );
  const branches = boundaries.slice(0, -1).map((low, i) => ({
    case: { $and: [{ $gte: [groupBy, low] }, { $lt: [groupBy, boundaries[i + 1]] }] },
    then: low,
  }));
  const id = { $switch: { branches, ...(fallback !== undefined ? { default: fallback } : {}) } };
  return [{ $group: { _id: id, ...((output as Doc) ?? { count: { $sum: 1 } }) } }, { $sort: { _id: 1 } }];
}

function validateStage(stage: unknown): Doc[] {
  if (!isPlainObject(stage) || Object.keys(stage).length !== 1)
    throw new MongoError(
      40323,
      'Location40323',
      'A pipeline stage specification object must contain exactly one field.',
    );
  const [name, arg] = Object.entries(stage)[0];
  if (name === '$bucket') {
    if (!isPlainObject(arg))
      throw new MongoError(40201, 'Location40201', 'Argument to $bucket stage must be an object');
    return bucketAsGroup(arg);
  }
  if (!context.getOperator(OpType.PIPELINE, name))
    throw new MongoError(40324, 'Location40324', `Unrecognized pipeline stage name: '${name}'`);
  if (name === '$limit' && !(Number.isInteger(arg) && (arg as number) > 0))
    throw new MongoError(15958, 'Location15958', 'the limit must be positive');
  if (name === '$skip' && !(Number.isInteger(arg) && (arg as number) >= 0))
    throw new MongoError(15956, 'Location15956', 'invalid argument to $skip stage: value must be non-negative');
  if (name === '$group') {
    if (!isPlainObject(arg) || !('_id' in arg))
      throw new MongoError(15955, 'Location15955', 'a group specification must include an _id');
    // Group on a canonical key, then restore the group's first actual _id value.
    const { _id, ...accumulators } = arg;
    return [
      { $group: { _id: { $__groupKey: _id }, __groupId: { $first: _id }, ...accumulators } },
      { $set: { _id: '$__groupId' } },
      { $unset: '__groupId' },
    ];
  }
  if (name === '$sample' && !(isPlainObject(arg) && Number.isInteger(arg.size) && (arg.size as number) >= 0))
    throw new MongoError(28747, 'Location28747', 'size argument to $sample must be a non-negative integer');
  return [stage];
}

function idFirst(doc: Doc): Doc {
  if (!('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/** Counts `__proto__` fields renamed on the way into mingo (see PROTO_ALIAS). */
const protoRenames = { count: 0 };

export function runPipeline(docs: Doc[], pipeline: Doc[], load?: CollectionLoader, variables?: Doc): Doc[] {
  if (!Array.isArray(pipeline)) throw errors.typeMismatch("'pipeline' option must be specified as an array");
  const renamesBefore = protoRenames.count;
  const named = mentionsProto(pipeline);
  const stages = (named ? (aliasProto(pipeline) as Doc[]) : pipeline).flatMap(validateStage);
  const agg = new Aggregator(stages as AnyObject[], {
    context,
    collectionResolver: load as never,
    variables: variables as AnyObject | undefined,
    useStrictMode: true,
  });
  try {
    const input = docs.map((d) => plainNumbers(d, protoRenames)) as AnyObject[];
    const out = (agg.run(input) as Doc[]).map(idFirst);
    return named || protoRenames.count !== renamesBefore ? (out.map(restoreProto) as Doc[]) : out;
  } catch (e) {
    if (e instanceof MongoError) throw e;
    const message = (e as Error).message ?? String(e);
    if (/unregistered .*operator|unknown operator|'\$\w+' is not registered/i.test(message))
      throw new MongoError(168, 'InvalidPipelineOperator', message);
    throw new MongoError(2, 'BadValue', message);
  }
}

/** An aggregation expression's value for one document (computed fields of find projections). */
export function evaluateExpression(doc: Doc, expr: unknown): unknown {
  const [out] = runPipeline([doc], [{ $project: { _id: 0, value: expr } }]);
  return out?.value;
}
