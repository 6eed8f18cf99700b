// The README's table of the engine's supported and refused features is checked
// against the code: the command dispatch table, the refusal lists, and what the
// matcher, the updater and the pipeline actually accept.
import fs from 'node:fs';
import path from 'node:path';
import { ObjectId } from 'bson';
import { startEmbeddedMongo, type EmbeddedMongo } from '@woodpecker/embedded-mongo';
import { runPipeline } from '@woodpecker/embedded-mongo/src/aggregate';
import { CommandRunner } from '@woodpecker/embedded-mongo/src/commands';
import { MongoError } from '@woodpecker/embedded-mongo/src/errors';
import { compileFilter } from '@woodpecker/embedded-mongo/src/matcher';
import { applyUpdate } from '@woodpecker/embedded-mongo/src/updater';
import {
  refusedCommands,
  refusedExpressions,
  refusedFindOptions,
  refusedIndexTypes,
  refusedQueryOperators,
  refusedStages,
  refuseUnsupported,
} from '@woodpecker/embedded-mongo/src/unsupported';

const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const start = readme.indexOf('### Supported and refused features');
const section = readme.slice(start, readme.indexOf('\n## ', start));
const rows = new Map(
  section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| area') && !line.startsWith('|---'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map((cells) => [cells[1], { supported: cells[2], refused: cells[3] }]),
);
/** The `names` a cell lists in backticks, in order. */
const named = (cell: string | undefined): string[] => [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]);
const row = (area: string) => {
  const r = rows.get(area);
  if (!r) throw new Error(`the README table has no row '${area}'`);
  return r;
};

/** MongoDB's query and update operators and aggregation stages, as its manual lists them. */
const mongoQueryOperators = [
  ...['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$and', '$or', '$nor', '$not'],
  ...['$exists', '$type', '$expr', '$jsonSchema', '$mod', '$regex', '$text', '$where', '$all', '$elemMatch'],
  ...['$size', '$geoIntersects', '$geoWithin', '$near', '$nearSphere', '$bitsAllClear', '$bitsAllSet'],
  ...['$bitsAnyClear', '$bitsAnySet', '$comment'],
];
const mongoUpdateOperators = [
  ...['$currentDate', '$inc', '$min', '$max', '$mul', '$rename', '$set', '$setOnInsert', '$unset'],
  ...['$addToSet', '$pop', '$pull', '$push', '$pullAll', '$bit'],
];
const mongoStages = [
  ...['$addFields', '$bucket', '$bucketAuto', '$changeStream', '$changeStreamSplitLargeEvent', '$collStats'],
  ...['$count', '$currentOp', '$densify', '$documents', '$facet', '$fill', '$geoNear', '$graphLookup'],
  ...['$group', '$indexStats', '$limit', '$listLocalSessions', '$listSearchIndexes', '$listSessions'],
  ...['$lookup', '$match', '$merge', '$out', '$planCacheStats', '$project', '$queryStats', '$redact'],
  ...['$replaceRoot', '$replaceWith', '$sample', '$search', '$searchMeta', '$set', '$setWindowFields'],
  ...['$skip', '$sort', '$sortByCount', '$unionWith', '$unset', '$unwind', '$vectorSearch'],
];

const isMongoError = (e: unknown, code: number) => e instanceof MongoError && e.code === code;
const refusedByDispatch = (command: string, cmd: Record<string, unknown>): boolean => {
  try {
    refuseUnsupported(command, cmd);
    return false;
  } catch (e) {
    if (isMongoError(e, 238)) return true;
    throw e;
  }
};

let engine: EmbeddedMongo;
beforeAll(async () => {
  engine = await startEmbeddedMongo({ inMemory: true });
});
afterAll(async () => {
  await engine?.stop();
});

test('the commands row lists exactly the dispatch table, and every refused command', () => {
  const identity = { host: 'h', port: 1, setName: 's', electionId: new ObjectId(), startedAt: new Date() };
  const runner = new CommandRunner(engine.engine, identity);
  expect([...named(row('commands').supported)].sort()).toEqual([...runner.commandNames].sort());
  expect(named(row('commands').refused)).toEqual(refusedCommands);
  for (const command of refusedCommands) expect(runner.commandNames).not.toContain(command);
});

test('the query operators row: supported ones compile, refused ones are refused, none is missing', () => {
  const { supported, refused } = row('query operators');
  expect([...named(supported), ...named(refused)].sort()).toEqual(
    [...new Set([...mongoQueryOperators, ...refusedQueryOperators])].sort(),
  );
  expect(named(refused)).toEqual(refusedQueryOperators);
  const unknown = (e: unknown) => e instanceof MongoError && /unknown (top level )?operator/.test(e.message);
  const compiles = (filter: object): boolean => {
    try {
      compileFilter(filter);
      return true;
    } catch (e) {
      if (unknown(e)) return false;
      return true; // known, with an argument this probe did not get right
    }
  };
  for (const op of named(supported))
    expect([op, compiles({ a: { [op]: [] } }) || compiles({ [op]: [{}] })]).toEqual([op, true]);
  for (const op of named(refused))
    expect([op, refusedByDispatch('find', { find: 'c', filter: { a: { [op]: 1 } } })]).toEqual([op, true]);
});

test('the update operators row lists every MongoDB update operator, each applied by the updater', () => {
  const listed = named(row('update operators').supported).filter((n) => /^\$[a-zA-Z]+$/.test(n));
  expect([...listed].sort()).toEqual([...mongoUpdateOperators].sort());
  for (const op of listed) {
    try {
      applyUpdate({ _id: 1 }, { [op]: { a: 1 } });
    } catch (e) {
      expect([op, (e as Error).message]).not.toEqual([op, expect.stringContaining('Unknown modifier')]);
    }
  }
});

test('the aggregation stages row: supported stages are known to the pipeline, refused ones are refused', () => {
  const { supported, refused } = row('aggregation stages');
  const refusedStageNames = named(refused).filter((n) => n.startsWith('$') && refusedStages.includes(n));
  expect(refusedStageNames).toEqual(refusedStages);
  expect([...named(supported), ...refusedStages].sort()).toEqual([...mongoStages].sort());
  for (const stage of named(supported)) {
    try {
      runPipeline([], [{ [stage]: {} }]);
    } catch (e) {
      expect([stage, isMongoError(e, 40324)]).toEqual([stage, false]);
    }
    expect([stage, refusedByDispatch('aggregate', { aggregate: 'c', pipeline: [{ [stage]: {} }] })]).toEqual([
      stage,
      false,
    ]);
  }
  for (const stage of refusedStages)
    expect([stage, refusedByDispatch('aggregate', { aggregate: 'c', pipeline: [{ [stage]: {} }] })]).toEqual([
      stage,
      true,
    ]);
});

test('the read and write options row names every refused find option', () => {
  const refused = named(row('read and write options').refused);
  for (const option of refusedFindOptions) {
    expect(refused).toContain(option);
    expect(refusedByDispatch('find', { find: 'c', [option]: true })).toBe(true);
  }
});

test('the expressions, index types and index options rows name what the dispatch refuses', () => {
  expect(named(row('aggregation expressions').refused)).toEqual(refusedExpressions);
  for (const op of refusedExpressions)
    expect(refusedByDispatch('aggregate', { aggregate: 'c', pipeline: [{ $project: { x: { [op]: {} } } }] })).toBe(
      true,
    );
  expect(named(row('index types').refused)).toEqual(refusedIndexTypes);
  for (const type of refusedIndexTypes) {
    const key = type === '$**' ? { '$**': 1 } : { a: type };
    expect(refusedByDispatch('createIndexes', { createIndexes: 'c', indexes: [{ key, name: 'x' }] })).toBe(true);
  }
  for (const option of named(row('index options').refused))
    expect(
      refusedByDispatch('createIndexes', {
        createIndexes: 'c',
        indexes: [{ key: { a: 1 }, name: 'x', [option]: option === 'collation' ? { locale: 'en' } : true }],
      }),
    ).toBe(true);
});
