// Photos are decoded and re-encoded: the pixels stay (turned upright), EXIF, XMP, ICC
// comments and thumbnails go. A pixel bomb (a few kilobytes that claim 16000×16000)
// is refused from its header before anything is decoded, and all image work waits
// in one short queue so a burst of uploads cannot take the threads that staff
// sign-in needs.
import { fail } from '../../platform/errors';
import { sharp } from '../../platform/lazyLibraries';
import { gpsTags } from './exifGps';
import { createWorkQueue } from './workQueue';

/** 50 megapixels: well above any phone camera (a 200 MP sensor saves 12–50 MP by default). */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** One image at a time: the rest of the libuv pool stays free for scrypt (staff sign-in) and file I/O. */
const imageWork = createWorkQueue(1);

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

/**
 * The photo re-encoded without metadata; with `keepLocation`, its GPS position (and
 * only that) is written back. Throws a problem for oversized or undecodable images.
 */
export function cleanImage(received: Buffer, mime: ImageMime, keepLocation: boolean): Promise<Buffer> {
  return imageWork.run(async () => {
    const header = await sharp()(received).metadata(); // reads the header only: no pixels decoded
    const { width = 0, height = 0 } = header;
    if (width * height > MAX_IMAGE_PIXELS) throw fail('evidence.image_too_large');
    // The limit is also given to the decoder, in case the header and the data disagree.
    let image = sharp()(received, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
    image =
      mime === 'image/jpeg'
        ? image.jpeg({ quality: 92 })
        : mime === 'image/png'
          ? image.png()
          : image.webp({ quality: 92 });
    const gps = keepLocation ? gpsTags(header.exif) : null;
    if (gps) image = image.withExif({ IFD3: gps });
    return image.toBuffer();
  });
}
