// Audio is accepted only when the whole file parses as the format its first bytes
// claim: MP3 and AAC must be an unbroken chain of frames to the end, WAV a RIFF file
// of well-formed chunks, Ogg a chain of pages with valid checksums, AMR a chain of
// frames. Two magic bytes followed by HTML or an executable do not parse, so they
// are refused. Tags (ID3v1/v2, APE, WAV LIST/id3/bext…, Ogg comments) are dropped on the way.
//
// Hand-written on purpose: these framings are a few lines each and fully specified,
// while the metadata libraries on npm (music-metadata is ESM-only since v8) read tags
// rather than check that nothing else rides along or write the file back without them.
import { fail } from '../../platform/errors';

export type AudioMime = 'audio/mpeg' | 'audio/aac' | 'audio/wav' | 'audio/ogg' | 'audio/amr';

export interface CleanedAudio {
  bytes: Buffer;
  /** May differ from the sniffed type: AAC behind an ID3 tag starts like an MP3. */
  mime: AudioMime;
  ext: string;
  metadataRemoved: boolean;
}

const unreadable = () => fail('evidence.unreadable');

/** Frames required before a file counts as audio (about a tenth of a second). */
const MIN_FRAMES = 4;

export function cleanAudio(buf: Buffer, mime: AudioMime): CleanedAudio {
  switch (mime) {
    case 'audio/mpeg':
    case 'audio/aac':
      return cleanMpegOrAdts(buf);
    case 'audio/wav':
      return { bytes: cleanWav(buf), mime, ext: 'wav', metadataRemoved: true };
    case 'audio/ogg':
      return { bytes: cleanOgg(buf), mime, ext: 'ogg', metadataRemoved: true };
    case 'audio/amr':
      checkAmr(buf);
      return { bytes: buf, mime, ext: 'amr', metadataRemoved: false };
  }
}

// ---------- MPEG audio (MP3) and AAC in ADTS ----------

/** Length of an ID3v2 tag at `at` (header, syncsafe size, optional footer), or 0. */
function id3v2Length(buf: Buffer, at: number): number {
  if (buf.toString('latin1', at, at + 3) !== 'ID3' || at + 10 > buf.length) return 0;
  const [major, , flags, s0, s1, s2, s3] = buf.subarray(at + 3, at + 10);
  if (major < 2 || major > 4 || (s0 | s1 | s2 | s3) & 0x80) throw unreadable();
  const size = (s0 << 21) | (s1 << 14) | (s2 << 7) | s3;
  return 10 + size + (flags & 0x10 ? 10 : 0);
}

const BITRATES_KBPS: Record<string, number[]> = {
  'v1-l1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  'v1-l2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  'v1-l3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  'v2-l1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  'v2-l2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MPEG_SAMPLE_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};
const ADTS_SAMPLE_RATES = 13; // indexes 0–12 are defined

interface Frame {
  length: number;
  /** Fields every frame of one stream shares. */
  stream: number;
}

/** An MPEG audio frame header at `at`, or null. */
function mpegFrame(buf: Buffer, at: number): Frame | null {
  if (at + 4 > buf.length || buf[at] !== 0xff || (buf[at + 1] & 0xe0) !== 0xe0) return null;
  const version = (buf[at + 1] >> 3) & 3; // 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5
  const layer = 4 - ((buf[at + 1] >> 1) & 3); // 1, 2, 3 (4 is reserved)
  const bitrateIndex = buf[at + 2] >> 4;
  const rateIndex = (buf[at + 2] >> 2) & 3;
  if (version === 1 || layer === 4 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const table = version === 3 ? `v1-l${layer}` : layer === 1 ? 'v2-l1' : 'v2-l2';
  const bitrate = BITRATES_KBPS[table][bitrateIndex] * 1000;
  const rate = MPEG_SAMPLE_RATES[version][rateIndex];
  const padding = (buf[at + 2] >> 1) & 1;
  const length =
    layer === 1
      ? Math.floor((12 * bitrate) / rate + padding) * 4
      : Math.floor(((layer === 3 && version !== 3 ? 72 : 144) * bitrate) / rate) + padding;
  return { length, stream: (version << 4) | (layer << 2) | rateIndex };
}

/** An AAC ADTS frame header at `at`, or null. */
function adtsFrame(buf: Buffer, at: number): Frame | null {
  if (at + 7 > buf.length || buf[at] !== 0xff || (buf[at + 1] & 0xf6) !== 0xf0) return null;
  const rateIndex = (buf[at + 2] >> 2) & 15;
  if (rateIndex >= ADTS_SAMPLE_RATES) return null;
  const headerLength = buf[at + 1] & 1 ? 7 : 9;
  const length = ((buf[at + 3] & 3) << 11) | (buf[at + 4] << 3) | (buf[at + 5] >> 5);
  if (length < headerLength) return null;
  return { length, stream: ((buf[at + 2] >> 6) << 4) | rateIndex };
}

/** Where the trailing tags (APEv2, then ID3v1) begin, or the end of the buffer. */
function tagsStart(buf: Buffer, from: number): number {
  let end = buf.length;
  if (end - from >= 128 && buf.toString('latin1', end - 128, end - 125) === 'TAG') end -= 128;
  if (end - from >= 32 && buf.toString('latin1', end - 32, end - 24) === 'APETAGEX') {
    const size = buf.readUInt32LE(end - 20); // items and footer
    const hasHeader = (buf.readUInt32LE(end - 12) & 0x80000000) !== 0;
    const start = end - size - (hasHeader ? 32 : 0);
    if (start < from) throw unreadable();
    end = start;
  }
  return end;
}

function cleanMpegOrAdts(buf: Buffer): CleanedAudio {
  let start = 0;
  for (let tag = id3v2Length(buf, 0); tag; tag = id3v2Length(buf, start)) start += tag; // tags may be repeated
  if (start > buf.length) throw unreadable();
  if (start > 0) while (start < buf.length && buf[start] === 0) start++; // padding some taggers leave after the tag
  const adts = adtsFrame(buf, start) !== null;
  const readFrame = adts ? adtsFrame : mpegFrame;
  const end = tagsStart(buf, start);

  let p = start;
  let frames = 0;
  let stream: number | undefined;
  while (p < end) {
    const frame = readFrame(buf, p);
    if (!frame) {
      if (frames >= MIN_FRAMES && buf.subarray(p, end).every((b) => b === 0)) break; // zero padding at the end
      throw fail(frames === 0 ? 'evidence.type_not_allowed' : 'evidence.unreadable');
    }
    if (stream !== undefined && frame.stream !== stream) throw unreadable();
    stream = frame.stream;
    if (p + frame.length > end) {
      // A recording cut off inside its last frame keeps that frame as it is; anything else is broken.
      if (frames < MIN_FRAMES || end !== buf.length) throw unreadable();
      p = end;
      break;
    }
    p += frame.length;
    frames++;
  }
  if (frames < MIN_FRAMES) throw fail('evidence.type_not_allowed');
  const bytes = buf.subarray(start, p);
  return adts
    ? { bytes, mime: 'audio/aac', ext: 'aac', metadataRemoved: true }
    : { bytes, mime: 'audio/mpeg', ext: 'mp3', metadataRemoved: true };
}

// ---------- WAV ----------

/** Chunks a WAV needs to play; everything else (LIST/INFO, id3, bext, iXML, cue…) is dropped. */
const WAV_KEPT = new Set(['fmt ', 'fact', 'data']);

function cleanWav(buf: Buffer): Buffer {
  if (buf.length < 12) throw unreadable();
  const riffEnd = 8 + buf.readUInt32LE(4);
  if (riffEnd > buf.length) throw unreadable();
  const kept: Buffer[] = [];
  const seen = new Set<string>();
  let p = 12;
  while (p + 8 <= riffEnd) {
    const id = buf.toString('latin1', p, p + 4);
    if (!/^[\x20-\x7e]{4}$/.test(id)) throw unreadable();
    const size = buf.readUInt32LE(p + 4);
    const next = p + 8 + size + (size & 1);
    if (p + 8 + size > riffEnd) throw unreadable();
    if (WAV_KEPT.has(id)) {
      if (seen.has(id)) throw unreadable();
      if (id === 'fmt ' && (size < 16 || buf.readUInt16LE(p + 10) === 0 || buf.readUInt32LE(p + 12) === 0))
        throw unreadable();
      if (id === 'data' && !seen.has('fmt ')) throw unreadable();
      seen.add(id);
      kept.push(buf.subarray(p, Math.min(next, riffEnd)));
      if (next > riffEnd) kept.push(Buffer.alloc(1)); // the pad byte some writers leave out
    }
    p = next;
  }
  if (!seen.has('fmt ') || !seen.has('data')) throw unreadable();
  if (buf.subarray(Math.min(p, riffEnd), buf.length).some((b) => b !== 0)) throw fail('evidence.polyglot'); // bytes outside the RIFF structure
  const body = Buffer.concat(kept);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write('WAVE', 8, 'latin1');
  return Buffer.concat([header, body]);
}

// ---------- Ogg ----------

const OGG_CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let r = i << 24;
  for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
  return r >>> 0;
});

function oggCrc(page: Buffer): number {
  let crc = 0;
  for (let i = 0; i < page.length; i++) {
    const b = i >= 22 && i < 26 ? 0 : page[i]; // the checksum field counts as zero
    crc = ((crc << 8) ^ OGG_CRC_TABLE[((crc >>> 24) ^ b) & 0xff]) >>> 0;
  }
  return crc;
}

interface OggPage {
  start: number;
  end: number;
  flags: number;
  serial: number;
  sequence: number;
  segments: number[];
}

/** Every page of an Ogg file, checked: version, flags, checksum, per-stream sequence. */
export function oggPages(buf: Buffer): OggPage[] {
  const pages: OggPage[] = [];
  const nextSequence = new Map<number, number>();
  let p = 0;
  while (p < buf.length) {
    if (p + 27 > buf.length || buf.toString('latin1', p, p + 4) !== 'OggS') {
      if (pages.length && buf.subarray(p).every((b) => b === 0)) break;
      throw unreadable();
    }
    const flags = buf[p + 5];
    if (buf[p + 4] !== 0 || flags & 0xf8) throw unreadable();
    const serial = buf.readUInt32LE(p + 14);
    const sequence = buf.readUInt32LE(p + 18);
    const count = buf[p + 26];
    // A page with no segments carries nothing; a file of them is only a way to make us parse 27-byte pages by the million.
    if (count === 0 || p + 27 + count > buf.length) throw unreadable();
    const segments = [...buf.subarray(p + 27, p + 27 + count)];
    const end = p + 27 + count + segments.reduce((a, b) => a + b, 0);
    if (end > buf.length || oggCrc(buf.subarray(p, end)) !== buf.readUInt32LE(p + 22)) throw unreadable();
    const expected = nextSequence.get(serial);
    if (expected === undefined ? !(flags & 2) : sequence !== expected) throw unreadable(); // a stream begins with BOS, pages follow in order
    nextSequence.set(serial, sequence + 1);
    pages.push({ start: p, end, flags, serial, sequence, segments });
    p = end;
  }
  return pages;
}

/**
 * Header packets of the Ogg codecs accepted, and the empty comment packet each is
 * given instead of its own (vendor string and every TITLE=, ARTIST=, LOCATION=… gone).
 */
const OGG_CODECS: Array<{ magic: string; headers: (first: Buffer) => number; emptyComment: Buffer }> = [
  { magic: 'OpusHead', headers: () => 2, emptyComment: Buffer.from('OpusTags\0\0\0\0\0\0\0\0', 'latin1') },
  { magic: '\x01vorbis', headers: () => 3, emptyComment: Buffer.from('\x03vorbis\0\0\0\0\0\0\0\0\x01', 'latin1') },
  // Speex: the header says how many extra headers follow the comment.
  {
    magic: 'Speex   ',
    headers: (first) => 2 + (first.length >= 72 ? first.readUInt32LE(68) : 0),
    emptyComment: Buffer.alloc(8),
  },
];

/** Packets in the order they complete, with the pages they span, for one logical stream. */
function packetsOf(buf: Buffer, pages: OggPage[], limit: number): { packets: Buffer[]; pagesUsed: number } {
  const packets: Buffer[] = [];
  let partial: Buffer[] = [];
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i];
    if (i > 0 && !(page.flags & 1) !== !partial.length) throw unreadable(); // the continuation flag must match
    let at = page.end - page.segments.reduce((a, b) => a + b, 0);
    for (let k = 0; k < page.segments.length; k++) {
      partial.push(buf.subarray(at, at + page.segments[k]));
      at += page.segments[k];
      if (page.segments[k] < 255) {
        packets.push(Buffer.concat(partial));
        partial = [];
        if (packets.length === limit) {
          // Audio must begin on a fresh page after the headers (Vorbis I §A.2, RFC 7845 §3).
          if (k !== page.segments.length - 1) throw unreadable();
          return { packets, pagesUsed: i + 1 };
        }
      }
    }
  }
  throw unreadable();
}

/** The header packets laid out on pages again (up to 255 lacing values a page). */
function paginate(packets: Buffer[], serial: number, firstSequence: number, firstFlags: number): Buffer[] {
  const pages: Buffer[] = [];
  let lacing: number[] = [];
  let bodies: Buffer[] = [];
  let continued = false;
  let completes = false;
  const flush = () => {
    const header = Buffer.alloc(27);
    header.write('OggS', 0, 'latin1');
    header[5] = (continued ? 1 : 0) | (pages.length === 0 ? firstFlags : 0);
    header.writeBigUInt64LE(completes ? 0n : 0xffffffffffffffffn, 6); // header pages carry granule 0, or -1 if no packet ends there
    header.writeUInt32LE(serial, 14);
    header.writeUInt32LE(firstSequence + pages.length, 18);
    header[26] = lacing.length;
    const page = Buffer.concat([header, Buffer.from(lacing), ...bodies]);
    page.writeUInt32LE(oggCrc(page), 22);
    pages.push(page);
    lacing = [];
    bodies = [];
    completes = false;
    continued = false;
  };
  packets.forEach((packet, index) => {
    // The identification header sits alone on the first page, as every codec mapping requires.
    if (index === 1 && lacing.length) flush();
    for (let at = 0; ; at += 255) {
      const piece = packet.subarray(at, at + 255);
      lacing.push(piece.length);
      bodies.push(piece);
      const last = piece.length < 255;
      if (last) completes = true;
      if (lacing.length === 255) {
        flush();
        continued = !last; // the next page begins inside this packet
      }
      if (last) break;
    }
  });
  if (lacing.length) flush();
  return pages;
}

function cleanOgg(buf: Buffer): Buffer {
  const pages = oggPages(buf);
  const bySerial = new Map<number, OggPage[]>();
  for (const page of pages) {
    const own = bySerial.get(page.serial);
    if (own) own.push(page);
    else bySerial.set(page.serial, [page]);
  }

  const replacement = new Map<number, { headerPages: Buffer[]; oldCount: number }>();
  for (const [serial, own] of bySerial) {
    const firstPacket = buf.subarray(own[0].end - own[0].segments.reduce((a, b) => a + b, 0), own[0].end);
    const codec = OGG_CODECS.find((c) => firstPacket.toString('latin1', 0, c.magic.length) === c.magic);
    if (!codec) throw fail('evidence.type_not_allowed');
    const { packets, pagesUsed } = packetsOf(buf, own, codec.headers(firstPacket));
    if (pagesUsed === own.length) throw unreadable(); // headers but no audio
    packets[1] = codec.emptyComment;
    replacement.set(serial, {
      headerPages: paginate(packets, serial, own[0].sequence, own[0].flags & 2),
      oldCount: pagesUsed,
    });
  }

  const out: Buffer[] = [];
  const seen = new Map<number, number>();
  for (const page of pages) {
    const index = seen.get(page.serial) ?? 0;
    seen.set(page.serial, index + 1);
    const { headerPages, oldCount } = replacement.get(page.serial)!;
    if (index === 0) out.push(...headerPages);
    if (index < oldCount) continue;
    const copy = Buffer.from(buf.subarray(page.start, page.end));
    copy.writeUInt32LE(page.sequence + headerPages.length - oldCount, 18);
    copy.writeUInt32LE(oggCrc(copy), 22);
    out.push(copy);
  }
  return Buffer.concat(out);
}

// ---------- AMR ----------

/** Speech bytes after the one-byte frame header, by frame type (AMR-NB, RFC 4867 §5.3); null: reserved. */
const AMR_FRAME_BYTES = [12, 13, 15, 17, 19, 20, 26, 31, 5, 6, 5, 5, null, null, null, 0];

function checkAmr(buf: Buffer): void {
  let p = 6; // after "#!AMR\n"
  let frames = 0;
  while (p < buf.length) {
    const header = buf[p];
    const bytes = AMR_FRAME_BYTES[(header >> 3) & 15];
    if (header & 0x83 || bytes === null || p + 1 + bytes > buf.length)
      throw fail(frames === 0 ? 'evidence.type_not_allowed' : 'evidence.unreadable');
    p += 1 + bytes;
    frames++;
  }
  if (frames < MIN_FRAMES) throw unreadable();
}
