// QR codes for posters. Level Q survives a quarter of the symbol being dirty or
// torn, which a poster on a site wall will be; the quiet zone of 4 modules is the
// standard's minimum for reliable scanning.
import QRCode from 'qrcode';

export const POSTER_QR_OPTIONS = { errorCorrectionLevel: 'Q', margin: 4 } as const;

/** The module matrix, for drawing the code as vector shapes (crisp at any print size). */
export function posterQrMatrix(url: string): { size: number; isDark(row: number, col: number): boolean } {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: POSTER_QR_OPTIONS.errorCorrectionLevel });
  return { size: modules.size, isDark: (row, col) => !!modules.get(row, col) };
}

export function posterQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...POSTER_QR_OPTIONS, type: 'svg' });
}

/** 1024 px: sharp enough for an A4 print or a large sticker. */
export function posterQrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...POSTER_QR_OPTIONS, type: 'png', width: 1024 });
}
