// Where a JPEG or PNG really ends, found by walking its structure rather than by
// looking for a marker that anyone can append. Bytes after the end (other than
// zero padding) are another file riding along: a polyglot.

/** Offset just past the JPEG's end-of-image marker, or -1 if the structure is broken. */
export function jpegEnd(buf: Buffer): number {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) return -1;
  let p = 2;
  while (p + 2 <= buf.length) {
    if (buf[p] !== 0xff) return -1;
    const marker = buf[p + 1];
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    if (marker === 0xd9) return p + 2;
    if (marker >= 0xd0 && marker <= 0xd7) {
      p += 2;
      continue;
    }
    if (p + 4 > buf.length) return -1;
    const length = buf.readUInt16BE(p + 2);
    if (length < 2) return -1;
    p += 2 + length;
    if (marker === 0xda) {
      // Entropy-coded data: FF is followed by 00 (stuffing) or a restart marker until the next real marker.
      while (
        p + 1 < buf.length &&
        !(buf[p] === 0xff && buf[p + 1] !== 0x00 && !(buf[p + 1] >= 0xd0 && buf[p + 1] <= 0xd7))
      )
        p++;
    }
  }
  return -1;
}

/** Offset just past the PNG's IEND chunk, or -1. */
export function pngEnd(buf: Buffer): number {
  let p = 8;
  while (p + 12 <= buf.length) {
    const length = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    p += 12 + length;
    if (type === 'IEND') return p <= buf.length ? p : -1;
  }
  return -1;
}

export function hasTrailingPayload(buf: Buffer, end: number): boolean {
  for (let i = end; i < buf.length; i++) if (buf[i] !== 0) return true;
  return false;
}
