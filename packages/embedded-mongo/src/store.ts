// Durable storage on SQLite (WAL): one table of BSON documents per collection,
// keyed by the order-preserving encoding of _id, and one (key, id) table per
// secondary index. Transactions read from their own SQLite snapshot connection.
import Database from 'better-sqlite3';
import { decodeBson, encodeBson, type Doc } from './bson-values';
import { errors } from './errors';
import { ID_INDEX_SPEC, indexKeys, keyValueOf, makeIndexInfo, type IndexInfo, type IndexSpec } from './indexes';
import { encodeValue } from './keycodec';
import type { Plan } from './planner';

type Conn = Database.Database;

export interface CollectionMeta {
  ns: string;
  db: string;
  name: string;
  tableId: number;
  options: Doc;
  indexes: IndexInfo[]; // secondary indexes; _id is the documents table itself
}

export interface StoreOptions {
  file: string;
  /** fsync on every commit (durable data dir) or not (throw-away test databases). */
  durable: boolean;
}

export const decodeDoc = decodeBson;
export const encodeDoc = encodeBson;

export class Store {
  readonly db: Conn;
  readonly collections = new Map<string, CollectionMeta>();
  private readonly statements = new WeakMap<Conn, Map<string, Database.Statement>>();
  private readonly idlePool: Conn[] = [];

  constructor(private readonly options: StoreOptions) {
    this.db = this.open();
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS collections (ns TEXT PRIMARY KEY, db TEXT NOT NULL, name TEXT NOT NULL, table_id INTEGER NOT NULL, options BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS indexes (ns TEXT NOT NULL, name TEXT NOT NULL, table_id INTEGER NOT NULL, spec BLOB NOT NULL, multikey INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (ns, name));
      CREATE TABLE IF NOT EXISTS retryable_writes (key TEXT PRIMARY KEY, reply BLOB NOT NULL, at INTEGER NOT NULL);
      INSERT OR IGNORE INTO meta (key, value) VALUES ('next_table', 1);
    `);
    this.loadCatalog();
  }

  private open(): Conn {
    const conn = new Database(this.options.file);
    conn.pragma('journal_mode = WAL');
    conn.pragma(`synchronous = ${this.options.durable ? 'FULL' : 'OFF'}`);
    conn.pragma('busy_timeout = 5000');
    conn.defaultSafeIntegers(false);
    return conn;
  }

  private loadCatalog(): void {
    this.collections.clear();
    const cols = this.db.prepare('SELECT ns, db, name, table_id, options FROM collections').all() as {
      ns: string;
      db: string;
      name: string;
      table_id: number;
      options: Buffer;
    }[];
    for (const c of cols)
      this.collections.set(c.ns, {
        ns: c.ns,
        db: c.db,
        name: c.name,
        tableId: c.table_id,
        options: decodeDoc(c.options),
        indexes: [],
      });
    const idx = this.db.prepare('SELECT ns, table_id, spec, multikey FROM indexes ORDER BY rowid').all() as {
      ns: string;
      table_id: number;
      spec: Buffer;
      multikey: number;
    }[];
    for (const i of idx)
      this.collections.get(i.ns)?.indexes.push(makeIndexInfo(decodeDoc(i.spec) as IndexSpec, i.table_id, !!i.multikey));
  }

  stmt(conn: Conn, sql: string): Database.Statement {
    let cache = this.statements.get(conn);
    if (!cache) this.statements.set(conn, (cache = new Map()));
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = conn.prepare(sql)));
    return s;
  }

  private depth = 0;

  /**
   * Runs `fn` in one SQLite transaction (nested calls become savepoints). When the
   * outermost one rolls back, the in-memory catalog is reloaded, so collections or
   * index flags created inside it disappear with it.
   */
  transaction<T>(fn: () => T): T {
    this.depth++;
    try {
      return this.db.transaction(fn).immediate();
    } catch (e) {
      if (this.depth === 1) this.loadCatalog();
      throw e;
    } finally {
      this.depth--;
    }
  }

  close(): void {
    for (const c of this.idlePool) c.close();
    this.db.close();
  }

  // ---- snapshots for multi-document transactions ----

  openSnapshot(): Conn {
    const conn = this.idlePool.pop() ?? this.open();
    conn.exec('BEGIN');
    conn.prepare('SELECT count(*) FROM meta').get(); // the read starts here and pins the snapshot
    return conn;
  }

  releaseSnapshot(conn: Conn): void {
    conn.exec('ROLLBACK');
    if (this.idlePool.length < 8) this.idlePool.push(conn);
    else conn.close();
  }

  // ---- catalog ----

  private nextTableId(): number {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'next_table'").get() as { value: number };
    this.db.prepare("UPDATE meta SET value = value + 1 WHERE key = 'next_table'").run();
    return row.value;
  }

  createCollection(db: string, name: string, options: Doc = {}): CollectionMeta {
    const ns = `${db}.${name}`;
    return this.transaction(() => {
      const tableId = this.nextTableId();
      this.db.exec(`CREATE TABLE c${tableId} (id BLOB PRIMARY KEY, doc BLOB NOT NULL) WITHOUT ROWID`);
      this.db
        .prepare('INSERT INTO collections (ns, db, name, table_id, options) VALUES (?, ?, ?, ?, ?)')
        .run(ns, db, name, tableId, encodeDoc(options));
      const meta: CollectionMeta = { ns, db, name, tableId, options, indexes: [] };
      this.collections.set(ns, meta);
      return meta;
    });
  }

  dropCollection(meta: CollectionMeta): void {
    this.transaction(() => {
      this.db.exec(`DROP TABLE IF EXISTS c${meta.tableId}`);
      for (const i of meta.indexes) this.db.exec(`DROP TABLE IF EXISTS x${i.tableId}`);
      this.db.prepare('DELETE FROM collections WHERE ns = ?').run(meta.ns);
      this.db.prepare('DELETE FROM indexes WHERE ns = ?').run(meta.ns);
    });
    this.collections.delete(meta.ns);
  }

  renameCollection(meta: CollectionMeta, db: string, name: string): void {
    const ns = `${db}.${name}`;
    this.transaction(() => {
      this.db.prepare('UPDATE collections SET ns = ?, db = ?, name = ? WHERE ns = ?').run(ns, db, name, meta.ns);
      this.db.prepare('UPDATE indexes SET ns = ? WHERE ns = ?').run(ns, meta.ns);
    });
    this.collections.delete(meta.ns);
    Object.assign(meta, { ns, db, name });
    this.collections.set(ns, meta);
  }

  createIndex(meta: CollectionMeta, spec: IndexSpec): IndexInfo {
    return this.transaction(() => {
      const tableId = this.nextTableId();
      this.db.exec(`CREATE TABLE x${tableId} (k BLOB NOT NULL, id BLOB NOT NULL, PRIMARY KEY (k, id)) WITHOUT ROWID`);
      const info = makeIndexInfo(spec, tableId);
      const insert = this.stmt(this.db, `INSERT OR IGNORE INTO x${tableId} (k, id) VALUES (?, ?)`);
      for (const row of this.stmt(this.db, `SELECT id, doc FROM c${meta.tableId}`).all() as {
        id: Buffer;
        doc: Buffer;
      }[]) {
        const doc = decodeDoc(row.doc);
        const k = indexKeys(info, doc);
        if (!k) continue;
        if (k.multikey) info.multikey = true;
        for (const key of k.keys) {
          if (spec.unique) {
            const clash = this.stmt(this.db, `SELECT id FROM x${tableId} WHERE k = ? AND id != ? LIMIT 1`).get(
              key,
              row.id,
            );
            if (clash) throw errors.duplicateKey(meta.ns, spec.name, spec.key, keyValueOf(info, doc));
          }
          insert.run(key, row.id);
        }
      }
      this.db
        .prepare('INSERT INTO indexes (ns, name, table_id, spec, multikey) VALUES (?, ?, ?, ?, ?)')
        .run(meta.ns, spec.name, tableId, encodeDoc(spec), info.multikey ? 1 : 0);
      meta.indexes.push(info);
      return info;
    });
  }

  dropIndex(meta: CollectionMeta, info: IndexInfo): void {
    this.transaction(() => {
      this.db.exec(`DROP TABLE IF EXISTS x${info.tableId}`);
      this.db.prepare('DELETE FROM indexes WHERE ns = ? AND name = ?').run(meta.ns, info.spec.name);
    });
    meta.indexes = meta.indexes.filter((i) => i !== info);
  }

  allIndexSpecs(meta: CollectionMeta): IndexSpec[] {
    return [ID_INDEX_SPEC, ...meta.indexes.map((i) => i.spec)];
  }

  // ---- reads (on the main connection or a snapshot) ----

  getById(conn: Conn, meta: CollectionMeta, id: Buffer): Doc | undefined {
    const row = this.safeGet(conn, `SELECT doc FROM c${meta.tableId} WHERE id = ?`, id) as { doc: Buffer } | undefined;
    return row ? decodeDoc(row.doc) : undefined;
  }

  private safeGet(conn: Conn, sql: string, ...params: unknown[]): unknown {
    try {
      return this.stmt(conn, sql).get(...params);
    } catch (e) {
      if (isMissingTable(e)) return undefined;
      throw e;
    }
  }

  /**
   * Visits candidate documents for a plan in plan order until `visit` returns false.
   * `visit` must not touch the database: the connection is busy while iterating.
   */
  forEachCandidate(conn: Conn, meta: CollectionMeta, plan: Plan, visit: (id: Buffer, doc: Doc) => boolean): void {
    if (plan.kind === 'ids') {
      const seen = new Set<string>();
      for (const id of plan.ids) {
        const hex = id.toString('hex');
        if (seen.has(hex)) continue;
        seen.add(hex);
        const row = this.safeGet(conn, `SELECT doc FROM c${meta.tableId} WHERE id = ?`, id) as
          { doc: Buffer } | undefined;
        if (row && !visit(id, decodeDoc(row.doc))) return;
      }
      return;
    }
    if (plan.kind === 'scan') {
      this.iterate(
        conn,
        `SELECT id, doc FROM c${meta.tableId} ORDER BY id ${plan.descending ? 'DESC' : 'ASC'}`,
        [],
        visit,
      );
      return;
    }
    const seen = plan.index.multikey ? new Set<string>() : null;
    const sql = `SELECT c.id AS id, c.doc AS doc FROM x${plan.index.tableId} x JOIN c${meta.tableId} c ON c.id = x.id WHERE x.k >= ? AND x.k < ? ORDER BY x.k ${plan.descending ? 'DESC' : 'ASC'}`;
    const ranges = plan.descending ? [...plan.ranges].reverse() : plan.ranges;
    for (const r of ranges) {
      let stopped = false;
      this.iterate(conn, sql, [r.low, r.high], (id, doc) => {
        if (seen) {
          const hex = id.toString('hex');
          if (seen.has(hex)) return true;
          seen.add(hex);
        }
        const go = visit(id, doc);
        stopped = !go;
        return go;
      });
      if (stopped) return;
    }
  }

  private iterate(conn: Conn, sql: string, params: unknown[], visit: (id: Buffer, doc: Doc) => boolean): void {
    let it: IterableIterator<unknown>;
    try {
      it = this.stmt(conn, sql).iterate(...params);
    } catch (e) {
      if (isMissingTable(e)) return;
      throw e;
    }
    for (const row of it as IterableIterator<{ id: Buffer; doc: Buffer }>) {
      if (!visit(row.id, decodeDoc(row.doc))) {
        it.return?.();
        return;
      }
    }
  }

  /** Ids of documents holding `key` in a unique index, other than `selfId`. */
  keyHolders(conn: Conn, index: IndexInfo, key: Buffer, selfId: Buffer): Buffer[] {
    try {
      return (
        this.stmt(conn, `SELECT id FROM x${index.tableId} WHERE k = ? AND id != ?`).all(key, selfId) as { id: Buffer }[]
      ).map((r) => r.id);
    } catch (e) {
      if (isMissingTable(e)) return [];
      throw e;
    }
  }

  count(conn: Conn, meta: CollectionMeta): number {
    const row = this.safeGet(conn, `SELECT count(*) AS n FROM c${meta.tableId}`) as { n: number } | undefined;
    return row?.n ?? 0;
  }

  // ---- writes (main connection, inside transaction()) ----

  exists(meta: CollectionMeta, id: Buffer): boolean {
    return this.stmt(this.db, `SELECT 1 FROM c${meta.tableId} WHERE id = ?`).get(id) !== undefined;
  }

  /** Checks every unique index of the collection for `doc` (stored under `id`). */
  assertUnique(
    meta: CollectionMeta,
    id: Buffer,
    doc: Doc,
    isTaken?: (index: IndexInfo, key: Buffer, holders: Buffer[]) => boolean,
  ): void {
    for (const index of meta.indexes) {
      if (!index.spec.unique) continue;
      const k = indexKeys(index, doc);
      if (!k) continue;
      for (const key of k.keys) {
        const holders = this.keyHolders(this.db, index, key, id);
        if (isTaken ? isTaken(index, key, holders) : holders.length > 0)
          throw errors.duplicateKey(meta.ns, index.spec.name, index.spec.key, keyValueOf(index, doc));
      }
    }
  }

  /** Writes a document and its index keys; `old` is the stored version being replaced. */
  putDoc(meta: CollectionMeta, id: Buffer, doc: Doc, old?: Doc): void {
    const bytes = encodeDoc(doc);
    if (bytes.length > 16 * 1024 * 1024)
      throw errors.invalidLength('document is larger than the maximum size 16777216');
    this.stmt(this.db, `INSERT OR REPLACE INTO c${meta.tableId} (id, doc) VALUES (?, ?)`).run(id, bytes);
    for (const index of meta.indexes) {
      const after = indexKeys(index, doc);
      if (after?.multikey && !index.multikey) {
        index.multikey = true;
        this.db.prepare('UPDATE indexes SET multikey = 1 WHERE ns = ? AND name = ?').run(meta.ns, index.spec.name);
      }
      const afterKeys = after?.keys ?? [];
      const insertKey = this.stmt(this.db, `INSERT OR IGNORE INTO x${index.tableId} (k, id) VALUES (?, ?)`);
      if (!old) {
        for (const k of afterKeys) insertKey.run(k, id);
        continue;
      }
      const before = indexKeys(index, old)?.keys ?? [];
      const beforeHex = new Set(before.map((b) => b.toString('hex')));
      const afterHex = new Set(afterKeys.map((b) => b.toString('hex')));
      for (const k of before)
        if (!afterHex.has(k.toString('hex')))
          this.stmt(this.db, `DELETE FROM x${index.tableId} WHERE k = ? AND id = ?`).run(k, id);
      for (const k of afterKeys) if (!beforeHex.has(k.toString('hex'))) insertKey.run(k, id);
    }
  }

  deleteDoc(meta: CollectionMeta, id: Buffer, old: Doc): void {
    this.stmt(this.db, `DELETE FROM c${meta.tableId} WHERE id = ?`).run(id);
    for (const index of meta.indexes)
      for (const k of indexKeys(index, old)?.keys ?? [])
        this.stmt(this.db, `DELETE FROM x${index.tableId} WHERE k = ? AND id = ?`).run(k, id);
  }

  // ---- retryable writes: the reply of an applied write, committed with it ----

  rememberRetryable(key: string, reply: Doc): void {
    this.stmt(this.db, 'INSERT OR REPLACE INTO retryable_writes (key, reply, at) VALUES (?, ?, ?)').run(
      key,
      encodeDoc(reply),
      Date.now(),
    );
  }

  recallRetryable(key: string): Doc | undefined {
    const row = this.stmt(this.db, 'SELECT reply FROM retryable_writes WHERE key = ?').get(key) as
      { reply: Buffer } | undefined;
    return row ? decodeDoc(row.reply) : undefined;
  }

  pruneRetryable(olderThan: number): void {
    this.stmt(this.db, 'DELETE FROM retryable_writes WHERE at < ?').run(olderThan);
  }

  // ---- TTL ----

  /** Ids of documents whose TTL-indexed date is at or before `cutoff`. */
  expiredIds(meta: CollectionMeta, index: IndexInfo, cutoff: Date): Buffer[] {
    const low = Buffer.from([45]);
    const high = Buffer.concat([encodeValue(cutoff), Buffer.from([0xff])]);
    const rows = this.stmt(this.db, `SELECT DISTINCT id FROM x${index.tableId} WHERE k >= ? AND k < ? LIMIT 1000`).all(
      low,
      high,
    ) as { id: Buffer }[];
    return rows.map((r) => r.id);
  }
}

function isMissingTable(e: unknown): boolean {
  // No `instanceof Error`: the native module's errors may come from another realm (test sandboxes).
  return (
    typeof (e as { message?: unknown })?.message === 'string' &&
    /no such table/.test((e as { message: string }).message)
  );
}
