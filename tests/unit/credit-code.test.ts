// The unified social credit code (GB 32100-2015) as the form, the console and the
// server check it, and the place key that recognises one address written two ways.
import { isCreditCode, normalizeCreditCode } from '../../shared/creditCode';
import { MATTER_WINDOW_DAYS, matterKeysOf, normalizePlace, withinMatterWindow } from '../../server/reports/matterKey';

// Codes with correct check characters (the last one), computed by the standard's weights.
const VALID = ['91410500MA44ABCD14', '91410503MA9K2L7X3J', '92410581MA40QX0P78', '91110000600037341L'];

describe('the unified social credit code', () => {
  test.each(VALID)('%s is valid', (code) => expect(isCreditCode(code)).toBe(true));

  test('a wrong check character is refused', () => {
    for (const code of VALID) {
      const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
      expect(isCreditCode(wrong)).toBe(false);
    }
  });

  test('lower case, spaces and dashes are normalised as people type them from a licence', () => {
    expect(normalizeCreditCode(' 9141 0500-ma44 abcd14 ')).toBe('91410500MA44ABCD14');
    expect(isCreditCode(normalizeCreditCode('91410503ma9k2l7x3j'))).toBe(true);
  });

  test('I, O, Z, S and V are never used, wherever they stand', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      expect(isCreditCode(`91410500MA44ABC${letter}14`)).toBe(false);
      expect(isCreditCode(`91410500MA44ABCD1${letter}`)).toBe(false);
    }
  });

  test('the wrong length or a letter in the region code is refused', () => {
    expect(isCreditCode('91410500MA44ABCD1')).toBe(false);
    expect(isCreditCode('91410500MA44ABCD144')).toBe(false);
    expect(isCreditCode('9141A500MA44ABCD14')).toBe(false);
    expect(isCreditCode('')).toBe(false);
  });
});

describe('the matter keys', () => {
  test('one address written two ways is one place: full-width, spaces, punctuation, the area, trailing words', () => {
    const a = normalizePlace('北关区 红旗路１２号（东门）附近', ['北关区']);
    const b = normalizePlace('红旗路12号东门', ['北关区']);
    expect(a).toBe('红旗路12号东门');
    expect(b).toBe(a);
  });

  test('an address too short to name a place gives no place key', () => {
    expect(normalizePlace('工地')).toBe('');
    expect(matterKeysOf({ scheme: 'violation', category: 'c', area: '410503', address: '厂里' })).toEqual({});
  });

  test('the strong key is the credit code and the scheme; the place key the area, place and category', () => {
    expect(
      matterKeysOf({
        creditCode: '91410500MA44ABCD14',
        scheme: 'welding',
        category: 'welding-no-permit',
        area: '410503',
        address: 'Ｂ座 ３楼',
      }),
    ).toEqual({ creditCode: '91410500MA44ABCD14:welding', place: '410503:b座3楼:welding-no-permit' });
  });

  test(`the window is ${MATTER_WINDOW_DAYS} days after the earlier report, and never before it`, () => {
    const day = 86_400_000;
    const t0 = new Date('2026-01-01T00:00:00Z');
    expect(withinMatterWindow(t0, new Date(t0.getTime() + MATTER_WINDOW_DAYS * day))).toBe(true);
    expect(withinMatterWindow(t0, new Date(t0.getTime() + MATTER_WINDOW_DAYS * day + 1))).toBe(false);
    expect(withinMatterWindow(t0, new Date(t0.getTime() - 1))).toBe(false);
  });
});
