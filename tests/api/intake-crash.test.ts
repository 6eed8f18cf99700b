// The intake under a real `kill -9`: a server process takes submissions with photo
// evidence from several concurrent clients and is killed mid-stream, then started
// again on the same data and upload directories. Every submission that was answered
// 201 must be there with every evidence file intact; what the crash left half-done
// (files without a report, temp uploads) must be exactly what the sweep removes.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import mongoose from 'mongoose';
import { sweepEvidence } from '../../server/reports/intake/sweep';
import { Report } from '../../server/reports/report.model';
import { DiskEvidenceStore } from '../../server/platform/evidenceStore';
import { filesUnder, jpeg, noisyJpeg, sha256, storedPath, submit, validReport } from '../support/intake';

const script = path.join(__dirname, '../support/intake-server.ts');

interface Running {
  child: ChildProcess;
  url: string;
  mongoUri: string;
}

function startServer(dataDir: string, uploadDir: string, secretKey: string): Promise<Running> {
  // node itself runs the server (tsx as a loader, not a wrapper process), so SIGKILL hits it.
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, uploadDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WOODPECKER_SECRET_KEY: secretKey },
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      const { url, mongoUri } = JSON.parse(line) as { url: string; mongoUri: string };
      resolve({ child, url, mongoUri });
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${stderr}`)));
  });
}

function killed(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

interface Accepted {
  reference: string;
  /** SHA-256 of each uploaded file, in upload order. */
  uploads: string[];
}

describe('intake crash recovery (kill -9 mid-stream)', () => {
  let root: string;
  let dataDir: string;
  let uploadDir: string;
  const secretKey = crypto.randomBytes(32).toString('base64');
  const children: ChildProcess[] = [];

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-intake-crash-'));
    dataDir = path.join(root, 'data');
    uploadDir = path.join(root, 'uploads');
  });

  afterAll(async () => {
    await mongoose.disconnect();
    for (const c of children) await killed(c);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('every 201 survives with its files; the sweep removes exactly what the crash left behind', async () => {
    const first = await startServer(dataDir, uploadDir, secretKey);
    children.push(first.child);

    // A few different photos: small ones and ~60 KB ones, so writes take a little while.
    const photos = [await jpeg(40, 30), await jpeg(64, 48), await noisyJpeg(60_000), await noisyJpeg(90_000)];
    const accepted: Accepted[] = [];
    const failures: string[] = [];
    let stop = false;
    let sent = 0;

    const client = async (id: number) => {
      for (let i = 0; !stop; i++) {
        const files =
          (i + id) % 2 === 0
            ? [photos[(i + id) % photos.length]]
            : [photos[i % photos.length], photos[(i + 1) % photos.length]];
        sent++;
        try {
          const res = await submit(
            first.url,
            validReport({ description: `崩溃测试 ${id}-${i}：车间安全出口被锁，无人值守。` }),
            files.map((content) => ({ content })),
          );
          if (res.status === 201) accepted.push({ reference: res.body.reference, uploads: files.map(sha256) });
          else failures.push(`${res.status} ${res.body?.code}`);
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    // Kill after ~2 s, once a handful of submissions were answered (a loaded machine may need longer).
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await sleep(2000);
    for (const deadline = Date.now() + 45_000; accepted.length < 6 && failures.length === 0 && Date.now() < deadline;)
      await sleep(50);
    await killed(first.child);
    stop = true;
    await Promise.allSettled(clients);

    expect(failures).toEqual([]); // before the kill, every submission succeeded
    expect(accepted.length).toBeGreaterThanOrEqual(6);
    expect(sent).toBeGreaterThan(accepted.length); // some were in flight when the process died

    // ---- restart on the same directories ----
    const second = await startServer(dataDir, uploadDir, secretKey);
    children.push(second.child);
    await mongoose.connect(second.mongoUri, { dbName: 'woodpecker' });
    const store = new DiskEvidenceStore(uploadDir);

    const checkAccepted = async () => {
      for (const a of accepted) {
        const doc = await Report.findOne({ reference: a.reference }).lean();
        expect({ reference: a.reference, found: !!doc }).toEqual({ reference: a.reference, found: true });
        expect(doc!.evidence.map((e) => e.receivedSha256)).toEqual(a.uploads);
        for (const e of doc!.evidence) {
          const p = storedPath(uploadDir, e.fileId);
          expect({ fileId: e.fileId, present: fs.existsSync(p) }).toEqual({ fileId: e.fileId, present: true });
          expect(sha256(fs.readFileSync(p))).toBe(e.storedSha256);
        }
      }
    };
    await checkAccepted();

    // What the crash left half-done, as the test sees it.
    const referenced = new Set(
      (await Report.find({}, { evidence: 1 }).lean()).flatMap((r) => r.evidence.map((e) => e.fileId)),
    );
    const stored = filesUnder(path.join(uploadDir, 'evidence')).map((f) => path.basename(f));
    const orphans = stored.filter((id) => !referenced.has(id));
    const temp = filesUnder(store.tempDir);

    // ---- sweep, as if well past the crash ----
    const swept = await sweepEvidence(store, new Date(Date.now() + 60 * 60_000));
    expect(swept).toEqual({ temp: temp.length, orphans: orphans.length });

    expect(filesUnder(store.tempDir)).toEqual([]);
    const left = filesUnder(path.join(uploadDir, 'evidence')).map((f) => path.basename(f));
    expect(left.filter((id) => !referenced.has(id))).toEqual([]); // no file without a report
    expect(left.sort()).toEqual([...referenced].sort()); // and every report's file is still there
    await checkAccepted();

    // The restarted server takes reports again.
    const after = await submit(second.url, validReport(), [{ content: photos[0] }]);
    expect(after.status).toBe(201);
    await mongoose.disconnect();
    await killed(second.child, 'SIGTERM');
  }, 120_000);
});
