// Find projections with MongoDB's rules: inclusion or exclusion (never both, _id
// aside), $slice which is neither, $elemMatch and 'field.$' which include, and
// aggregation expressions which compute. _id comes first, the other fields keep
// the document's order. Field names are own properties only (see paths.ts).
import { isPlainObject, type Doc } from './bson-values';
import { evaluateExpression } from './aggregate';
import { MongoError } from './errors';
import { compileFilter } from './matcher';
import { cloneValue, getOwn, getPath, hasOwnField, setOwn } from './paths';
import { positionalIndex } from './updater';

/** A projection tree: true for a projected leaf, a subtree for a dotted prefix. */
type Tree = Map<string, Tree | true>;

interface Plan {
  inclusion: boolean;
  includeId: boolean;
  fields: Tree;
  slices: [string, unknown][];
  elemMatches: [string, (el: unknown) => boolean][];
  positional: string[];
  computed: [string, unknown][];
}

const isFlag = (v: unknown) => typeof v === 'number' || typeof v === 'boolean';

function operatorOf(v: unknown): string | undefined {
  if (!isPlainObject(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0].startsWith('$') ? keys[0] : undefined;
}

function addPath(tree: Tree, path: string): void {
  const parts = path.split('.');
  let node = tree;
  for (let i = 0; i < parts.length - 1; i++) {
    let next = node.get(parts[i]);
    if (next === true) return; // a parent is already projected whole
    if (!next) node.set(parts[i], (next = new Map()));
    node = next;
  }
  node.set(parts[parts.length - 1], true);
}

function plan(spec: Doc): Plan {
  const p: Plan = {
    inclusion: false,
    includeId: true,
    fields: new Map(),
    slices: [],
    elemMatches: [],
    positional: [],
    computed: [],
  };
  let included = false;
  let excluded = false;
  for (const [path, v] of Object.entries(spec)) {
    const op = operatorOf(v);
    if (path === '_id' && isFlag(v)) p.includeId = !!v;
    else if (path.endsWith('.$')) {
      included = true;
      p.positional.push(path.slice(0, -2));
    } else if (op === '$slice') p.slices.push([path, (v as Doc).$slice]);
    else if (op === '$elemMatch') {
      included = true;
      const test = compileFilter({ v: { $elemMatch: (v as Doc).$elemMatch } });
      p.elemMatches.push([path, (el) => test({ v: [el] })]);
    } else if (isFlag(v)) {
      if (v) included = true;
      else excluded = true;
      addPath(p.fields, path);
    } else {
      included = true;
      p.computed.push([path, v]);
    }
  }
  if (included && excluded)
    throw new MongoError(31254, 'Location31254', 'Cannot do exclusion on a field in inclusion projection');
  p.inclusion = included;
  return p;
}

function include(value: unknown, tree: Tree): unknown {
  if (Array.isArray(value))
    return value.filter((el) => isPlainObject(el) || Array.isArray(el)).map((el) => include(el, tree));
  if (!isPlainObject(value)) return undefined;
  const out: Doc = {};
  for (const key of Object.keys(value)) {
    const sub = tree.get(key);
    if (!sub) continue;
    if (sub === true) setOwn(out, key, cloneValue(value[key]));
    else {
      const v = include(value[key], sub);
      if (v !== undefined) setOwn(out, key, v);
    }
  }
  return out;
}

function exclude(value: unknown, tree: Tree): unknown {
  if (Array.isArray(value)) return value.map((el) => (isPlainObject(el) || Array.isArray(el) ? exclude(el, tree) : el));
  if (!isPlainObject(value)) return cloneValue(value);
  const out: Doc = {};
  for (const key of Object.keys(value)) {
    const sub = tree.get(key);
    if (sub === true) continue;
    setOwn(out, key, sub ? exclude(value[key], sub) : cloneValue(value[key]));
  }
  return out;
}

function slice(arr: unknown[], arg: unknown): unknown[] {
  if (typeof arg === 'number') return arg >= 0 ? arr.slice(0, arg) : arr.slice(Math.max(0, arr.length + arg));
  if (Array.isArray(arg) && arg.length === 2 && arg.every((n) => typeof n === 'number')) {
    const [skip, limit] = arg as number[];
    if (limit <= 0) throw new MongoError(28724, 'Location28724', 'Second argument to $slice must be positive');
    const start = skip >= 0 ? Math.min(skip, arr.length) : Math.max(0, arr.length + skip);
    return arr.slice(start, start + limit);
  }
  throw new MongoError(28667, 'Location28667', '$slice takes a number or an array of two numbers');
}

/** Applies $slice at a dotted path, through subdocuments (and arrays of them) on the way. */
function sliceAt(value: unknown, parts: string[], arg: unknown): void {
  if (Array.isArray(value)) {
    for (const el of value) sliceAt(el, parts, arg);
    return;
  }
  if (!isPlainObject(value)) return;
  const [head, ...rest] = parts;
  const cur = getOwn(value, head);
  if (!rest.length) {
    if (Array.isArray(cur)) setOwn(value, head, slice(cur, arg));
  } else sliceAt(cur, rest, arg);
}

function projectOne(doc: Doc, p: Plan, filter: Doc): Doc {
  let out: Doc;
  if (p.inclusion) {
    out = include(doc, p.fields) as Doc;
    for (const path of [...p.slices.map(([s]) => s), ...p.positional])
      if (hasOwnField(doc, path.split('.')[0])) {
        const sub: Tree = new Map();
        addPath(sub, path);
        const part = include(doc, sub) as Doc;
        for (const k of Object.keys(part)) if (!hasOwnField(out, k)) setOwn(out, k, part[k]);
      }
  } else out = exclude(doc, p.fields) as Doc;
  for (const [path, arg] of p.slices) sliceAt(out, path.split('.'), arg);
  for (const field of p.positional) {
    const arr = getPath(doc, field);
    const at = Array.isArray(arr) ? positionalIndex(arr, field, filter) : -1;
    if (at < 0)
      throw new MongoError(
        51246,
        'Location51246',
        'Executor error during find command: positional operator did not match',
      );
    setOwnPath(out, field, [cloneValue(arr as unknown[])[at]]);
  }
  for (const [field, test] of p.elemMatches) {
    const arr = getOwn(doc, field);
    const hit = Array.isArray(arr) ? arr.find(test) : undefined;
    if (hit !== undefined) setOwn(out, field, [cloneValue(hit)]);
  }
  for (const [field, expr] of p.computed) setOwnPath(out, field, evaluateExpression(doc, expr));
  if (!p.includeId || !hasOwnField(doc, '_id')) {
    delete out._id;
    return out;
  }
  // _id first, then the rest in the document's order.
  const { _id, ...rest } = out;
  void _id;
  return { _id: doc._id, ...rest };
}

function setOwnPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const part of parts.slice(0, -1)) {
    const next = getOwn(cur, part);
    if (!isPlainObject(next)) return;
    cur = next;
  }
  setOwn(cur, parts[parts.length - 1], value);
}

/** The projected copies of `docs`; `filter` is the query, for the positional 'field.$'. */
export function projectDocs(docs: Doc[], projection: unknown, filter: Doc = {}): Doc[] {
  if (!isPlainObject(projection) || !Object.keys(projection).length) return docs;
  const p = plan(projection);
  return docs.map((d) => projectOne(d, p, filter));
}
