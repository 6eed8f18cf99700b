// QR codes for posters. Level Q survives a quarter of the symbol being dirty or
// torn, which a poster on a site wall will be; the quiet zone of 4 modules is the
// standard's minimum for reliable scanning.
import { qrcode, sharp } from '../platform/lazyLibraries';

export const POSTER_QR_OPTIONS = { errorCorrectionLevel: 'Q', margin: 4 } as const;
const PNG_SIZE = 1024;

interface QrMatrix {
  size: number;
  isDark(row: number, col: number): boolean;
}

/** The module matrix, for drawing the code as vector shapes (crisp at any print size). */
export function posterQrMatrix(url: string): QrMatrix {
  const { modules } = qrcode().create(url, { errorCorrectionLevel: POSTER_QR_OPTIONS.errorCorrectionLevel });
  return { size: modules.size, isDark: (row, col) => !!modules.get(row, col) };
}

export function posterQrSvg(url: string): Promise<string> {
  return qrcode().toString(url, { ...POSTER_QR_OPTIONS, type: 'svg' });
}

/**
 * A 1024 × 1024 px PNG, sharp enough for an A4 print or a large sticker. Every
 * module is a whole number of pixels (no blurred edges); what is left over widens
 * the quiet zone. Encoded by sharp: the pure-JS encoder behind qrcode.toBuffer is
 * far slower at this size.
 */
export function posterQrPng(url: string): Promise<Buffer> {
  const qr = posterQrMatrix(url);
  const modulesAcross = qr.size + 2 * POSTER_QR_OPTIONS.margin;
  const scale = Math.floor(PNG_SIZE / modulesAcross);
  const offset = Math.floor((PNG_SIZE - scale * qr.size) / 2);
  const pixels = Buffer.alloc(PNG_SIZE * PNG_SIZE, 255);
  for (let row = 0; row < qr.size; row++) {
    for (let col = 0; col < qr.size; col++) {
      if (!qr.isDark(row, col)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const start = (offset + row * scale + dy) * PNG_SIZE + offset + col * scale;
        pixels.fill(0, start, start + scale);
      }
    }
  }
  return sharp()(pixels, { raw: { width: PNG_SIZE, height: PNG_SIZE, channels: 1 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}
