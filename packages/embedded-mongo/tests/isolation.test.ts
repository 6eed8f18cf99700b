// The engine in a process of its own (startEmbeddedMongoProcess): it holds the data
// directory's lock under its own pid, stop() ends it cleanly, it never outlives
// the process that started it, and its crash is reported to that process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, startEmbeddedMongoProcess } from '../src';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls `condition` until it holds; fails after `ms`. */
async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function insertAndCount(uri: string, doc: { _id: string }): Promise<number> {
  const client = await MongoClient.connect(uri);
  try {
    const coll = client.db('isolation').collection<{ _id: string }>('docs');
    await coll.insertOne(doc);
    return await coll.countDocuments();
  } finally {
    await client.close();
  }
}

describe('the engine in its own process', () => {
  let dataDir: string;
  const lock = () => path.join(dataDir, 'engine.lock');

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-isolated-'));
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('stop() ends the process and releases the lock; the data stays', async () => {
    const db = await startEmbeddedMongoProcess({ dataDir });
    expect(db.pid).not.toBe(process.pid);
    expect(alive(db.pid)).toBe(true);
    expect(os.getPriority(db.pid)).toBe(10); // the app's requests first when the CPU is contended
    expect(fs.readFileSync(lock(), 'utf8')).toBe(String(db.pid));
    expect(await insertAndCount(db.uri, { _id: 'kept' })).toBe(1);

    await db.stop();

    expect(alive(db.pid)).toBe(false);
    expect(fs.existsSync(lock())).toBe(false);
    const again = await startEmbeddedMongo({ dataDir });
    try {
      expect(await insertAndCount(again.uri, { _id: 'second' })).toBe(2);
    } finally {
      await again.stop();
    }
  }, 60_000);

  test('a second engine on the same data directory is refused, naming the process that holds it', async () => {
    const db = await startEmbeddedMongoProcess({ dataDir });
    try {
      await expect(startEmbeddedMongoProcess({ dataDir })).rejects.toThrow(`in use by process ${db.pid}`);
      expect(await insertAndCount(db.uri, { _id: 'still served' })).toBe(1);
    } finally {
      await db.stop();
    }
  }, 60_000);

  test('a killed engine is reported to its owner, and a new one takes over the directory', async () => {
    const exits: { code: number | null; signal: NodeJS.Signals | null }[] = [];
    const db = await startEmbeddedMongoProcess({ dataDir }, {}, { onExit: (how) => exits.push(how) });
    await insertAndCount(db.uri, { _id: 'acknowledged' });

    process.kill(db.pid, 'SIGKILL');
    await until(() => exits.length > 0, 'the owner hears of the exit');
    expect(exits).toEqual([{ code: null, signal: 'SIGKILL' }]);
    await db.stop(); // nothing left to stop: resolves at once

    const next = await startEmbeddedMongoProcess({ dataDir });
    try {
      expect(fs.readFileSync(lock(), 'utf8')).toBe(String(next.pid));
      expect(await insertAndCount(next.uri, { _id: 'after the crash' })).toBe(2);
    } finally {
      await next.stop();
    }
  }, 60_000);

  test('the engine never outlives the process that started it (kill -9 of the owner)', async () => {
    const owner = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'support/engine-parent.ts'), dataDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const ownerExited = new Promise((resolve) => owner.once('exit', resolve));
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: owner.stdout! }).once('line', resolve);
      owner.once('exit', (code) => reject(new Error(`the owner exited early (${code})`)));
    });
    const engine = JSON.parse(line) as { pid: number; uri: string };
    expect(alive(engine.pid)).toBe(true);
    expect(await insertAndCount(engine.uri, { _id: 'acknowledged' })).toBe(1);

    owner.kill('SIGKILL');
    await ownerExited;
    await until(() => !alive(engine.pid), 'the orphaned engine has ended');
    expect(fs.existsSync(lock())).toBe(false); // it stopped cleanly, not killed

    const again = await startEmbeddedMongo({ dataDir });
    try {
      expect(await insertAndCount(again.uri, { _id: 'second' })).toBe(2);
    } finally {
      await again.stop();
    }
  }, 60_000);
});
