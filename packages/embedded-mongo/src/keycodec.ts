// Order-preserving binary keys: byte-wise comparison of two encoded values
// (SQLite compares BLOBs with memcmp) agrees with MongoDB's BSON ordering.
// Numbers are keyed at double precision; queries re-check every candidate,
// so the index only ever narrows the search.
import { binaryParts, canonicalType, numberValue, regexParts, TypeOrder, type Doc } from './bson-values';
import type { ObjectId, Timestamp } from 'bson';

const EMPTY_ARRAY = 6; // how MongoDB keys an empty array ("undefined"), just above null

class KeyWriter {
  private chunks: number[] = [];

  byte(b: number): void {
    this.chunks.push(b & 0xff);
  }

  bytes(buf: Uint8Array): void {
    for (const b of buf) this.chunks.push(b);
  }

  /** Escaped bytes ending in 00 00, so shorter strings sort first and the code stays prefix-free. */
  escaped(buf: Uint8Array): void {
    for (const b of buf) {
      this.chunks.push(b);
      if (b === 0) this.chunks.push(0xff);
    }
    this.chunks.push(0, 0);
  }

  done(): Buffer {
    return Buffer.from(this.chunks);
  }
}

const f64 = Buffer.alloc(8);

function writeDouble(w: KeyWriter, x: number): void {
  if (Number.isNaN(x)) {
    for (let i = 0; i < 8; i++) w.byte(0);
    return;
  }
  f64.writeDoubleBE(x === 0 ? 0 : x); // -0 and 0 are one key
  if (f64[0] & 0x80) for (let i = 0; i < 8; i++) f64[i] = ~f64[i];
  else f64[0] |= 0x80;
  w.bytes(f64);
}

function writeValue(w: KeyWriter, v: unknown): void {
  const t = canonicalType(v);
  if (Array.isArray(v) && v.length === 0) {
    w.byte(EMPTY_ARRAY);
    return;
  }
  w.byte(t);
  switch (t) {
    case TypeOrder.nullish:
    case TypeOrder.minKey:
    case TypeOrder.maxKey:
      return;
    case TypeOrder.number:
      writeDouble(w, numberValue(v));
      return;
    case TypeOrder.string:
      w.escaped(Buffer.from(typeof v === 'string' ? v : String((v as { value: string }).value), 'utf8'));
      return;
    case TypeOrder.boolean:
      w.byte(v ? 1 : 0);
      return;
    case TypeOrder.date: {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(BigInt((v as Date).getTime()));
      b[0] ^= 0x80;
      w.bytes(b);
      return;
    }
    case TypeOrder.objectId:
      w.bytes((v as ObjectId).id);
      return;
    case TypeOrder.timestamp: {
      const ts = v as Timestamp;
      const b = Buffer.alloc(8);
      b.writeUInt32BE(ts.high >>> 0, 0);
      b.writeUInt32BE(ts.low >>> 0, 4);
      w.bytes(b);
      return;
    }
    case TypeOrder.binary: {
      const { bytes, subType } = binaryParts(v);
      const len = Buffer.alloc(4);
      len.writeUInt32BE(bytes.length);
      w.bytes(len);
      w.byte(subType);
      w.bytes(bytes);
      return;
    }
    case TypeOrder.regex: {
      const { pattern, flags } = regexParts(v);
      w.escaped(Buffer.from(pattern, 'utf8'));
      w.escaped(Buffer.from(flags, 'utf8'));
      return;
    }
    case TypeOrder.array:
      for (const el of v as unknown[]) writeValue(w, el);
      w.byte(0);
      return;
    default: {
      for (const [k, x] of Object.entries(v as Doc)) {
        w.byte(canonicalType(x));
        w.escaped(Buffer.from(k, 'utf8'));
        writeValue(w, x);
      }
      w.byte(0);
    }
  }
}

export function encodeValue(v: unknown): Buffer {
  const w = new KeyWriter();
  writeValue(w, v === undefined ? null : v);
  return w.done();
}

export function invert(buf: Buffer): Buffer {
  const out = Buffer.allocUnsafe(buf.length);
  for (let i = 0; i < buf.length; i++) out[i] = ~buf[i] & 0xff;
  return out;
}

/** The smallest key greater than every key that starts with `prefix`. */
export function successor(prefix: Buffer): Buffer {
  const out = Buffer.from(prefix);
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== 0xff) {
      out[i]++;
      return out.subarray(0, i + 1);
    }
  }
  return Buffer.concat([prefix, Buffer.from([0xff, 0xff, 0xff, 0xff])]);
}
