// A4 PDF documents set in Noto Sans SC, embedded as a subset, so Chinese text
// prints the same anywhere. Posters, reward notices and ranking reports use it.
import fs from 'node:fs';
import path from 'node:path';
import { pdfkit } from './lazyLibraries';

// fontkit reads WOFF as well as TTF/OTF; WOFF (zlib) opens about twice as fast as WOFF2 (brotli in JS).
const FONT_DIR = path.join(
  path.dirname(require.resolve('@openfonts/noto-sans-sc_chinese-simplified/package.json')),
  'files',
);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function fontFiles() {
  fonts ??= {
    regular: fs.readFileSync(path.join(FONT_DIR, 'noto-sans-sc-chinese-simplified-400.woff')),
    bold: fs.readFileSync(path.join(FONT_DIR, 'noto-sans-sc-chinese-simplified-700.woff')),
  };
  return fonts;
}

export const A4 = { width: 595.28, height: 841.89 }; // points

export interface PdfOptions {
  info: PDFKit.DocumentInfo;
  margin?: number;
  layout?: 'portrait' | 'landscape';
}

/** A new A4 document with the fonts 'regular' and 'bold', and the finished file's bytes once `doc.end()` is called. */
export function cjkPdf({ info, margin = 0, layout = 'portrait' }: PdfOptions): {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
} {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margin,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Creator: 'Woodpecker 啄木鸟', ...info },
  });
  const { regular, bold } = fontFiles();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** A line of a notice: the bilingual label in bold, its value after it. */
export function labelledRow(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('bold').fontSize(11).text(label, { continued: true }).font('regular').text(`  ${value}`);
  doc.moveDown(0.3);
}
