// Multipart uploads for evidence: written to the evidence store's temp directory
// under random names, with count and size limits (the total enforced while the
// bytes stream in); the `report` part may come as a text field or as a JSON file part.
import fs from 'node:fs/promises';
import type { Request, Response } from 'express';
import multer from 'multer';
import { fail } from '../errors';
import { TOTAL_EXCEEDED, uploadStorage } from './uploadStorage';

/** A received file, waiting in the temp directory until intake checks and stores it. */
export interface UploadedFile {
  path: string;
  size: number;
}

export interface UploadLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  files: UploadedFile[];
}

export async function receiveUpload(
  req: Request,
  res: Response,
  tempDir: string,
  limits: UploadLimits,
  textParts: string[],
): Promise<ReceivedUpload> {
  if (!req.is('multipart/form-data')) throw fail('request.unsupported_media_type');
  // Every temp file handed out is removed if the upload breaks, is aborted or goes over a limit.
  const storage = uploadStorage(tempDir, 'evidence', limits.maxTotalBytes);
  const upload = multer({
    storage: storage.engine,
    limits: {
      files: limits.maxFiles + textParts.length,
      fileSize: limits.maxFileBytes,
      fields: 10,
      fieldSize: 256 * 1024,
      parts: limits.maxFiles + 20,
    },
  }).fields([
    { name: 'evidence', maxCount: Math.max(limits.maxFiles, 1) },
    ...textParts.map((name) => ({ name, maxCount: 1 })),
  ]);
  try {
    await new Promise<void>((resolve, reject) => {
      // A client that goes away mid-upload may leave the parser waiting forever: give up on close.
      const onClose = () => {
        if (req.complete) return;
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
    await storage.removeAll();
    const code = (e as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE' || code === TOTAL_EXCEEDED) {
      // Close the connection after the refusal rather than read the rest of an oversized body.
      res.setHeader('Connection', 'close');
      throw fail('evidence.too_large');
    }
    if (
      code === 'LIMIT_FILE_COUNT' ||
      (code === 'LIMIT_UNEXPECTED_FILE' && (e as { field?: string }).field === 'evidence')
    )
      throw fail('evidence.too_many');
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
  } catch (e) {
    await Promise.all(evidence.map((f) => fs.rm(f.path, { force: true })));
    throw e;
  }
  return { fields, files: evidence };
}
