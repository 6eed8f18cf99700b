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

function takeLock(): boolean {
  fs.mkdirSync(DIST, { recursive: true });
  try {
    fs.mkdirSync(LOCK);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (Date.now() - fs.statSync(LOCK).mtimeMs > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

async function whileLocked(): Promise<void> {
  while (fs.existsSync(LOCK)) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
}

/** Builds the client (waiting for a build already under way first). Resolves with the build's output. */
export async function buildClient(): Promise<{ ok: boolean; output: string }> {
  while (!takeLock()) await whileLocked();
  fs.rmSync(FAILED, { force: true });
  try {
    const child = spawn('npx', ['vite', 'build', '--config', 'client/vite.config.ts'], { cwd: ROOT });
    let output = '';
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
  if (fs.existsSync(FAILED)) throw new Error(`the client build failed:\n${fs.readFileSync(FAILED, 'utf8')}`);
  if (builtAlready()) return;
  const { ok, output } = await buildClient();
  if (!ok) throw new Error(`the client build failed:\n${output}`);
}
