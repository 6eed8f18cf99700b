// mingo refuses any path through `__proto__` and loses own `__proto__` fields in
// some stages; MongoDB treats it as an ordinary field name. Inside mingo the field
// goes by PROTO_ALIAS (see bson-values.ts) and gets its own name back on the way out.
import { isPlainObject, PROTO_ALIAS, type Doc } from './bson-values';
import { setOwn } from './paths';

const aliasPath = (path: string): string =>
  path.includes('__proto__')
    ? path
        .split('.')
        .map((p) => (p === '__proto__' ? PROTO_ALIAS : p === '$__proto__' ? `$${PROTO_ALIAS}` : p))
        .join('.')
    : path;

/** A pipeline whose field names and `$field` paths say PROTO_ALIAS for `__proto__`. */
export function aliasProto(v: unknown): unknown {
  if (typeof v === 'string') return v.startsWith('$') ? aliasPath(v) : v;
  if (Array.isArray(v)) return v.map(aliasProto);
  if (!isPlainObject(v)) return v;
  const out: Doc = {};
  for (const [k, x] of Object.entries(v)) out[aliasPath(k)] = aliasProto(x);
  return out;
}

/** Gives PROTO_ALIAS fields their name back, as own fields. */
export function restoreProto(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(restoreProto);
  if (!isPlainObject(v)) return v;
  const out: Doc = {};
  for (const [k, x] of Object.entries(v)) setOwn(out, k === PROTO_ALIAS ? '__proto__' : k, restoreProto(x));
  return out;
}

export const mentionsProto = (pipeline: unknown): boolean => {
  try {
    return JSON.stringify(pipeline).includes('__proto__');
  } catch {
    return true;
  }
};
