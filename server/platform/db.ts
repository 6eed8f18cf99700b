// The database: a real MongoDB when MONGODB_URI is set, otherwise the embedded
// engine with its data under the data directory, in a child process of its own
// so that a heavy query never blocks HTTP. A second process (a script while the
// server runs) joins the engine that already owns the directory.
import fs from 'node:fs';
import path from 'node:path';
import mongoose, { type ClientSession } from 'mongoose';
import { startEmbeddedMongo, startEmbeddedMongoProcess, type EmbeddedMongo } from '@woodpecker/embedded-mongo';

mongoose.set('strictQuery', true);
// User input can never smuggle query operators: filters with $-keys must be
// marked trusted() by the code that writes them.
mongoose.set('sanitizeFilter', true);

export interface Database {
  uri: string;
  /** The embedded engine this process started (in its own process unless isolation is 'in-process'). */
  embedded?: Pick<EmbeddedMongo, 'uri' | 'stop'>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  mongodbUri?: string;
  dataDir: string;
  dbName?: string;
  log?: (msg: string) => void;
  /** For a script's own embedded engine: how long one transaction may run (default 60 s, as MongoDB). */
  transactionLifetimeMs?: number;
  /** Where this process's own embedded engine runs: its own child process (default) or this event loop. */
  isolation?: 'process' | 'in-process';
  /**
   * The engine's process ended without close() (a crash, a kill -9). Default: this
   * process exits with code 1, so that its supervisor restarts app and engine
   * together, rather than serving requests that can only fail.
   */
  onEngineExit?: () => void;
}

function runningEngineUri(dir: string): string | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, 'engine.lock'), 'utf8'));
    process.kill(pid, 0);
    return fs.readFileSync(path.join(dir, 'engine.uri'), 'utf8').trim();
  } catch {
    return undefined;
  }
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  let uri = opts.mongodbUri;
  let embedded: Database['embedded'];
  const dir = path.join(opts.dataDir, 'db');
  if (!uri) uri = runningEngineUri(dir);
  if (!uri) {
    const engineOptions = { log: opts.log, transactionLifetimeMs: opts.transactionLifetimeMs };
    embedded =
      opts.isolation === 'in-process'
        ? await startEmbeddedMongo({ dataDir: dir }, {}, engineOptions)
        : await startEmbeddedMongoProcess(
            { dataDir: dir },
            {},
            { ...engineOptions, onExit: opts.onEngineExit ?? exit },
          );
    fs.writeFileSync(path.join(dir, 'engine.uri'), embedded.uri, { mode: 0o600 });
    uri = embedded.uri;
  }
  await mongoose.connect(uri, { dbName: opts.dbName ?? 'woodpecker', serverSelectionTimeoutMS: 10_000 });
  await mongoose.connection.syncIndexes();
  return {
    uri,
    embedded,
    async close() {
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}

/** The engine's process already told the log why; the supervisor restarts app and engine together. */
function exit(): never {
  process.exit(1);
}

/** Before retry n in the lane: a random wait up to 2^n ms (at most 100 ms), for conflicts with other instances. */
const retryDelayMs = (attempt: number) => Math.random() * Math.min(100, 2 ** attempt);

/** Thrown by a first attempt that the driver would retry: the retry goes to the lane instead. */
class RetryInLane extends Error {}

/** Retried transactions of this process run one at a time, in order. */
let retryLane: Promise<unknown> = Promise.resolve();
function inRetryLane<T>(work: () => Promise<T>): Promise<T> {
  const run = retryLane.then(work, work);
  retryLane = run.catch(() => undefined);
  return run;
}

/**
 * Runs `fn` in a transaction, retried on transient conflicts. A first attempt
 * runs at once, alongside others. If it meets a write conflict, its retries queue
 * in a single lane: a hundred requests racing for one document (the fund) would
 * otherwise retry all at once, conflict again and starve the process they share;
 * in the lane they take their turn, each on a fresh snapshot. Conflicts with
 * other instances are still retried (by the driver, for up to 120 s), after a
 * short random wait.
 */
export async function inTransaction<T>(fn: (session: ClientSession) => Promise<T>): Promise<T> {
  let attempts = 0;
  try {
    return await mongoose.connection.transaction(async (session) => {
      if (attempts++) throw new RetryInLane();
      return fn(session);
    });
  } catch (e) {
    if (!(e instanceof RetryInLane)) throw e;
  }
  return inRetryLane(() => {
    let retries = 0;
    return mongoose.connection.transaction(async (session) => {
      if (retries++) await new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries)));
      return fn(session);
    });
  });
}

export async function databaseAnswers(): Promise<boolean> {
  try {
    const db = mongoose.connection.db;
    if (!db) return false;
    await db.admin().ping();
    return true;
  } catch {
    return false;
  }
}
