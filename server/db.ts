// The database: a real MongoDB when MONGODB_URI is set, otherwise the embedded
// engine with its data under the data directory. A second process (a script
// while the server runs) joins the engine that already owns the directory.
import fs from 'node:fs';
import path from 'node:path';
import mongoose, { type ClientSession } from 'mongoose';
import { startEmbeddedMongo, type EmbeddedMongo } from './embedded-mongo';

mongoose.set('strictQuery', true);
// User input can never smuggle query operators: filters with $-keys must be
// marked trusted() by the code that writes them.
mongoose.set('sanitizeFilter', true);

export interface Database {
  uri: string;
  embedded?: EmbeddedMongo;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  mongodbUri?: string;
  dataDir: string;
  dbName?: string;
  log?: (msg: string) => void;
  /** For a script's own embedded engine: how long one transaction may run (default 60 s, as MongoDB). */
  transactionLifetimeMs?: number;
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
  let embedded: EmbeddedMongo | undefined;
  const dir = path.join(opts.dataDir, 'db');
  if (!uri) uri = runningEngineUri(dir);
  if (!uri) {
    embedded = await startEmbeddedMongo({ dataDir: dir }, {}, { log: opts.log, transactionLifetimeMs: opts.transactionLifetimeMs });
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

/** Runs `fn` in a transaction, retried on transient conflicts. */
export function inTransaction<T>(fn: (session: ClientSession) => Promise<T>): Promise<T> {
  return mongoose.connection.transaction(fn);
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
