// Dotted-path access with MongoDB's array traversal rules. Field names are read and
// written as own properties only: __proto__, constructor or toString are ordinary
// field names to MongoDB, never a way into Object.prototype.
import type { DBRef } from 'bson';
import { isPlainObject, type Doc } from './bson-values';

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** The value of a document's own field `key` (undefined when the document has none). */
export function getOwn(doc: Doc, key: string): unknown {
  return hasOwn(doc, key) ? doc[key] : undefined;
}

/** Sets a document's own field, `__proto__` included (plain assignment would set the prototype). */
export function setOwn(doc: Doc, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(doc, key, { value, writable: true, enumerable: true, configurable: true });
  else doc[key] = value;
}

export function hasOwnField(doc: Doc, key: string): boolean {
  return hasOwn(doc, key);
}

/** A DBRef's fields as MongoDB stores them ({$ref, $id, $db, ...}), so paths reach into it. */
export function dbRefFields(v: unknown): Doc | undefined {
  if (typeof v !== 'object' || v === null || (v as { _bsontype?: string })._bsontype !== 'DBRef') return undefined;
  const ref = v as DBRef;
  const out: Doc = { $ref: ref.collection, $id: ref.oid };
  if (ref.db) out.$db = ref.db;
  for (const [k, x] of Object.entries(ref.fields ?? {})) setOwn(out, k, x);
  return out;
}

/**
 * Every value a dotted path reaches, expanding arrays on the way as MongoDB's
 * query language does ("a.b" over a: [{b:1},{b:2}] → 1, 2). A numeric segment
 * also indexes an array. `undefined` stands for a missing leaf.
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  return collect(doc, path.split('.'), 0);
}

function collect(value: unknown, parts: string[], i: number): unknown[] {
  if (i === parts.length) return [value];
  const key = parts[i];
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    if (/^\d+$/.test(key) && Number(key) < value.length) out.push(...collect(value[Number(key)], parts, i + 1));
    for (const el of value) {
      if (isPlainObject(el) || Array.isArray(el) || dbRefFields(el)) {
        const sub = collect(el, parts, i);
        for (const s of sub) if (s !== undefined) out.push(s);
      }
    }
    return out.length ? out : [undefined];
  }
  if (isPlainObject(value)) return collect(getOwn(value, key), parts, i + 1);
  const ref = dbRefFields(value);
  if (ref) return collect(getOwn(ref, key), parts, i + 1);
  return [undefined];
}

/** The single value at a path without array expansion (numeric segments index arrays). */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const key of path.split('.')) {
    if (Array.isArray(cur)) cur = /^\d+$/.test(key) ? cur[Number(key)] : undefined;
    else if (isPlainObject(cur)) cur = getOwn(cur, key);
    else return undefined;
  }
  return cur;
}

export class PathError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** Sets a value at a dotted path, creating objects (and padding arrays with null) on the way. */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    let next: unknown;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(key))
        throw new PathError(`Cannot create field '${key}' in element {${parts.slice(0, i).join('.')}: [...]}`, 28);
      next = cur[Number(key)];
      if (next === undefined || next === null) {
        next = {};
        padArray(cur, Number(key));
        cur[Number(key)] = next;
      }
    } else if (isPlainObject(cur)) {
      next = getOwn(cur, key);
      if (next === undefined) {
        next = {};
        setOwn(cur, key, next);
      }
    } else {
      throw new PathError(
        `Cannot create field '${key}' in element {${parts.slice(0, i).join('.')}: ${JSON.stringify(cur)}}`,
        28,
      );
    }
    if (!isPlainObject(next) && !Array.isArray(next))
      throw new PathError(`Cannot create field '${parts[i + 1]}' in element {${key}: ${JSON.stringify(next)}}`, 28);
    cur = next;
  }
  const last = parts[parts.length - 1];
  if (Array.isArray(cur)) {
    if (!/^\d+$/.test(last)) throw new PathError(`Cannot create field '${last}' in an array`, 28);
    padArray(cur, Number(last));
    cur[Number(last)] = value;
  } else setOwn(cur as Doc, last, value);
}

function padArray(arr: unknown[], index: number): void {
  while (arr.length < index) arr.push(null);
}

/** Removes the value at a path; an array element becomes null, as $unset does. */
export function unsetPath(doc: Doc, path: string): boolean {
  const parts = path.split('.');
  const parent = getPath(doc, parts.slice(0, -1).join('.')) as unknown;
  const container = parts.length === 1 ? doc : parent;
  const last = parts[parts.length - 1];
  if (Array.isArray(container)) {
    if (!/^\d+$/.test(last) || Number(last) >= container.length) return false;
    container[Number(last)] = null;
    return true;
  }
  if (isPlainObject(container) && hasOwn(container, last)) {
    delete container[last];
    return true;
  }
  return false;
}

export function hasPath(doc: unknown, path: string): boolean {
  let cur: unknown = doc;
  for (const key of path.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(key)) {
      if (Number(key) >= cur.length) return false;
      cur = cur[Number(key)];
    } else if (isPlainObject(cur) && hasOwn(cur, key)) cur = cur[key];
    else return false;
  }
  return true;
}

/** A deep copy that keeps BSON class instances (they are immutable). */
export function cloneValue<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) setOwn(out, k, cloneValue(v[k]));
    return out as T;
  }
  return v;
}
