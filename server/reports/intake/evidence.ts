// Evidence intake: decide the type by content, refuse anything else, hash what was
// received, and remove identifying metadata (device, serial numbers, names, dates,
// thumbnails, tags). GPS goes too unless the reporter chose to share their location;
// then photos keep only their GPS position and videos only their location box.
// PDFs and AMR audio are stored as received (the form says so for PDFs; AMR carries no tags).
// The result is a new temp file.
import type { z } from 'zod';
import type { storedEvidence } from '../../../shared/schemas/workflow';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { fail } from '../../platform/errors';
import { carriesForeignContent, sniff, type Sniffed } from './sniff';
import { hasTrailingPayload, jpegEnd, pngEnd } from './imageStructure';
import { removeIsoMetadata, topLevelBoxes } from './isoMetadata';
import { cleanImage } from './imageCleaning';
import { cleanAudio, type AudioMime } from './audioStructure';
import type { EvidenceStore } from '../../platform/evidenceStore';

export interface InspectedEvidence extends Sniffed {
  /** The file to store (the received one, or a cleaned copy). */
  path: string;
  size: number;
  receivedSha256: string;
  storedSha256: string;
  metadataRemoved: boolean;
}

const sha256 = (buf: Buffer) => crypto.createHash('sha256').update(buf).digest('hex');

const isIsoMedia = (type: Sniffed) =>
  type.kind === 'video' || type.mime === 'audio/mp4' || type.mime.startsWith('image/hei');

/** JPEG and PNG must end where their structure ends; video and HEIC must be well-formed boxes. */
function checkStructure(buf: Buffer, type: Sniffed): void {
  if (type.mime === 'image/jpeg' || type.mime === 'image/png') {
    const end = type.mime === 'image/jpeg' ? jpegEnd(buf) : pngEnd(buf);
    if (end < 0) throw fail('evidence.unreadable');
    if (hasTrailingPayload(buf, end)) throw fail('evidence.polyglot');
  }
  if (isIsoMedia(type)) {
    let top: string[];
    try {
      top = topLevelBoxes(buf);
    } catch {
      throw fail('evidence.unreadable');
    }
    const needed = type.kind === 'photo' ? 'meta' : 'moov';
    if (!top.includes(needed)) throw fail('evidence.type_not_allowed');
  }
}

interface Cleaned {
  type: Sniffed;
  /** null: stored as received. */
  bytes: Buffer | null;
}

async function clean(received: Buffer, type: Sniffed, keepLocation: boolean): Promise<Cleaned> {
  if (type.mime === 'image/jpeg' || type.mime === 'image/png' || type.mime === 'image/webp')
    return { type, bytes: await cleanImage(received, type.mime, keepLocation) };
  if (isIsoMedia(type))
    return { type, bytes: removeIsoMetadata(received, { still: type.kind === 'photo', keepLocation }) };
  if (type.kind === 'audio') {
    const audio = cleanAudio(received, type.mime as AudioMime);
    return {
      type: { kind: 'audio', mime: audio.mime, ext: audio.ext },
      bytes: audio.metadataRemoved ? audio.bytes : null,
    };
  }
  return { type, bytes: null };
}

export async function inspectEvidence(tempPath: string, keepLocation: boolean): Promise<InspectedEvidence> {
  const received = await fs.readFile(tempPath);
  if (received.length === 0) throw fail('evidence.empty');
  const sniffed = sniff(received.subarray(0, 64));
  if (!sniffed) throw fail('evidence.type_not_allowed');
  if (carriesForeignContent(received.subarray(0, 1024), received.subarray(-1024), sniffed))
    throw fail('evidence.polyglot');
  checkStructure(received, sniffed);

  let cleaned: Cleaned;
  try {
    cleaned = await clean(received, sniffed, keepLocation);
  } catch (e) {
    if ((e as { status?: number }).status) throw e;
    throw fail('evidence.unreadable'); // a file that does not decode in full is refused
  }
  const { type, bytes } = cleaned;
  const receivedSha256 = sha256(received);
  if (!bytes)
    return {
      ...type,
      path: tempPath,
      size: received.length,
      receivedSha256,
      storedSha256: receivedSha256,
      metadataRemoved: false,
    };
  const cleanPath = `${tempPath}.clean`;
  await fs.writeFile(cleanPath, bytes);
  await fs.rm(tempPath, { force: true });
  return {
    ...type,
    path: cleanPath,
    size: bytes.length,
    receivedSha256,
    storedSha256: sha256(bytes),
    metadataRemoved: true,
  };
}

/** A stored file as the report records it (the shape is shared with the workflow's payloads). */
export type EvidenceRecord = z.infer<typeof storedEvidence>;

/**
 * Inspects and stores uploaded files; ids of stored files are pushed to `adopted`
 * as they land, so the caller can remove them if recording the report fails.
 */
export async function storeEvidence(
  paths: string[],
  keepLocation: boolean,
  store: EvidenceStore,
  addedBy: 'reporter' | 'staff',
  now: Date,
  adopted: string[],
): Promise<EvidenceRecord[]> {
  const inspected: InspectedEvidence[] = [];
  try {
    for (const p of paths) inspected.push(await inspectEvidence(p, keepLocation));
  } catch (e) {
    await Promise.all(inspected.map((i) => fs.rm(i.path, { force: true }))); // cleaned copies of files already accepted
    throw e;
  }
  const records: EvidenceRecord[] = [];
  for (const e of inspected) {
    const fileId = await store.adopt(e.path, e.mime);
    adopted.push(fileId);
    records.push({
      fileId,
      kind: e.kind,
      mime: e.mime,
      size: e.size,
      receivedSha256: e.receivedSha256,
      storedSha256: e.storedSha256,
      metadataRemoved: e.metadataRemoved,
      addedBy,
      addedAt: now,
    });
  }
  return records;
}
