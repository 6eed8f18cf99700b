// A multer storage engine that writes each part to a temp file under a random name
// and counts the evidence bytes as they stream in: once the running total passes
// the limit, writing stops at once, so a submission of ten 50 MB files is refused
// after the first bytes over the total instead of after all of them are on disk.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { StorageEngine } from 'multer';

export const TOTAL_EXCEEDED = 'EVIDENCE_TOTAL_EXCEEDED';

interface Writing {
  stop(): void;
  closed: Promise<void>;
}

export interface UploadStorage {
  engine: StorageEngine;
  /** Stops any file still being written, waits for it to close, and deletes every temp file handed out. */
  removeAll(): Promise<void>;
}

export function uploadStorage(dir: string, countedField: string, maxTotalBytes: number): UploadStorage {
  let total = 0;
  const written: string[] = [];
  const writing = new Set<Writing>();
  let abandoned = false;

  const engine: StorageEngine = {
    _handleFile(_req, file, cb) {
      if (abandoned) {
        // A part the parser had buffered before the upload was given up: nothing more is written.
        file.stream.resume();
        return cb(new Error('the upload was abandoned'));
      }
      const filename = `up-${crypto.randomBytes(16).toString('hex')}`;
      const filePath = path.join(dir, filename);
      written.push(filePath);
      const source = file.stream;
      const out = fs.createWriteStream(filePath, { flags: 'wx', mode: 0o600 });
      const current: Writing = {
        // Tracked until closed, not just until done: a file removed before its stream opened would come back.
        closed: new Promise((resolve) =>
          out.once('close', () => {
            writing.delete(current);
            resolve();
          }),
        ),
        stop() {
          source.unpipe(out);
          source.resume(); // the parser moves on; the rest of this part is discarded
          out.destroy();
        },
      };
      writing.add(current);
      let size = 0;
      let settled = false;
      const settle = (err: Error | null) => {
        if (settled) return;
        settled = true;
        if (err) cb(err);
        else cb(null, { destination: dir, filename, path: filePath, size });
      };
      source.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (file.fieldname !== countedField) return;
        total += chunk.length;
        if (total <= maxTotalBytes || settled) return;
        current.stop();
        settle(Object.assign(new Error('the evidence exceeds the total size limit'), { code: TOTAL_EXCEEDED }));
      });
      out.once('error', (err) => {
        current.stop();
        settle(err);
      });
      out.once('finish', () => settle(null));
      source.pipe(out);
    },
    _removeFile(_req, file, cb) {
      fs.rm(file.path, { force: true }, (err) => cb(err));
    },
  };

  return {
    engine,
    async removeAll() {
      abandoned = true;
      const open = [...writing];
      for (const w of open) w.stop();
      await Promise.all(open.map((w) => w.closed));
      await Promise.all(written.map((p) => fs.promises.rm(p, { force: true })));
    },
  };
}
