// The reward calculator (shared/rewards), checked without a server: every boundary
// of every scheme, rounding to whole yuan, the employee uplift, policy choice by
// date, the best-of-schemes rule, and which findings earn a reward.
import { findingsSchema } from '../../shared/schemas/workflow';
import {
  formatRewardYuan,
  policyInForce,
  quoteReward,
  rewardForFindings as rewardForFindingsIn,
  builtInPolicies,
  RewardInputError,
  schemeRange,
  type RewardQuoteInput,
} from '../../shared/rewards';

/** Yuan → fen, as integers (fractions written as fen to stay exact). */
const yuan = (y: number) => y * 100;
const AFTER_2025 = '2025-11-28'; // henan-2025
const NATIONAL = '2020-06-01'; // national-2018
const WELDING_2023 = '2024-06-01'; // anyang-welding-2023

const quote = (input: Partial<RewardQuoteInput> & Pick<RewardQuoteInput, 'scheme'>) =>
  quoteReward({ reportedOn: AFTER_2025, ...input }, builtInPolicies);
const rewardForFindings = (
  ...args: Parameters<typeof rewardForFindingsIn> extends [infer F, infer R, unknown] ? [F, R] : never
) => rewardForFindingsIn(...args, builtInPolicies);
const amount = (input: Partial<RewardQuoteInput> & Pick<RewardQuoteInput, 'scheme'>) => quote(input).amountFen;

/** The error a call throws, for checking its path. */
function inputError(run: () => unknown): RewardInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof RewardInputError) return error;
    throw error;
  }
  throw new Error('expected a RewardInputError');
}

describe('violation scheme: 15% of the fine, 3,000 – 300,000 yuan', () => {
  test.each([
    ['no fine given', undefined, 3_000],
    ['a fine of 0', 0, 3_000],
    ['a small fine (15% = 150)', yuan(1_000), 3_000],
    ['19,999 yuan (15% = 2,999.85 → 3,000)', yuan(19_999), 3_000],
    ['20,000 yuan (15% is exactly 3,000)', yuan(20_000), 3_000],
    ['20,000.03 yuan (15% = 3,000.0045 → 3,000)', 2_000_003, 3_000],
    ['20,001 yuan (15% = 3,000.15 → 3,000)', yuan(20_001), 3_000],
    ['20,010 yuan (15% = 3,001.50 → 3,002, halves up)', yuan(20_010), 3_002],
    ['20,016.60 yuan (15% = 3,002.49 → 3,002)', 2_001_660, 3_002],
    ['20,016.67 yuan (15% = 3,002.5005 → 3,003)', 2_001_667, 3_003],
    ['100,000 yuan (15% = 15,000)', yuan(100_000), 15_000],
    ['1,999,990 yuan (15% = 299,998.50 → 299,999)', yuan(1_999_990), 299_999],
    ['2,000,000 yuan (15% reaches 300,000)', yuan(2_000_000), 300_000],
    ['2,000,010 yuan (15% = 300,001.50 → capped)', yuan(2_000_010), 300_000],
    ['1,000,000,000 yuan (capped)', yuan(1_000_000_000), 300_000],
  ])('%s', (_case, fineFen, expectedYuan) => {
    const q = quote({ scheme: 'violation', violationKind: 'major-hazard', fineFen });
    expect(q.amountFen).toBe(yuan(expectedYuan));
    expect([q.minFen, q.maxFen]).toEqual([yuan(3_000), yuan(300_000)]);
    expect(q.scheme).toBe('violation');
  });

  test('illegal operation pays as a major hazard; an absent kind counts as one', () => {
    expect(amount({ scheme: 'violation', violationKind: 'illegal-operation', fineFen: yuan(50_000) })).toBe(
      yuan(7_500),
    );
    expect(amount({ scheme: 'violation', fineFen: yuan(50_000) })).toBe(yuan(7_500));
  });

  test('each step is explained in both languages, with the exact share and its rounding', () => {
    const q = quote({ scheme: 'violation', fineFen: 2_001_660 });
    const zh = q.explanation.map((l) => l.zh).join('\n');
    const en = q.explanation.map((l) => l.en).join('\n');
    expect(zh).toContain('罚款 20,016.60 元 × 15% = 3,002.49 元，四舍五入到整元（暂定值）为 3,002 元。');
    expect(en).toContain(
      '15% of the fine of 20,016.60 yuan = 3,002.49 yuan, rounded to the nearest yuan (assumed value): 3,002 yuan.',
    );
    expect(q.explanation[0].zh).toContain('《河南省安全生产领域举报奖励办法（2025 年修订）》');
    expect(q.explanation.at(-1)).toEqual({
      zh: '预计奖励 3,002 元（核定范围 3,000 – 300,000 元）。',
      en: 'Estimated reward: 3,002 yuan (the verifier may set it within 3,000 – 300,000 yuan).',
    });
    expect(quote({ scheme: 'violation', fineFen: yuan(1_000) }).explanation.map((l) => l.zh)).toContain(
      '低于最低奖励 3,000 元，按 3,000 元计。',
    );
    expect(quote({ scheme: 'violation', fineFen: yuan(3_000_000) }).explanation.map((l) => l.en)).toContain(
      'Above the maximum of 300,000 yuan: 300,000 yuan.',
    );
  });
});

describe('Henan listed situations: 1,000 – 300,000 yuan', () => {
  test.each([
    [undefined, 1_000],
    [0, 1_000],
    [yuan(5_000), 1_000], // 15% = 750
    [yuan(6_670), 1_001], // 15% = 1,000.50 → 1,001
    [yuan(10_000), 1_500],
    [yuan(2_000_000), 300_000],
    [yuan(5_000_000), 300_000],
  ])('fine %p fen → %p yuan', (fineFen, expectedYuan) => {
    const q = quote({ scheme: 'violation', violationKind: 'listed-situation', fineFen });
    expect(q.amountFen).toBe(yuan(expectedYuan));
    expect([q.minFen, q.maxFen]).toEqual([yuan(1_000), yuan(300_000)]);
  });

  test('the share of a fine for listed situations is flagged as assumed, in the data and the explanation', () => {
    expect(policyInForce(AFTER_2025, builtInPolicies).assumed).toContain('listedSituation.finePercent');
    expect(
      quote({ scheme: 'violation', violationKind: 'listed-situation', fineFen: yuan(10_000) })
        .explanation.map((l) => l.zh)
        .join(''),
    ).toContain('15%（暂定值）');
  });

  test('not before the Henan rules: a 400-type error naming violationKind', () => {
    expect(
      inputError(() => quote({ scheme: 'violation', violationKind: 'listed-situation', reportedOn: NATIONAL })).path,
    ).toBe('violationKind');
  });
});

describe('concealed accidents: per concealed death by grade, at most 300,000 yuan', () => {
  test.each([
    ['general', 1, 30_000],
    ['larger', 1, 40_000],
    ['major', 1, 50_000],
    ['especially-major', 1, 60_000],
    ['larger', 4, 160_000], // the documented check case
    ['major', 6, 300_000], // exactly the cap
    ['larger', 9, 300_000], // 360,000 capped
    ['especially-major', 5, 300_000],
    ['especially-major', 6, 300_000], // 360,000 capped
    ['major', 7, 300_000],
  ] as const)('%s accident, %i concealed deaths → %i yuan', (accidentGrade, concealedDeaths, expectedYuan) => {
    const q = quote({ scheme: 'concealed-accident', accidentGrade, concealedDeaths, reportedOn: NATIONAL });
    expect(q.amountFen).toBe(yuan(expectedYuan));
    expect([q.minFen, q.maxFen]).toEqual([yuan(30_000), yuan(300_000)]);
  });

  test('the check case is explained per death', () => {
    const q = quote({ scheme: 'concealed-accident', accidentGrade: 'larger', concealedDeaths: 4 });
    expect(q.explanation.map((l) => l.zh)).toContain('较大事故，查实瞒报、谎报死亡 4 人 × 40,000 元 = 160,000 元。');
    expect(q.explanation.map((l) => l.en)).toContain(
      'A larger accident with 4 concealed deaths × 40,000 yuan = 160,000 yuan.',
    );
  });

  test('a missing grade or death count, or a violation kind, is refused naming the field', () => {
    expect(inputError(() => quote({ scheme: 'concealed-accident', concealedDeaths: 2 })).path).toBe('accidentGrade');
    expect(inputError(() => quote({ scheme: 'concealed-accident', accidentGrade: 'general' })).path).toBe(
      'concealedDeaths',
    );
    expect(
      inputError(() => quote({ scheme: 'concealed-accident', accidentGrade: 'general', concealedDeaths: 0 })).path,
    ).toBe('concealedDeaths');
    expect(
      inputError(() => quote({ scheme: 'concealed-accident', accidentGrade: 'general', concealedDeaths: 1.5 })).path,
    ).toBe('concealedDeaths');
    expect(
      inputError(() =>
        quote({
          scheme: 'concealed-accident',
          accidentGrade: 'general',
          concealedDeaths: 1,
          violationKind: 'major-hazard',
        }),
      ).path,
    ).toBe('violationKind');
    expect(inputError(() => quote({ scheme: 'violation', accidentGrade: 'general' })).path).toBe('accidentGrade');
    expect(inputError(() => quote({ scheme: 'violation', concealedDeaths: 3 })).path).toBe('concealedDeaths');
  });
});

describe('welding: real name only; 500 without a fine, else 15% within 500 – 3,000 yuan', () => {
  test.each([
    ['no fine given', undefined, 500],
    ['a fine of 0', 0, 500],
    ['a fine whose 15% is below 500', yuan(2_000), 500],
    ['3,336 yuan (15% = 500.40 → 500)', yuan(3_336), 500],
    ['10,000 yuan (15% = 1,500)', yuan(10_000), 1_500],
    ['13,330 yuan (15% = 1,999.50 → 2,000)', yuan(13_330), 2_000],
    ['20,000 yuan (15% is exactly 3,000)', yuan(20_000), 3_000],
    ['20,010 yuan (15% = 3,001.50, kept at 3,000)', yuan(20_010), 3_000],
    ['1,000,000 yuan (kept at 3,000)', yuan(1_000_000), 3_000],
  ])('%s', (_case, fineFen, expectedYuan) => {
    const q = quote({ scheme: 'welding', fineFen, realName: true });
    expect(q.amountFen).toBe(yuan(expectedYuan));
    expect([q.minFen, q.maxFen]).toEqual([yuan(500), yuan(3_000)]);
    expect(q.scheme).toBe('welding');
  });

  test('without a real name: an error naming realName', () => {
    const error = inputError(() => quote({ scheme: 'welding', realName: false }));
    expect(error.path).toBe('realName');
    expect(error.text.zh).toBe('焊接作业奖励只发给实名举报人。');
    expect(error.message).toBe('The welding reward is paid to real-name reporters only.');
  });

  test('before the welding rule took effect there is no welding scheme', () => {
    expect(inputError(() => quote({ scheme: 'welding', realName: true, reportedOn: '2023-03-27' })).path).toBe(
      'scheme',
    );
    expect(amount({ scheme: 'welding', realName: true, reportedOn: '2023-03-28' })).toBe(yuan(500));
  });

  test('the tiers are flagged as assumed', () => {
    expect(policyInForce(AFTER_2025, builtInPolicies).assumed).toEqual(
      expect.arrayContaining(['welding.noFineFen', 'welding.finePercent', 'employeeUplift.appliesToWelding']),
    );
    expect(
      quote({ scheme: 'welding' })
        .explanation.map((l) => l.en)
        .join(''),
    ).toContain('500 yuan (assumed value)');
  });
});

describe('best of schemes: a welding report that is also a major hazard or illegal act', () => {
  test('no fine: violation 3,000 beats welding 500, and the explanation says both were considered', () => {
    const q = quote({ scheme: 'welding', violationKind: 'major-hazard', realName: true });
    expect(q).toMatchObject({
      amountFen: yuan(3_000),
      scheme: 'violation',
      minFen: yuan(3_000),
      maxFen: yuan(300_000),
    });
    expect(q.explanation.map((l) => l.zh)).toContain(
      '同时符合焊接作业奖励（500 元）和重大事故隐患奖励（3,000 元），取较高的一项，不重复奖励（暂定值）。',
    );
    expect(q.explanation.map((l) => l.en)).toContain(
      'Both the welding reward (500 yuan) and the reward for a major accident hazard (3,000 yuan) fit; the higher one is paid, never both (assumed value).',
    );
  });

  test('never the two added together, whatever the fine', () => {
    for (const fineFen of [undefined, yuan(10_000), yuan(20_000), yuan(100_000)]) {
      const welding = amount({ scheme: 'welding', fineFen });
      const violation = amount({ scheme: 'violation', violationKind: 'illegal-operation', fineFen });
      expect(amount({ scheme: 'welding', violationKind: 'illegal-operation', fineFen })).toBe(
        Math.max(welding, violation),
      );
    }
  });

  test('an anonymous welding report that is a major hazard is quoted under the violation scheme alone', () => {
    const q = quote({ scheme: 'welding', violationKind: 'major-hazard', realName: false, fineFen: yuan(40_000) });
    expect(q).toMatchObject({ amountFen: yuan(6_000), scheme: 'violation' });
    expect(q.explanation.map((l) => l.zh).join('')).toContain(
      '焊接作业奖励只发给实名举报人。本次按重大事故隐患和违法行为举报奖励计算。',
    );
  });

  test('before the welding rule, the violation scheme still pays', () => {
    expect(quote({ scheme: 'welding', violationKind: 'major-hazard', reportedOn: NATIONAL })).toMatchObject({
      amountFen: yuan(3_000),
      scheme: 'violation',
      policy: 'national-2018',
    });
  });
});

describe('employee reporting their own employer (Henan policies)', () => {
  test.each([
    ['2025: +15%, the uplift at least 1,000 (3,000 → 4,000)', AFTER_2025, undefined, 4_000],
    ['2025: 15% of 6,000 is 900 → raised to 1,000', AFTER_2025, yuan(40_000), 7_000],
    ['2025: 15% of 6,667 = 1,000.05 → 1,000', AFTER_2025, yuan(44_446), 6_667 + 1_000],
    ['2025: 15% of 10,000 = 1,500', AFTER_2025, 6_666_667, 10_000 + 1_500],
    ['2025: 15% of 100,000 = 15,000', AFTER_2025, yuan(666_666) + 67, 100_000 + 15_000],
    ['2025: 15% of 261,000 = 39,150 → capped at 300,000', AFTER_2025, yuan(1_740_000), 300_000],
    ['2025: 15% of 260,870 = 39,130.50 → 39,131 → 300,001 capped', AFTER_2025, yuan(1_739_133) + 34, 300_000],
    ['2025: the base already at the cap stays at 300,000', AFTER_2025, yuan(3_000_000), 300_000],
    ['2024: +10%, at least 1,000 (3,000 → 4,000)', WELDING_2023, undefined, 4_000],
    ['2024: 10% of 15,000 = 1,500', WELDING_2023, yuan(100_000), 16_500],
    ['2024: 10% of 272,727 = 27,272.70 → 27,273, exactly 300,000', WELDING_2023, yuan(1_818_180), 300_000],
    ['2024: 10% of 272,730 = 27,273 → 300,003 capped', WELDING_2023, yuan(1_818_200), 300_000],
  ])('%s', (_case, reportedOn, fineFen, expectedYuan) => {
    expect(amount({ scheme: 'violation', fineFen, employeeOfSubject: true, realName: true, reportedOn })).toBe(
      yuan(expectedYuan),
    );
  });

  test('+10% before the 2025 revision, +15% from its first day', () => {
    const on = (reportedOn: string) =>
      amount({ scheme: 'violation', fineFen: yuan(200_000), employeeOfSubject: true, reportedOn });
    expect(on('2025-05-29')).toBe(yuan(30_000 + 3_000));
    expect(on('2025-05-30')).toBe(yuan(30_000 + 4_500));
  });

  test('the uplift also applies to listed situations and accidents, and raises the range minimum', () => {
    expect(quote({ scheme: 'violation', violationKind: 'listed-situation', employeeOfSubject: true })).toMatchObject({
      amountFen: yuan(2_000),
      minFen: yuan(2_000),
      maxFen: yuan(300_000),
    });
    expect(
      quote({ scheme: 'concealed-accident', accidentGrade: 'larger', concealedDeaths: 4, employeeOfSubject: true }),
    ).toMatchObject({ amountFen: yuan(184_000), minFen: yuan(34_500) });
    expect(quote({ scheme: 'violation', employeeOfSubject: true })).toMatchObject({
      minFen: yuan(4_000),
      maxFen: yuan(300_000),
    });
  });

  test('explained step by step', () => {
    const lines = quote({ scheme: 'violation', employeeOfSubject: true }).explanation.map((l) => l.zh);
    expect(lines).toEqual(
      expect.arrayContaining([
        '经核查举报人是被举报单位的从业人员，上浮 15%：3,000 元 × 15% = 450 元，四舍五入到整元（暂定值）为 450 元。',
        '上浮不足 1,000 元，按 1,000 元计。',
        '3,000 元 + 1,000 元 = 4,000 元。',
      ]),
    );
  });

  test('no uplift under the national rules, nor (by our default) on the welding reward', () => {
    const national = quote({ scheme: 'violation', employeeOfSubject: true, reportedOn: NATIONAL });
    expect(national.amountFen).toBe(yuan(3_000));
    expect(national.explanation.map((l) => l.zh)).toContain('本办法没有内部员工举报本单位的奖励上浮规定。');
    expect(amount({ scheme: 'welding', employeeOfSubject: true, fineFen: yuan(10_000) })).toBe(yuan(1_500));
  });

  test('an employee of the subject must give their name', () => {
    expect(inputError(() => quote({ scheme: 'violation', employeeOfSubject: true, realName: false })).path).toBe(
      'realName',
    );
  });

  test('the employee uplift decides the best scheme for a welding report', () => {
    // Welding 3,000 (no uplift) against violation 3,000 + 1,000.
    expect(
      quote({
        scheme: 'welding',
        violationKind: 'major-hazard',
        fineFen: yuan(20_000),
        employeeOfSubject: true,
        realName: true,
      }),
    ).toMatchObject({ amountFen: yuan(4_000), scheme: 'violation' });
  });
});

describe('policy versions by date', () => {
  test('the versions are in date order, each with an id, titles and only known assumption keys', () => {
    const days = builtInPolicies.map((p) => p.effectiveFrom);
    expect([...days].sort()).toEqual(days);
    expect(new Set(builtInPolicies.map((p) => p.id)).size).toBe(builtInPolicies.length);
    expect(builtInPolicies.map((p) => p.id)).toEqual([
      'national-2018',
      'henan-2022',
      'anyang-2022',
      'anyang-welding-2023',
      'henan-2023',
      'henan-2025',
    ]);
    for (const p of builtInPolicies) {
      expect(p.title.zh).toBeTruthy();
      expect(p.title.en).toBeTruthy();
    }
    // Only the national date is documented; the others are flagged.
    expect(builtInPolicies.filter((p) => !p.assumed.includes('effectiveFrom')).map((p) => p.id)).toEqual([
      'national-2018',
    ]);
  });

  test.each([
    ['2018-01-03', null],
    ['2018-01-04', 'national-2018'],
    ['2021-12-31', 'national-2018'],
    ['2022-01-01', 'henan-2022'],
    ['2022-06-22', 'henan-2022'],
    ['2022-06-23', 'anyang-2022'],
    ['2023-03-27', 'anyang-2022'],
    ['2023-03-28', 'anyang-welding-2023'],
    ['2023-06-30', 'anyang-welding-2023'],
    ['2023-07-01', 'henan-2023'],
    ['2025-05-29', 'henan-2023'],
    ['2025-05-30', 'henan-2025'],
    ['2030-01-01', 'henan-2025'],
  ])('reported on %s → %s', (day, id) => {
    if (id === null) {
      expect(inputError(() => policyInForce(day, builtInPolicies)).path).toBe('reportedOn');
      expect(inputError(() => quote({ scheme: 'violation', reportedOn: day })).path).toBe('reportedOn');
    } else {
      expect(policyInForce(day, builtInPolicies).id).toBe(id);
      const q = quote({ scheme: 'violation', reportedOn: day });
      expect(q.policy).toBe(id);
      expect(q.policyTitle).toEqual(policyInForce(day, builtInPolicies).title);
      expect(q.explanation[0].zh).toContain(`举报日期 ${day}`);
    }
  });

  test('listed situations start with the Henan rules', () => {
    expect(
      inputError(() => quote({ scheme: 'violation', violationKind: 'listed-situation', reportedOn: '2021-12-31' }))
        .path,
    ).toBe('violationKind');
    expect(amount({ scheme: 'violation', violationKind: 'listed-situation', reportedOn: '2022-01-01' })).toBe(
      yuan(1_000),
    );
  });

  test('the employee uplift starts with the Henan rules', () => {
    expect(amount({ scheme: 'violation', employeeOfSubject: true, reportedOn: '2021-12-31' })).toBe(yuan(3_000));
    expect(amount({ scheme: 'violation', employeeOfSubject: true, reportedOn: '2022-01-01' })).toBe(yuan(4_000));
  });

  test.each(['2025-02-30', '2025-13-01', '25-01-01', '2025-1-1', ''])(
    'a bad day %p is refused naming reportedOn',
    (day) => {
      expect(inputError(() => policyInForce(day, builtInPolicies)).path).toBe('reportedOn');
    },
  );
});

describe('input checks for callers outside HTTP', () => {
  test.each([
    [{ scheme: 'lottery' }, 'scheme'],
    [{ scheme: 'violation', fineFen: -1 }, 'fineFen'],
    [{ scheme: 'violation', fineFen: 100.5 }, 'fineFen'],
    [{ scheme: 'violation', violationKind: 'minor' }, 'violationKind'],
    [{ scheme: 'concealed-accident', accidentGrade: 'tiny', concealedDeaths: 1 }, 'accidentGrade'],
  ])('%p → %s', (input, path) => {
    expect(
      inputError(() =>
        quoteReward({ ...input, reportedOn: AFTER_2025 } as unknown as RewardQuoteInput, builtInPolicies),
      ).path,
    ).toBe(path);
  });
});

describe('money helpers and ranges', () => {
  test('fen are written as yuan without floating point', () => {
    expect(formatRewardYuan(0)).toBe('0');
    expect(formatRewardYuan(300_000)).toBe('3,000');
    expect(formatRewardYuan(2_001_660)).toBe('20,016.60');
    expect(formatRewardYuan(2_000_003)).toBe('20,000.03');
    expect(formatRewardYuan(100_000_000_000)).toBe('1,000,000,000');
  });

  test('scheme ranges for notices follow the policy in force', () => {
    expect(schemeRange('violation', AFTER_2025, builtInPolicies)).toEqual({
      minFen: yuan(3_000),
      maxFen: yuan(300_000),
    });
    expect(schemeRange('welding', AFTER_2025, builtInPolicies)).toEqual({ minFen: yuan(500), maxFen: yuan(3_000) });
    expect(schemeRange('concealed-accident', AFTER_2025, builtInPolicies)).toEqual({
      minFen: yuan(30_000),
      maxFen: yuan(300_000),
    });
    expect(schemeRange('welding', NATIONAL, builtInPolicies)).toBeUndefined();
  });
});

describe('rewardForFindings', () => {
  const findings = (over: Record<string, unknown> = {}) =>
    findingsSchema.parse({
      inspectedOn: '2025-11-20',
      summary: '现场核查属实。',
      substantiated: true,
      alreadyKnownAndHandled: false,
      violationKind: 'major-hazard',
      hazardLevel: 'major',
      ...over,
    });
  // 2025-06-30 20:00 UTC is already 1 July in Shanghai.
  const received = new Date('2025-06-30T20:00:00Z');
  const facts = { receivedAt: received, decidedAt: received, realName: true };
  const employee = { employeeOfSubject: true, employmentProof: '劳动合同及 2025 年 10 月工资单' };

  test('a substantiated major hazard with a fine gets the quote of the policy in force on the Shanghai day', () => {
    const r = rewardForFindings(findings({ fineFen: yuan(100_000), penaltyDecisionNo: '安应急罚〔2025〕12号' }), facts);
    expect(r).toMatchObject({
      eligible: true,
      quote: { amountFen: yuan(15_000), policy: 'henan-2025', scheme: 'violation' },
    });
    if (r.eligible) expect(r.quote.explanation[0].zh).toContain('举报日期 2025-07-01');
  });

  test('the Shanghai day decides the policy at the edge of an effective date', () => {
    const before = rewardForFindings(findings(employee), {
      ...facts,
      receivedAt: new Date('2025-05-29T15:59:59Z'),
    });
    const after = rewardForFindings(findings(employee), {
      ...facts,
      receivedAt: new Date('2025-05-29T16:00:00Z'),
    });
    expect(before).toMatchObject({ eligible: true, quote: { policy: 'henan-2023' } });
    expect(after).toMatchObject({ eligible: true, quote: { policy: 'henan-2025' } });
  });

  test.each([
    ['illegal operation', { violationKind: 'illegal-operation', hazardLevel: undefined }, 'violation', 3_000],
    ['listed situation', { violationKind: 'listed-situation', hazardLevel: 'general' }, 'violation', 1_000],
    [
      'concealed accident',
      { violationKind: 'concealed-accident', hazardLevel: undefined, accidentGrade: 'larger', concealedDeaths: 4 },
      'concealed-accident',
      160_000,
    ],
    ['welding, general hazard', { violationKind: 'welding', hazardLevel: 'general' }, 'welding', 500],
    [
      'welding that is a major hazard (best of both)',
      { violationKind: 'welding', hazardLevel: 'major' },
      'violation',
      3_000,
    ],
  ])('%s', (_case, over, scheme, expectedYuan) => {
    expect(rewardForFindings(findings(over), facts)).toMatchObject({
      eligible: true,
      quote: { scheme, amountFen: yuan(expectedYuan) },
    });
  });

  test('an employee of the subject, as the verifier recorded, gets the uplift', () => {
    expect(rewardForFindings(findings(employee), facts)).toMatchObject({
      eligible: true,
      quote: { amountFen: yuan(4_000) },
    });
  });

  test.each([
    ['not substantiated', { substantiated: false }, ['举报事项经核查不属实，不予奖励。']],
    [
      'already known and handled',
      { alreadyKnownAndHandled: true },
      ['举报事项在举报前已被有关部门发现并依法处理，不予奖励。'],
    ],
    ['an exclusion', { exclusions: ['hired-expert'] }, ['举报人是受聘专家，举报的是受聘检查中发现的问题，不予奖励。']],
    [
      'a general hazard',
      { violationKind: 'major-hazard', hazardLevel: 'general' },
      ['一般事故隐患目前没有适用的奖励办法。'],
    ],
  ])('ineligible: %s', (_case, over, reasons) => {
    const r = rewardForFindings(findings(over), facts);
    expect(r).toEqual({ eligible: false, reasons: reasons.map((zh) => expect.objectContaining({ zh })) });
    if (!r.eligible) for (const reason of r.reasons) expect(reason.en).toBeTruthy();
  });

  test.each([
    ['relative-of-supervising-staff', '举报人是负有安全监管职责人员的近亲属，不予奖励。'],
    ['organiser-or-perpetrator', '举报人是违法行为的组织者或实施者，不予奖励。'],
    ['paid-grid-worker', '举报人是以发现隐患为职责、领取报酬的网格员，不予奖励。'],
    ['unit-already-found', '举报事项在举报前已被生产经营单位自行发现并正在处理，不予奖励。'],
  ])('excluded: %s, as recorded in the findings the verifier submits', (exclusion, zh) => {
    const parsed = findingsSchema.parse({ ...findings(), exclusions: [exclusion] });
    expect(rewardForFindings(parsed, facts)).toEqual({ eligible: false, reasons: [expect.objectContaining({ zh })] });
  });

  test('an exclusion the rules do not know is refused by the findings schema', () => {
    expect(findingsSchema.safeParse({ ...findings(), exclusions: ['friend-of-the-mayor'] }).success).toBe(false);
  });

  test('every reason is given at once', () => {
    const r = rewardForFindings(
      findings({ alreadyKnownAndHandled: true, exclusions: ['supervisory-staff', 'incomplete'] }),
      facts,
    );
    expect(r.eligible).toBe(false);
    if (!r.eligible) expect(r.reasons).toHaveLength(3);
  });

  test('welding without a real name is ineligible, unless it was also a major hazard', () => {
    const anonymous = { ...facts, realName: false };
    expect(rewardForFindings(findings({ violationKind: 'welding', hazardLevel: 'general' }), anonymous)).toEqual({
      eligible: false,
      reasons: [
        { zh: '焊接作业奖励只发给实名举报人。', en: 'The welding reward is paid to real-name reporters only.' },
      ],
    });
    expect(rewardForFindings(findings({ violationKind: 'welding', hazardLevel: 'major' }), anonymous)).toMatchObject({
      eligible: true,
      quote: { scheme: 'violation', amountFen: yuan(3_000) },
    });
  });

  test('a listed situation before the Henan rules has no scheme', () => {
    const r = rewardForFindings(findings({ violationKind: 'listed-situation' }), {
      ...facts,
      receivedAt: new Date('2020-03-01T02:00:00Z'),
    });
    expect(r.eligible).toBe(false);
  });
});
