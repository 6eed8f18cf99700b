// The ledger and the payouts as files for the accounts office: CSV (UTF-8 with a
// BOM so that Excel reads the Chinese headers) and XLSX. Amounts appear as yuan
// with two decimals and, exactly, as fen.
import { exceljs } from '../platform/lazyLibraries';
import { plainYuan } from '../../shared/money';
import { ledgerNoteText } from '../../shared/notes';
import { fundSourceName, type LedgerEntryView } from '../../shared/schemas/fund';
import type { MovementKind } from './ledger';
import type { PayoutRow } from './fundReports';

type Cell = string | number;

export interface Sheet {
  name: string;
  columns: { header: string; yuan?: boolean; width?: number }[];
  rows: Cell[][];
}

const kindNames: Record<MovementKind, string> = {
  appropriate: '拨入 appropriate',
  reserve: '预留 reserve',
  release: '释放 release',
  pay: '发放 pay',
  recover: '追回 recover',
};

/** "2025-11-28 15:04:05", China Standard Time (UTC+8, no summer time). */
export function shanghaiDateTime(iso: string): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The jurisdiction's names the files print: the fund's, and the areas' (server/jurisdiction). */
export interface FundNames {
  fund: { zh: string; en: string };
  area: (code: string) => { zh: string; en: string };
}

export function ledgerSheet(entries: LedgerEntryView[], names: FundNames): Sheet {
  return {
    name: '资金台账 Ledger',
    columns: [
      { header: '时间 Time (UTC+8)', width: 20 },
      { header: '类型 Kind', width: 16 },
      { header: '金额（元）Amount (yuan)', yuan: true, width: 18 },
      { header: '金额（分）Amount (fen)', width: 18 },
      { header: '关联举报 Reward', width: 18 },
      { header: '备注 Note', width: 40 },
      { header: '流水号 Entry', width: 26 },
      { header: '资金来源 Source', width: 20 },
    ],
    rows: entries.map((e) => [
      shanghaiDateTime(e.at),
      kindNames[e.kind],
      e.amountFen,
      e.amountFen,
      e.rewardId ?? '',
      ledgerNoteText(e, 'zh') ?? '',
      e.id,
      fundSourceName(e.source, names).zh,
    ]),
  };
}

export function payoutSheet(payouts: PayoutRow[], names: FundNames): Sheet {
  return {
    name: '奖励发放 Payouts',
    columns: [
      { header: '举报编号 Reference', width: 18 },
      { header: '县区代码 Area code', width: 14 },
      { header: '县区 Area', width: 14 },
      { header: '金额（元）Amount (yuan)', yuan: true, width: 18 },
      { header: '金额（分）Amount (fen)', width: 18 },
      { header: '凭证号 Voucher no.', width: 20 },
      { header: '发放日期 Paid on', width: 14 },
      { header: '登记时间 Recorded at (UTC+8)', width: 20 },
      { header: '类型 Kind', width: 14 },
      { header: '资金来源 Source', width: 20 },
    ],
    rows: payouts.map((p) => [
      p.reference,
      p.area,
      names.area(p.area).zh,
      p.amountFen,
      p.amountFen,
      p.voucherNo,
      p.paidOn,
      shanghaiDateTime(p.recordedAt),
      p.kind === 'payout' ? '发放 payout' : '补发 top-up',
      fundSourceName(p.source, names).zh,
    ]),
  };
}

/** Text a spreadsheet would run as a formula is shown as text instead. */
const defused = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(sheet: Sheet): string {
  const lines = [sheet.columns.map((c) => csvField(c.header))];
  for (const row of sheet.rows)
    lines.push(
      row.map((cell, i) =>
        typeof cell === 'number' ? (sheet.columns[i].yuan ? plainYuan(cell) : String(cell)) : csvField(defused(cell)),
      ),
    );
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(sheet: Sheet): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'Woodpecker';
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = sheet.columns.map((c) => ({
    header: c.header,
    width: c.width ?? 16,
    style: c.yuan ? { numFmt: '#,##0.00' } : {},
  }));
  worksheet.getRow(1).font = { bold: true };
  // Yuan cells hold fen / 100: a spreadsheet number; the fen column beside it stays exact.
  for (const row of sheet.rows)
    worksheet.addRow(row.map((cell, i) => (sheet.columns[i].yuan && typeof cell === 'number' ? cell / 100 : cell)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
