// The monthly ranking as a table (CSV, XLSX) and as a printable A4 PDF set in
// the embedded Noto Sans SC, so the Chinese names print anywhere.
import { exceljs } from '../platform/lazyLibraries';
import type { Label } from '../jurisdiction/seedFormat';
import { cjkPdf } from '../platform/pdf';
import type { Ranking } from './ranking';

/** The names the exports print: the served city's and its areas' (server/jurisdiction). */
export interface RankingNames {
  city: Label;
  area: (code: string) => Label;
}
/** A rate with nothing to divide by this month is not 0: it prints as NO_DENOMINATOR, explained by the note. */
export const NO_DENOMINATOR = '—';
const percent = (f: number | null) => (f === null ? NO_DENOMINATOR : `${(f * 100).toFixed(1)}%`);
export const rankingNote =
  '“—”：本月无办结案件（按期办结、属实率）或无属实案件（整改复查完成率），无从计算，得分按全市平均值计。' +
  ' "—": nothing concluded (on time, substantiated) or nothing substantiated (rectification) this month;' +
  ' the score counts the city-wide rate. 每万人举报 = 受理举报 ÷ 常住人口 × 10,000 (reports per 10,000 residents).';

export const rankingHeader = [
  '名次 Rank',
  '地区 Area',
  '得分 Score',
  '较上月 Change',
  '按期办结 On time',
  '属实率 Substantiated',
  '整改复查完成率 Rectification verified',
  '每万人举报 Reports per 10,000 residents',
  '受理举报 Received',
  '办结 Concluded',
  '整改经复查完成 Verified complete',
  '整改逾期 Overdue',
  '连续两月末位 Flagged',
];

export function rankingRows(r: Ranking, { area: areaName }: RankingNames): (string | number)[][] {
  return r.areas.map((a) => [
    a.rank,
    `${areaName(a.area).zh} ${areaName(a.area).en}`,
    a.score,
    a.change === null ? '' : a.change > 0 ? `+${a.change}` : String(a.change),
    percent(a.measures.onTime),
    percent(a.measures.substantiation),
    percent(a.measures.rectification),
    a.reportsPerTenThousand.toFixed(2),
    a.received,
    a.concluded,
    a.rectifiedVerified,
    a.rectificationOverdue,
    a.flagged ? '是 Yes' : '',
  ]);
}

const csvCell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese correctly. */
export function rankingCsv(r: Ranking, names: RankingNames): string {
  const rows = [rankingHeader, ...rankingRows(r, names), [rankingNote]];
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export async function rankingXlsx(r: Ranking, names: RankingNames): Promise<Buffer> {
  const book = new (exceljs().Workbook)();
  const sheet = book.addWorksheet(`排名 ${r.month}`);
  sheet.addRow([`${r.month} 月度安全生产举报工作考评排名 / Monthly ranking`]).font = { bold: true, size: 14 };
  sheet.addRow([
    `权重 Weights: 按期办结 ${r.weights.onTime} · 整改复查完成 ${r.weights.rectification} · 属实 ${r.weights.substantiation} · 每万人举报 ${r.weights.perCapita}`,
  ]);
  sheet.addRow(rankingHeader).font = { bold: true };
  for (const row of rankingRows(r, names)) sheet.addRow(row);
  sheet.addRow([]);
  sheet.addRow([rankingNote]);
  sheet.columns.forEach((c, i) => (c.width = i === 1 ? 28 : 16));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function rankingPdf(r: Ranking, names: RankingNames): Promise<Buffer> {
  const { doc, done } = cjkPdf({ info: { Title: `月度考评排名 ${r.month}` }, margin: 36, layout: 'landscape' });
  doc
    .font('regular')
    .fontSize(18)
    .text(`${names.city.zh} ${r.month} 月度安全生产举报工作考评排名`, { align: 'center' });
  doc
    .fontSize(11)
    .text(
      `${names.city.en}: monthly ranking of the ${r.areas.length} areas · 权重 weights: 按期办结 on time ${r.weights.onTime}, 整改复查完成 rectification verified ${r.weights.rectification}, 属实 substantiation ${r.weights.substantiation}, 每万人举报 reports per 10,000 residents ${r.weights.perCapita}`,
      { align: 'center' },
    );
  doc.moveDown();
  const widths = [40, 120, 45, 55, 60, 65, 60, 60, 55, 45, 60, 50, 50];
  const drawRow = (cells: (string | number)[], y: number, size: number) => {
    let x = 36;
    doc.fontSize(size);
    cells.forEach((c, i) => {
      doc.text(String(c), x, y, { width: widths[i] - 4, lineBreak: true });
      x += widths[i];
    });
  };
  let y = doc.y + 4;
  drawRow(rankingHeader, y, 8);
  // The header's longest wrapped cell sets where the rows begin.
  y += Math.max(...rankingHeader.map((h, i) => doc.heightOfString(h, { width: widths[i] - 4 }))) + 8;
  doc
    .moveTo(36, y - 4)
    .lineTo(36 + widths.reduce((a, b) => a + b, 0), y - 4)
    .stroke('#999999');
  for (const row of rankingRows(r, names)) {
    drawRow(row, y, 9);
    y += 24;
  }
  doc
    .fontSize(9)
    .text(
      `${rankingNote}\n连续两个月排名末位的县（市、区）予以警示约谈。Areas last two months in a row are summoned for a warning talk.`,
      36,
      y + 10,
      { width: widths.reduce((a, b) => a + b, 0) },
    );
  doc.end();
  return done;
}
