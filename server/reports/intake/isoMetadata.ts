// Metadata removal for ISO base-media files (MP4, MOV, M4A, HEIC) without re-encoding:
// user-data and metadata boxes (where phones put GPS, make, model and dates) become
// zero-filled `free` boxes, which every reader skips; for HEIC, the bytes of Exif and XMP
// items are zeroed. Box sizes do not change, so sample offsets stay valid.
// When the reporter shares their location, a user-data box keeps its ISO 6709 position
// (`©xyz`, as Android and older iPhones write it) and loses everything else; the
// location in Apple's `meta` keys and in HEIC Exif cannot be kept apart from the
// device data there, so it goes with it.
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf']);
const STRIP = new Set(['udta', 'meta', 'uuid', 'XMP_']);
const LOCATION = '\u00a9xyz';

interface Box {
  type: string;
  start: number;
  headerSize: number;
  end: number;
}

function* boxes(buf: Buffer, start: number, end: number): Generator<Box> {
  let p = start;
  while (p + 8 <= end) {
    let size = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    let headerSize = 8;
    if (size === 1) {
      if (p + 16 > end) return;
      size = Number(buf.readBigUInt64BE(p + 8));
      headerSize = 16;
    } else if (size === 0) size = end - p;
    if (size < headerSize || p + size > end) throw new Error(`malformed box ${type}`);
    yield { type, start: p, headerSize, end: p + size };
    p += size;
  }
}

/** Turns a box into padding: type `free`, payload zeroed, size unchanged. */
function blank(buf: Buffer, box: Box): void {
  buf.write('free', box.start + 4, 'latin1');
  buf.fill(0, box.start + box.headerSize, box.end);
}

function renameStrippable(buf: Buffer, start: number, end: number, keepLocation: boolean): void {
  for (const box of boxes(buf, start, end)) {
    if (box.type === 'udta' && keepLocation) keepOnlyLocation(buf, box);
    else if (STRIP.has(box.type)) blank(buf, box);
    else if (CONTAINERS.has(box.type)) renameStrippable(buf, box.start + box.headerSize, box.end, keepLocation);
  }
}

/** Blanks every box in a user-data box but the location; a user-data box that does not parse is blanked whole. */
function keepOnlyLocation(buf: Buffer, udta: Box): void {
  let children: Box[];
  try {
    children = [...boxes(buf, udta.start + udta.headerSize, udta.end)];
  } catch {
    return blank(buf, udta);
  }
  for (const child of children) if (child.type !== LOCATION) blank(buf, child);
}

/** The types of the top-level boxes; throws when the file is not a sequence of boxes. */
export function topLevelBoxes(buf: Buffer): string[] {
  return [...boxes(buf, 0, buf.length)].map((b) => b.type);
}

/** HEIC: zero the payload of items of type Exif or mime (XMP), found via iinf and iloc. */
function zeroHeifMetadataItems(buf: Buffer, meta: Box): void {
  const inner = meta.start + meta.headerSize + 4; // meta is a full box
  const ids = new Set<number>();
  let iloc: Box | undefined;
  for (const box of boxes(buf, inner, meta.end)) {
    if (box.type === 'iinf') {
      const version = buf[box.start + 8];
      const first = box.start + 12 + (version === 0 ? 2 : 4);
      for (const infe of boxes(buf, first, box.end)) {
        const v = buf[infe.start + 8];
        if (v < 2) continue;
        const id = v === 2 ? buf.readUInt16BE(infe.start + 12) : buf.readUInt32BE(infe.start + 12);
        const typeAt = infe.start + 12 + (v === 2 ? 2 : 4) + 2;
        const itemType = buf.toString('latin1', typeAt, typeAt + 4);
        if (itemType === 'Exif' || itemType === 'mime') ids.add(id);
      }
    } else if (box.type === 'iloc') iloc = box;
  }
  if (!iloc || !ids.size) return;
  const version = buf[iloc.start + 8];
  let p = iloc.start + 12;
  const sizes = buf.readUInt16BE(p);
  p += 2;
  const offsetSize = sizes >> 12;
  const lengthSize = (sizes >> 8) & 15;
  const baseOffsetSize = (sizes >> 4) & 15;
  const indexSize = version === 1 || version === 2 ? sizes & 15 : 0;
  const read = (n: number) => {
    const v =
      n === 0
        ? 0
        : n === 4
          ? buf.readUInt32BE(p)
          : n === 8
            ? Number(buf.readBigUInt64BE(p))
            : n === 2
              ? buf.readUInt16BE(p)
              : 0;
    p += n;
    return v;
  };
  const count = version < 2 ? read(2) : read(4);
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? read(2) : read(4);
    if (version === 1 || version === 2) read(2); // construction method
    read(2); // data reference index
    const base = read(baseOffsetSize);
    const extents = read(2);
    for (let e = 0; e < extents; e++) {
      if (indexSize) read(indexSize);
      const offset = read(offsetSize);
      const length = read(lengthSize);
      if (ids.has(id) && base + offset + length <= buf.length) buf.fill(0, base + offset, base + offset + length);
    }
  }
}

/**
 * A copy without metadata boxes. `still` marks HEIC/HEIF, whose top-level `meta` is the
 * image itself (only its Exif and XMP items are zeroed); elsewhere a top-level `meta` goes.
 */
export function removeIsoMetadata(input: Buffer, options: { still: boolean; keepLocation: boolean }): Buffer {
  const buf = Buffer.from(input);
  for (const box of boxes(buf, 0, buf.length)) {
    if (box.type === 'moov') renameStrippable(buf, box.start + box.headerSize, box.end, options.keepLocation);
    else if (box.type === 'meta' && options.still) zeroHeifMetadataItems(buf, box);
    else if (box.type === 'meta') blank(buf, box);
    else if (box.type === 'udta' || box.type === 'uuid') blank(buf, box);
  }
  return buf;
}
