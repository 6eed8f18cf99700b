// `npm test`: Jest starts at once, its workers running suites in parallel, while the
// type checks, the linter and the client build run beside it; browser suites wait
// for the build (tests/support/clientBuild.ts). Run again, each check redoes only
// what changed: tsc, ESLint and Prettier keep caches under node_modules/.cache, and
// an unchanged client is not built again. Each check's output is shown when it
// ends; the run fails if any part fails. Arguments go to Jest.
import { spawn } from 'node:child_process';
import { buildClient } from './support/clientBuild';

interface Outcome {
  name: string;
  ok: boolean;
  seconds: number;
  output: string;
}

const started = Date.now();
const elapsed = () => Math.round((Date.now() - started) / 1000);

function run(name: string, command: string, args: string[]): Promise<Outcome> {
  const child = spawn(command, args, { env: { ...process.env, FORCE_COLOR: '0' } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d));
  child.stderr.on('data', (d: Buffer) => (output += d));
  child.on('error', (e) => (output += String(e)));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ name, ok: code === 0, seconds: elapsed(), output })),
  );
}

function report(o: Outcome): Outcome {
  const trimmed = o.output.trim();
  process.stdout.write(`\n── ${o.name}: ${o.ok ? 'ok' : 'FAILED'} (${o.seconds} s)\n${o.ok ? '' : `${trimmed}\n`}`);
  return o;
}

async function main(): Promise<void> {
  const jest = new Promise<Outcome>((resolve) => {
    const child = spawn('npx', ['jest', ...process.argv.slice(2)], { stdio: 'inherit' });
    child.on('error', (e) => resolve({ name: 'jest', ok: false, seconds: elapsed(), output: String(e) }));
    child.on('close', (code) => resolve({ name: 'jest', ok: code === 0, seconds: elapsed(), output: '' }));
  });
  const checks = [
    buildClient()
      .catch((e: unknown) => ({ ok: false, output: String(e) }))
      .then(({ ok, output }) => report({ name: 'client build', ok, seconds: elapsed(), output })),
    run('typecheck', 'npm', ['run', '-s', 'typecheck']).then(report),
    run('lint', 'npm', ['run', '-s', 'lint']).then(report),
  ];
  const outcomes = [...(await Promise.all(checks)), await jest];
  process.stdout.write(
    `\n${outcomes.map((o) => `${o.name}: ${o.ok ? 'ok' : 'FAILED'} (${o.seconds} s)`).join(' · ')}\n`,
  );
  process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
}

void main();
