// Audio files built byte by byte for the hostile-evidence suite: MP3 frame chains,
// ID3v1/v2 tags, WAV with LIST/INFO and id3 chunks, AMR frames and Ogg Opus pages
// with a comment header. Each is a structurally valid file of its format.

/** One MPEG-1 Layer III frame: 128 kbit/s, 44.1 kHz, no padding, so 417 bytes; the payload is silence. */
export function mp3Frame(): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return frame;
}

/** `count` MPEG audio frames in a row (26 ms each). */
export const mp3Frames = (count: number): Buffer => Buffer.concat(Array.from({ length: count }, mp3Frame));

/** `count` AAC-LC frames in ADTS (44.1 kHz stereo, no CRC), 100 bytes each. */
export function adtsFrames(count: number): Buffer {
  const frame = Buffer.alloc(100);
  const length = frame.length;
  frame.set([0xff, 0xf1, 0x50, 0x80 | ((length >> 11) & 3), (length >> 3) & 0xff, ((length & 7) << 5) | 0x1f, 0xfc]);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

function syncsafe(n: number): Buffer {
  return Buffer.from([(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f]);
}

/** An ID3v2.3 tag with text frames, e.g. { TIT2: 'title', TPE1: 'artist' }. */
export function id3v2(frames: Record<string, string>): Buffer {
  const body = Buffer.concat(
    Object.entries(frames).map(([id, text]) => {
      const value = Buffer.concat([Buffer.from([0]), Buffer.from(text, 'latin1')]);
      const header = Buffer.alloc(10);
      header.write(id, 0, 'latin1');
      header.writeUInt32BE(value.length, 4);
      return Buffer.concat([header, value]);
    }),
  );
  return Buffer.concat([Buffer.from('ID3\x03\x00\x00', 'latin1'), syncsafe(body.length), body]);
}

/** An ID3v1 tag (128 bytes at the very end of a file). */
export function id3v1(title: string, artist: string): Buffer {
  const tag = Buffer.alloc(128);
  tag.write('TAG', 0, 'latin1');
  tag.write(title.slice(0, 30), 3, 'latin1');
  tag.write(artist.slice(0, 30), 33, 'latin1');
  return tag;
}

function riffChunk(id: string, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body, body.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** A PCM WAV (8 kHz mono 16-bit, 0.1 s of silence) with extra chunks placed before its data. */
export function wav(extraChunks: Buffer[] = []): Buffer {
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0); // PCM
  fmt.writeUInt16LE(1, 2); // mono
  fmt.writeUInt32LE(8000, 4);
  fmt.writeUInt32LE(16000, 8);
  fmt.writeUInt16LE(2, 12);
  fmt.writeUInt16LE(16, 14);
  const body = Buffer.concat([
    Buffer.from('WAVE', 'latin1'),
    riffChunk('fmt ', fmt),
    ...extraChunks,
    riffChunk('data', Buffer.alloc(1600)),
  ]);
  const header = Buffer.alloc(8);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** A LIST/INFO chunk with a title (INAM) and an artist (IART). */
export function wavInfo(title: string, artist: string): Buffer {
  const sub = (id: string, text: string) => riffChunk(id, Buffer.from(`${text}\0`, 'latin1'));
  return riffChunk('LIST', Buffer.concat([Buffer.from('INFO', 'latin1'), sub('INAM', title), sub('IART', artist)]));
}

/** An `id3 ` chunk (as some recorders write ID3 into WAV). */
export const wavId3 = (frames: Record<string, string>): Buffer => riffChunk('id3 ', id3v2(frames));

/** An AMR-NB file: the magic and `count` 12.2 kbit/s frames (1 + 31 bytes each). */
export function amr(count: number): Buffer {
  const frame = Buffer.alloc(32);
  frame[0] = 7 << 3; // frame type 7, quality bit clear
  return Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), ...Array.from({ length: count }, () => frame)]);
}

// ---------- Ogg ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let r = i << 24;
  for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
  return r >>> 0;
});

function crc(page: Buffer): number {
  let c = 0;
  for (const b of page) c = ((c << 8) ^ CRC_TABLE[((c >>> 24) ^ b) & 0xff]) >>> 0;
  return c;
}

/** One Ogg page holding whole packets (each under 255 × 255 bytes). */
export function oggPage(packets: Buffer[], sequence: number, flags: number, granule = 0n, serial = 0x5eed): Buffer {
  const lacing: number[] = [];
  for (const p of packets) {
    let left = p.length;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    lacing.push(left);
  }
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'latin1');
  header[5] = flags;
  header.writeBigUInt64LE(granule, 6);
  header.writeUInt32LE(serial, 14);
  header.writeUInt32LE(sequence, 18);
  header[26] = lacing.length;
  const page = Buffer.concat([header, Buffer.from(lacing), ...packets]);
  page.writeUInt32LE(crc(page), 22);
  return page;
}

/** An Ogg Opus file: OpusHead, OpusTags with the given comments, then `audioPages` pages of audio packets. */
export function oggOpus(comments: string[], audioPages = 3): Buffer {
  const head = Buffer.concat([
    Buffer.from('OpusHead', 'latin1'),
    Buffer.from([1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0]),
  ]);
  const vendor = Buffer.from('libopus 1.4', 'latin1');
  const lengthOf = (b: Buffer) => {
    const n = Buffer.alloc(4);
    n.writeUInt32LE(b.length);
    return n;
  };
  const entries = comments.map((c) => Buffer.from(c, 'utf8'));
  const count = Buffer.alloc(4);
  count.writeUInt32LE(entries.length);
  const tags = Buffer.concat([
    Buffer.from('OpusTags', 'latin1'),
    lengthOf(vendor),
    vendor,
    count,
    ...entries.flatMap((e) => [lengthOf(e), e]),
  ]);
  const pages = [oggPage([head], 0, 2), ...spreadPacket(tags, 1)];
  for (let i = 0; i < audioPages; i++) {
    const packets = Array.from({ length: 5 }, (_, k) => Buffer.from([0xfc, (i * 5 + k) & 0xff, 0x11, 0x22]));
    pages.push(oggPage(packets, pages.length, i === audioPages - 1 ? 4 : 0, BigInt((i + 1) * 4800)));
  }
  return Buffer.concat(pages);
}

/** One packet over as many pages as it needs (255 lacing values a page), continuation flags set. */
function spreadPacket(packet: Buffer, firstSequence: number): Buffer[] {
  const pages: Buffer[] = [];
  const perPage = 255 * 255;
  for (let at = 0; at === 0 || at < packet.length; at += perPage) {
    const piece = packet.subarray(at, at + perPage);
    const last = at + perPage > packet.length; // a piece of exactly 255 × 255 bytes continues on the next page
    const lacing = Array.from({ length: Math.min(255, Math.floor(piece.length / 255) + (last ? 1 : 0)) }, (_, i) =>
      Math.min(255, piece.length - i * 255),
    );
    const header = Buffer.alloc(27);
    header.write('OggS', 0, 'latin1');
    header[5] = at > 0 ? 1 : 0;
    header.writeBigUInt64LE(last ? 0n : 0xffffffffffffffffn, 6);
    header.writeUInt32LE(0x5eed, 14);
    header.writeUInt32LE(firstSequence + pages.length, 18);
    header[26] = lacing.length;
    const page = Buffer.concat([header, Buffer.from(lacing), piece]);
    page.writeUInt32LE(crc(page), 22);
    pages.push(page);
  }
  return pages;
}

/** An Ogg Vorbis file: identification page, then comment and setup headers sharing one page, then audio. */
export function oggVorbis(comments: string[], setup: Buffer): Buffer {
  const ident = Buffer.concat([
    Buffer.from('\x01vorbis', 'latin1'),
    Buffer.from([0, 0, 0, 0, 1, 0x44, 0xac, 0, 0, 0, 0, 0, 0, 0xf4, 1, 0, 0, 0, 0, 0, 0xb8, 1]),
  ]);
  const vendor = Buffer.from('Xiph.Org libVorbis I 20200704', 'latin1');
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const entries = comments.map((c) => Buffer.from(c, 'utf8'));
  const comment = Buffer.concat([
    Buffer.from('\x03vorbis', 'latin1'),
    u32(vendor.length),
    vendor,
    u32(entries.length),
    ...entries.flatMap((e) => [u32(e.length), e]),
    Buffer.from([1]),
  ]);
  const setupPacket = Buffer.concat([Buffer.from('\x05vorbis', 'latin1'), setup]);
  const audio = [Buffer.from([0x00, 0x12, 0x34]), Buffer.from([0x00, 0x56, 0x78])];
  return Buffer.concat([oggPage([ident], 0, 2), oggPage([comment, setupPacket], 1, 0), oggPage(audio, 2, 4, 2048n)]);
}
