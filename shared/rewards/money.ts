// Money arithmetic for rewards: integer fen only, never floating point, so a
// reward computed on any machine is the same to the fen.

export const FEN_PER_YUAN = 100;

/** numerator / denominator rounded to the nearest integer, halves up (both non-negative integers). */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  const whole = (numerator - (numerator % denominator)) / denominator;
  const remainder = numerator % denominator;
  return remainder * 2 >= denominator ? whole + 1 : whole;
}

/** `percent`% of an amount in fen, rounded to the nearest whole yuan (halves up), in fen. */
export function percentToWholeYuanFen(amountFen: number, percent: number): number {
  // amountFen × percent / 100 is fen; ÷ 100 again is yuan: one exact integer division.
  return divideRoundHalfUp(amountFen * percent, 100 * FEN_PER_YUAN) * FEN_PER_YUAN;
}

/** `percent`% of an amount in fen as an exact yuan figure, e.g. 15% of 2,001,660 fen → "3,002.49". */
export function percentAsExactYuan(amountFen: number, percent: number): string {
  // The exact value in ten-thousandths of a yuan: at most four decimals.
  return groupDigits(amountFen * percent, 4);
}

/** A fen amount as yuan: "3,000" for whole yuan, else "20,016.60". */
export function formatYuan(fen: number): string {
  return groupDigits(fen, 2, fen % FEN_PER_YUAN === 0 ? 0 : 2);
}

/** An integer scaled by 10^decimals, with thousands separators, keeping at least `minDecimals` decimals. */
function groupDigits(scaled: number, decimals: number, minDecimals = 0): string {
  const sign = scaled < 0 ? '-' : '';
  const digits = String(Math.abs(scaled)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let fraction = digits.slice(digits.length - decimals);
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return sign + whole + (fraction ? `.${fraction}` : '');
}

export const yuan = (amount: number): number => amount * FEN_PER_YUAN;
