// What a file is, decided by its first bytes — never by its name or declared type.
// (The maintained detection library is ESM-only, which this CommonJS server and its
// test runner cannot load; the formats accepted here are few and well specified.)
export type EvidenceKind = 'photo' | 'video' | 'audio' | 'document';

export interface Sniffed {
  kind: EvidenceKind;
  mime: string;
  ext: string;
}

const ascii = (buf: Buffer, start: number, end: number) => buf.toString('latin1', start, end);

const isoBrands: Record<string, Sniffed> = {
  heic: { kind: 'photo', mime: 'image/heic', ext: 'heic' },
  heix: { kind: 'photo', mime: 'image/heic', ext: 'heic' },
  hevc: { kind: 'photo', mime: 'image/heic', ext: 'heic' },
  heim: { kind: 'photo', mime: 'image/heic', ext: 'heic' },
  mif1: { kind: 'photo', mime: 'image/heif', ext: 'heif' },
  msf1: { kind: 'photo', mime: 'image/heif', ext: 'heif' },
  'qt  ': { kind: 'video', mime: 'video/quicktime', ext: 'mov' },
  'M4A ': { kind: 'audio', mime: 'audio/mp4', ext: 'm4a' },
  'M4B ': { kind: 'audio', mime: 'audio/mp4', ext: 'm4a' },
};
const MP4_BRANDS = [
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'dash',
  '3gp4',
  '3gp5',
  '3g2a',
  'MSNV',
  'XAVC',
];

/** The evidence type of a file from its head (the first 64 bytes suffice), or null. */
export function sniff(head: Buffer): Sniffed | null {
  if (head.length < 12) return null;
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { kind: 'photo', mime: 'image/jpeg', ext: 'jpg' };
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { kind: 'photo', mime: 'image/png', ext: 'png' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP')
    return { kind: 'photo', mime: 'image/webp', ext: 'webp' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE')
    return { kind: 'audio', mime: 'audio/wav', ext: 'wav' };
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (isoBrands[brand]) return isoBrands[brand];
    if (MP4_BRANDS.includes(brand)) return { kind: 'video', mime: 'video/mp4', ext: 'mp4' };
    return null;
  }
  if (['moov', 'mdat', 'wide', 'free'].includes(ascii(head, 4, 8)))
    return { kind: 'video', mime: 'video/quicktime', ext: 'mov' };
  if (ascii(head, 0, 5) === '%PDF-') return { kind: 'document', mime: 'application/pdf', ext: 'pdf' };
  if (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && (head[1] & 0xe6) === 0xe2))
    return { kind: 'audio', mime: 'audio/mpeg', ext: 'mp3' };
  if (head[0] === 0xff && (head[1] & 0xf6) === 0xf0) return { kind: 'audio', mime: 'audio/aac', ext: 'aac' };
  if (ascii(head, 0, 4) === 'OggS') return { kind: 'audio', mime: 'audio/ogg', ext: 'ogg' };
  if (ascii(head, 0, 6) === '#!AMR\n') return { kind: 'audio', mime: 'audio/amr', ext: 'amr' };
  return null;
}

const MARKUP = /<\s*(script|html|svg|iframe|body|object|embed|\?php)\b/i;

/**
 * The marks of a polyglot: markup near either end of the file, an archive's
 * end record at its tail, or another format's header near its head. Only the
 * ends are searched, so compressed media cannot trip over chance byte runs.
 */
export function carriesForeignContent(head: Buffer, tail: Buffer, own: Sniffed): boolean {
  const h = head.toString('latin1');
  const t = tail.toString('latin1');
  if (MARKUP.test(h) || MARKUP.test(t)) return true;
  if (t.includes('PK\u0005\u0006')) return true;
  if (own.kind !== 'document' && h.slice(5).includes('%PDF-')) return true;
  return false;
}
