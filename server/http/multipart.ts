// Multipart uploads for evidence: written to the evidence store's temp directory
// under random names, with count and size limits; the `report` part may come as
// a text field or as a JSON file part.
import fs from 'node:fs/promises';
import crypto from 'node:crypto';
import path from 'node:path';
import type { Request, Response } from 'express';
import multer from 'multer';
import { fail } from './problem';
import type { UploadedFile } from '../commands/reportSubmitter';

export interface UploadLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  files: UploadedFile[];
}

export async function receiveUpload(req: Request, res: Response, tempDir: string, limits: UploadLimits, textParts: string[]): Promise<ReceivedUpload> {
  if (!req.is('multipart/form-data')) throw fail('request.unsupported_media_type');
  // Every temp name handed out, so a broken or aborted upload leaves nothing behind.
  const written: string[] = [];
  const upload = multer({
    storage: multer.diskStorage({
      destination: tempDir,
      filename: (_req, _file, cb) => {
        const name = `up-${crypto.randomBytes(16).toString('hex')}`;
        written.push(path.join(tempDir, name));
        cb(null, name);
      },
    }),
    limits: { files: limits.maxFiles + textParts.length, fileSize: limits.maxFileBytes, fields: 10, fieldSize: 256 * 1024, parts: limits.maxFiles + 20 },
  }).fields([{ name: 'evidence', maxCount: Math.max(limits.maxFiles, 1) }, ...textParts.map((name) => ({ name, maxCount: 1 }))]);
  const removeWritten = () => Promise.all(written.map((p) => fs.rm(p, { force: true })));
  try {
    await new Promise<void>((resolve, reject) => {
      // A client that goes away mid-upload may leave the parser waiting forever: clean up on close.
      const onClose = () => {
        if (req.complete) return;
        setTimeout(() => void removeWritten(), 100); // after the file stream has been torn down
        reject(Object.assign(new Error('client closed the upload'), { code: 'CLIENT_ABORTED' }));
      };
      req.once('close', onClose);
      upload(req, res, (err: unknown) => {
        req.off('close', onClose);
        if (err) reject(err);
        else resolve();
      });
    });
  } catch (e) {
    await removeWritten();
    const code = (e as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') throw fail('evidence.too_large');
    if (code === 'LIMIT_FILE_COUNT' || (code === 'LIMIT_UNEXPECTED_FILE' && (e as { field?: string }).field === 'evidence')) throw fail('evidence.too_many');
    throw fail('request.multipart_invalid');
  }
  const byField = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
  const evidence = (byField.evidence ?? []).map((f) => ({ path: f.path, size: f.size }));
  const fields: Record<string, string> = {};
  try {
    for (const name of textParts) {
      const asFile = byField[name]?.[0];
      if (asFile) {
        fields[name] = await fs.readFile(asFile.path, 'utf8');
        await fs.rm(asFile.path, { force: true });
      } else if (typeof req.body?.[name] === 'string') fields[name] = req.body[name];
    }
    if (evidence.length > limits.maxFiles) throw fail('evidence.too_many');
    if (evidence.reduce((n, f) => n + f.size, 0) > limits.maxTotalBytes) throw fail('evidence.too_large');
  } catch (e) {
    await Promise.all(evidence.map((f) => fs.rm(f.path, { force: true })));
    throw e;
  }
  return { fields, files: evidence };
}
