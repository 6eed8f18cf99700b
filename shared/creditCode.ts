// The unified social credit code (统一社会信用代码, GB 32100-2015) every
// registered enterprise has: 18 characters, the last a check character. It names
// the enterprise reported exactly, so reports of one matter through different
// channels can be recognised as one.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Upper case without spaces, as people type it from a licence. */
export function normalizeCreditCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export function isCreditCode(code: string): boolean {
  if (!SHAPE.test(code)) return false;
  const sum = WEIGHTS.reduce((s, w, i) => s + CHARSET.indexOf(code[i]!) * w, 0);
  return CHARSET[(31 - (sum % 31)) % 31] === code[17];
}
