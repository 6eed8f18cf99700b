// Chooses how to find a query's documents: _id point reads, key ranges on one
// index (equality prefix plus one range, optionally in sort order), or a scan.
// Plans only narrow the search: every candidate is re-checked by the matcher.
import { canonicalType, isPlainObject, type Doc } from './bson-values';
import type { IndexInfo } from './indexes';
import { errors } from './errors';
import { encodeValue, invert, successor } from './keycodec';

export interface KeyRange {
  low: Buffer;
  high: Buffer; // exclusive
}

export type Plan =
  | { kind: 'ids'; ids: Buffer[] }
  | { kind: 'index'; index: IndexInfo; ranges: KeyRange[]; descending: boolean; providesSort: boolean }
  | { kind: 'scan'; descending: boolean; providesSort: boolean };

interface FieldPredicate {
  eq?: unknown[]; // equality alternatives ($eq or $in)
  low?: unknown;
  high?: unknown;
}

const MAX_POINTS = 500;

function isRegex(v: unknown): boolean {
  return (
    v instanceof RegExp ||
    (typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'BSONRegExp')
  );
}

function indexableScalar(v: unknown): boolean {
  return !Array.isArray(v) && !isRegex(v) && v !== undefined;
}

/** Per-path predicates the index can serve, from the top level and $and. */
function extractPredicates(filter: Doc, out = new Map<string, FieldPredicate>()): Map<string, FieldPredicate> {
  for (const [path, cond] of Object.entries(filter)) {
    if (path === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) extractPredicates(sub, out);
      continue;
    }
    if (path.startsWith('$')) continue;
    const p = out.get(path) ?? {};
    if (isPlainObject(cond) && Object.keys(cond)[0]?.startsWith('$')) {
      for (const [op, arg] of Object.entries(cond)) {
        if (op === '$eq' && indexableScalar(arg)) p.eq = [arg];
        else if (op === '$in' && Array.isArray(arg) && arg.length <= MAX_POINTS && arg.every(indexableScalar))
          p.eq = arg;
        else if ((op === '$gt' || op === '$gte') && indexableScalar(arg) && arg !== null) p.low = arg;
        else if ((op === '$lt' || op === '$lte') && indexableScalar(arg) && arg !== null) p.high = arg;
      }
    } else if (indexableScalar(cond)) p.eq = [cond];
    if (p.eq || p.low !== undefined || p.high !== undefined) out.set(path, p);
  }
  return out;
}

function componentRange(pred: FieldPredicate, descending: boolean): KeyRange | null {
  const { low, high } = pred;
  if (low !== undefined && high !== undefined && canonicalType(low) !== canonicalType(high)) return null;
  const bracket = canonicalType(low !== undefined ? low : high);
  const ascLow = low !== undefined ? encodeValue(low) : Buffer.from([bracket]);
  const ascHigh = high !== undefined ? successor(encodeValue(high)) : Buffer.from([bracket + 1]);
  if (!descending) return { low: ascLow, high: ascHigh };
  return {
    low: high !== undefined ? invert(encodeValue(high)) : Buffer.from([~bracket & 0xff]),
    high: low !== undefined ? successor(invert(encodeValue(low))) : Buffer.from([(~bracket & 0xff) + 1]),
  };
}

function eqComponent(v: unknown, descending: boolean): Buffer {
  const enc = encodeValue(v);
  return descending ? invert(enc) : enc;
}

/** Does the index order serve the sort (forward or backward) after `eqCount` equality fields? */
function sortDirection(
  index: IndexInfo,
  eqCount: number,
  sort: [string, number][] | undefined,
): 'forward' | 'backward' | null {
  if (!sort?.length || index.multikey) return null;
  const fields = index.fields.slice(eqCount);
  if (fields.length < sort.length) return null;
  let dir: 'forward' | 'backward' | null = null;
  for (let i = 0; i < sort.length; i++) {
    if (fields[i].path !== sort[i][0]) return null;
    const same = (sort[i][1] === -1) === fields[i].descending;
    const d = same ? 'forward' : 'backward';
    if (dir && dir !== d) return null;
    dir = d;
  }
  return dir;
}

export function planQuery(filter: Doc, indexes: IndexInfo[], sort?: Doc, hint?: unknown): Plan {
  if (hint !== undefined && !(isPlainObject(hint) && Object.keys(hint).length === 0))
    return hintedPlan(filter, indexes, sort, hint);
  const preds = extractPredicates(filter);
  const sortSpec = sort && Object.keys(sort).length ? (Object.entries(sort) as [string, number][]) : undefined;
  const idPred = preds.get('_id');
  if (idPred?.eq) return { kind: 'ids', ids: idPred.eq.map((v) => encodeValue(v)) };

  let best: { plan: Plan; score: number } | null = null;
  for (const index of indexes) {
    if (index.partial) continue;
    let prefixes: Buffer[] = [Buffer.alloc(0)];
    let eqCount = 0;
    for (const f of index.fields) {
      const p = preds.get(f.path);
      if (!p?.eq || prefixes.length * p.eq.length > MAX_POINTS) break;
      if (index.spec.sparse && eqCount === 0 && p.eq.some((v) => v === null)) break;
      prefixes = prefixes.flatMap((pre) => p.eq!.map((v) => Buffer.concat([pre, eqComponent(v, f.descending)])));
      eqCount++;
    }
    const next = index.fields[eqCount];
    const rangePred = next ? preds.get(next.path) : undefined;
    const range = rangePred && !rangePred.eq ? componentRange(rangePred, next.descending) : null;
    if (index.spec.sparse && eqCount === 0 && !range) continue;
    const dir = prefixes.length === 1 ? sortDirection(index, eqCount, sortSpec) : null;
    const score = eqCount * 10 + (range ? 5 : 0) + (dir ? 3 : 0);
    if (score === 0) continue;
    const ranges = prefixes.map((pre) =>
      range
        ? { low: Buffer.concat([pre, range.low]), high: Buffer.concat([pre, range.high]) }
        : { low: pre, high: pre.length ? successor(pre) : Buffer.from([0xff, 0xff]) },
    );
    if (!best || score > best.score)
      best = { plan: { kind: 'index', index, ranges, descending: dir === 'backward', providesSort: !!dir }, score };
  }
  if (best) return best.plan;
  if (sortSpec?.length === 1 && sortSpec[0][0] === '_id')
    return { kind: 'scan', descending: sortSpec[0][1] === -1, providesSort: true };
  return { kind: 'scan', descending: false, providesSort: !sortSpec };
}

/**
 * The plan a hint forces: the named (or key-pattern) index even where it serves no
 * predicate, so a hinted sparse index leaves out documents it does not hold, as in MongoDB.
 */
function hintedPlan(filter: Doc, indexes: IndexInfo[], sort: Doc | undefined, hint: unknown): Plan {
  const sortSpec = sort && Object.keys(sort).length ? (Object.entries(sort) as [string, number][]) : undefined;
  if (isPlainObject(hint) && '$natural' in hint)
    return { kind: 'scan', descending: Number(hint.$natural) < 0, providesSort: !sortSpec };
  const named = (key: Doc, name: string) =>
    typeof hint === 'string' ? hint === name : isPlainObject(hint) && sameKeyPattern(key, hint);
  if (named({ _id: 1 }, '_id_')) return planQuery(filter, [], sort);
  const index = indexes.find((i) => named(i.spec.key, i.spec.name));
  // A partial index could only be used where the query implies its filter, which is not checked here.
  if (!index || index.partial) throw errors.badValue('hint provided does not correspond to an existing index');
  const { _id, ...rest } = filter;
  void _id;
  const plan = planQuery(rest, [index], sort);
  if (plan.kind === 'index') return plan;
  const dir = sortDirection(index, 0, sortSpec);
  const everything = { low: Buffer.alloc(0), high: Buffer.from([0xff, 0xff]) };
  return { kind: 'index', index, ranges: [everything], descending: dir === 'backward', providesSort: !!dir };
}

function sameKeyPattern(a: Doc, b: Doc): boolean {
  const ka = Object.entries(a);
  const kb = Object.entries(b);
  return ka.length === kb.length && ka.every(([k, v], i) => kb[i][0] === k && Number(kb[i][1]) === Number(v));
}
