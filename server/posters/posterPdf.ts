// The printable A4 poster (违法举报公示牌): who it belongs to, a large QR code,
// how to report, the rewards and the confidentiality promise. Text is set in
// Noto Sans SC, embedded as a subset, so the PDF prints the same anywhere.
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { posterQrMatrix } from './qrCode';
import { posterText, type Bilingual } from './posterText';

export interface PosterPdfInput {
  code: string;
  siteName: string;
  enterpriseName: string;
  area: Bilingual;
  sector: Bilingual;
  address: string;
  /** What the QR code encodes (the scan-counting /p/:code address). */
  scanUrl: string;
}

// fontkit reads WOFF as well as TTF/OTF; WOFF (zlib) opens about twice as fast as WOFF2 (brotli in JS).
const FONT_DIR = path.join(path.dirname(require.resolve('@openfonts/noto-sans-sc_chinese-simplified/package.json')), 'files');
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function fontFiles() {
  fonts ??= {
    regular: fs.readFileSync(path.join(FONT_DIR, 'noto-sans-sc-chinese-simplified-400.woff')),
    bold: fs.readFileSync(path.join(FONT_DIR, 'noto-sans-sc-chinese-simplified-700.woff')),
  };
  return fonts;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 36;
const CONTENT = PAGE.width - 2 * MARGIN;
const COLOR = { red: '#C62828', redTint: '#FDF1F0', ink: '#1A1A1A', muted: '#5F6368', rule: '#E7C3C0', white: '#FFFFFF' };
const HEADER_HEIGHT = 132;
const FOOTER_HEIGHT = 70;

type Doc = PDFKit.PDFDocument;

export function renderPosterPdf(input: PosterPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: `${posterText.title.zh} ${input.code}`, Author: posterText.issuer.zh, Subject: posterText.title.en, Creator: 'Woodpecker 啄木鸟' },
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

  drawHeader(doc);
  let y = drawSiteBlock(doc, input, HEADER_HEIGHT + 16);
  y = drawScanSection(doc, input, y + 18);
  drawInfoColumns(doc, y + 16);
  drawFooter(doc);
  doc.end();
  return done;
}

function drawHeader(doc: Doc): void {
  doc.rect(0, 0, PAGE.width, HEADER_HEIGHT).fill(COLOR.red);
  doc.fillColor(COLOR.white);
  doc.font('regular').fontSize(11).text(`${posterText.issuer.zh}  ·  ${posterText.issuer.en}`, MARGIN, 20, { width: CONTENT, align: 'center' });
  doc.font('bold').fontSize(34).text(posterText.title.zh, MARGIN, 40, { width: CONTENT, align: 'center', characterSpacing: 1 });
  doc.font('regular').fontSize(15).text(posterText.title.en, MARGIN, 94, { width: CONTENT, align: 'center' });
}

/** The largest size (down to `min`) at which `text` fits in `maxLines` lines; cut with an ellipsis below that. */
function fitSize(doc: Doc, text: string, width: number, start: number, min: number, maxLines: number): number {
  for (let size = start; size > min; size -= 0.5) {
    doc.fontSize(size);
    if (doc.heightOfString(text, { width }) <= doc.currentLineHeight(true) * maxLines + 0.5) return size;
  }
  return min;
}

/** Whom the poster belongs to: site, enterprise, area, sector, address. Returns the y below it. */
function drawSiteBlock(doc: Doc, input: PosterPdfInput, top: number): number {
  const labelWidth = 84;
  const valueX = MARGIN + 16 + labelWidth;
  const valueWidth = CONTENT - 32 - labelWidth;
  const rows: { label: Bilingual; value: string; size: number; font: 'bold' | 'regular'; lines: number }[] = [
    { label: posterText.site, value: input.siteName, size: 17, font: 'bold', lines: 2 },
    { label: posterText.enterprise, value: input.enterpriseName, size: 14, font: 'bold', lines: 2 },
    { label: posterText.area, value: `${input.area.zh}  ${input.area.en}`, size: 12, font: 'regular', lines: 1 },
    { label: posterText.sector, value: `${input.sector.zh}  ${input.sector.en}`, size: 12, font: 'regular', lines: 1 },
    { label: posterText.address, value: input.address, size: 12, font: 'regular', lines: 2 },
  ];

  // Measure first, so the tinted box can be drawn behind the text.
  const measured = rows.map((row) => {
    doc.font(row.font);
    const size = fitSize(doc, row.value, valueWidth, row.size, 9, row.lines);
    doc.fontSize(size);
    const height = Math.max(Math.min(doc.heightOfString(row.value, { width: valueWidth }), doc.currentLineHeight(true) * row.lines), 24);
    return { ...row, size, height };
  });
  const padding = 12;
  const gap = 5;
  const boxHeight = padding * 2 + measured.reduce((sum, r) => sum + r.height, 0) + gap * (measured.length - 1);
  doc.rect(MARGIN, top, CONTENT, boxHeight).fill(COLOR.redTint);
  doc.rect(MARGIN, top, 4, boxHeight).fill(COLOR.red);

  let y = top + padding;
  for (const row of measured) {
    doc.fillColor(COLOR.ink).font('bold').fontSize(11).text(row.label.zh, MARGIN + 16, y + 1, { width: labelWidth, lineBreak: false });
    doc.fillColor(COLOR.muted).font('regular').fontSize(7.5).text(row.label.en, MARGIN + 16, y + 15, { width: labelWidth, lineBreak: false });
    doc.fillColor(COLOR.ink).font(row.font).fontSize(row.size).text(row.value, valueX, y, { width: valueWidth, height: row.height, ellipsis: '…' });
    y += row.height + gap;
  }
  return top + boxHeight;
}

/** The QR code, large, with its code and address beneath, and the steps beside it. */
function drawScanSection(doc: Doc, input: PosterPdfInput, top: number): number {
  const qrSize = 228;
  drawQr(doc, input.scanUrl, MARGIN, top, qrSize);
  doc.rect(MARGIN, top, qrSize, qrSize).lineWidth(1).stroke(COLOR.rule);
  doc.fillColor(COLOR.ink).font('bold').fontSize(12).text(`${posterText.posterCode}  ${input.code}`, MARGIN, top + qrSize + 8, { width: qrSize, align: 'center', characterSpacing: 0.5 });
  doc.fillColor(COLOR.muted).font('regular').fontSize(8).text(input.scanUrl, MARGIN, top + qrSize + 26, { width: qrSize, align: 'center' });
  const qrBottom = doc.y;

  const x = MARGIN + qrSize + 24;
  const width = PAGE.width - MARGIN - x;
  doc.fillColor(COLOR.red).font('bold').fontSize(32).text(posterText.scanTitle.zh, x, top + 4, { width });
  doc.fillColor(COLOR.muted).font('regular').fontSize(14).text(posterText.scanTitle.en, x, doc.y, { width });
  let y = doc.y + 12;
  posterText.scanSteps.forEach((step, i) => {
    const numberX = x;
    const textX = x + 24;
    doc.circle(numberX + 9, y + 9, 9).fill(COLOR.red);
    doc.fillColor(COLOR.white).font('bold').fontSize(11).text(String(i + 1), numberX, y + 1.5, { width: 18, align: 'center', lineBreak: false });
    doc.fillColor(COLOR.ink).font('regular').fontSize(12).text(step.zh, textX, y, { width: width - 24, lineGap: 1 });
    doc.fillColor(COLOR.muted).fontSize(8.5).text(step.en, textX, doc.y + 1, { width: width - 24 });
    y = doc.y + 10;
  });
  return Math.max(qrBottom, y);
}

/** Draws the modules as filled squares: vector, so the code stays sharp on any printer. */
function drawQr(doc: Doc, url: string, x: number, y: number, size: number): void {
  const qr = posterQrMatrix(url);
  const quiet = 4;
  const unit = size / (qr.size + 2 * quiet);
  doc.rect(x, y, size, size).fill(COLOR.white);
  for (let row = 0; row < qr.size; row++) {
    // Runs of dark modules become one rectangle each: fewer path operations, no hairline seams.
    for (let col = 0; col < qr.size; col++) {
      if (!qr.isDark(row, col)) continue;
      let end = col;
      while (end + 1 < qr.size && qr.isDark(row, end + 1)) end++;
      doc.rect(x + (quiet + col) * unit, y + (quiet + row) * unit, (end - col + 1) * unit, unit);
      col = end;
    }
  }
  doc.fill('#000000');
}

function sectionTitle(doc: Doc, title: Bilingual, x: number, y: number, width: number): number {
  doc.fillColor(COLOR.red).font('bold').fontSize(16);
  const titleWidth = doc.widthOfString(title.zh);
  doc.text(title.zh, x, y, { width, lineBreak: false });
  doc.fillColor(COLOR.muted).font('regular').fontSize(10).text(title.en, x + titleWidth + 8, y + 5, { lineBreak: false });
  doc.moveTo(x, y + 25).lineTo(x + width, y + 25).lineWidth(1).stroke(COLOR.rule);
  return y + 32;
}

/** Left: the reporting channels. Right: rewards and the confidentiality promise. */
function drawInfoColumns(doc: Doc, top: number): void {
  const gutter = 20;
  const width = (CONTENT - gutter) / 2;
  const left = MARGIN;
  const right = MARGIN + width + gutter;

  let y = sectionTitle(doc, posterText.channelsTitle, left, top, width);
  const labelWidth = 62;
  posterText.channels.forEach((channel, i) => {
    const hotline = i === 0;
    doc.fillColor(COLOR.ink).font('bold').fontSize(11).text(channel.label.zh, left, y + (hotline ? 4 : 0), { width: labelWidth, lineBreak: false });
    doc.fillColor(COLOR.muted).font('regular').fontSize(7.5).text(channel.label.en, left, y + (hotline ? 19 : 15), { width: labelWidth, lineBreak: false });
    if (hotline) doc.fillColor(COLOR.red).font('bold').fontSize(18).text(channel.value.zh, left + labelWidth, y, { width: width - labelWidth });
    else doc.fillColor(COLOR.ink).font('regular').fontSize(11).text(channel.value.zh, left + labelWidth, y, { width: width - labelWidth });
    if (!hotline) doc.fillColor(COLOR.muted).fontSize(7.5).text(channel.value.en, left + labelWidth, doc.y, { width: width - labelWidth });
    y = Math.max(doc.y, y + 26) + 6;
  });

  y = sectionTitle(doc, posterText.rewardsTitle, right, top, width);
  for (const reward of posterText.rewards) {
    doc.fillColor(COLOR.ink).font('bold').fontSize(11).text(reward.zh, right, y, { width, lineGap: 1 });
    doc.fillColor(COLOR.muted).font('regular').fontSize(8).text(reward.en, right, doc.y + 1, { width });
    y = doc.y + 7;
  }
  y = sectionTitle(doc, posterText.confidentialityTitle, right, y + 4, width);
  doc.fillColor(COLOR.ink).font('regular').fontSize(11).text(posterText.confidentiality.zh, right, y, { width, lineGap: 1 });
  doc.fillColor(COLOR.muted).fontSize(8).text(posterText.confidentiality.en, right, doc.y + 1, { width });
}

function drawFooter(doc: Doc): void {
  const top = PAGE.height - FOOTER_HEIGHT;
  doc.rect(0, top, PAGE.width, FOOTER_HEIGHT).fill(COLOR.red);
  doc.fillColor(COLOR.white).font('bold').fontSize(22).text(posterText.slogan.zh, MARGIN, top + 12, { width: CONTENT, align: 'center', characterSpacing: 2, lineBreak: false });
  doc.font('regular').fontSize(11).text(posterText.slogan.en, MARGIN, top + 44, { width: CONTENT, align: 'center', lineBreak: false });
}
