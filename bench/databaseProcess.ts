// The embedded engine in its own process, for benchmarks that must not share
// the measured process's event loop with the database.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Starts `npm run db` in memory on a free port; resolves with its URI once it listens. */
export function startDatabaseProcess(): Promise<{ uri: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, '../packages/embedded-mongo/src/cli.ts'), '--in-memory', '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('mongodb://'));
      if (line) resolve({ uri: line.trim(), child });
    });
    child.once('exit', (code) => reject(new Error(`the database process ended (${code}) before it listened`)));
  });
}
