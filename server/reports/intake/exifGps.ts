// The GPS position in a photo's EXIF, and nothing else: when a reporter shares their
// location, only these tags are written back into the cleaned photo, so the camera's
// serial number, owner, artist and comments go like the rest. A few dozen lines of
// TIFF walking suffice; the EXIF libraries on npm read everything, which is the
// opposite of what is wanted here.

/** GPS tags kept, by tag number, under the names libvips (sharp's `withExif` IFD3) uses. */
const KEPT: Record<number, string> = {
  0x0001: 'GPSLatitudeRef',
  0x0002: 'GPSLatitude',
  0x0003: 'GPSLongitudeRef',
  0x0004: 'GPSLongitude',
  0x0006: 'GPSAltitude',
  0x0010: 'GPSImgDirectionRef',
  0x0011: 'GPSImgDirection',
};
const ASCII = 2;
const RATIONAL = 5;
const GPS_IFD_POINTER = 0x8825;

/**
 * The kept GPS tags of an EXIF block (as sharp's `metadata().exif` returns it), as
 * strings for `withExif({ IFD3 })`; null when it has no latitude and longitude or
 * does not parse.
 */
export function gpsTags(exif: Buffer | undefined): Record<string, string> | null {
  if (!exif) return null;
  try {
    const tiff = exif.toString('latin1', 0, 6) === 'Exif\0\0' ? exif.subarray(6) : exif;
    const order = tiff.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') return null;
    const le = order === 'II';
    const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
    const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
    if (u16(2) !== 42) return null;

    const entries = (ifd: number) => {
      const count = u16(ifd);
      return Array.from({ length: count }, (_, i) => {
        const at = ifd + 2 + i * 12;
        return { tag: u16(at), type: u16(at + 2), count: u32(at + 4), valueAt: at + 8 };
      });
    };
    const pointer = entries(u32(4)).find((e) => e.tag === GPS_IFD_POINTER);
    if (!pointer) return null;

    const out: Record<string, string> = {};
    for (const e of entries(u32(pointer.valueAt))) {
      const name = KEPT[e.tag];
      if (!name) continue;
      if (e.type === ASCII) {
        const at = e.count <= 4 ? e.valueAt : u32(e.valueAt);
        const text = tiff.toString('latin1', at, at + e.count).replace(/\0.*$/s, '');
        if (/^[A-Z]$/.test(text)) out[name] = text; // N/S, E/W, T/M: one letter, nothing else smuggled along
      } else if (e.type === RATIONAL && e.count >= 1 && e.count <= 3) {
        const at = u32(e.valueAt);
        out[name] = Array.from({ length: e.count }, (_, i) => `${u32(at + i * 8)}/${u32(at + i * 8 + 4)}`).join(' ');
      }
    }
    const located = out.GPSLatitude && out.GPSLongitude && out.GPSLatitudeRef && out.GPSLongitudeRef;
    return located ? out : null;
  } catch {
    return null; // offsets pointing outside the block: no usable position
  }
}
