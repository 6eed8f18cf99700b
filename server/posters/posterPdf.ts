// The printable A4 poster (违法举报公示牌): who it belongs to, a large QR code,
// how to report, the rewards and the confidentiality promise. Text is set in
// Noto Sans SC, embedded as a subset, so the PDF prints the same anywhere.
import { A4, cjkPdf } from '../platform/pdf';
import { posterQrMatrix } from './qrCode';
import { posterText, type Bilingual, type PlaceText } from './posterText';

export interface PosterPdfInput {
  /** What names the place: issuer, channels, reward promises (placeText of the jurisdiction profile). */
  place: PlaceText;
  code: string;
  siteName: string;
  enterpriseName: string;
  area: Bilingual;
  sector: Bilingual;
  address: string;
  /** What the QR code encodes (the scan-counting /p/:code address). */
  scanUrl: string;
}

const PAGE = A4;
const MARGIN = 36;
const CONTENT = PAGE.width - 2 * MARGIN;
const COLOR = {
  red: '#C62828',
  redTint: '#FDF1F0',
  ink: '#1A1A1A',
  muted: '#5F6368',
  rule: '#E7C3C0',
  white: '#FFFFFF',
};
const HEADER_HEIGHT = 118;
const FOOTER_HEIGHT = 66;
const CONFIDENTIALITY_HEIGHT = 50;
const INFO_HEIGHT = 150;
const QR_MAX = 204;
const QR_MIN = 160;
/** The steps beside the QR code: heading, English heading, three numbered steps. */
const STEPS_HEIGHT = 206;
/** Poster code and address under the QR code. */
const QR_CAPTION = 34;

type Doc = PDFKit.PDFDocument;

/**
 * One A4 page, top to bottom: header, whose poster it is, the QR code and how to
 * use it, channels and rewards, confidentiality, slogan. The lower sections are
 * fixed text and anchored to the bottom; the QR section sits centred in the space
 * the site block leaves, so long names never push anything onto a second page.
 */
export function renderPosterPdf(input: PosterPdfInput): Promise<Buffer> {
  const { doc, done } = cjkPdf({
    info: {
      Title: `${posterText.title.zh} ${input.code}`,
      Author: input.place.issuer.zh,
      Subject: posterText.title.en,
    },
  });

  drawHeader(doc, input.place);
  const siteBottom = drawSiteBlock(doc, input, HEADER_HEIGHT + 14);
  const footerTop = PAGE.height - FOOTER_HEIGHT;
  const confidentialityTop = footerTop - 12 - CONFIDENTIALITY_HEIGHT;
  const infoTop = confidentialityTop - 10 - INFO_HEIGHT;
  // Long names make the site block taller: the QR code gives up a little size, never its place.
  const room = infoTop - siteBottom;
  const qrSize = Math.max(QR_MIN, Math.min(QR_MAX, room - QR_CAPTION - 2 * 12));
  const scanHeight = Math.max(qrSize + QR_CAPTION, STEPS_HEIGHT);
  drawScanSection(doc, input, siteBottom + Math.max(12, (room - scanHeight) / 2), qrSize);
  drawInfoColumns(doc, infoTop, input.place);
  drawConfidentiality(doc, confidentialityTop);
  drawFooter(doc, footerTop);
  doc.end();
  return done;
}

function drawHeader(doc: Doc, place: PlaceText): void {
  doc.rect(0, 0, PAGE.width, HEADER_HEIGHT).fill(COLOR.red);
  doc.fillColor(COLOR.white);
  doc.font('regular').fontSize(10.5).text(`${place.issuer.zh}  ·  ${place.issuer.en}`, MARGIN, 16, {
    width: CONTENT,
    align: 'center',
    lineBreak: false,
  });
  doc
    .font('bold')
    .fontSize(34)
    .text(posterText.title.zh, MARGIN, 33, { width: CONTENT, align: 'center', characterSpacing: 1, lineBreak: false });
  doc
    .font('regular')
    .fontSize(14)
    .text(posterText.title.en, MARGIN, 84, { width: CONTENT, align: 'center', lineBreak: false });
}

/** The largest size (down to `min`) at which `text` fits in `maxLines` lines; below that it is cut with an ellipsis. */
function fitSize(doc: Doc, text: string, width: number, start: number, min: number, maxLines: number): number {
  for (let size = start; size > min; size -= 0.5) {
    doc.fontSize(size);
    if (doc.heightOfString(text, { width }) <= doc.currentLineHeight(true) * maxLines + 0.5) return size;
  }
  return min;
}

interface SiteCell {
  label: Bilingual;
  value: string;
  size: number;
  font: 'bold' | 'regular';
  lines: number;
}

/** Whose poster this is: site, enterprise, area and sector, address. Returns the y below it. */
function drawSiteBlock(doc: Doc, input: PosterPdfInput, top: number): number {
  const labelWidth = 64;
  const inner = CONTENT - 32;
  const half = (inner - 16) / 2;
  // Each row holds one or two cells; area and sector share a row.
  const rows: SiteCell[][] = [
    [{ label: posterText.site, value: input.siteName, size: 16, font: 'bold', lines: 2 }],
    [{ label: posterText.enterprise, value: input.enterpriseName, size: 14, font: 'bold', lines: 2 }],
    [
      { label: posterText.area, value: `${input.area.zh}  ${input.area.en}`, size: 12, font: 'regular', lines: 1 },
      {
        label: posterText.sector,
        value: `${input.sector.zh}  ${input.sector.en}`,
        size: 12,
        font: 'regular',
        lines: 1,
      },
    ],
    [{ label: posterText.address, value: input.address, size: 12, font: 'regular', lines: 2 }],
  ];

  // Measure first, so the tinted box can be drawn behind the text.
  const measured = rows.map((cells) => {
    const cellWidth = (cells.length === 1 ? inner : half) - labelWidth;
    const sized = cells.map((cell) => {
      doc.font(cell.font);
      const size = fitSize(doc, cell.value, cellWidth, cell.size, 9, cell.lines);
      doc.fontSize(size);
      const height = Math.min(
        doc.heightOfString(cell.value, { width: cellWidth }),
        doc.currentLineHeight(true) * cell.lines,
      );
      return { ...cell, size, height, width: cellWidth };
    });
    return { cells: sized, height: Math.max(24, ...sized.map((c) => c.height)) };
  });
  const padding = 10;
  const gap = 4;
  const boxHeight = padding * 2 + measured.reduce((sum, r) => sum + r.height, 0) + gap * (measured.length - 1);
  doc.rect(MARGIN, top, CONTENT, boxHeight).fill(COLOR.redTint);
  doc.rect(MARGIN, top, 4, boxHeight).fill(COLOR.red);

  let y = top + padding;
  for (const row of measured) {
    row.cells.forEach((cell, i) => {
      const x = MARGIN + 16 + i * (half + 16);
      doc
        .fillColor(COLOR.ink)
        .font('bold')
        .fontSize(11)
        .text(cell.label.zh, x, y + 1, { width: labelWidth, lineBreak: false });
      doc
        .fillColor(COLOR.muted)
        .font('regular')
        .fontSize(7.5)
        .text(cell.label.en, x, y + 15, { width: labelWidth, lineBreak: false });
      doc
        .fillColor(COLOR.ink)
        .font(cell.font)
        .fontSize(cell.size)
        .text(cell.value, x + labelWidth, y, { width: cell.width, height: cell.height + 1, ellipsis: '…' });
    });
    y += row.height + gap;
  }
  return top + boxHeight;
}

/** The QR code, large, with the poster code and address beneath it and the steps beside it. */
function drawScanSection(doc: Doc, input: PosterPdfInput, top: number, qrSize: number): void {
  // The QR column keeps its full width, so the steps beside it do not move when the code shrinks.
  const qrX = MARGIN + (QR_MAX - qrSize) / 2;
  drawQr(doc, input.scanUrl, qrX, top, qrSize);
  doc.rect(qrX, top, qrSize, qrSize).lineWidth(1).stroke(COLOR.rule);
  doc
    .fillColor(COLOR.ink)
    .font('bold')
    .fontSize(11)
    .text(`${posterText.posterCode.zh} ${posterText.posterCode.en}  ${input.code}`, MARGIN, top + qrSize + 6, {
      width: QR_MAX,
      align: 'center',
      lineBreak: false,
    });
  doc
    .fillColor(COLOR.muted)
    .font('regular')
    .fontSize(7.5)
    .text(input.scanUrl, MARGIN, top + qrSize + 22, { width: QR_MAX, align: 'center', lineBreak: false });

  const x = MARGIN + QR_MAX + 26;
  const width = PAGE.width - MARGIN - x;
  doc
    .fillColor(COLOR.red)
    .font('bold')
    .fontSize(30)
    .text(posterText.scanTitle.zh, x, top - 4, { width, lineBreak: false });
  doc
    .fillColor(COLOR.muted)
    .font('regular')
    .fontSize(13)
    .text(posterText.scanTitle.en, x, top + 40, { width, lineBreak: false });
  let y = top + 70;
  posterText.scanSteps.forEach((step, i) => {
    const textX = x + 26;
    doc.circle(x + 9, y + 9, 9).fill(COLOR.red);
    doc
      .fillColor(COLOR.white)
      .font('bold')
      .fontSize(11)
      .text(String(i + 1), x, y + 1.5, { width: 18, align: 'center', lineBreak: false });
    doc
      .fillColor(COLOR.ink)
      .font('regular')
      .fontSize(11.5)
      .text(step.zh, textX, y, { width: width - 26 });
    doc
      .fillColor(COLOR.muted)
      .fontSize(8)
      .text(step.en, textX, doc.y + 1, { width: width - 26 });
    y = doc.y + 8;
  });
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

/** A red heading with its English beside it and a rule beneath; returns the y below. */
function sectionTitle(doc: Doc, title: Bilingual, x: number, y: number, width: number): number {
  doc.fillColor(COLOR.red).font('bold').fontSize(16);
  const titleWidth = doc.widthOfString(title.zh);
  doc.text(title.zh, x, y, { width, lineBreak: false });
  doc
    .fillColor(COLOR.muted)
    .font('regular')
    .fontSize(10)
    .text(title.en, x + titleWidth + 8, y + 6, { lineBreak: false });
  doc
    .moveTo(x, y + 26)
    .lineTo(x + width, y + 26)
    .lineWidth(1)
    .stroke(COLOR.rule);
  return y + 33;
}

/** Left: the reporting channels. Right: the rewards. */
function drawInfoColumns(doc: Doc, top: number, place: PlaceText): void {
  const gutter = 20;
  const width = (CONTENT - gutter) / 2;
  const left = MARGIN;
  const right = MARGIN + width + gutter;

  let y = sectionTitle(doc, posterText.channelsTitle, left, top, width);
  const labelWidth = 62;
  place.channels.forEach((channel, i) => {
    const hotline = i === 0;
    doc
      .fillColor(COLOR.ink)
      .font('bold')
      .fontSize(11)
      .text(channel.label.zh, left, y + (hotline ? 3 : 0), { width: labelWidth, lineBreak: false });
    doc
      .fillColor(COLOR.muted)
      .font('regular')
      .fontSize(7.5)
      .text(channel.label.en, left, y + (hotline ? 18 : 15), { width: labelWidth, lineBreak: false });
    if (hotline) {
      doc
        .fillColor(COLOR.red)
        .font('bold')
        .fontSize(17)
        .text(channel.value.zh, left + labelWidth, y, { width: width - labelWidth, lineBreak: false });
      y += 32;
    } else {
      doc
        .fillColor(COLOR.ink)
        .font('regular')
        .fontSize(11)
        .text(channel.value.zh, left + labelWidth, y, { width: width - labelWidth, lineBreak: false });
      doc
        .fillColor(COLOR.muted)
        .fontSize(7.5)
        .text(channel.value.en, left + labelWidth, y + 16, { width: width - labelWidth, lineBreak: false });
      y += 29;
    }
  });

  y = sectionTitle(doc, posterText.rewardsTitle, right, top, width);
  for (const { condition, amount } of place.rewards) {
    doc.fillColor(COLOR.ink).font('bold').fontSize(11.5).text(condition.zh, right, y, { width, lineBreak: false });
    doc
      .fillColor(COLOR.red)
      .fontSize(17)
      .text(amount.zh, right, y + 17, { width, lineBreak: false });
    doc
      .fillColor(COLOR.muted)
      .font('regular')
      .fontSize(8)
      .text(`${condition.en} ${amount.en}`, right, y + 42, { lineBreak: false });
    y += 60;
  }
}

/** The confidentiality promise across the page, tinted so it stands out. */
function drawConfidentiality(doc: Doc, top: number): void {
  doc.rect(MARGIN, top, CONTENT, CONFIDENTIALITY_HEIGHT).fill(COLOR.redTint);
  doc.rect(MARGIN, top, 4, CONFIDENTIALITY_HEIGHT).fill(COLOR.red);
  const labelWidth = 80;
  doc
    .fillColor(COLOR.red)
    .font('bold')
    .fontSize(14)
    .text(posterText.confidentialityTitle.zh, MARGIN + 16, top + 9, { width: labelWidth, lineBreak: false });
  doc
    .fillColor(COLOR.muted)
    .font('regular')
    .fontSize(8)
    .text(posterText.confidentialityTitle.en, MARGIN + 16, top + 29, { width: labelWidth, lineBreak: false });
  const x = MARGIN + 16 + labelWidth;
  const width = CONTENT - 32 - labelWidth;
  doc
    .fillColor(COLOR.ink)
    .font('bold')
    .fontSize(11)
    .text(posterText.confidentiality.zh, x, top + 8, { width, lineBreak: false });
  doc
    .fillColor(COLOR.muted)
    .font('regular')
    .fontSize(7.5)
    .text(posterText.confidentiality.en, x, top + 26, { width });
}

function drawFooter(doc: Doc, top: number): void {
  doc.rect(0, top, PAGE.width, FOOTER_HEIGHT).fill(COLOR.red);
  doc
    .fillColor(COLOR.white)
    .font('bold')
    .fontSize(22)
    .text(posterText.slogan.zh, MARGIN, top + 10, {
      width: CONTENT,
      align: 'center',
      characterSpacing: 2,
      lineBreak: false,
    });
  doc
    .font('regular')
    .fontSize(11)
    .text(posterText.slogan.en, MARGIN, top + 42, { width: CONTENT, align: 'center', lineBreak: false });
}
