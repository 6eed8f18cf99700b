// The reward rules of issue 14 at their boundaries: the accident grade the facts
// imply, the welding start, coal mines outside the city scheme, the documents
// cited per period, rounding both ways, and each of the bureau's decisions both ways.
import { findingsSchema, actionPayloads } from '../../shared/schemas/workflow';
import {
  builtInPolicies,
  policyInForce,
  quoteReward,
  rewardForFindings,
  RewardInputError,
  type PolicyRegistry,
  type RewardPolicy,
  type RewardQuoteInput,
} from '../../shared/rewards';
import { minimumGrade, impossibleGrade } from '../../shared/rewards/accidentGrade';
import { policyDayOf } from '../../shared/rewards/findings';
import { rewardPolicySchema } from '../../shared/rewards/policySchema';

const yuan = (y: number) => y * 100;
const WAN = yuan(10_000); // 1 万元 in fen
const AFTER_2025 = '2025-11-28';

const quote = (input: Partial<RewardQuoteInput> & Pick<RewardQuoteInput, 'scheme'>, registry = builtInPolicies) =>
  quoteReward({ reportedOn: AFTER_2025, ...input }, registry);

function inputError(run: () => unknown): RewardInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof RewardInputError) return error;
    throw error;
  }
  throw new Error('expected a RewardInputError');
}

/** The built-in registry with one change to every version (the bureau deciding otherwise). */
function decided(change: (p: RewardPolicy) => RewardPolicy): PolicyRegistry {
  return builtInPolicies.map((p) => rewardPolicySchema.parse(change(structuredClone(p)) as unknown) as RewardPolicy);
}
const withDecision = (d: Partial<RewardPolicy['decisions']>) =>
  decided((p) => ({ ...p, decisions: { ...p.decisions, ...d } }));

describe('the minimum grade from deaths, serious injuries and direct loss (条例 第三条, 以上 includes the number)', () => {
  test.each([
    [{ deaths: 0 }, 'general'],
    [{ deaths: 2 }, 'general'],
    [{ deaths: 3 }, 'larger'],
    [{ deaths: 9 }, 'larger'],
    [{ deaths: 10 }, 'major'],
    [{ deaths: 29 }, 'major'],
    [{ deaths: 30 }, 'especially-major'],
    [{ deaths: 0, seriousInjuries: 9 }, 'general'],
    [{ deaths: 0, seriousInjuries: 10 }, 'larger'],
    [{ deaths: 0, seriousInjuries: 49 }, 'larger'],
    [{ deaths: 0, seriousInjuries: 50 }, 'major'],
    [{ deaths: 0, seriousInjuries: 99 }, 'major'],
    [{ deaths: 0, seriousInjuries: 100 }, 'especially-major'],
    [{ deaths: 0, directLossFen: 1000 * WAN - 1 }, 'general'],
    [{ deaths: 0, directLossFen: 1000 * WAN }, 'larger'],
    [{ deaths: 0, directLossFen: 5000 * WAN - 1 }, 'larger'],
    [{ deaths: 0, directLossFen: 5000 * WAN }, 'major'],
    [{ deaths: 0, directLossFen: 10_000 * WAN - 1 }, 'major'],
    [{ deaths: 0, directLossFen: 10_000 * WAN }, 'especially-major'],
    [{ deaths: 1, seriousInjuries: 12, directLossFen: 6000 * WAN }, 'major'],
  ] as const)('%p → %s', (facts, grade) => {
    expect(minimumGrade(facts)).toBe(grade);
  });

  test.each([
    ['general', 3, 'larger'],
    ['general', 9, 'larger'],
    ['general', 10, 'major'],
    ['general', 30, 'especially-major'],
    ['larger', 10, 'major'],
    ['larger', 29, 'major'],
    ['larger', 30, 'especially-major'],
    ['major', 30, 'especially-major'],
  ] as const)(
    '%s with %i deaths is impossible: the quote answers 400 on accidentGrade naming %s',
    (grade, deaths, min) => {
      const e = inputError(() =>
        quote({ scheme: 'concealed-accident', accidentGrade: grade, concealedDeaths: deaths }),
      );
      expect(e.path).toBe('accidentGrade');
      expect(e.text.zh).toContain(
        `至少为${{ larger: '较大事故', major: '重大事故', 'especially-major': '特别重大事故' }[min]}`,
      );
      expect(e.text.en).toContain(`at least a ${min.replace('-', ' ')} accident`);
    },
  );

  test.each([
    ['seriousInjuries', 10, 'larger'],
    ['seriousInjuries', 50, 'major'],
    ['seriousInjuries', 100, 'especially-major'],
    ['directLossFen', 1000 * WAN, 'larger'],
    ['directLossFen', 5000 * WAN, 'major'],
    ['directLossFen', 10_000 * WAN, 'especially-major'],
  ] as const)('%s at exactly %i lifts the minimum to %s; one below does not', (field, value, min) => {
    const below = { scheme: 'concealed-accident' as const, concealedDeaths: 1, [field]: value - 1 };
    const at = { scheme: 'concealed-accident' as const, concealedDeaths: 1, [field]: value };
    const lower = { larger: 'general', major: 'larger', 'especially-major': 'major' } as const;
    expect(quote({ ...below, accidentGrade: lower[min] }).scheme).toBe('concealed-accident');
    expect(inputError(() => quote({ ...at, accidentGrade: lower[min] })).path).toBe('accidentGrade');
    expect(quote({ ...at, accidentGrade: min }).scheme).toBe('concealed-accident');
  });

  test('3 deaths as a larger accident pays 120,000; 2 deaths as a general one 60,000', () => {
    expect(quote({ scheme: 'concealed-accident', accidentGrade: 'larger', concealedDeaths: 3 }).amountFen).toBe(
      yuan(120_000),
    );
    expect(quote({ scheme: 'concealed-accident', accidentGrade: 'general', concealedDeaths: 2 }).amountFen).toBe(
      yuan(60_000),
    );
  });

  test('the total deaths count, not only the concealed ones; and a higher grade is fine until all facts are known', () => {
    const base = { scheme: 'concealed-accident' as const, concealedDeaths: 1 };
    expect(inputError(() => quote({ ...base, accidentGrade: 'general', totalDeaths: 3 })).path).toBe('accidentGrade');
    expect(quote({ ...base, accidentGrade: 'major', totalDeaths: 3 }).amountFen).toBe(yuan(50_000));
    const all = { ...base, totalDeaths: 3, seriousInjuries: 0, directLossFen: 100 * WAN };
    expect(quote({ ...all, accidentGrade: 'larger' }).amountFen).toBe(yuan(40_000));
    const higher = inputError(() => quote({ ...all, accidentGrade: 'major' }));
    expect(higher.path).toBe('accidentGrade');
    expect(higher.text.zh).toContain('为较大事故');
    expect(impossibleGrade('especially-major', { deaths: 3, seriousInjuries: 0, directLossFen: 0 })).toBeDefined();
  });

  test('concealed deaths cannot exceed the deaths (400 on concealedDeaths)', () => {
    const e = inputError(() =>
      quote({ scheme: 'concealed-accident', accidentGrade: 'larger', concealedDeaths: 4, totalDeaths: 3 }),
    );
    expect(e.path).toBe('concealedDeaths');
    expect(
      quote({ scheme: 'concealed-accident', accidentGrade: 'larger', concealedDeaths: 3, totalDeaths: 3 }).amountFen,
    ).toBe(yuan(120_000));
  });

  test.each(['totalDeaths', 'seriousInjuries', 'directLossFen'] as const)(
    '%s belongs to concealed accidents only',
    (field) => {
      expect(inputError(() => quote({ scheme: 'violation', [field]: 1 })).path).toBe(field);
    },
  );

  const findings = (over: Record<string, unknown>) =>
    findingsSchema.safeParse({
      inspectedOn: '2025-11-20',
      summary: '现场核查属实。',
      substantiated: true,
      alreadyKnownAndHandled: false,
      violationKind: 'concealed-accident',
      ...over,
    });
  const issuePaths = (r: ReturnType<typeof findings>) => (r.success ? [] : r.error.issues.map((i) => i.path.join('.')));

  test.each([
    [{ accidentGrade: 'general', concealedDeaths: 3 }, 'accidentGrade'],
    [{ accidentGrade: 'larger', concealedDeaths: 10 }, 'accidentGrade'],
    [{ accidentGrade: 'major', concealedDeaths: 30 }, 'accidentGrade'],
    [{ accidentGrade: 'general', concealedDeaths: 1, totalDeaths: 3 }, 'accidentGrade'],
    [{ accidentGrade: 'general', concealedDeaths: 1, seriousInjuries: 10 }, 'accidentGrade'],
    [{ accidentGrade: 'larger', concealedDeaths: 1, directLossFen: 5000 * WAN }, 'accidentGrade'],
    [
      { accidentGrade: 'major', concealedDeaths: 1, totalDeaths: 1, seriousInjuries: 0, directLossFen: 0 },
      'accidentGrade',
    ],
    [{ accidentGrade: 'larger', concealedDeaths: 4, totalDeaths: 3 }, 'concealedDeaths'],
  ])('findings %p are refused on %s', (over, path) => {
    expect(issuePaths(findings(over))).toEqual([path]);
  });

  test('possible findings pass, and a pending grade is checked later, by the investigation report', () => {
    expect(findings({ accidentGrade: 'larger', concealedDeaths: 2, totalDeaths: 3, seriousInjuries: 4 }).success).toBe(
      true,
    );
    expect(findings({ gradePending: true, concealedDeaths: 3 }).success).toBe(true);
  });

  test('the investigation report is held to the same rule', () => {
    const report = { reportNo: '安阳事调〔2026〕3号', issuedOn: '2026-11-28', grade: 'general', deaths: 3 };
    const parsed = actionPayloads['record-investigation'].safeParse(report);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))).toEqual(['grade']);
    expect(actionPayloads['record-investigation'].safeParse({ ...report, grade: 'larger' }).success).toBe(true);
    const tooMany = actionPayloads['record-investigation'].safeParse({
      ...report,
      grade: 'larger',
      concealedDeaths: 4,
    });
    expect(tooMany.success ? [] : tooMany.error.issues.map((i) => i.path.join('.'))).toEqual(['concealedDeaths']);
  });
});

describe('the welding rule applies from 2023-03-28 (assumed)', () => {
  test.each([
    ['2023-03-27', undefined],
    ['2023-03-28', 'anyang-welding-2023'],
  ])('reported on %s', (reportedOn, policy) => {
    if (!policy) expect(inputError(() => quote({ scheme: 'welding', realName: true, reportedOn })).path).toBe('scheme');
    else
      expect(quote({ scheme: 'welding', realName: true, reportedOn })).toMatchObject({ policy, amountFen: yuan(500) });
  });

  test('the version and its document are dated 2023-03-28, both flagged as assumed', () => {
    const p = policyInForce('2023-03-28', builtInPolicies);
    expect(p.documents.find((d) => d.id === 'anyang-welding-2023')?.effectiveFrom).toBe('2023-03-28');
    expect(p.assumed).toEqual(expect.arrayContaining(['effectiveFrom', 'documents.anyang-welding-2023.effectiveFrom']));
  });
});

describe('coal mines are outside the city scheme', () => {
  test('the estimator answers 400 on category, naming the mine-safety channel', () => {
    const e = inputError(() => quote({ scheme: 'violation', category: 'coal-mine-illegal-mining' }));
    expect(e.path).toBe('category');
    expect(e.text.zh).toContain('国家矿山安全监察局河南局');
    expect(e.text.en).toContain('outside the city reward scheme');
    expect(quote({ scheme: 'violation', category: 'non-coal-illegal-mining' }).amountFen).toBe(yuan(3_000));
  });

  test('findings of a coal-mine report are ineligible, with that reason', () => {
    const f = findingsSchema.parse({
      inspectedOn: '2025-11-20',
      summary: '属实。',
      substantiated: true,
      alreadyKnownAndHandled: false,
      violationKind: 'illegal-operation',
    });
    const at = new Date('2025-11-20T02:00:00Z');
    const facts = { receivedAt: at, decidedAt: at, realName: true };
    const r = rewardForFindings(f, { ...facts, category: 'coal-mine-illegal-mining' }, builtInPolicies);
    expect(r.eligible).toBe(false);
    if (!r.eligible) expect(r.reasons[0].zh).toContain('不属于本市安全生产领域举报奖励范围');
    expect(rewardForFindings(f, { ...facts, category: 'non-coal-illegal-mining' }, builtInPolicies).eligible).toBe(
      true,
    );
  });
});

describe('the documents cited are the ones applied', () => {
  const numbers = (q: { documents: { number: string; title: { zh: string } }[] }) =>
    q.documents.map((d) => d.number || d.title.zh);
  test.each([
    ['2020-06-01', 'violation', undefined, ['安监总财〔2018〕19号']],
    ['2022-03-01', 'violation', undefined, ['安监总财〔2018〕19号', '豫应急〔2022〕133号']],
    ['2022-07-01', 'violation', undefined, ['安安委〔2022〕14号', '豫应急〔2022〕133号']],
    // The welding rule stands beside the others: a non-welding reward never cites it.
    ['2023-05-01', 'violation', undefined, ['安安委〔2022〕14号', '豫应急〔2022〕133号']],
    ['2024-06-01', 'violation', undefined, ['安安委〔2022〕14号', '豫应急〔2023〕103号']],
    ['2024-06-01', 'violation', 'listed-situation', ['豫应急〔2023〕103号']],
    ['2025-05-29', 'concealed-accident', undefined, ['安监总财〔2018〕19号', '豫应急〔2023〕103号']],
    ['2024-06-01', 'welding', undefined, ['安阳市焊接作业违法违规行为举报奖励办法']],
    ['2025-06-01', 'violation', undefined, ['河南省安全生产领域举报奖励办法（2025 年修订）', '安安委〔2022〕14号']],
  ] as const)('%s, %s %s → %p', (reportedOn, scheme, violationKind, cited) => {
    const input =
      scheme === 'concealed-accident'
        ? { scheme, reportedOn, accidentGrade: 'general' as const, concealedDeaths: 1 }
        : { scheme, reportedOn, violationKind, realName: true };
    const q = quote(input);
    expect(numbers(q)).toEqual(cited);
    for (const d of q.documents) expect(q.explanation[0].zh).toContain(`《${d.title.zh}》`);
    expect(q.explanation[0].zh).not.toContain(q.policy);
  });

  test("the employee uplift adds its own document's citation", () => {
    const q = quote({ scheme: 'violation', reportedOn: '2024-06-01', employeeOfSubject: true, realName: true });
    expect(numbers(q)).toEqual(['安安委〔2022〕14号', '豫应急〔2023〕103号']);
    const n = quote({
      scheme: 'welding',
      reportedOn: '2022-07-01',
      violationKind: 'major-hazard',
      employeeOfSubject: true,
    });
    expect(numbers(n)).toEqual(['安安委〔2022〕14号', '豫应急〔2022〕133号']);
  });

  test('every version cites only its own documents, and the Henan dates before 2025 stay assumed', () => {
    for (const p of builtInPolicies) expect(rewardPolicySchema.safeParse(p).success).toBe(true);
    const henan2022 = policyInForce('2022-03-01', builtInPolicies);
    expect(henan2022.assumed).toEqual(
      expect.arrayContaining(['documents.henan-2022.effectiveFrom', 'listedSituation', 'employeeUplift.minFen']),
    );
    const henan2023 = policyInForce('2023-07-01', builtInPolicies);
    expect(henan2023).toMatchObject({ id: 'henan-2023' });
    expect(henan2023.assumed).toEqual(expect.arrayContaining(['effectiveFrom', 'documents.henan-2023.effectiveFrom']));
    expect(policyInForce(AFTER_2025, builtInPolicies).assumed).toContain('documents.henan-2025.effectiveFrom');
    expect(policyInForce(AFTER_2025, builtInPolicies).assumed).not.toContain('employeeUplift.minFen');
  });
});

describe('rounding is a policy value: to the fen or to the yuan', () => {
  // 15% of 20,016.67 yuan = 3,002.5005 yuan.
  const fine = 2_001_667;
  test.each([
    ['yuan', 300_300, '四舍五入到整元（暂定值）为 3,003 元'],
    ['fen', 300_250, '四舍五入到分（暂定值）为 3,002.50 元'],
  ] as const)('%s: %i fen', (rounding, fen, said) => {
    const q = quote({ scheme: 'violation', violationKind: 'major-hazard', fineFen: fine }, withDecision({ rounding }));
    expect(q.amountFen).toBe(fen);
    expect(q.explanation.map((l) => l.zh).join('\n')).toContain(said);
  });

  test('the uplift is rounded the same way', () => {
    // 15% of 3,002.50 = 450.375: 450 to the yuan, 450.38 to the fen; below the 1,000 floor either way, so use a bigger fine.
    const big = 10_000_333; // 100,003.33 yuan → 15% = 15,000.4995
    const yuanQ = quote(
      { scheme: 'violation', fineFen: big, employeeOfSubject: true },
      withDecision({ rounding: 'yuan' }),
    );
    const fenQ = quote(
      { scheme: 'violation', fineFen: big, employeeOfSubject: true },
      withDecision({ rounding: 'fen' }),
    );
    expect(yuanQ.amountFen).toBe(yuan(15_000) + yuan(2_250)); // 15% of 15,000 = 2,250
    expect(fenQ.amountFen).toBe(1_500_050 + 225_008); // 15,000.50 + 2,250.075 → 2,250.08
    expect(fenQ.explanation.map((l) => l.zh).join('\n')).toContain('四舍五入到分');
  });

  test('a decided rounding is no longer marked assumed', () => {
    const registry = decided((p) => ({
      ...p,
      decisions: { ...p.decisions, rounding: 'fen' },
      assumed: p.assumed.filter((a) => a !== 'decisions.rounding'),
    }));
    const q = quote({ scheme: 'violation', fineFen: fine }, registry);
    expect(q.explanation.map((l) => l.zh).join('\n')).toContain('四舍五入到分为 3,002.50 元');
  });
});

describe('the decisions the bureau must make, each both ways', () => {
  test('anonymousRewarded: true → rewarded and said so; false → 400 on realName, ineligible in findings', () => {
    const yes = quote({ scheme: 'violation', realName: false });
    expect(yes.amountFen).toBe(yuan(3_000));
    expect(yes.explanation.map((l) => l.zh)).toContain('匿名举报凭举报回执领取奖励（暂定值）。');
    const registry = withDecision({ anonymousRewarded: false });
    const e = inputError(() => quote({ scheme: 'violation', realName: false }, registry));
    expect(e.path).toBe('realName');
    expect(e.text.zh).toContain('匿名举报不予奖励');
    expect(quote({ scheme: 'violation', realName: true }, registry).amountFen).toBe(yuan(3_000));
    const f = findingsSchema.parse({
      inspectedOn: '2025-11-20',
      summary: '属实。',
      substantiated: true,
      alreadyKnownAndHandled: false,
      violationKind: 'illegal-operation',
    });
    const at = new Date('2025-11-20T02:00:00Z');
    expect(rewardForFindings(f, { receivedAt: at, decidedAt: at, realName: false }, registry)).toMatchObject({
      eligible: false,
      reasons: [expect.objectContaining({ zh: expect.stringContaining('匿名举报不予奖励') })],
    });
  });

  test('weldingExclusive: false → the better of both; true → the welding reward only', () => {
    const input = { scheme: 'welding' as const, violationKind: 'major-hazard' as const, realName: true };
    expect(quote(input)).toMatchObject({ scheme: 'violation', amountFen: yuan(3_000) });
    const only = quote(input, withDecision({ weldingExclusive: true }));
    expect(only).toMatchObject({ scheme: 'welding', amountFen: yuan(500) });
    expect(only.explanation.map((l) => l.zh).join('\n')).toContain('焊接作业违法违规行为只按');
  });

  test('employeeUplift.appliesToWelding: false → none on welding; true → added', () => {
    const input = { scheme: 'welding' as const, fineFen: yuan(10_000), employeeOfSubject: true, realName: true };
    expect(quote(input).amountFen).toBe(yuan(1_500));
    expect(quote(input).explanation.map((l) => l.zh)).toContain('焊接作业奖励不适用内部员工上浮（暂定值）。');
    const registry = decided((p) =>
      p.employeeUplift ? { ...p, employeeUplift: { ...p.employeeUplift, appliesToWelding: true } } : p,
    );
    expect(quote(input, registry).amountFen).toBe(yuan(2_500)); // 1,500 + the 1,000 floor
  });

  test('employeeUplift.appliesToConcealedAccident: true → added; false → none', () => {
    const input = {
      scheme: 'concealed-accident' as const,
      accidentGrade: 'general' as const,
      concealedDeaths: 1,
      employeeOfSubject: true,
    };
    expect(quote(input).amountFen).toBe(yuan(34_500)); // 30,000 + 15%
    const registry = decided((p) =>
      p.employeeUplift ? { ...p, employeeUplift: { ...p.employeeUplift, appliesToConcealedAccident: false } } : p,
    );
    const q = quote(input, registry);
    expect(q.amountFen).toBe(yuan(30_000));
    expect(q.explanation.map((l) => l.zh).join('\n')).toContain('不适用内部员工上浮（暂定值）');
  });

  test('majorHazardNoFineMinimum: true → the minimum, said as assumed; false → 400 on fineFen', () => {
    const q = quote({ scheme: 'violation', violationKind: 'major-hazard' });
    expect(q.amountFen).toBe(yuan(3_000));
    expect(q.explanation.map((l) => l.zh)).toContain('重大事故隐患经核查属实但未处罚款的，按最低奖励计（暂定值）。');
    const registry = withDecision({ majorHazardNoFineMinimum: false });
    expect(inputError(() => quote({ scheme: 'violation', violationKind: 'major-hazard' }, registry)).path).toBe(
      'fineFen',
    );
    expect(
      quote({ scheme: 'violation', violationKind: 'major-hazard', fineFen: yuan(100_000) }, registry).amountFen,
    ).toBe(yuan(15_000));
    // Illegal operation without a fine still earns the minimum.
    expect(quote({ scheme: 'violation', violationKind: 'illegal-operation' }, registry).amountFen).toBe(yuan(3_000));
  });

  test('policyDay: received, accepted or decided picks the version (a day not reached falls back to received)', () => {
    const facts = {
      receivedAt: new Date('2025-05-20T02:00:00Z'), // henan-2023
      acceptedAt: new Date('2025-05-29T16:00:00Z'), // 30 May in Shanghai: henan-2025
      decidedAt: new Date('2025-07-01T02:00:00Z'),
      realName: true,
    };
    expect(policyDayOf(facts, builtInPolicies)).toEqual({ day: '2025-05-20', kind: 'received' });
    expect(policyDayOf(facts, withDecision({ policyDay: 'accepted' }))).toEqual({
      day: '2025-05-30',
      kind: 'accepted',
    });
    expect(policyDayOf(facts, withDecision({ policyDay: 'decided' }))).toEqual({ day: '2025-07-01', kind: 'decided' });
    const { acceptedAt: _unused, ...notAccepted } = facts;
    expect(policyDayOf(notAccepted, withDecision({ policyDay: 'accepted' }))).toEqual({
      day: '2025-05-20',
      kind: 'received',
    });
    const f = findingsSchema.parse({
      inspectedOn: '2025-07-01',
      summary: '属实。',
      substantiated: true,
      alreadyKnownAndHandled: false,
      violationKind: 'illegal-operation',
      employeeOfSubject: true,
      employmentProof: '劳动合同',
    });
    const byReceived = rewardForFindings(f, facts, builtInPolicies);
    const byAccepted = rewardForFindings(f, facts, withDecision({ policyDay: 'accepted' }));
    expect(byReceived).toMatchObject({ eligible: true, quote: { policy: 'henan-2023', amountFen: yuan(4_000) } });
    expect(byAccepted).toMatchObject({ eligible: true, quote: { policy: 'henan-2025' } });
    if (byReceived.eligible) expect(byReceived.quote.explanation[0].zh).toContain('举报日期 2025-05-20（暂定值）');
    if (byAccepted.eligible) expect(byAccepted.quote.explanation[0].zh).toContain('受理日期 2025-05-30');
  });
});

describe('the employee uplift follows the verifier’s recorded fact', () => {
  const base = {
    inspectedOn: '2025-11-20',
    summary: '属实。',
    substantiated: true,
    alreadyKnownAndHandled: false,
    violationKind: 'illegal-operation',
  };
  const at = new Date('2025-11-20T02:00:00Z');
  const facts = { receivedAt: at, decidedAt: at, realName: true };

  test('recorded with its proof → uplift; not recorded → none', () => {
    const recorded = findingsSchema.parse({ ...base, employeeOfSubject: true, employmentProof: '工牌及工资单' });
    expect(rewardForFindings(recorded, facts, builtInPolicies)).toMatchObject({ quote: { amountFen: yuan(4_000) } });
    expect(rewardForFindings(findingsSchema.parse(base), facts, builtInPolicies)).toMatchObject({
      quote: { amountFen: yuan(3_000) },
    });
  });

  test('employment without its proof is refused on employmentProof', () => {
    const r = findingsSchema.safeParse({ ...base, employeeOfSubject: true });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['employmentProof']);
  });

  test('an anonymous reporter cannot be shown to work there: no uplift', () => {
    const recorded = findingsSchema.parse({ ...base, employeeOfSubject: true, employmentProof: '工牌' });
    expect(rewardForFindings(recorded, { ...facts, realName: false }, builtInPolicies)).toMatchObject({
      quote: { amountFen: yuan(3_000) },
    });
  });
});
