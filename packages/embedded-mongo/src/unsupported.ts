// What MongoDB has and this engine does not. Each is refused before the command
// runs, in MongoDB's error shape with a message naming it: an app must never get a
// different behaviour than on MongoDB without an error. These lists are the one
// source of the README's table of refused features (tests/unit/engine-features-readme).
import { isPlainObject, type Doc } from './bson-values';
import { MongoError } from './errors';

const notSupported = 'is not supported by the embedded database engine';

export const notImplemented = (what: string): MongoError =>
  new MongoError(238, 'NotImplemented', `${what} ${notSupported}`);

/** MongoDB commands the engine lacks: CommandNotSupported (115). Other unknown names stay CommandNotFound (59). */
export const refusedCommands = [
  'mapReduce',
  'collMod',
  'convertToCapped',
  'cloneCollectionAsCapped',
  'validate',
  'compact',
  'reIndex',
  'geoSearch',
  'createSearchIndexes',
  'updateSearchIndex',
  'dropSearchIndex',
];
const refusedCommandByName = new Map(refusedCommands.map((c) => [c.toLowerCase(), c]));

/** Query operators (NotImplemented, 238). */
export const refusedQueryOperators = [
  '$where',
  '$text',
  '$jsonSchema',
  '$near',
  '$nearSphere',
  '$geoWithin',
  '$geoIntersects',
  '$within',
  '$bitsAllSet',
  '$bitsAllClear',
  '$bitsAnySet',
  '$bitsAnyClear',
  '$sampleRate',
];

/** Aggregation stages (NotImplemented, 238); a name MongoDB does not know stays 40324. */
export const refusedStages = [
  '$changeStream',
  '$changeStreamSplitLargeEvent',
  '$geoNear',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$listSearchIndexes',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
  '$queryStats',
];

/** Aggregation expressions and accumulators (NotImplemented, 238). */
export const refusedExpressions = ['$function', '$accumulator', '$meta'];

/** Index key types (NotImplemented, 238); `$**` is the wildcard index. */
export const refusedIndexTypes = ['text', '2d', '2dsphere', 'geoHaystack', 'hashed', 'columnstore', '$**'];

/** find options for capped collections or index bounds (NotImplemented, 238). */
export const refusedFindOptions = ['min', 'max', 'returnKey', 'showRecordId', 'tailable', 'awaitData'];

const refusedNames = new Map<string, string>([
  ...refusedQueryOperators.map((o) => [o, 'the query operator'] as const),
  ...refusedStages.map((s) => [s, 'the aggregation stage'] as const),
  ...refusedExpressions.map((e) => [e, 'the aggregation operator'] as const),
]);

/** For a command the engine has no handler for: CommandNotSupported if MongoDB has it. */
export function refuseCommand(name: string): void {
  const refused = refusedCommandByName.get(name.toLowerCase());
  if (refused) throw new MongoError(115, 'CommandNotSupported', `the ${refused} command ${notSupported}`);
}

/** Throws MongoDB's error for the first feature of `cmd` the engine would otherwise not honour. */
export function refuseUnsupported(name: string, cmd: Doc): void {
  for (const field of ['filter', 'query', 'pipeline', 'update', 'projection', 'sort', 'fields'])
    if (cmd[field] !== undefined) refuseOperators(cmd[field]);
  refuseReadOptions(cmd);
  for (const statement of [cmd.updates, cmd.deletes].flatMap((s) => (Array.isArray(s) ? s : [])))
    if (isPlainObject(statement)) {
      refuseOperators(statement.q);
      refuseOperators(statement.u);
      refuseCollation(statement.collation);
    }
  if (name === 'aggregate' && Array.isArray(cmd.pipeline)) refuseMerge(cmd.pipeline);
  if (name === 'aggregate' && typeof cmd.aggregate !== 'string')
    throw notImplemented('aggregate on a whole database (aggregate: 1)');
  if (name === 'find')
    for (const opt of refusedFindOptions) if (cmd[opt]) throw notImplemented(`the find option '${opt}'`);
  if (name === 'create') refuseCollectionOptions(cmd);
  if (name === 'createIndexes' && Array.isArray(cmd.indexes)) cmd.indexes.forEach(refuseIndexSpec);
}

function refuseReadOptions(cmd: Doc): void {
  refuseCollation(cmd.collation);
  if (isPlainObject(cmd.let) && Object.keys(cmd.let).length) throw notImplemented("the command option 'let'");
  if (isPlainObject(cmd.readConcern) && cmd.readConcern.atClusterTime !== undefined)
    throw notImplemented("the read concern's atClusterTime");
}

function refuseCollation(collation: unknown): void {
  if (collation === undefined || (isPlainObject(collation) && collation.locale === 'simple')) return;
  throw notImplemented(`collation ${JSON.stringify(collation)} (only { locale: "simple" })`);
}

/** Walks a filter, pipeline or update for refused operators, stages and expressions. */
function refuseOperators(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(refuseOperators);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    const kind = refusedNames.get(key);
    if (kind) throw notImplemented(`${kind} ${key}`);
    if (key !== '$literal') refuseOperators(inner);
  }
}

/** $merge's pipeline form of whenMatched, and its let, would be taken as a plain merge; $out's timeseries ignored. */
function refuseMerge(pipeline: unknown[]): void {
  const last = pipeline[pipeline.length - 1];
  const merge = isPlainObject(last) ? last.$merge : undefined;
  if (isPlainObject(last) && isPlainObject(last.$out) && last.$out.timeseries !== undefined)
    throw notImplemented("$out's timeseries");
  if (!isPlainObject(merge)) return;
  if (Array.isArray(merge.whenMatched)) throw notImplemented('$merge with a pipeline as whenMatched');
  if (merge.let !== undefined) throw notImplemented("$merge's let");
}

/**
 * The engine is a one-member replica set: a write concern asking for more members, or
 * naming a tag, cannot be satisfied. MongoDB applies the write and reports that in
 * `writeConcernError`; so does the engine.
 */
export function writeConcernError(cmd: Doc): Doc | undefined {
  const wc = cmd.writeConcern;
  const w = isPlainObject(wc) ? wc.w : undefined;
  const errInfo = { writeConcern: wc };
  if (typeof w === 'number' && w > 1)
    return { code: 100, codeName: 'UnsatisfiableWriteConcern', errmsg: 'Not enough data-bearing nodes', errInfo };
  if (typeof w === 'string' && w !== 'majority')
    return {
      code: 79,
      codeName: 'UnknownReplWriteConcern',
      errmsg: `No write concern mode named '${w}' found in replica set configuration`,
      errInfo,
    };
  return undefined;
}

function refuseCollectionOptions(cmd: Doc): void {
  const { capped, timeseries, expireAfterSeconds, clusteredIndex, viewOn, pipeline, validator } = cmd;
  if (capped) throw notImplemented('a capped collection');
  if (timeseries !== undefined) throw notImplemented('a time series collection (timeseries)');
  if (expireAfterSeconds !== undefined) throw notImplemented("the collection option 'expireAfterSeconds'");
  if (clusteredIndex !== undefined) throw notImplemented('a clustered collection (clusteredIndex)');
  if (viewOn !== undefined || pipeline !== undefined) throw notImplemented('a view (viewOn, pipeline)');
  if (validator !== undefined && !(isPlainObject(validator) && Object.keys(validator).length === 0))
    throw notImplemented('a document validator (validator)');
  if (cmd.validationLevel !== undefined && cmd.validationLevel !== 'strict')
    throw notImplemented(`validationLevel '${String(cmd.validationLevel)}'`);
  if (cmd.validationAction !== undefined && cmd.validationAction !== 'error')
    throw notImplemented(`validationAction '${String(cmd.validationAction)}'`);
  if (isPlainObject(cmd.changeStreamPreAndPostImages) && cmd.changeStreamPreAndPostImages.enabled)
    throw notImplemented('changeStreamPreAndPostImages');
  if (cmd.encryptedFields !== undefined) throw notImplemented('queryable encryption (encryptedFields)');
}

function refuseIndexSpec(spec: unknown): void {
  if (!isPlainObject(spec)) return;
  if (isPlainObject(spec.key))
    for (const [field, type] of Object.entries(spec.key)) {
      if (field === '$**' || field.endsWith('.$**')) throw notImplemented(`a wildcard index ($**, on '${field}')`);
      if (typeof type === 'string') throw notImplemented(`a ${type} index (on '${field}')`);
    }
  refuseCollation(spec.collation);
  if (spec.hidden) throw notImplemented('a hidden index');
  if (spec.clustered) throw notImplemented('a clustered index');
}
