// Money shown and typed: fen (integers) on the wire and in the database, yuan
// for people. String arithmetic only, so 0.1 + 0.2 never decides an amount.

export interface YuanFormat {
  /** "3,000" rather than "3,000.00" (reward amounts in the texts reporters read). */
  wholeYuanWithoutDecimals?: boolean;
}

/** 123456789 → "1,234,567.89"; 300000 → "3,000.00", or "3,000" without decimals for whole yuan when asked. */
export function formatYuan(fen: number, { wholeYuanWithoutDecimals = false }: YuanFormat = {}): string {
  const { sign, whole, cents } = yuanParts(fen);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return wholeYuanWithoutDecimals && cents === '00' ? `${sign}${grouped}` : `${sign}${grouped}.${cents}`;
}

/** 123456 → "1234.56": no separators, for files a spreadsheet reads as numbers (CSV). */
export function plainYuan(fen: number): string {
  const { sign, whole, cents } = yuanParts(fen);
  return `${sign}${whole}.${cents}`;
}

function yuanParts(fen: number): { sign: string; whole: string; cents: string } {
  const abs = Math.abs(fen);
  return { sign: fen < 0 ? '-' : '', whole: String(Math.trunc(abs / 100)), cents: String(abs % 100).padStart(2, '0') };
}

/** "20,000.5" → 2000050 fen, exactly; undefined when empty; null when it is not an amount with at most two decimals. */
export function parseYuan(text: string): number | undefined | null {
  const cleaned = text.replace(/[,，\s]/g, '');
  if (!cleaned) return undefined;
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
