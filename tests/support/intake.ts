// Fixtures for the public intake suites: evidence files built in the test (JPEGs
// with sharp, ISO-BMFF boxes and ZIP records by hand), multipart submissions,
// proof-of-work solving, and snapshots of what the evidence store holds on disk.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import sharp from 'sharp';
import request, { type Test } from 'supertest';
import { solves } from '../../server/reports/intake/proofOfWork';

// ---------- evidence files ----------

let shade = 0;

/** A small, valid, metadata-free JPEG; each call gives different pixels (so different bytes). */
export async function jpeg(width = 24, height = 16): Promise<Buffer> {
  shade = (shade + 37) % 256;
  return sharp({
    create: { width, height, channels: 3, background: { r: shade, g: 255 - shade, b: (shade * 7) % 256 } },
  })
    .jpeg()
    .toBuffer();
}

/** A JPEG carrying EXIF: the device (Make/Model) and a GPS position. */
export async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'AcmePhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 21/1 0/1' },
    })
    .toBuffer();
}

/** A JPEG of random pixels (incompressible), within 10% of `bytes` long. */
export async function noisyJpeg(bytes: number): Promise<Buffer> {
  let perPixel = 0.9; // random RGB at quality 90 with 4:2:0 chroma: about 0.9 bytes a pixel
  for (let attempt = 0; ; attempt++) {
    const side = Math.max(8, Math.round(Math.sqrt(bytes / perPixel)));
    const raw = crypto.randomBytes(side * side * 3);
    const out = await sharp(raw, { raw: { width: side, height: side, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer();
    if (Math.abs(out.length - bytes) <= bytes * 0.1 || attempt === 4) return out;
    perPixel = out.length / (side * side);
  }
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

export const GPS_TEXT = '+36.10+114.35/';

/**
 * A minimal ISO base-media file (MP4 with brand `isom`, or MOV with `qt  `): ftyp,
 * then moov with an mvhd-like box and a udta holding a ©xyz GPS box (as phones write it).
 */
export function isoMediaWithGps(brand: 'isom' | 'qt  ' = 'isom'): Buffer {
  const ftyp = box(
    'ftyp',
    Buffer.from(brand, 'latin1'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from(`${brand}mp41`, 'latin1'),
  );
  const mvhd = box('mvhd', Buffer.alloc(100)); // contents irrelevant to the intake
  const xyzPayload = Buffer.concat([Buffer.from([0, GPS_TEXT.length, 0x15, 0xc7]), Buffer.from(GPS_TEXT, 'latin1')]);
  const xyz = box('\u00a9xyz', xyzPayload);
  const udta = box('udta', xyz);
  const moov = box('moov', mvhd, udta);
  const mdat = box('mdat', crypto.randomBytes(64));
  return Buffer.concat([ftyp, moov, mdat]);
}

/** A tiny but well-formed ZIP archive (one stored file, optionally an archive comment) — to append to a JPEG. */
export function tinyZip(name = 'run.bat', content = 'calc.exe\r\n', comment = Buffer.alloc(0)): Buffer {
  const data = Buffer.from(content, 'latin1');
  const fileName = Buffer.from(name, 'latin1');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4); // version needed
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const localPart = Buffer.concat([local, fileName, data]);
  const centralPart = Buffer.concat([central, fileName]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([localPart, centralPart, end, comment]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** The JPEG's headers up to and including its start-of-scan segment (no image data). */
export function jpegHeaders(jpg: Buffer): Buffer {
  const sos = jpg.indexOf(Buffer.from([0xff, 0xda]));
  return jpg.subarray(0, sos + 2 + jpg.readUInt16BE(sos + 2));
}

/** An ISO base-media box of the given type around a payload. */
export const isoBox = box;

/** A stand-in for a Windows executable: the MZ header and DOS stub text. */
export const executable = (): Buffer =>
  Buffer.concat([
    Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'),
    Buffer.alloc(48),
    Buffer.from('This program cannot be run in DOS mode.\r\n', 'latin1'),
    Buffer.alloc(200),
  ]);

export const sha256 = (buf: Buffer) => crypto.createHash('sha256').update(buf).digest('hex');

// ---------- submissions ----------

export interface EvidenceUpload {
  content: Buffer;
  filename?: string;
  contentType?: string;
}

export const validReport = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  category: 'fire-exits-blocked',
  area: '410581',
  description: '仓库的两个安全出口都被货物堵死，夜班有三十多人在里面作业。',
  anonymous: true,
  ...over,
});

let clientCounter = 0;
/**
 * A distinct client address per request. The test apps trust a loopback proxy
 * (TRUST_PROXY=loopback), so X-Forwarded-For stands for the reporter's address,
 * as behind the production reverse proxy; the per-address public limit (20 POSTs
 * a minute) then applies per simulated reporter, not to the whole suite.
 */
export function nextClientIp(): string {
  clientCounter++;
  return `127.${(clientCounter >> 16) & 255}.${(clientCounter >> 8) & 255}.${clientCounter & 255}`;
}

/** The env every intake suite starts its app with (on top of tests/support/server.ts defaults). */
export const intakeEnv = { TRUST_PROXY: 'loopback' };

/** POST /api/v1/reports as multipart: `report` as a text part, then the evidence parts. */
export function submit(
  app: Express | string,
  report: unknown,
  files: EvidenceUpload[] = [],
  headers: Record<string, string> = {},
): Test {
  let req = request(app).post('/api/v1/reports').set('X-Forwarded-For', nextClientIp());
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  req = req.field('report', typeof report === 'string' ? report : JSON.stringify(report));
  for (const f of files)
    req = req.attach('evidence', f.content, {
      filename: f.filename ?? 'photo.jpg',
      contentType: f.contentType ?? 'image/jpeg',
    });
  return req;
}

export interface RawPart {
  name: string;
  filename?: string;
  contentType?: string;
  content: Buffer | string;
}

/** A multipart body assembled byte by byte (for names supertest would clean up, and broken bodies). */
export function multipartBody(
  parts: RawPart[],
  boundary = `----wp${crypto.randomBytes(8).toString('hex')}`,
  close = true,
): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.contentType) head += `Content-Type: ${p.contentType}\r\n`;
    chunks.push(
      Buffer.from(`${head}\r\n`, 'utf8'),
      Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---------- proof of work ----------

/** Finds a nonce for a challenge, as the page does (sha256(challenge + ":" + nonce) with `bits` leading zero bits). */
export function solvePow(challenge: string, bits: number): string {
  for (let n = 0; ; n++) if (solves(challenge, String(n), bits)) return String(n);
}

/** A nonce that does not solve the challenge. */
export function wrongNonce(challenge: string, bits: number): string {
  for (let n = 0; ; n++) if (!solves(challenge, `x${n}`, bits)) return `x${n}`;
}

// ---------- what is on disk ----------

/** Every file under `dir` (relative paths), recursively. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Where the disk store keeps a stored evidence file. */
export const storedPath = (uploadDir: string, fileId: string) =>
  path.join(uploadDir, 'evidence', fileId.slice(0, 2), fileId);
