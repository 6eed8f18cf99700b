// The GridFS evidence store (for several instances): adopt a temp file, read it
// back, list it for the orphan sweep, remove it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { GridFsEvidenceStore } from '../../server/platform/evidenceStore';
import { startTestApp, type TestApp } from '../support/server';

let t: TestApp;
let root: string;

beforeAll(async () => {
  t = await startTestApp({ EVIDENCE_STORE: 'gridfs' });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-gridfs-'));
});

afterAll(async () => {
  await t?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

test('adopt moves a temp file into GridFS; open, storedBefore and remove work by id', async () => {
  const store = new GridFsEvidenceStore(mongoose.connection.db!, root);
  const bytes = crypto.randomBytes(300_000);
  const temp = path.join(store.tempDir, 'up-test');
  fs.writeFileSync(temp, bytes);

  const id = await store.adopt(temp, 'image/jpeg');
  expect(id).toMatch(/^[0-9a-f]{32}$/);
  expect(fs.existsSync(temp)).toBe(false);

  const parts: Buffer[] = [];
  for await (const chunk of await store.open(id)) parts.push(chunk as Buffer);
  expect(Buffer.concat(parts).equals(bytes)).toBe(true);

  const listed: string[] = [];
  for await (const f of store.storedBefore(new Date(Date.now() + 60_000))) listed.push(f);
  expect(listed).toContain(id);

  await store.remove(id);
  const after: string[] = [];
  for await (const f of store.storedBefore(new Date(Date.now() + 60_000))) after.push(f);
  expect(after).not.toContain(id);
  await expect(store.open('not-an-id')).rejects.toThrow();
});
