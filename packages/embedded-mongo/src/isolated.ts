// startEmbeddedMongoProcess(): the engine in a child process of its own, so a
// heavy query runs on another event loop (and core) than the app's HTTP, and the
// engine's memory and crashes are its own. The child is engine-process.ts.
import { fork } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmbeddedNetwork, EmbeddedOptions, EmbeddedStorage } from './index';

/** Messages from the app's process to the engine's. */
export type ToEngine =
  | { type: 'start'; storage: EmbeddedStorage; network: EmbeddedNetwork; options: Omit<EmbeddedOptions, 'log'> }
  | { type: 'stop' };

/** Messages from the engine's process to the app's. */
export type FromEngine =
  | { type: 'ready'; uri: string; host: string; port: number }
  | { type: 'log'; line: string }
  | { type: 'failed'; message: string };

export interface EmbeddedProcessOptions extends EmbeddedOptions {
  /** Called when the engine's process ends without stop() (a crash, a kill -9): the caller decides what its app does. */
  onExit?: (how: { code: number | null; signal: NodeJS.Signals | null }) => void;
}

/** A running engine in another process: where to connect, and how to stop it. */
export interface EmbeddedMongoServer {
  uri: string;
  host: string;
  port: number;
  /** The engine's process id (the pid in the data directory's engine.lock). */
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
/** After this, stop() kills the engine: every acknowledged write is already on disk. */
const STOP_TIMEOUT_MS = 10_000;

/** From the TypeScript sources (tsx, ts-jest) the child needs tsx's loader; built, the JS entry runs as it is. */
function engineEntry(): { file: string; execArgv: string[] } {
  if (path.extname(__filename) === '.ts')
    return {
      file: path.join(__dirname, 'engine-process.ts'),
      execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href],
    };
  return { file: path.join(__dirname, 'engine-process.js'), execArgv: [] };
}

export function startEmbeddedMongoProcess(
  storage: EmbeddedStorage,
  network: EmbeddedNetwork = {},
  options: EmbeddedProcessOptions = {},
): Promise<EmbeddedMongoServer> {
  const { log = () => {}, onExit, ...engineOptions } = options;
  const { file, execArgv } = engineEntry();
  const child = fork(file, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let ready = false;
  let stopping = false;

  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the embedded database process did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    let failure: string | undefined;
    child.on('message', (message: FromEngine) => {
      if (message.type === 'log') log(message.line);
      else if (message.type === 'failed') failure = message.message;
      else if (message.type === 'ready' && !ready) {
        ready = true;
        clearTimeout(timeout);
        resolve({
          uri: message.uri,
          host: message.host,
          port: message.port,
          pid: child.pid!,
          async stop() {
            if (!stopping && child.exitCode === null && child.signalCode === null) {
              stopping = true;
              child.send({ type: 'stop' } satisfies ToEngine);
              const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
              await exited;
              clearTimeout(kill);
            }
            await exited;
          },
        });
      }
    });
    child.once('error', (e) => {
      clearTimeout(timeout);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timeout);
      if (!ready)
        reject(new Error(failure ?? `the embedded database process ended (${signal ?? code}) before it listened`));
      else if (!stopping) {
        log(`the embedded database process ended unexpectedly (${signal ?? `exit code ${code}`})`);
        onExit?.({ code, signal });
      }
    });
    child.send({ type: 'start', storage, network, options: engineOptions } satisfies ToEngine);
  });
}
