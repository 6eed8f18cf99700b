// Database commands: each takes the command document (kind-1 sequences merged in)
// and returns the reply document, shaped as MongoDB shapes it.
import { calculateObjectSize, Long, ObjectId, Timestamp } from 'bson';
import { Query } from 'mingo';
import { isPlainObject, type Doc } from './bson-values';
import { Engine, splitNs, Transaction, WouldBlock } from './engine';
import { errors, MongoError } from './errors';
import { explain, explainCommand, type ExplainServerInfo } from './explain';
import { projectDocs } from './projection';
import { refuseCommand, refuseUnsupported, writeConcernError as unsatisfiedWriteConcern } from './unsupported';

export interface ServerIdentity {
  host: string;
  port: number;
  setName: string;
  electionId: ObjectId;
  startedAt: Date;
}

export interface CommandContext {
  connectionId: number;
  compression: string[];
}

interface Cursor {
  ns: string;
  docs: Doc[];
  pos: number;
  session?: string;
}

/**
 * The lower-case aliases MongoDB registers for some commands (drivers still send
 * 'buildinfo'). Lookup is otherwise exact: {PING: 1} is an unknown command.
 */
const legacyAliases: Record<string, string> = {
  buildinfo: 'buildInfo',
  ismaster: 'isMaster',
  findandmodify: 'findAndModify',
  dbstats: 'dbStats',
  deleteIndexes: 'dropIndexes',
};

const MAX_BSON = 16 * 1024 * 1024;
const DEFAULT_BATCH = 101;

type Handler = (cmd: Doc, db: string, txn: Transaction | undefined, ctx: CommandContext, retryKey?: string) => Doc;

export class CommandRunner {
  private readonly cursors = new Map<string, Cursor>();
  private readonly handlers: Record<string, Handler>;
  /** How long a plain write waits for a transaction holding its document. */
  lockWaitMs = 65_000;

  constructor(
    readonly engine: Engine,
    readonly identity: ServerIdentity,
  ) {
    this.handlers = this.buildHandlers();
  }

  /** The commands this engine answers (the README's feature table is checked against them). */
  get commandNames(): string[] {
    return Object.keys(this.handlers);
  }

  async run(cmd: Doc, ctx: CommandContext): Promise<Doc> {
    const name = Object.keys(cmd)[0];
    const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
    const resolved = own(legacyAliases, name) ? legacyAliases[name] : name;
    const handler = own(this.handlers, resolved) ? this.handlers[resolved] : undefined;
    if (!handler) {
      refuseCommand(name ?? '');
      throw errors.commandNotFound(name ?? '');
    }
    const db = typeof cmd.$db === 'string' ? cmd.$db : 'admin';
    // maxTimeMS bounds the wait for a transaction's locks, as in MongoDB; queries themselves run to the end.
    const maxTimeMS = Number(cmd.maxTimeMS ?? 0);
    const deadline = Date.now() + (maxTimeMS > 0 ? Math.min(maxTimeMS, this.lockWaitMs) : this.lockWaitMs);
    for (;;) {
      try {
        const { txn, retryKey } = this.sessionState(cmd, name);
        try {
          refuseUnsupported(name, cmd);
          const reply = handler(cmd, db, txn, ctx, retryKey);
          const writeConcernError = unsatisfiedWriteConcern(cmd);
          return writeConcernError ? { ...reply, writeConcernError } : reply;
        } catch (e) {
          if (
            txn &&
            !(e instanceof WouldBlock) &&
            txn.state === 'active' &&
            name !== 'commitTransaction' &&
            name !== 'abortTransaction' &&
            e instanceof MongoError
          )
            this.engine.abort(txn);
          throw e;
        }
      } catch (e) {
        if (!(e instanceof WouldBlock)) throw e;
        if (Date.now() > deadline) throw errors.maxTimeExpired();
        await this.engine.waitForLocks(Math.min(1000, deadline - Date.now()));
      }
    }
  }

  /** The transaction a command belongs to, and the retry key of a retryable write. */
  private sessionState(cmd: Doc, name: string): { txn?: Transaction; retryKey?: string } {
    const lsid = isPlainObject(cmd.lsid) ? cmd.lsid.id : undefined;
    if (!lsid || cmd.txnNumber === undefined) return {};
    const key = Buffer.from((lsid as { buffer: Uint8Array }).buffer ?? []).toString('hex');
    const txnNumber = String(cmd.txnNumber);
    if (cmd.autocommit !== false) return { retryKey: `${key}:${txnNumber}` };
    const existing = this.engine.transactions.get(key);
    if (cmd.startTransaction === true) {
      if (existing?.state === 'active') {
        if (existing.txnNumber === txnNumber)
          throw new MongoError(251, 'NoSuchTransaction', 'transaction already started');
        this.engine.abort(existing);
      }
      return { txn: this.engine.beginTransaction(key, txnNumber) };
    }
    if (!existing || existing.txnNumber !== txnNumber) {
      if (
        name === 'abortTransaction' ||
        name === 'commitTransaction' ||
        !existing ||
        BigInt(existing.txnNumber) < BigInt(txnNumber)
      )
        throw errors.noSuchTransaction(txnNumber);
      throw errors.transactionTooOld();
    }
    if (existing.state === 'aborted' && name !== 'abortTransaction') throw errors.noSuchTransaction(txnNumber);
    if (existing.state === 'committed' && name !== 'commitTransaction')
      throw new MongoError(256, 'TransactionCommitted', `Transaction ${txnNumber} has been committed.`);
    return { txn: existing };
  }

  hello(cmd: Doc, ctx: CommandContext): Doc {
    const me = `${this.identity.host}:${this.identity.port}`;
    const requested = Array.isArray(cmd.compression) ? (cmd.compression as string[]) : [];
    ctx.compression = requested.filter((c) => c === 'zlib');
    const reply: Doc = {
      helloOk: true,
      ismaster: true,
      isWritablePrimary: true,
      secondary: false,
      setName: this.identity.setName,
      setVersion: 1,
      hosts: [me],
      primary: me,
      me,
      electionId: this.identity.electionId,
      lastWrite: {
        opTime: { ts: Timestamp.fromBits(0, Math.floor(Date.now() / 1000)), t: Long.fromNumber(1) },
        lastWriteDate: new Date(),
      },
      maxBsonObjectSize: MAX_BSON,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      connectionId: ctx.connectionId,
      minWireVersion: 0,
      maxWireVersion: 21,
      readOnly: false,
      ok: 1,
    };
    if (ctx.compression.length) reply.compression = ctx.compression;
    return reply;
  }

  private cursorReply(
    ns: string,
    docs: Doc[],
    batchSize: number | undefined,
    single: boolean,
    session?: string,
    key: 'firstBatch' | 'nextBatch' = 'firstBatch',
    existingId?: string,
  ): Doc {
    const limit = batchSize && batchSize > 0 ? batchSize : key === 'firstBatch' ? DEFAULT_BATCH : Infinity;
    const batch: Doc[] = [];
    let bytes = 0;
    let pos = 0;
    while (pos < docs.length && batch.length < limit) {
      const size = calculateObjectSize(docs[pos]);
      if (batch.length && bytes + size > MAX_BSON - 64 * 1024) break;
      bytes += size;
      batch.push(docs[pos++]);
    }
    let id = Long.ZERO;
    if (!single && pos < docs.length) {
      const cid =
        existingId ??
        Long.fromBigInt(BigInt.asIntN(63, BigInt(`0x${new ObjectId().toHexString().slice(8)}`)) || 1n).toString();
      this.cursors.set(cid, { ns, docs, pos, session });
      id = Long.fromString(cid);
    } else if (existingId) this.cursors.delete(existingId);
    if (existingId && id.isZero()) this.cursors.delete(existingId);
    return { cursor: { [key]: batch, id, ns }, ok: 1 };
  }

  private buildHandlers(): Record<string, Handler> {
    const engine = this.engine;
    const ns = (db: string, coll: unknown) => {
      if (typeof coll !== 'string' || !coll)
        throw errors.invalidNamespace('collection name must be a non-empty string');
      return `${db}.${coll}`;
    };
    const filterOf = (v: unknown): Doc => {
      if (v === undefined || v === null) return {};
      if (!isPlainObject(v)) throw errors.typeMismatch('filter must be an object');
      return v;
    };
    const sessionOf = (cmd: Doc) =>
      isPlainObject(cmd.lsid)
        ? Buffer.from((cmd.lsid.id as { buffer: Uint8Array }).buffer ?? []).toString('hex')
        : undefined;
    const project = projectDocs;
    const writeError = (index: number, e: MongoError): Doc => ({
      index,
      code: e.code,
      codeName: e.codeName,
      errmsg: e.message,
      ...(e.code === 11000 ? e.extra : {}),
    });
    const write = <T extends Doc>(txn: Transaction | undefined, retryKey: string | undefined, fn: () => T): T =>
      txn ? fn() : engine.write(fn, retryKey);
    const inTxn = (txn: Transaction | undefined) => (txn?.state === 'active' ? txn : undefined);
    const serverInfo = (): ExplainServerInfo => ({
      host: this.identity.host,
      port: this.identity.port,
      version: '7.0.0',
      gitVersion: 'woodpecker-embedded',
    });

    const h: Record<string, Handler> = {
      hello: (cmd, _db, _t, ctx) => this.hello(cmd, ctx),
      isMaster: (cmd, _db, _t, ctx) => this.hello(cmd, ctx),
      ping: () => ({ ok: 1 }),
      buildInfo: () => ({
        version: '7.0.0',
        gitVersion: 'woodpecker-embedded',
        versionArray: [7, 0, 0, 0],
        bits: 64,
        maxBsonObjectSize: MAX_BSON,
        storageEngines: ['sqlite'],
        ok: 1,
      }),
      getParameter: () => ({ featureCompatibilityVersion: { version: '7.0' }, ok: 1 }),
      serverStatus: () => ({
        host: this.identity.host,
        version: '7.0.0',
        process: 'woodpecker-embedded',
        uptime: (Date.now() - this.identity.startedAt.getTime()) / 1000,
        localTime: new Date(),
        connections: {},
        ok: 1,
      }),
      hostInfo: () => ({ system: { hostname: this.identity.host }, ok: 1 }),
      connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
      whatsmyuri: () => ({ you: '127.0.0.1', ok: 1 }),
      getCmdLineOpts: () => ({ argv: [], parsed: {}, ok: 1 }),
      getLog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
      endSessions: () => ({ ok: 1 }),
      killSessions: () => ({ ok: 1 }),
      refreshSessions: () => ({ ok: 1 }),
      dbStats: (_c, db) => ({
        db,
        collections: engine.collectionsOf(db).length,
        objects: engine.collectionsOf(db).reduce((n, c) => n + engine.count(c.ns, {}), 0),
        ok: 1,
      }),

      insert: (cmd, db, txn, _ctx, retryKey) => {
        const target = ns(db, cmd.insert);
        const docs = cmd.documents;
        if (!Array.isArray(docs) || docs.length === 0)
          throw errors.badValue('insert needs a non-empty documents array');
        if (docs.length > 100_000) throw errors.badValue('Write batch sizes must be between 1 and 100000');
        const ordered = cmd.ordered !== false;
        return write(inTxn(txn), retryKey, () => {
          let n = 0;
          const writeErrors: Doc[] = [];
          for (let i = 0; i < docs.length; i++) {
            try {
              if (!isPlainObject(docs[i])) throw errors.badValue('document must be an object');
              engine.insertOne(target, docs[i] as Doc, inTxn(txn));
              n++;
            } catch (e) {
              if (!(e instanceof MongoError) || e.labels.length) throw e; // labelled errors are whole-command errors
              writeErrors.push(writeError(i, e));
              if (txn) engine.abort(txn);
              if (ordered || txn) break;
            }
          }
          return writeErrors.length ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
        });
      },

      update: (cmd, db, txn, _ctx, retryKey) => {
        const target = ns(db, cmd.update);
        const updates = cmd.updates;
        if (!Array.isArray(updates) || updates.length === 0)
          throw errors.badValue('update needs a non-empty updates array');
        const ordered = cmd.ordered !== false;
        return write(inTxn(txn), retryKey, () => {
          let n = 0;
          let nModified = 0;
          const upserted: Doc[] = [];
          const writeErrors: Doc[] = [];
          for (let i = 0; i < updates.length; i++) {
            const u = updates[i] as Doc;
            try {
              if (!isPlainObject(u) || u.u === undefined) throw errors.failedToParse('update statement needs q and u');
              const r = engine.updateOne(
                target,
                filterOf(u.q),
                u.u as Doc,
                {
                  multi: !!u.multi,
                  upsert: !!u.upsert,
                  arrayFilters: u.arrayFilters as Doc[] | undefined,
                  hint: u.hint,
                },
                inTxn(txn),
              );
              if (r.upsertedId !== undefined) {
                upserted.push({ index: i, _id: r.upsertedId });
                n++;
              } else {
                n += r.matched;
                nModified += r.modified;
              }
            } catch (e) {
              if (!(e instanceof MongoError) || e.labels.length) throw e; // labelled errors are whole-command errors
              writeErrors.push(writeError(i, e));
              if (txn) engine.abort(txn);
              if (ordered || txn) break;
            }
          }
          const reply: Doc = { n, nModified };
          if (upserted.length) reply.upserted = upserted;
          if (writeErrors.length) reply.writeErrors = writeErrors;
          reply.ok = 1;
          return reply;
        });
      },

      delete: (cmd, db, txn, _ctx, retryKey) => {
        const target = ns(db, cmd.delete);
        const deletes = cmd.deletes;
        if (!Array.isArray(deletes) || deletes.length === 0)
          throw errors.badValue('delete needs a non-empty deletes array');
        const ordered = cmd.ordered !== false;
        return write(inTxn(txn), retryKey, () => {
          let n = 0;
          const writeErrors: Doc[] = [];
          for (let i = 0; i < deletes.length; i++) {
            const d = deletes[i] as Doc;
            try {
              if (!isPlainObject(d)) throw errors.failedToParse('delete statement must be an object');
              if (d.limit !== 0 && d.limit !== 1)
                throw errors.failedToParse('The limit field in delete objects must be 0 or 1');
              n += engine.deleteMatching(
                target,
                filterOf(d.q),
                { limit: d.limit === 1 ? 1 : 0, hint: d.hint },
                inTxn(txn),
              ).length;
            } catch (e) {
              if (!(e instanceof MongoError) || e.labels.length) throw e; // labelled errors are whole-command errors
              writeErrors.push(writeError(i, e));
              if (ordered || txn) break;
            }
          }
          return writeErrors.length ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
        });
      },

      findAndModify: (cmd, db, txn, _ctx, retryKey) => {
        const target = ns(db, cmd.findAndModify ?? cmd.findandmodify);
        const filter = filterOf(cmd.query);
        const sort = isPlainObject(cmd.sort) ? cmd.sort : undefined;
        if (cmd.remove && cmd.update !== undefined)
          throw errors.failedToParse('Cannot specify both an update and remove=true');
        if (!cmd.remove && cmd.update === undefined)
          throw errors.failedToParse('Either an update or remove=true must be specified');
        return write(inTxn(txn), retryKey, () => {
          if (cmd.remove) {
            const [removed] = engine.deleteMatching(target, filter, { limit: 1, sort, hint: cmd.hint }, inTxn(txn));
            return {
              lastErrorObject: { n: removed ? 1 : 0 },
              value: removed ? project([removed], cmd.fields)[0] : null,
              ok: 1,
            };
          }
          const r = engine.updateOne(
            target,
            filter,
            cmd.update as Doc,
            { upsert: !!cmd.upsert, sort, arrayFilters: cmd.arrayFilters as Doc[] | undefined, hint: cmd.hint },
            inTxn(txn),
          );
          const value = cmd.new ? r.after : r.upsertedId !== undefined ? undefined : r.before;
          const lastErrorObject: Doc = {
            n: r.upsertedId !== undefined ? 1 : r.matched,
            updatedExisting: r.matched > 0,
          };
          if (r.upsertedId !== undefined) lastErrorObject.upserted = r.upsertedId;
          return { lastErrorObject, value: value ? project([value], cmd.fields)[0] : null, ok: 1 };
        });
      },

      find: (cmd, db, txn, _ctx) => {
        const target = ns(db, cmd.find);
        const limitRaw = Number(cmd.limit ?? 0);
        const single = !!cmd.singleBatch || limitRaw < 0;
        const limit = Math.abs(limitRaw);
        const skip = Number(cmd.skip ?? 0);
        if (skip < 0) throw errors.badValue('skip value must be non-negative');
        const filter = filterOf(cmd.filter);
        const docs = project(
          engine.find(
            target,
            filter,
            { sort: isPlainObject(cmd.sort) ? cmd.sort : undefined, skip, limit, hint: cmd.hint },
            inTxn(txn),
          ),
          cmd.projection,
          filter,
        );
        const batch = cmd.batchSize === undefined ? undefined : Number(cmd.batchSize);
        if (batch !== undefined && (batch < 0 || !Number.isFinite(batch)))
          throw errors.badValue('batchSize must be non-negative');
        return this.cursorReply(target, docs, batch, single, sessionOf(cmd));
      },

      getMore: (cmd) => {
        const id = String(cmd.getMore);
        const cursor = this.cursors.get(id);
        if (!cursor) throw errors.cursorNotFound(id);
        const rest = cursor.docs.slice(cursor.pos);
        const batch = cmd.batchSize === undefined ? undefined : Number(cmd.batchSize);
        this.cursors.delete(id);
        return this.cursorReply(cursor.ns, rest, batch, false, cursor.session, 'nextBatch', id);
      },

      killCursors: (cmd) => {
        const ids = Array.isArray(cmd.cursors) ? cmd.cursors.map(String) : [];
        const killed = ids.filter((id) => this.cursors.delete(id));
        const notFound = ids.filter((id) => !killed.includes(id));
        return {
          cursorsKilled: killed.map((i) => Long.fromString(i)),
          cursorsNotFound: notFound.map((i) => Long.fromString(i)),
          cursorsAlive: [],
          cursorsUnknown: [],
          ok: 1,
        };
      },

      explain: (cmd, db, txn) => {
        if (txn) throw errors.operationNotSupportedInTransaction('Cannot run explain in a multi-document transaction');
        const inner = isPlainObject(cmd.explain) ? Object.keys(cmd.explain)[0] : undefined;
        const known = (k: string) => Object.prototype.hasOwnProperty.call(h, k);
        if (inner !== undefined && !known(inner) && !known(legacyAliases[inner] ?? ''))
          throw new MongoError(59, 'CommandNotFound', `Explain failed due to unknown command: ${inner}`);
        return explain(engine, cmd, db, serverInfo());
      },

      aggregate: (cmd, db, txn) => {
        if (!Array.isArray(cmd.pipeline)) throw errors.typeMismatch("'pipeline' option must be specified as an array");
        // The legacy form {aggregate, pipeline, explain: true} answers with the plan.
        if (cmd.explain === true) return explainCommand(engine, cmd, db, 'queryPlanner', serverInfo());
        if (cmd.cursor === undefined && !cmd.explain)
          throw errors.failedToParse("The 'cursor' option is required, except for aggregate with the explain argument");
        if (typeof cmd.aggregate !== 'string')
          throw errors.badValue('aggregate with no collection is not supported by the embedded engine');
        const target = ns(db, cmd.aggregate);
        const docs = engine.aggregate(target, cmd.pipeline as Doc[], inTxn(txn), cmd.hint);
        const batch =
          isPlainObject(cmd.cursor) && cmd.cursor.batchSize !== undefined ? Number(cmd.cursor.batchSize) : undefined;
        return this.cursorReply(target, docs, batch, false, sessionOf(cmd));
      },

      count: (cmd, db, txn) => {
        const target = ns(db, cmd.count);
        return {
          n: engine.count(
            target,
            filterOf(cmd.query),
            { skip: Number(cmd.skip ?? 0), limit: Math.abs(Number(cmd.limit ?? 0)), hint: cmd.hint },
            inTxn(txn),
          ),
          ok: 1,
        };
      },

      distinct: (cmd, db, txn) => {
        if (typeof cmd.key !== 'string') throw errors.failedToParse('distinct needs a string key');
        return {
          values: engine.distinct(ns(db, cmd.distinct), cmd.key, filterOf(cmd.query), inTxn(txn), cmd.hint),
          ok: 1,
        };
      },

      create: (cmd, db) => {
        const {
          create,
          $db,
          lsid,
          $readPreference,
          $clusterTime,
          writeConcern,
          txnNumber,
          autocommit,
          startTransaction,
          ...options
        } = cmd;
        void [$db, lsid, $readPreference, $clusterTime, writeConcern, txnNumber, autocommit, startTransaction];
        engine.createCollection(ns(db, create), options);
        return { ok: 1 };
      },

      drop: (cmd, db) => {
        const target = ns(db, cmd.drop);
        const meta = engine.collection(target);
        const nIndexesWas = meta ? meta.indexes.length + 1 : 0;
        engine.drop(target);
        return meta ? { ns: target, nIndexesWas, ok: 1 } : { ok: 1 };
      },

      renameCollection: (cmd) => {
        if (typeof cmd.renameCollection !== 'string' || typeof cmd.to !== 'string')
          throw errors.badValue('renameCollection and to must be namespaces');
        splitNs(cmd.to);
        engine.renameCollection(cmd.renameCollection, cmd.to, !!cmd.dropTarget);
        return { ok: 1 };
      },

      dropDatabase: (_cmd, db) => {
        engine.dropDatabase(db);
        return { dropped: db, ok: 1 };
      },

      listDatabases: (cmd) => {
        const names = engine.databases();
        const databases = names.map((name) => ({ name, sizeOnDisk: 0, empty: false }));
        const filtered = isPlainObject(cmd.filter)
          ? databases.filter((d) => new Query(cmd.filter as Doc).test(d))
          : databases;
        return cmd.nameOnly
          ? { databases: filtered.map((d) => ({ name: d.name })), ok: 1 }
          : { databases: filtered, totalSize: 0, totalSizeMb: 0, ok: 1 };
      },

      listCollections: (cmd, db) => {
        const items = engine.collectionsOf(db).map((c) => ({
          name: c.name,
          type: 'collection',
          options: c.options,
          info: { readOnly: false },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        }));
        const filtered = isPlainObject(cmd.filter) ? items.filter((i) => new Query(cmd.filter as Doc).test(i)) : items;
        const out = cmd.nameOnly ? filtered.map((i) => ({ name: i.name, type: i.type })) : filtered;
        const batch =
          isPlainObject(cmd.cursor) && cmd.cursor.batchSize !== undefined ? Number(cmd.cursor.batchSize) : undefined;
        return this.cursorReply(`${db}.$cmd.listCollections`, out, batch, false);
      },

      createIndexes: (cmd, db) => {
        if (!Array.isArray(cmd.indexes) || cmd.indexes.length === 0)
          throw errors.badValue('createIndexes needs a non-empty indexes array');
        const r = engine.createIndexes(ns(db, cmd.createIndexes), cmd.indexes);
        return {
          createdCollectionAutomatically: r.createdCollection,
          numIndexesBefore: r.before,
          numIndexesAfter: r.after,
          ok: 1,
        };
      },

      listIndexes: (cmd, db) => {
        const target = ns(db, cmd.listIndexes);
        const meta = engine.collection(target);
        if (!meta) throw errors.namespaceNotFound(`ns does not exist: ${target}`);
        const batch =
          isPlainObject(cmd.cursor) && cmd.cursor.batchSize !== undefined ? Number(cmd.cursor.batchSize) : undefined;
        return this.cursorReply(target, engine.store.allIndexSpecs(meta), batch, false);
      },

      dropIndexes: (cmd, db) => {
        const target = ns(db, cmd.dropIndexes);
        const meta = engine.collection(target);
        const nIndexesWas = meta ? meta.indexes.length + 1 : 0;
        engine.dropIndexes(target, cmd.index);
        return { nIndexesWas, ok: 1 };
      },

      commitTransaction: (_cmd, _db, txn) => {
        if (!txn) throw errors.noSuchTransaction('none');
        if (txn.state === 'committed') return { ok: 1 };
        engine.commit(txn);
        return { ok: 1 };
      },

      abortTransaction: (_cmd, _db, txn) => {
        if (!txn || txn.state !== 'active') throw errors.noSuchTransaction(txn?.txnNumber ?? 'none');
        engine.abort(txn);
        return { ok: 1 };
      },
    };
    return h;
  }
}
