// The built web client that browser and delivery tests serve. `npm test` builds it
// beside Jest (tests/run.ts) rather than before it, and a suite that needs it waits
// for that build; a suite run on its own builds it if it is missing or out of date.
// A lock directory makes one build at a time across Jest's workers and the runner.
// A build records a digest of what it was built from, so an unchanged client is not
// built again.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const LOCK = path.join(DIST, '.client-build.lock');
const FAILED = path.join(DIST, '.client-build-failed');
const BUILT_FROM = path.join(DIST, '.client-build-inputs');
/** Everything the build reads: the client, the shared code it imports, and the installed versions. */
const INPUTS = ['client', 'shared', 'package.json', 'package-lock.json'];
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 15 * 60_000;
const POLL_MS = 250;

const builtAlready = () =>
  fs.existsSync(path.join(DIST, 'client/index.html')) && fs.existsSync(path.join(DIST, 'client/console/index.html'));

/** A digest of every input file's path and content. */
function inputsDigest(): string {
  const hash = crypto.createHash('sha256');
  const add = (relative: string): void => {
    const file = path.join(ROOT, relative);
    if (fs.statSync(file).isDirectory()) {
      for (const name of fs.readdirSync(file).sort()) add(path.join(relative, name));
    } else hash.update(`${relative}\0`).update(fs.readFileSync(file)).update('\0');
  };
  INPUTS.forEach(add);
  return hash.digest('hex');
}

/** Built from these inputs by this module, and not rebuilt since by anything else (`npm start`, vite). */
function upToDate(digest: string): boolean {
  const recorded = fs.statSync(BUILT_FROM, { throwIfNoEntry: false });
  const page = fs.statSync(path.join(DIST, 'client/index.html'), { throwIfNoEntry: false });
  return (
    builtAlready() &&
    !!recorded &&
    !!page &&
    recorded.mtimeMs >= page.mtimeMs &&
    fs.readFileSync(BUILT_FROM, 'utf8') === digest
  );
}

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
 * Builds the client unless the built one is up to date, after any build already under
 * way (Jest's workers and the runner build at most once between them).
 */
export async function buildClient(): Promise<{ ok: boolean; output: string }> {
  while (!takeLock()) await whileLocked();
  const digest = inputsDigest();
  if (upToDate(digest)) {
    fs.rmSync(LOCK, { recursive: true, force: true });
    return { ok: true, output: '' };
  }
  fs.rmSync(FAILED, { force: true });
  fs.rmSync(BUILT_FROM, { force: true });
  let output = '';
  try {
    const child = spawn('npx', ['vite', 'build', '--config', 'client/vite.config.ts'], { cwd: ROOT });
    child.on('error', (e) => (output += String(e)));
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    fs.writeFileSync(code === 0 ? BUILT_FROM : FAILED, code === 0 ? digest : output);
    return { ok: code === 0, output };
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Waits for a build under way, or builds when the built client is missing or out of date; fails if the build failed. */
export async function ensureClientBuilt(): Promise<void> {
  await whileLocked();
  const failure = recordedFailure();
  if (failure !== undefined) throw new Error(`the client build failed:\n${failure}`);
  const { ok, output } = await buildClient();
  if (!ok) throw new Error(`the client build failed:\n${output}`);
}
