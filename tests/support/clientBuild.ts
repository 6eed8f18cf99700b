// The built web client that browser and delivery tests serve. `npm test` builds it
// beside Jest (tests/run.ts) rather than before it, and a suite that needs it waits
// for that build; a suite run on its own builds it if it is missing. A lock
// directory makes one build at a time across Jest's workers and the runner.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const LOCK = path.join(DIST, '.client-build.lock');
const FAILED = path.join(DIST, '.client-build-failed');
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 15 * 60_000;
const POLL_MS = 250;

const builtAlready = () =>
  fs.existsSync(path.join(DIST, 'client/index.html')) && fs.existsSync(path.join(DIST, 'client/console/index.html'));

/** Takes the lock, removing one a dead build left behind; false when a live build holds it. */
function takeLock(): boolean {
  fs.mkdirSync(DIST, { recursive: true });
  try {
    fs.mkdirSync(LOCK);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const since = fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
    if (since !== undefined && Date.now() - since > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

/** Waits while a live build holds the lock (a stale one is removed). */
async function whileLocked(): Promise<void> {
  for (;;) {
    const since = fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
    if (since === undefined) return;
    if (Date.now() - since > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A failure recorded by a build newer than the built client (an older one was fixed since). */
function recordedFailure(): string | undefined {
  const failed = fs.statSync(FAILED, { throwIfNoEntry: false });
  if (!failed) return undefined;
  const built = fs.statSync(path.join(DIST, 'client/index.html'), { throwIfNoEntry: false });
  return built && built.mtimeMs > failed.mtimeMs ? undefined : fs.readFileSync(FAILED, 'utf8');
}

/**
 * Builds the client, after any build already under way; with `onlyIfMissing`, a build
 * finished meanwhile is used instead (Jest's workers build at most once between them).
 */
export async function buildClient(onlyIfMissing = false): Promise<{ ok: boolean; output: string }> {
  while (!takeLock()) await whileLocked();
  if (onlyIfMissing && builtAlready()) {
    fs.rmSync(LOCK, { recursive: true, force: true });
    return { ok: true, output: '' };
  }
  fs.rmSync(FAILED, { force: true });
  let output = '';
  try {
    const child = spawn('npx', ['vite', 'build', '--config', 'client/vite.config.ts'], { cwd: ROOT });
    child.on('error', (e) => (output += String(e)));
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) fs.writeFileSync(FAILED, output);
    return { ok: code === 0, output };
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Waits for a build under way, or builds when there is none; fails if the build failed. */
export async function ensureClientBuilt(): Promise<void> {
  await whileLocked();
  const failure = recordedFailure();
  if (failure !== undefined) throw new Error(`the client build failed:\n${failure}`);
  if (builtAlready()) return;
  const { ok, output } = await buildClient(true);
  if (!ok) throw new Error(`the client build failed:\n${output}`);
}
