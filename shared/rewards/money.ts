// Money arithmetic for rewards: integer fen only, never floating point, so a
// reward computed on any machine is the same to the fen.
import { formatYuan } from '../money';

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

/** How a share is rounded: to the fen or to the whole yuan, halves up (the version's `decisions.rounding`). */
export type Rounding = 'fen' | 'yuan';

/** `percent`% of an amount in fen, rounded as the policy says, in fen. */
export function percentRounded(amountFen: number, percent: number, rounding: Rounding): number {
  return rounding === 'fen' ? divideRoundHalfUp(amountFen * percent, 100) : percentToWholeYuanFen(amountFen, percent);
}

/** `percent`% of an amount in fen as an exact yuan figure, e.g. 15% of 2,001,660 fen → "3,002.49". */
export function percentAsExactYuan(amountFen: number, percent: number): string {
  // The exact value in ten-thousandths of a yuan: at most four decimals.
  return groupDigits(amountFen * percent, 4);
}

/** A reward amount as the rules state it: "3,000" for whole yuan, else "20,016.60". */
export const formatRewardYuan = (fen: number): string => formatYuan(fen, { wholeYuanWithoutDecimals: true });

/** An integer scaled by 10^decimals, with thousands separators, without trailing zero decimals. */
function groupDigits(scaled: number, decimals: number): string {
  const sign = scaled < 0 ? '-' : '';
  const digits = String(Math.abs(scaled)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let fraction = digits.slice(digits.length - decimals);
  while (fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return sign + whole + (fraction ? `.${fraction}` : '');
}

export const yuan = (amount: number): number => amount * FEN_PER_YUAN;
