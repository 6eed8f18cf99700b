// The explain command: the plan the engine's planner chooses for a find, aggregate,
// count, distinct, update, delete or findAndModify, in MongoDB's explain shape
// (queryPlanner.winningPlan with IDHACK / IXSCAN / COLLSCAN stages), and with
// executionStats when the verbosity asks for them. The read part of the command
// runs to count what it examines; writes are never performed.
import { isPlainObject, type Doc } from './bson-values';
import { leadingQuery, type Engine, type ScanStats } from './engine';
import { MongoError } from './errors';
import type { Plan } from './planner';
import { encodeDoc } from './store';
import { applyUpdate, validateUpdate } from './updater';

const verbosities = new Set(['queryPlanner', 'executionStats', 'allPlansExecution']);

export interface ExplainServerInfo {
  host: string;
  port: number;
  version: string;
  gitVersion: string;
}

interface Explained {
  ns: string;
  filter: Doc;
  /** Stages above the scan, outermost first, each as {stage, ...fields}. */
  wrappers: Doc[];
  nReturned: number;
  stats: ScanStats;
  millis: number;
}

/** The scan stage a plan runs. */
function scanStage(plan: Plan | undefined, filter: Doc): Doc {
  if (!plan) return { stage: 'EOF' };
  if (plan.kind === 'ids') return { stage: 'IDHACK' };
  if (plan.kind === 'scan') return { stage: 'COLLSCAN', filter, direction: plan.descending ? 'backward' : 'forward' };
  const { spec, multikey } = plan.index;
  return {
    stage: 'FETCH',
    filter,
    inputStage: {
      stage: 'IXSCAN',
      keyPattern: spec.key,
      indexName: spec.name,
      isMultiKey: multikey,
      isUnique: !!spec.unique,
      isSparse: !!spec.sparse,
      isPartial: spec.partialFilterExpression !== undefined,
      direction: plan.descending ? 'backward' : 'forward',
    },
  };
}

function keysExamined(e: Explained): number {
  const kind = e.stats.plan?.kind;
  return kind === 'index' || kind === 'ids' ? e.stats.docsExamined : 0;
}

function winningPlan(e: Explained): Doc {
  let plan = scanStage(e.stats.plan, e.filter);
  for (const w of [...e.wrappers].reverse()) plan = { ...w, inputStage: plan };
  return plan;
}

function planner(e: Explained): Doc {
  return {
    namespace: e.ns,
    indexFilterSet: false,
    parsedQuery: e.filter,
    winningPlan: winningPlan(e),
    rejectedPlans: [],
  };
}

function executionStats(e: Explained): Doc {
  return {
    executionSuccess: true,
    nReturned: e.nReturned,
    executionTimeMillis: e.millis,
    totalKeysExamined: keysExamined(e),
    totalDocsExamined: e.stats.docsExamined,
    executionStages: { ...winningPlan(e), nReturned: e.nReturned },
  };
}

/** Runs the read part of a command, counting what it examined. */
function measure(
  engine: Engine,
  ns: string,
  filter: Doc,
  wrappers: Doc[],
  opts: { sort?: Doc; skip?: number; limit?: number },
): Explained & { docs: Doc[] } {
  const stats: ScanStats = { docsExamined: 0 };
  const started = Date.now();
  const docs = engine.query(ns, filter, opts, undefined, stats).map((r) => r.doc);
  const plan = stats.plan;
  const sortWrapper =
    opts.sort && Object.keys(opts.sort).length && !(plan && plan.kind !== 'ids' && plan.providesSort)
      ? [{ stage: 'SORT', sortPattern: opts.sort }]
      : [];
  return {
    ns,
    filter,
    wrappers: [...wrappers, ...sortWrapper],
    nReturned: docs.length,
    stats,
    millis: Date.now() - started,
    docs,
  };
}

/** Would the update statement change this document (applied to a copy)? */
function wouldModify(doc: Doc, st: Doc): boolean {
  const next = applyUpdate(doc, validateUpdate(st.u), {
    filter: filterOf(st.q),
    arrayFilters: st.arrayFilters as Doc[] | undefined,
  });
  return !encodeDoc(doc).equals(encodeDoc(next));
}

function filterOf(v: unknown): Doc {
  return isPlainObject(v) ? v : {};
}

export function explain(engine: Engine, cmd: Doc, db: string, server: ExplainServerInfo): Doc {
  const inner = cmd.explain;
  if (!isPlainObject(inner) || !Object.keys(inner).length)
    throw new MongoError(9, 'FailedToParse', 'explain command requires a nested object');
  const verbosity = cmd.verbosity === undefined ? 'allPlansExecution' : cmd.verbosity;
  if (typeof verbosity !== 'string' || !verbosities.has(verbosity))
    throw new MongoError(
      9,
      'FailedToParse',
      `verbosity string must be one of {'queryPlanner', 'executionStats', 'allPlansExecution'}`,
    );
  return explainCommand(engine, inner, db, verbosity, server);
}

/** Also serves the legacy {aggregate: ..., explain: true} form. */
export function explainCommand(
  engine: Engine,
  inner: Doc,
  db: string,
  verbosity: string,
  server: ExplainServerInfo,
): Doc {
  const name = Object.keys(inner)[0];
  const coll = inner[name];
  if (typeof coll !== 'string' || !coll)
    throw new MongoError(73, 'InvalidNamespace', `explain needs a collection name for ${name}`);
  const ns = `${db}.${coll}`;
  const withStats = verbosity !== 'queryPlanner';
  const reply = (e: Explained, extraStats: Doc = {}): Doc => ({
    explainVersion: '1',
    queryPlanner: planner(e),
    ...(withStats ? { executionStats: { ...executionStats(e), ...extraStats } } : {}),
    command: inner,
    serverInfo: server,
    ok: 1,
  });

  switch (name) {
    case 'find': {
      const limit = Math.abs(Number(inner.limit ?? 0));
      const skip = Number(inner.skip ?? 0);
      const wrappers: Doc[] = [];
      if (isPlainObject(inner.projection) && Object.keys(inner.projection).length)
        wrappers.push({ stage: 'PROJECTION_DEFAULT', transformBy: inner.projection });
      if (limit) wrappers.push({ stage: 'LIMIT', limitAmount: limit });
      if (skip) wrappers.push({ stage: 'SKIP', skipAmount: skip });
      const sort = isPlainObject(inner.sort) ? inner.sort : undefined;
      return reply(measure(engine, ns, filterOf(inner.filter), wrappers, { sort, skip, limit }));
    }
    case 'count': {
      const filter = filterOf(inner.query);
      return reply(
        measure(engine, ns, filter, [{ stage: 'COUNT' }], {
          skip: Number(inner.skip ?? 0),
          limit: Math.abs(Number(inner.limit ?? 0)),
        }),
      );
    }
    case 'distinct':
      return reply(
        measure(
          engine,
          ns,
          filterOf(inner.query),
          [{ stage: 'PROJECTION_DEFAULT', transformBy: { [String(inner.key)]: 1, _id: 0 } }],
          {},
        ),
      );
    case 'aggregate': {
      if (!Array.isArray(inner.pipeline))
        throw new MongoError(14, 'TypeMismatch', "'pipeline' option must be specified as an array");
      const { filter, sort, rest } = leadingQuery(inner.pipeline as Doc[]);
      const e = measure(engine, ns, filter, [], { sort });
      if (!rest.length) return reply(e);
      const cursor: Doc = { queryPlanner: planner(e), ...(withStats ? { executionStats: executionStats(e) } : {}) };
      return {
        explainVersion: '1',
        stages: [{ $cursor: cursor, ...(withStats ? { nReturned: e.nReturned } : {}) }, ...rest],
        command: inner,
        serverInfo: server,
        ok: 1,
      };
    }
    case 'update':
    case 'delete': {
      const statements = inner[name === 'update' ? 'updates' : 'deletes'];
      if (!Array.isArray(statements) || statements.length !== 1 || !isPlainObject(statements[0]))
        throw new MongoError(16, 'InvalidLength', 'explained write batches must be of size 1');
      const st = statements[0];
      const single = name === 'update' ? !st.multi : st.limit === 1;
      const stage = name === 'update' ? 'UPDATE' : 'DELETE';
      const e = measure(engine, ns, filterOf(st.q), [{ stage }], { limit: single ? 1 : 0 });
      const counts =
        name === 'update'
          ? {
              nMatched: e.nReturned,
              nWouldModify: e.docs.filter((d) => wouldModify(d, st)).length,
              nWouldUpsert: e.nReturned === 0 && !!st.upsert ? 1 : 0,
            }
          : { nWouldDelete: e.nReturned };
      e.nReturned = 0;
      return reply(e, { executionStages: { ...winningPlan(e), nReturned: 0, ...counts } });
    }
    case 'findAndModify':
    case 'findandmodify': {
      const stage = inner.remove ? 'DELETE' : 'UPDATE';
      const sort = isPlainObject(inner.sort) ? inner.sort : undefined;
      const e = measure(engine, ns, filterOf(inner.query), [{ stage }], { sort, limit: 1 });
      e.nReturned = 0;
      return reply(e);
    }
    default:
      throw new MongoError(20, 'IllegalOperation', `Cannot explain cmd: ${name}`);
  }
}
