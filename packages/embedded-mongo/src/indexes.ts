// Index definitions and the keys a document contributes to each index.
import { isPlainObject, type Doc } from './bson-values';
import { errors, MongoError } from './errors';
import { encodeValue, invert } from './keycodec';
import { compileFilter, type Predicate } from './matcher';
import { getOwn, valuesAtPath } from './paths';

export interface IndexSpec extends Doc {
  v: number;
  key: Doc;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
}

export interface IndexField {
  path: string;
  descending: boolean;
}

export interface IndexInfo {
  spec: IndexSpec;
  fields: IndexField[];
  /** SQLite table holding (key, id) rows; 0 for the _id index, which is the documents table itself. */
  tableId: number;
  multikey: boolean;
  partial?: Predicate;
}

const allowedOptions = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'v',
  'background',
  'ns',
  'collation',
  'hidden',
]);

export function validateIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw) || !isPlainObject(raw.key) || Object.keys(raw.key).length === 0)
    throw errors.badValue('index specification must have a non-empty key document');
  for (const [field, dir] of Object.entries(raw.key)) {
    if (dir !== 1 && dir !== -1) {
      if (typeof dir === 'string')
        throw new MongoError(
          67,
          'CannotCreateIndex',
          `${dir} indexes (on '${field}') are not supported by the embedded engine`,
        );
      throw errors.badValue(`bad index key pattern: field '${field}' must be 1 or -1`);
    }
  }
  for (const k of Object.keys(raw))
    if (!allowedOptions.has(k)) throw errors.invalidOptions(`The field '${k}' is not valid for an index specification`);
  const name = typeof raw.name === 'string' && raw.name ? raw.name : defaultIndexName(raw.key);
  if (raw.partialFilterExpression !== undefined && !isPlainObject(raw.partialFilterExpression))
    throw errors.badValue('partialFilterExpression must be an object');
  if (
    raw.expireAfterSeconds !== undefined &&
    (typeof raw.expireAfterSeconds !== 'number' || raw.expireAfterSeconds < 0)
  )
    throw errors.badValue('expireAfterSeconds must be a non-negative number');
  const spec: IndexSpec = { v: 2, key: raw.key, name };
  if (raw.unique) spec.unique = true;
  if (raw.sparse) spec.sparse = true;
  if (raw.partialFilterExpression) spec.partialFilterExpression = raw.partialFilterExpression;
  if (raw.expireAfterSeconds !== undefined) spec.expireAfterSeconds = raw.expireAfterSeconds;
  return spec;
}

export function defaultIndexName(key: Doc): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${String(v)}`)
    .join('_');
}

export function makeIndexInfo(spec: IndexSpec, tableId: number, multikey = false): IndexInfo {
  return {
    spec,
    fields: Object.entries(spec.key).map(([path, dir]) => ({ path, descending: dir === -1 })),
    tableId,
    multikey,
    partial: spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : undefined,
  };
}

export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** The path up to the first array `path` meets in `doc` (the whole path for an array value), or null for none. */
function firstArrayAt(doc: Doc, path: string): string | null {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    if (Array.isArray(cur)) return parts.slice(0, i).join('.');
    if (!isPlainObject(cur)) return null;
    cur = getOwn(cur, parts[i]);
  }
  return Array.isArray(cur) ? path : null;
}

/**
 * The distinct keys `doc` has in this index, or null when the index skips the document.
 * Several fields may be many-valued only when they run through the same array
 * ({'a.b': 1, 'a.c': 1}); their keys are then every combination, a superset of
 * MongoDB's per-element keys, which is safe because every candidate is re-checked.
 */
export function indexKeys(index: IndexInfo, doc: Doc): { keys: Buffer[]; multikey: boolean } | null {
  if (index.partial && !index.partial(doc)) return null;
  let multikey = false;
  const perField: unknown[][] = [];
  let present = false;
  for (const f of index.fields) {
    const leaves = valuesAtPath(doc, f.path);
    const values: unknown[] = [];
    for (const v of leaves) {
      if (v !== undefined) present = true;
      if (Array.isArray(v)) {
        multikey = true;
        if (v.length === 0) values.push([]);
        else values.push(...v);
      } else values.push(v);
    }
    if (leaves.length > 1) multikey = true;
    perField.push(values.length ? values : [undefined]);
  }
  if (index.spec.sparse && !present) return null;
  const manyValued = index.fields.filter((_, i) => perField[i].length > 1);
  if (manyValued.length > 1 && new Set(manyValued.map((f) => firstArrayAt(doc, f.path))).size > 1)
    throw new MongoError(171, 'CannotIndexParallelArrays', `cannot index parallel arrays for index ${index.spec.name}`);
  const keys = new Map<string, Buffer>();
  const combos = perField.reduce<unknown[][]>(
    (acc, vals) => acc.flatMap((prefix) => vals.map((v) => [...prefix, v])),
    [[]],
  );
  for (const combo of combos) {
    const key = Buffer.concat(
      combo.map((v, i) => (index.fields[i].descending ? invert(encodeValue(v)) : encodeValue(v))),
    );
    keys.set(key.toString('hex'), key);
  }
  return { keys: [...keys.values()], multikey };
}

/** The equality values of a document's index key, for duplicate-key errors. */
export function keyValueOf(index: IndexInfo, doc: Doc): Doc {
  const out: Doc = {};
  for (const f of index.fields) {
    const v = valuesAtPath(doc, f.path)[0];
    out[f.path] = v === undefined ? null : v;
  }
  return out;
}
