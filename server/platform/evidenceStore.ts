// The only code that touches evidence files. Files arrive as temp files and are
// adopted under random ids: durable (fsynced and renamed, or written to GridFS)
// before the caller records them. Disk by default; GridFS when several instances
// must share evidence.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { GridFSBucket, type Db } from 'mongodb';

export interface EvidenceStore {
  /** Where multipart uploads are written before inspection. */
  readonly tempDir: string;
  adopt(tempPath: string, mime: string): Promise<string>;
  open(fileId: string): Promise<Readable>;
  remove(fileId: string): Promise<void>;
  /** Ids of files stored before `before`, for the orphan sweep. */
  storedBefore(before: Date): AsyncIterable<string>;
}

const newFileId = () => crypto.randomBytes(16).toString('hex');
const validId = (id: string) => /^[0-9a-f]{32}$/.test(id);

/** Evidence is for the service account alone: directories 0700, files 0600, whatever the umask. */
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

function privateDirSync(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  fs.chmodSync(dir, PRIVATE_DIR); // mkdir leaves an existing directory's mode alone
}

/** Flushes a file (or a directory, so a rename in it is durable) to disk. */
export async function fsyncPath(p: string): Promise<void> {
  const handle = await fsp.open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class DiskEvidenceStore implements EvidenceStore {
  readonly tempDir: string;
  private readonly filesDir: string;

  constructor(root: string) {
    this.tempDir = path.join(root, 'tmp');
    this.filesDir = path.join(root, 'evidence');
    for (const dir of [root, this.tempDir, this.filesDir]) privateDirSync(dir);
  }

  private pathOf(id: string): string {
    if (!validId(id)) throw new Error('invalid evidence id');
    return path.join(this.filesDir, id.slice(0, 2), id);
  }

  async adopt(tempPath: string): Promise<string> {
    const id = newFileId();
    const target = this.pathOf(id);
    await fsp.mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR });
    await fsp.chmod(tempPath, PRIVATE_FILE);
    await fsyncPath(tempPath); // the bytes are on disk…
    await fsp.rename(tempPath, target);
    await fsyncPath(path.dirname(target)); // …and so is the name
    return id;
  }

  async open(fileId: string): Promise<Readable> {
    return fs.createReadStream(this.pathOf(fileId));
  }

  async remove(fileId: string): Promise<void> {
    await fsp.rm(this.pathOf(fileId), { force: true });
  }

  async *storedBefore(before: Date): AsyncIterable<string> {
    for (const shard of await fsp.readdir(this.filesDir)) {
      for (const name of await fsp.readdir(path.join(this.filesDir, shard))) {
        const stat = await fsp.stat(path.join(this.filesDir, shard, name)).catch(() => null);
        if (stat && stat.mtime < before && validId(name)) yield name;
      }
    }
  }
}

export class GridFsEvidenceStore implements EvidenceStore {
  readonly tempDir: string;
  private readonly bucket: GridFSBucket;

  constructor(db: Db, root: string) {
    this.tempDir = path.join(root, 'tmp');
    for (const dir of [root, this.tempDir]) privateDirSync(dir);
    this.bucket = new GridFSBucket(db, { bucketName: 'evidence' });
  }

  async adopt(tempPath: string, mime: string): Promise<string> {
    const id = newFileId();
    // The upload stream finishes only when every chunk and the file document are acknowledged.
    await pipeline(fs.createReadStream(tempPath), this.bucket.openUploadStream(id, { metadata: { mime } }));
    await fsp.rm(tempPath, { force: true });
    return id;
  }

  async open(fileId: string): Promise<Readable> {
    if (!validId(fileId)) throw new Error('invalid evidence id');
    return this.bucket.openDownloadStreamByName(fileId);
  }

  async remove(fileId: string): Promise<void> {
    for await (const f of this.bucket.find({ filename: fileId })) await this.bucket.delete(f._id);
  }

  async *storedBefore(before: Date): AsyncIterable<string> {
    for await (const f of this.bucket.find({ uploadDate: { $lt: before } }, { projection: { filename: 1 } }))
      yield f.filename;
  }
}

/** Removes temp files older than `before` (uploads interrupted by a crash). */
export async function sweepTempFiles(store: EvidenceStore, before: Date): Promise<number> {
  let removed = 0;
  for (const name of await fsp.readdir(store.tempDir)) {
    const p = path.join(store.tempDir, name);
    const stat = await fsp.stat(p).catch(() => null);
    if (stat && stat.mtime < before) {
      await fsp.rm(p, { force: true });
      removed++;
    }
  }
  return removed;
}

export function createEvidenceStore(kind: 'disk' | 'gridfs', uploadDir: string, db?: Db): EvidenceStore {
  if (kind === 'gridfs') {
    if (!db) throw new Error('GridFS evidence storage needs a database connection');
    return new GridFsEvidenceStore(db, uploadDir);
  }
  return new DiskEvidenceStore(uploadDir);
}
