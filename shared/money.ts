// Money shown and typed: fen (integers) on the wire and in the database, yuan
// for people. String arithmetic only, so 0.1 + 0.2 never decides an amount.

/** 123456789 → "1,234,567.89". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** "20,000.5" → 2000050 fen, exactly; undefined when empty; null when it is not an amount with at most two decimals. */
export function parseYuan(text: string): number | undefined | null {
  const cleaned = text.replace(/[,，\s]/g, '');
  if (!cleaned) return undefined;
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
