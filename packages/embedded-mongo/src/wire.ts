// The MongoDB wire protocol: framing, OP_MSG, legacy OP_QUERY/OP_REPLY for the
// handshake, and zlib OP_COMPRESSED.
import { serialize } from 'bson';
import { deflateSync, inflateSync } from 'node:zlib';
import { decodeBson, type Doc } from './bson-values';
import { setOwn } from './paths';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const MAX_MESSAGE_BYTES = 48_000_000;
const CHECKSUM_PRESENT = 1;
export const MORE_TO_COME = 2;
const ZLIB = 2;
const NOOP = 0;

export class ProtocolError extends Error {}

export interface Request {
  requestId: number;
  opCode: number;
  /** The command document, with kind-1 document sequences merged in. */
  command: Doc;
  moreToCome: boolean;
  /** The compressor the request used, so the reply uses it too. */
  compressor?: number;
  /** For OP_QUERY: the namespace it was sent to. */
  ns?: string;
}

function readDocument(buf: Buffer, offset: number, end: number): { doc: Doc; next: number } {
  if (offset + 5 > end) throw new ProtocolError('truncated document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError('document length out of bounds');
  const doc = decodeBson(buf.subarray(offset, offset + size));
  return { doc, next: offset + size };
}

function readCString(buf: Buffer, offset: number, end: number): { value: string; next: number } {
  const zero = buf.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new ProtocolError('unterminated string');
  return { value: buf.toString('utf8', offset, zero), next: zero + 1 };
}

/** Parses one complete message (header included). */
export function parseMessage(msg: Buffer): Request {
  if (msg.length < 16) throw new ProtocolError('message shorter than its header');
  const requestId = msg.readInt32LE(4);
  let opCode = msg.readInt32LE(12);
  let body = msg.subarray(16);
  let compressor: number | undefined;
  if (opCode === OP_COMPRESSED) {
    if (body.length < 9) throw new ProtocolError('truncated OP_COMPRESSED');
    opCode = body.readInt32LE(0);
    const size = body.readInt32LE(4);
    compressor = body.readUInt8(8);
    if (size < 0 || size > MAX_MESSAGE_BYTES) throw new ProtocolError('uncompressed size out of bounds');
    const payload = body.subarray(9);
    if (compressor === ZLIB) body = inflateSync(payload, { maxOutputLength: size });
    else if (compressor === NOOP) body = payload;
    else throw new ProtocolError(`unsupported compressor ${compressor}`);
    if (body.length !== size) throw new ProtocolError('uncompressed size mismatch');
  }
  if (opCode === OP_MSG) return { requestId, opCode, compressor, ...parseOpMsg(body) };
  if (opCode === OP_QUERY) return { requestId, opCode, compressor, moreToCome: false, ...parseOpQuery(body) };
  throw new ProtocolError(`unsupported opCode ${opCode}`);
}

function parseOpMsg(body: Buffer): { command: Doc; moreToCome: boolean } {
  if (body.length < 5) throw new ProtocolError('truncated OP_MSG');
  const flags = body.readUInt32LE(0);
  if (flags & ~(CHECKSUM_PRESENT | MORE_TO_COME | (1 << 16))) throw new ProtocolError('unknown required OP_MSG flag');
  const end = flags & CHECKSUM_PRESENT ? body.length - 4 : body.length;
  let offset = 4;
  let command: Doc | undefined;
  const sequences: [string, Doc[]][] = [];
  while (offset < end) {
    const kind = body.readUInt8(offset++);
    if (kind === 0) {
      if (command) throw new ProtocolError('more than one body section');
      const r = readDocument(body, offset, end);
      command = r.doc;
      offset = r.next;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError('truncated document sequence');
      const size = body.readInt32LE(offset);
      const seqEnd = offset + size;
      if (size < 5 || seqEnd > end) throw new ProtocolError('document sequence length out of bounds');
      const id = readCString(body, offset + 4, seqEnd);
      const docs: Doc[] = [];
      let p = id.next;
      while (p < seqEnd) {
        const r = readDocument(body, p, seqEnd);
        docs.push(r.doc);
        p = r.next;
      }
      sequences.push([id.value, docs]);
      offset = seqEnd;
    } else throw new ProtocolError(`unknown section kind ${kind}`);
  }
  if (!command) throw new ProtocolError('OP_MSG without a body section');
  // A sequence named __proto__ becomes a field, as any other name would (never the prototype).
  for (const [id, docs] of sequences) setOwn(command, id, docs);
  return { command, moreToCome: (flags & MORE_TO_COME) !== 0 };
}

function parseOpQuery(body: Buffer): { command: Doc; ns: string } {
  if (body.length < 4) throw new ProtocolError('truncated OP_QUERY');
  const ns = readCString(body, 4, body.length);
  const q = readDocument(body, ns.next + 8, body.length);
  const query = q.doc;
  // Legacy drivers may wrap the command: {$query: {...}, $readPreference: ...}
  const command = query.$query && typeof query.$query === 'object' ? (query.$query as Doc) : query;
  if (!ns.value.endsWith('.$cmd')) throw new ProtocolError('OP_QUERY is only supported for commands');
  if (command.$db === undefined) command.$db = ns.value.slice(0, -5);
  return { command, ns: ns.value };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

let nextRequestId = 1;

export function encodeReply(req: Request, reply: Doc): Buffer {
  const doc = Buffer.from(serialize(reply, { ignoreUndefined: true, checkKeys: false }));
  let opCode: number;
  let body: Buffer;
  if (req.opCode === OP_QUERY) {
    opCode = OP_REPLY;
    const fields = Buffer.alloc(20);
    fields.writeInt32LE(8, 0); // AwaitCapable
    fields.writeBigInt64LE(0n, 4);
    fields.writeInt32LE(0, 12);
    fields.writeInt32LE(1, 16);
    body = Buffer.concat([fields, doc]);
  } else {
    opCode = OP_MSG;
    body = Buffer.concat([Buffer.alloc(5), doc]); // flagBits 0, section kind 0
  }
  const requestId = nextRequestId++ & 0x7fffffff;
  if (req.compressor === ZLIB && req.opCode !== OP_QUERY) {
    const packed = deflateSync(body);
    const c = Buffer.alloc(9);
    c.writeInt32LE(opCode, 0);
    c.writeInt32LE(body.length, 4);
    c.writeUInt8(ZLIB, 8);
    return Buffer.concat([header(16 + 9 + packed.length, requestId, req.requestId, OP_COMPRESSED), c, packed]);
  }
  return Buffer.concat([header(16 + body.length, requestId, req.requestId, opCode), body]);
}
