// Durability of the embedded engine itself: a real `kill -9` of the process that
// owns the data directory, then a restart on the same directory. Every write the
// client saw acknowledged must be there; every transaction is all or nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { MongoClient } from 'mongodb';

const cli = path.join(__dirname, '../src/cli.ts');

function startEngine(dataDir: string): Promise<{ child: ChildProcess; uri: string }> {
  // node itself runs the engine (tsx as a loader, not a wrapper process), so SIGKILL hits the engine.
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (uri) => resolve({ child, uri: uri.trim() }));
    child.once('exit', (code) => reject(new Error(`engine exited early (${code})`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('crash recovery (kill -9)', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-crash-'));
  });

  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('acknowledged writes and committed transactions survive; nothing half-applied', async () => {
    const first = await startEngine(dataDir);
    const client = new MongoClient(first.uri, { serverSelectionTimeoutMS: 2000, retryWrites: false });
    await client.connect();
    const coll = client.db('crash').collection<{ _id: number; pair?: number }>('docs');
    await coll.createIndex({ pair: 1 });

    const acknowledged: number[] = [];
    const committedPairs: number[] = [];
    let stop = false;
    // Plain inserts stream in while pairs are written in transactions; the kill lands mid-stream.
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          await coll.insertOne({ _id: i });
          acknowledged.push(i);
        } catch {
          return;
        }
      }
    })();
    const txWriter = (async () => {
      for (let p = 0; !stop; p++) {
        const session = client.startSession();
        try {
          await session.withTransaction(async () => {
            await coll.insertOne({ _id: 1_000_000 + p * 2, pair: p }, { session });
            await coll.insertOne({ _id: 1_000_001 + p * 2, pair: p }, { session });
          });
          committedPairs.push(p);
        } catch {
          return;
        } finally {
          await session.endSession().catch(() => undefined);
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 1500));
    await killed(first.child);
    stop = true;
    await Promise.allSettled([writer, txWriter]);
    await client.close(true).catch(() => undefined);
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(committedPairs.length).toBeGreaterThan(2);

    const second = await startEngine(dataDir);
    const again = new MongoClient(second.uri);
    try {
      const docs = again.db('crash').collection<{ _id: number; pair?: number }>('docs');
      const ids = new Set(
        (await docs.find({ _id: { $lt: 1_000_000 } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id),
      );
      const lost = acknowledged.filter((i) => !ids.has(i));
      expect(lost).toEqual([]);
      const pairs = await docs
        .aggregate<{ _id: number; n: number }>([
          { $match: { pair: { $exists: true } } },
          { $group: { _id: '$pair', n: { $sum: 1 } } },
        ])
        .toArray();
      for (const p of pairs) expect(p.n).toBe(2); // never half a transaction
      const present = new Set(pairs.map((p) => p._id));
      for (const p of committedPairs) expect(present.has(p)).toBe(true);
      // The recovered engine keeps working and its indexes agree with its data.
      await docs.insertOne({ _id: -1, pair: -1 });
      expect(await docs.countDocuments({ pair: -1 })).toBe(1);
    } finally {
      await again.close();
      await killed(second.child);
    }
  }, 60_000);
});
