// startEmbeddedMongo(): a MongoDB-compatible server inside this process, on
// loopback, durable in a data directory or throw-away for tests.
// startEmbeddedMongoProcess() (isolated.ts): the same server in a child process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from './engine';
import { listen } from './server';
import { Store } from './store';

export { startEmbeddedMongoProcess, type EmbeddedMongoServer, type EmbeddedProcessOptions } from './isolated';

export type EmbeddedStorage = { dataDir: string } | { inMemory: true };

export interface EmbeddedNetwork {
  host?: string;
  port?: number;
}

export interface EmbeddedOptions {
  /** How often TTL indexes are enforced (MongoDB: 60 s). */
  ttlIntervalMs?: number;
  /** Transactions older than this are aborted (MongoDB's transactionLifetimeLimitSeconds: 60). */
  transactionLifetimeMs?: number;
  log?: (msg: string) => void;
}

export interface EmbeddedMongo {
  uri: string;
  host: string;
  port: number;
  engine: Engine;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function scratchDir(): string {
  // Prefer a memory-backed filesystem for throw-away databases.
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  return fs.mkdtempSync(path.join(base, 'woodpecker-db-'));
}

function lockDataDir(dir: string): () => void {
  const lock = path.join(dir, 'engine.lock');
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new Error(`data directory ${dir} is in use by process ${pid}`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.writeFileSync(lock, String(process.pid), { mode: 0o600 });
  return () => fs.rmSync(lock, { force: true });
}

export async function startEmbeddedMongo(
  storage: EmbeddedStorage,
  network: EmbeddedNetwork = {},
  options: EmbeddedOptions = {},
): Promise<EmbeddedMongo> {
  const host = network.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  if (!LOOPBACK.has(host)) log(`warning: the embedded database has no authentication and is listening on ${host}`);
  const inMemory = 'inMemory' in storage;
  const dir = inMemory ? scratchDir() : path.resolve(storage.dataDir);
  // The database holds reports and staff accounts: readable by the service account only.
  // SQLite gives its journal and WAL files the mode of the database file, so create that 0600 first.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const unlock = inMemory ? () => {} : lockDataDir(dir);
  const file = path.join(dir, 'woodpecker.sqlite');
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
  const store = new Store({ file, durable: !inMemory });
  const engine = new Engine(store);
  const wire = await listen(engine, host, network.port ?? 0, log);
  const lifetime = options.transactionLifetimeMs ?? 60_000;
  const timers = [
    setInterval(() => safely(() => engine.expireDocuments(), log), options.ttlIntervalMs ?? 1000),
    setInterval(() => safely(() => engine.reapTransactions(lifetime), log), Math.min(1000, lifetime)),
    setInterval(() => safely(() => store.pruneRetryable(Date.now() - 30 * 60_000), log), 60_000),
  ];
  for (const t of timers) t.unref();
  const uriHost = host.includes(':') ? `[${host}]` : host;
  let stopped = false;
  return {
    uri: `mongodb://${uriHost}:${wire.port}/?directConnection=true`,
    host,
    port: wire.port,
    engine,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearInterval(t);
      await wire.close();
      for (const t of engine.transactions.values()) engine.abort(t);
      store.close();
      unlock();
      if (inMemory) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function safely(fn: () => unknown, log: (msg: string) => void): void {
  try {
    fn();
  } catch (e) {
    log(`background task failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
