// The engine's own process, forked by startEmbeddedMongoProcess() (isolated.ts):
// it receives its storage and options over the IPC channel, answers on loopback,
// forwards its log lines, and stops when asked or when its parent is gone.
import os from 'node:os';
import { startEmbeddedMongo, type EmbeddedMongo } from './index';
import type { ToEngine, FromEngine } from './isolated';

// When the CPU is contended, the app's requests come before the engine's heavy
// queries: a lower priority (nice 10) for this thread, which runs every query and
// all of SQLite (on Linux a priority is per thread; threads it starts inherit it).
try {
  os.setPriority(10);
} catch {
  // A platform without priorities: run as is.
}

const send = (message: FromEngine) => {
  if (process.connected) process.send!(message);
};

let starting: Promise<EmbeddedMongo | undefined> | undefined;
let stopping: Promise<void> | undefined;

/** Closes the wire, aborts open transactions, closes SQLite and removes the lock, then exits. */
function stopAndExit(): Promise<void> {
  stopping ??= (async () => {
    let code = 0;
    try {
      await (await starting)?.stop();
    } catch (e) {
      send({ type: 'log', line: `stopping failed: ${e instanceof Error ? e.message : String(e)}` });
      code = 1;
    }
    process.exit(code);
  })();
  return stopping;
}

// Ctrl-C and a service manager signal the whole process group: the parent stops
// the engine itself, last, after its own requests have finished. Without a
// parent, a signal stops the engine at once.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (!process.connected) void stopAndExit();
  });
// The parent ended (even by kill -9): never outlive it, never keep the data directory locked.
process.on('disconnect', () => void stopAndExit());

process.on('message', (message: ToEngine) => {
  if (message.type === 'stop') {
    void stopAndExit();
    return;
  }
  if (starting || stopping) return;
  starting = startEmbeddedMongo(message.storage, message.network, {
    ...message.options,
    log: (line) => send({ type: 'log', line }),
  }).then(
    (db) => {
      send({ type: 'ready', uri: db.uri, host: db.host, port: db.port });
      return db;
    },
    (e: unknown) => {
      send({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
      process.exit(1);
    },
  );
});
