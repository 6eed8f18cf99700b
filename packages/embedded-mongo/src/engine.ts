// The database engine: collections, queries, writes and multi-document
// transactions (snapshot isolation, first-writer-wins conflicts) over the store.
import type Database from 'better-sqlite3';
import { compareBySortSpec, runPipeline } from './aggregate';
import { isPlainObject, valuesEqual, type Doc } from './bson-values';
import { errors, MongoError } from './errors';
import { indexKeys, keyValueOf, validateIndexSpec, type IndexSpec } from './indexes';
import { encodeValue } from './keycodec';
import { compileFilter } from './matcher';
import { cloneValue, getOwn, hasOwnField } from './paths';
import { planQuery, type Plan } from './planner';
import { encodeDoc, Store, type CollectionMeta } from './store';
import { applyUpdate, ensureId, isOperatorUpdate, seedFromFilter, validateUpdate, type UpdateSpec } from './updater';

export interface QueryOptions {
  sort?: Doc;
  skip?: number;
  limit?: number;
  /** An index name or key pattern, or { $natural: ±1 }: the plan MongoDB's hint forces. */
  hint?: unknown;
}

interface PendingWrite {
  id: Buffer;
  doc: Doc | null; // null: deleted by the transaction
}

export class Transaction {
  readonly writes = new Map<string, Map<string, PendingWrite>>();
  state: 'active' | 'committed' | 'aborted' = 'active';
  readonly startedAt = Date.now();

  constructor(
    readonly key: string,
    readonly txnNumber: string,
    readonly snapshot: Database.Database,
    readonly snapshotSeq: number,
  ) {}
}

/** Thrown when a plain write meets a document locked by an open transaction: retry later. */
export class WouldBlock extends Error {}

export interface WriteOutcome {
  n: number;
  nModified?: number;
  upserted?: { index: number; _id: unknown }[];
  writeErrors?: Doc[];
}

const idHex = (id: Buffer) => id.toString('hex');

export class Engine {
  private seq = 0;
  /** Commit sequence of recent writes per document, kept while transactions are open. */
  private readonly recentWrites = new Map<string, number>();
  private readonly locks = new Map<string, Transaction>();
  /** The latest transaction of each session (kept after it ends, for commit retries). */
  readonly transactions = new Map<string, Transaction>();
  private activeTransactions = 0;
  private waiters: (() => void)[] = [];

  constructor(readonly store: Store) {}

  // ---- namespaces ----

  collection(ns: string): CollectionMeta | undefined {
    return this.store.collections.get(ns);
  }

  ensureCollection(ns: string): CollectionMeta {
    const existing = this.store.collections.get(ns);
    if (existing) return existing;
    const [db, name] = splitNs(ns);
    return this.store.createCollection(db, name);
  }

  createCollection(ns: string, options: Doc): void {
    if (this.store.collections.has(ns)) throw errors.namespaceExists(ns);
    const [db, name] = splitNs(ns);
    this.store.createCollection(db, name, options);
  }

  drop(ns: string): boolean {
    const meta = this.collection(ns);
    if (!meta) return false;
    this.assertNoOpenTransactionsOn(ns);
    this.store.dropCollection(meta);
    return true;
  }

  databases(): string[] {
    return [...new Set([...this.store.collections.values()].map((c) => c.db))];
  }

  collectionsOf(db: string): CollectionMeta[] {
    return [...this.store.collections.values()].filter((c) => c.db === db);
  }

  private assertNoOpenTransactionsOn(ns: string): void {
    for (const t of this.transactions.values())
      if (t.state === 'active' && t.writes.has(ns))
        throw errors.operationNotSupportedInTransaction(`Cannot drop ${ns}: a transaction is writing to it`);
  }

  createIndexes(ns: string, raw: unknown[]): { before: number; after: number; createdCollection: boolean } {
    const createdCollection = !this.collection(ns);
    const meta = this.ensureCollection(ns);
    const before = meta.indexes.length + 1;
    for (const r of raw) {
      const spec = validateIndexSpec(r);
      if (Object.keys(spec.key).length === 1 && spec.key._id === 1) continue;
      const sameName = meta.indexes.find((i) => i.spec.name === spec.name);
      const sameKey = meta.indexes.find((i) => sameKeyPattern(i.spec.key, spec.key));
      if (sameName && !sameKeyPattern(sameName.spec.key, spec.key))
        throw errors.indexKeySpecsConflict(`An existing index has the same name as the requested index: ${spec.name}`);
      if (sameKey) {
        if (sameOptions(sameKey.spec, spec)) continue;
        throw errors.indexOptionsConflict(
          `An existing index has the same key pattern but different options: ${sameKey.spec.name}`,
        );
      }
      this.store.createIndex(meta, spec);
    }
    return { before, after: meta.indexes.length + 1, createdCollection };
  }

  dropIndexes(ns: string, which: unknown): void {
    const meta = this.collection(ns);
    if (!meta) throw errors.namespaceNotFound(`ns not found ${ns}`);
    const all = which === '*';
    const names = Array.isArray(which) ? which : [which];
    for (const w of all ? meta.indexes.map((i) => i.spec.name) : names) {
      const info =
        typeof w === 'string'
          ? meta.indexes.find((i) => i.spec.name === w)
          : isPlainObject(w)
            ? meta.indexes.find((i) => sameKeyPattern(i.spec.key, w))
            : undefined;
      if (!info) {
        if (w === '_id_') throw new MongoError(72, 'InvalidOptions', 'cannot drop _id index');
        throw errors.indexNotFound(
          `index not found with name [${String(typeof w === 'string' ? w : JSON.stringify(w))}]`,
        );
      }
      this.store.dropIndex(meta, info);
    }
  }

  // ---- reads ----

  /** Matching documents (private copies) with their storage ids. */
  query(
    ns: string,
    filter: Doc,
    opts: QueryOptions = {},
    txn?: Transaction,
    stats?: ScanStats,
  ): { id: Buffer; doc: Doc }[] {
    const meta = this.collection(ns);
    const overlay = txn?.writes.get(ns);
    const pred = compileFilter(filter);
    const sort = opts.sort && Object.keys(opts.sort).length ? opts.sort : undefined;
    const cmp = sort ? compareBySortSpec(sort) : undefined;
    const skip = opts.skip ?? 0;
    const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
    const results: { id: Buffer; doc: Doc }[] = [];
    if (meta) {
      const plan = planQuery(filter, meta.indexes, sort, opts.hint);
      const ordered = (plan.kind === 'index' || plan.kind === 'scan') && plan.providesSort;
      const stopAt = ordered && limit && !overlay?.size ? skip + limit : Infinity;
      if (stats) stats.plan = plan;
      this.store.forEachCandidate(txn ? txn.snapshot : this.store.db, meta, plan, (id, doc) => {
        if (stats) stats.docsExamined++;
        if (overlay?.has(idHex(id))) return true;
        if (pred(doc)) results.push({ id, doc });
        return results.length < stopAt;
      });
      if (cmp && !(ordered && !overlay?.size)) results.sort((a, b) => cmp(a.doc, b.doc));
    }
    if (overlay?.size) {
      for (const w of overlay.values()) if (w.doc && pred(w.doc)) results.push({ id: w.id, doc: cloneValue(w.doc) });
      if (cmp) results.sort((a, b) => cmp(a.doc, b.doc));
    }
    return limit ? results.slice(skip, skip + limit) : skip ? results.slice(skip) : results;
  }

  find(ns: string, filter: Doc, opts: QueryOptions = {}, txn?: Transaction): Doc[] {
    return this.query(ns, filter, opts, txn).map((r) => r.doc);
  }

  count(ns: string, filter: Doc, opts: QueryOptions = {}, txn?: Transaction): number {
    const meta = this.collection(ns);
    const plain = !opts.skip && !opts.limit && opts.hint === undefined; // a hinted sparse index counts its own entries
    if (meta && Object.keys(filter).length === 0 && !txn?.writes.get(ns)?.size && plain)
      return this.store.count(txn ? txn.snapshot : this.store.db, meta);
    return this.query(ns, filter, opts, txn).length;
  }

  aggregate(ns: string, pipeline: Doc[], txn?: Transaction, hint?: unknown): Doc[] {
    const last = pipeline[pipeline.length - 1];
    if (isPlainObject(last) && ('$out' in last || '$merge' in last)) {
      if (txn) throw errors.operationNotSupportedInTransaction('$out and $merge cannot run in a transaction');
      const results = this.aggregate(ns, pipeline.slice(0, -1), undefined, hint);
      this.writeOut(splitNs(ns)[0], last, results);
      return [];
    }
    const { filter, sort, rest } = leadingQuery(pipeline);
    const db = splitNs(ns)[0];
    const docs = this.find(ns, filter, { sort, hint }, txn);
    return runPipeline(docs, rest, (name) => this.find(`${db}.${name}`, {}, {}, txn));
  }

  /** $out replaces the target's documents; $merge upserts into it. */
  private writeOut(db: string, stage: Doc, results: Doc[]): void {
    const out = stage.$out ?? stage.$merge;
    const spec: Doc = isPlainObject(out) ? out : { into: out };
    const into = spec.into ?? spec.coll;
    const target = isPlainObject(into)
      ? `${String(into.db)}.${String(into.coll)}`
      : `${String(spec.db ?? db)}.${String(into)}`;
    if ('$out' in stage) {
      this.write(() => {
        this.deleteMatching(target, {}, {});
        for (const doc of results) this.insertOne(target, doc);
        return {};
      });
      return;
    }
    const on = Array.isArray(spec.on) ? (spec.on as string[]) : [String(spec.on ?? '_id')];
    const whenMatched = spec.whenMatched ?? 'merge';
    const whenNotMatched = spec.whenNotMatched ?? 'insert';
    this.write(() => {
      for (const doc of results) {
        const filter = Object.fromEntries(on.map((k) => [k, getOwn(doc, k) ?? null]));
        const existing = this.query(target, filter, { limit: 1 })[0];
        if (!existing) {
          if (whenNotMatched === 'fail')
            throw new MongoError(13113, 'MergeStageNoMatchingDocument', '$merge could not find a matching document');
          if (whenNotMatched === 'insert') this.insertOne(target, doc);
          continue;
        }
        if (whenMatched === 'fail') throw errors.duplicateKey(target, '_id_', { _id: 1 }, { _id: existing.doc._id });
        if (whenMatched === 'keepExisting') continue;
        const { _id, ...fields } = doc;
        void _id;
        const update = whenMatched === 'replace' ? fields : { $set: fields };
        this.updateOne(target, { _id: existing.doc._id }, update, {});
      }
      return {};
    });
  }

  distinct(ns: string, key: string, filter: Doc, txn?: Transaction, hint?: unknown): unknown[] {
    const out: unknown[] = [];
    for (const doc of this.find(ns, filter, { hint }, txn)) {
      const values = collectDistinct(doc, key);
      for (const v of values) if (!out.some((x) => valuesEqual(x, v))) out.push(v);
    }
    return out;
  }

  // ---- writes ----

  /** Runs a plain (non-transaction) write atomically, remembering its reply for retries. */
  write<T extends Doc>(fn: () => T, retryKey?: string): T {
    if (retryKey) {
      const earlier = this.store.recallRetryable(retryKey);
      if (earlier) return earlier as T;
    }
    const touched: string[] = [];
    const result = this.store.transaction(() => {
      this.touched = touched;
      try {
        const r = fn();
        if (retryKey) this.store.rememberRetryable(retryKey, r);
        return r;
      } finally {
        this.touched = null;
      }
    });
    this.seq++;
    if (this.activeTransactions) for (const k of touched) this.recentWrites.set(k, this.seq);
    return result;
  }

  private touched: string[] | null = null;

  /** Remembers a plain write for conflict checks, which only open transactions need. */
  private noteWrite(ns: string, id: Buffer): void {
    if (this.touched && this.activeTransactions) this.touched.push(lockKey(ns, id));
  }

  insertOne(ns: string, raw: Doc, txn?: Transaction): Doc {
    const { _id, ...rest } = ensureId(raw);
    const doc: Doc = { _id, ...rest }; // MongoDB stores _id first
    if (Array.isArray(doc._id)) throw errors.badValue("can't use an array for _id");
    if (isPlainObject(doc._id) && Object.keys(doc._id).some((k) => k.startsWith('$')))
      throw errors.badValue("_id can't contain $ fields");
    for (const k of Object.keys(doc))
      if (k.startsWith('$')) throw errors.badValue(`Document can't have $ prefixed field names: ${k}`);
    const meta = this.ensureCollection(ns);
    const id = encodeValue(doc._id);
    if (txn) {
      if (this.currentVersion(meta, id, txn)) throw errors.duplicateKey(ns, '_id_', { _id: 1 }, { _id: doc._id });
      this.assertUniqueInTxn(meta, id, doc, txn);
      this.stage(txn, meta, id, doc);
      return doc;
    }
    this.assertNotLocked(ns, id);
    if (this.store.exists(meta, id)) throw errors.duplicateKey(ns, '_id_', { _id: 1 }, { _id: doc._id });
    this.store.assertUnique(meta, id, doc);
    this.store.putDoc(meta, id, doc);
    this.noteWrite(ns, id);
    return doc;
  }

  /** Applies one update statement; returns what changed. */
  updateOne(
    ns: string,
    filter: Doc,
    update: UpdateSpec,
    opts: { multi?: boolean; upsert?: boolean; arrayFilters?: Doc[]; sort?: Doc; hint?: unknown },
    txn?: Transaction,
  ): { matched: number; modified: number; upsertedId?: unknown; before?: Doc; after?: Doc } {
    validateUpdate(update);
    if (opts.multi && !Array.isArray(update) && !isOperatorUpdate(update))
      throw errors.failedToParse('multi update is not supported for replacement-style update');
    const meta = this.collection(ns);
    const targets = meta
      ? this.query(ns, filter, { sort: opts.sort, limit: opts.multi ? 0 : 1, hint: opts.hint }, txn)
      : [];
    if (!txn) for (const t of targets) this.assertNotLocked(ns, t.id);
    let modified = 0;
    let before: Doc | undefined;
    let after: Doc | undefined;
    for (const t of targets) {
      const next = applyUpdate(t.doc, update, { filter, arrayFilters: opts.arrayFilters });
      before ??= t.doc;
      after ??= next;
      if (encodeDoc(t.doc).equals(encodeDoc(next))) continue;
      modified++;
      this.replaceStored(meta!, t.id, t.doc, next, txn);
    }
    if (targets.length || !opts.upsert) return { matched: targets.length, modified, before, after };
    // upsert: seed from the filter's equalities, then apply the update as an insert
    const seed = seedFromFilter(filter);
    let doc: Doc;
    if (Array.isArray(update)) doc = applyUpdate(seed, update, { isInsert: true });
    else if (isOperatorUpdate(update))
      doc = applyUpdate(seed, update, { isInsert: true, filter, arrayFilters: opts.arrayFilters });
    else doc = { ...(seed._id !== undefined ? { _id: seed._id } : {}), ...cloneValue(update) };
    doc = ensureId(doc);
    this.insertOne(ns, doc, txn);
    return { matched: 0, modified: 0, upsertedId: doc._id, after: doc };
  }

  deleteMatching(
    ns: string,
    filter: Doc,
    opts: { limit?: number; sort?: Doc; hint?: unknown },
    txn?: Transaction,
  ): Doc[] {
    const meta = this.collection(ns);
    if (!meta) return [];
    const targets = this.query(ns, filter, { sort: opts.sort, limit: opts.limit, hint: opts.hint }, txn);
    if (!txn) for (const t of targets) this.assertNotLocked(ns, t.id);
    for (const t of targets) {
      if (txn) this.stage(txn, meta, t.id, null);
      else {
        this.store.deleteDoc(meta, t.id, t.doc);
        this.noteWrite(ns, t.id);
      }
    }
    return targets.map((t) => t.doc);
  }

  private replaceStored(meta: CollectionMeta, id: Buffer, old: Doc, next: Doc, txn?: Transaction): void {
    if (txn) {
      this.assertUniqueInTxn(meta, id, next, txn);
      this.stage(txn, meta, id, next);
      return;
    }
    this.store.assertUnique(meta, id, next);
    this.store.putDoc(meta, id, next, old);
    this.noteWrite(meta.ns, id);
  }

  private assertNotLocked(ns: string, id: Buffer): void {
    if (!this.locks.size) return;
    const holder = this.locks.get(lockKey(ns, id));
    if (holder && holder.state === 'active') throw new WouldBlock();
  }

  // ---- transactions ----

  beginTransaction(key: string, txnNumber: string): Transaction {
    const txn = new Transaction(key, txnNumber, this.store.openSnapshot(), this.seq);
    this.transactions.set(key, txn);
    this.activeTransactions++;
    return txn;
  }

  private currentVersion(meta: CollectionMeta, id: Buffer, txn: Transaction): Doc | undefined {
    const staged = txn.writes.get(meta.ns)?.get(idHex(id));
    if (staged) return staged.doc ?? undefined;
    return this.store.getById(txn.snapshot, meta, id);
  }

  private stage(txn: Transaction, meta: CollectionMeta, id: Buffer, doc: Doc | null): void {
    const key = lockKey(meta.ns, id);
    const holder = this.locks.get(key);
    if ((holder && holder !== txn && holder.state === 'active') || (this.recentWrites.get(key) ?? -1) > txn.snapshotSeq)
      throw errors.writeConflict();
    this.locks.set(key, txn);
    let m = txn.writes.get(meta.ns);
    if (!m) txn.writes.set(meta.ns, (m = new Map()));
    m.set(idHex(id), { id, doc });
  }

  private assertUniqueInTxn(meta: CollectionMeta, id: Buffer, doc: Doc, txn: Transaction): void {
    const staged = txn.writes.get(meta.ns);
    for (const index of meta.indexes) {
      if (!index.spec.unique) continue;
      const mine = indexKeys(index, doc)?.keys ?? [];
      for (const key of mine) {
        const holders = this.store.keyHolders(txn.snapshot, index, key, id).filter((h) => !staged?.has(idHex(h)));
        const stagedClash = [...(staged?.values() ?? [])].some(
          (w) =>
            w.doc && Buffer.compare(w.id, id) !== 0 && (indexKeys(index, w.doc)?.keys ?? []).some((k) => k.equals(key)),
        );
        if (holders.length || stagedClash)
          throw errors.duplicateKey(meta.ns, index.spec.name, index.spec.key, keyValueOf(index, doc));
      }
    }
  }

  commit(txn: Transaction): void {
    if (txn.state !== 'active') throw errors.noSuchTransaction(txn.txnNumber);
    const touched: string[] = [];
    try {
      this.store.transaction(() => {
        // deletions first, so a value moved between documents does not clash with itself
        const entries = [...txn.writes].flatMap(([ns, m]) => [...m.values()].map((w) => ({ ns, w })));
        entries.sort((a, b) => Number(a.w.doc !== null) - Number(b.w.doc !== null));
        for (const { ns, w } of entries) {
          const meta = this.ensureCollection(ns);
          const current = this.store.getById(this.store.db, meta, w.id);
          if (w.doc === null) {
            if (current) this.store.deleteDoc(meta, w.id, current);
          } else {
            this.store.assertUnique(meta, w.id, w.doc);
            this.store.putDoc(meta, w.id, w.doc, current);
          }
          touched.push(lockKey(ns, w.id));
        }
      });
    } catch (e) {
      this.finish(txn, 'aborted');
      if (e instanceof MongoError && e.code === 11000) throw errors.writeConflict();
      throw e;
    }
    this.seq++;
    for (const k of touched) this.recentWrites.set(k, this.seq);
    this.finish(txn, 'committed');
  }

  abort(txn: Transaction): void {
    if (txn.state === 'active') this.finish(txn, 'aborted');
  }

  private finish(txn: Transaction, state: 'committed' | 'aborted'): void {
    if (txn.state === 'active') {
      this.store.releaseSnapshot(txn.snapshot);
      this.activeTransactions--;
    }
    txn.state = state;
    for (const [k, holder] of this.locks) if (holder === txn) this.locks.delete(k);
    if (!this.activeTransactions) this.recentWrites.clear();
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  /** Resolves when some transaction ends (a blocked write may then proceed). */
  waitForLocks(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Aborts transactions older than the lifetime limit, as MongoDB's reaper does. */
  reapTransactions(lifetimeMs: number, now = Date.now()): void {
    for (const t of this.transactions.values())
      if (t.state === 'active' && now - t.startedAt > lifetimeMs) this.abort(t);
  }

  // ---- TTL ----

  expireDocuments(now = new Date()): number {
    let removed = 0;
    for (const meta of [...this.store.collections.values()]) {
      for (const index of meta.indexes) {
        const secs = index.spec.expireAfterSeconds;
        if (secs === undefined || index.fields.length !== 1) continue;
        const cutoff = new Date(now.getTime() - secs * 1000);
        const ids = index.fields[0].descending ? [] : this.store.expiredIds(meta, index, cutoff);
        if (!ids.length) continue;
        try {
          this.write(() => {
            for (const id of ids) {
              if (this.locks.has(lockKey(meta.ns, id))) continue;
              const doc = this.store.getById(this.store.db, meta, id);
              if (doc) {
                this.store.deleteDoc(meta, id, doc);
                this.noteWrite(meta.ns, id);
                removed++;
              }
            }
            return {};
          });
        } catch (e) {
          if (!(e instanceof WouldBlock)) throw e;
        }
      }
    }
    return removed;
  }

  dropDatabase(db: string): void {
    for (const meta of this.collectionsOf(db)) this.drop(meta.ns);
  }

  renameCollection(from: string, to: string, dropTarget: boolean): void {
    const meta = this.collection(from);
    if (!meta) throw errors.namespaceNotFound(`Source collection ${from} does not exist`);
    if (this.collection(to)) {
      if (!dropTarget) throw errors.namespaceExists(to);
      this.drop(to);
    }
    const [db, name] = splitNs(to);
    this.store.renameCollection(meta, db, name);
  }
}

/** What a query read, for explain: the plan it ran and the documents it fetched. */
export interface ScanStats {
  plan?: Plan;
  docsExamined: number;
}

/** A leading $match (and $sort) runs through the planner, so indexes serve it. */
export function leadingQuery(pipeline: Doc[]): { filter: Doc; sort?: Doc; rest: Doc[] } {
  const [first, second] = pipeline;
  if (!isPlainObject(first) || !isPlainObject(first.$match) || '$expr' in first.$match)
    return { filter: {}, rest: pipeline };
  if (isPlainObject(second) && isPlainObject(second.$sort))
    return { filter: first.$match, sort: second.$sort, rest: pipeline.slice(2) };
  return { filter: first.$match, rest: pipeline.slice(1) };
}

function lockKey(ns: string, id: Buffer): string {
  return `${ns}\u0000${idHex(id)}`;
}

export function splitNs(ns: string): [string, string] {
  const dot = ns.indexOf('.');
  if (dot <= 0 || dot === ns.length - 1) throw errors.invalidNamespace(`Invalid namespace specified '${ns}'`);
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

function sameKeyPattern(a: Doc, b: Doc): boolean {
  const ka = Object.entries(a);
  const kb = Object.entries(b);
  return ka.length === kb.length && ka.every(([k, v], i) => kb[i][0] === k && kb[i][1] === v);
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return (
    !!a.unique === !!b.unique &&
    !!a.sparse === !!b.sparse &&
    a.expireAfterSeconds === b.expireAfterSeconds &&
    JSON.stringify(a.partialFilterExpression) === JSON.stringify(b.partialFilterExpression)
  );
}

function collectDistinct(doc: Doc, key: string): unknown[] {
  const parts = key.split('.');
  let cur: unknown[] = [doc];
  for (const p of parts) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (Array.isArray(c)) {
        for (const el of c) if (isPlainObject(el) && hasOwnField(el, p)) next.push(el[p]);
      } else if (isPlainObject(c) && hasOwnField(c, p)) next.push(c[p]);
    }
    cur = next;
  }
  return cur.flatMap((v) => (Array.isArray(v) ? v : [v]));
}
