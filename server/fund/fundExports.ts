// The fund's books taken away as files for the accounts office. Every export is
// audited: who took which period, in which format, and how many rows.
import type { z } from 'zod';
import type { exportQuery } from '../../shared/schemas/fund';
import { appendAudit } from '../audit/auditLog';
import { inTransaction } from '../platform/db';
import { MAIN_FUND } from './fund.model';
import type { Actor } from '../access';
import { ledgerSheet, payoutSheet, toCsv, toXlsx, type Sheet } from './exportFiles';
import { areaNames, profile } from '../jurisdiction/lookup';
import { ledgerEntriesIn, payoutsIn } from './fundReports';

export type FundExportKind = 'ledger' | 'payouts';
export type FundExportFormat = 'csv' | 'xlsx';
type Period = z.infer<typeof exportQuery>;

export interface ExportFile {
  body: Buffer | string;
  type: string;
  filename: string;
}

const contentTypes: Record<FundExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** "fund-ledger_2025-01-01_2025-03-31.csv": the period in the name, ASCII only (validated dates). */
const filename = (kind: FundExportKind, format: FundExportFormat, period: Period) =>
  `${[`fund-${kind}`, period.from ?? 'start', period.to ?? 'today'].join('_')}.${format}`;

// The fund is city-wide (one fund for the bureau): the ledger and its exports are deliberately not area-scoped.
async function sheetOf(kind: FundExportKind, period: Period): Promise<Sheet> {
  const names = { fund: (await profile()).fundName, area: await areaNames() };
  return kind === 'ledger'
    ? ledgerSheet(await ledgerEntriesIn(period), names)
    : payoutSheet(await payoutsIn(period), names);
}

export async function fundExporter(
  actor: Actor,
  kind: FundExportKind,
  format: FundExportFormat,
  period: Period,
  now = new Date(),
): Promise<ExportFile> {
  const sheet = await sheetOf(kind, period);
  const body = format === 'csv' ? toCsv(sheet) : await toXlsx(sheet);
  const details = { kind, format, from: period.from ?? null, to: period.to ?? null, rows: sheet.rows.length };
  await inTransaction((session) =>
    appendAudit({ actor, action: 'fund.export', target: { type: 'fund', id: MAIN_FUND }, details }, session, now),
  );
  return { body, type: contentTypes[format], filename: filename(kind, format, period) };
}
