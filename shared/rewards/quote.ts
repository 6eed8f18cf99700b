// quoteReward: what a verified report would earn under the policy in force on the
// day that selects it. When several schemes fit, the reporter gets the one that
// pays most, never two (unless the version makes the welding rule exclusive).
import { outsideSchemeOf, type Label, type RewardScheme } from '../catalog';
import { checkAccidentGrade } from './accidentGrade';
import { RewardInputError } from './errors';
import {
  accidentGrades,
  isAssumed,
  policyInForce,
  type AccidentGrade,
  type PolicyRegistry,
  type RewardPolicy,
} from './policies';
import type { PolicyDecisions } from './policySchema';
import {
  concealedAccidentReward,
  violationReward,
  weldingReward,
  withEmployeeUplift,
  type SchemeResult,
} from './schemes';
import {
  ASSUMED,
  ASSUMED_DATE,
  documentsText,
  line,
  money,
  moneyRange,
  schemeLabels,
  violationShortLabel,
  weldingShortLabel,
  type CitedDocument,
  type ViolationKind,
} from './texts';

export type { RewardScheme };
export type PolicyDay = PolicyDecisions['policyDay'];

export interface RewardQuoteInput {
  scheme: RewardScheme;
  violationKind?: ViolationKind;
  fineFen?: number;
  accidentGrade?: AccidentGrade;
  concealedDeaths?: number;
  /** All deaths of the accident (the concealed ones included); the concealed deaths when absent. */
  totalDeaths?: number;
  /** Serious injuries, acute industrial poisoning included. */
  seriousInjuries?: number;
  directLossFen?: number;
  /** The report's category: some (coal mines) are outside the city scheme. */
  category?: string;
  employeeOfSubject?: boolean;
  realName?: boolean;
  /** YYYY-MM-DD, Asia/Shanghai: picks the policy version. */
  reportedOn: string;
  /** Which day `reportedOn` is (the day the version's policy selects): said in the explanation. */
  dayKind?: PolicyDay;
}

export type { CitedDocument };

export interface RewardQuote {
  amountFen: number;
  /** The range within which a verifier may set the amount for this scheme (with the uplift, when it applies). */
  minFen: number;
  maxFen: number;
  policy: string;
  policyTitle: Label;
  scheme: RewardScheme;
  /** The documents actually applied to this reward (never the version's whole list). */
  documents: CitedDocument[];
  explanation: Label[];
}

const schemes: readonly RewardScheme[] = ['violation', 'concealed-accident', 'welding'];
const violationKinds: readonly ViolationKind[] = ['major-hazard', 'illegal-operation', 'listed-situation'];
const NO_MARK: Label = { zh: '', en: '' };
const markFor = (policy: RewardPolicy, path: string): Label => (isAssumed(policy, path) ? ASSUMED : NO_MARK);

const invalid = (path: string, zh: string, en: string) => new RewardInputError(path, { zh, en });
const isCount = (n: number | undefined, min: number) => n === undefined || (Number.isSafeInteger(n) && n >= min);

/** Field checks for callers that did not come through the request schema. */
function checkFields(input: RewardQuoteInput): void {
  if (!schemes.includes(input.scheme))
    throw invalid(
      'scheme',
      '奖励类别应为 violation、concealed-accident 或 welding。',
      'The scheme must be violation, concealed-accident or welding.',
    );
  const outside = outsideSchemeOf(input.category);
  if (outside) throw new RewardInputError('category', outside.reason);
  if (input.violationKind !== undefined && !violationKinds.includes(input.violationKind))
    throw invalid('violationKind', '违法行为类别不正确。', 'Unknown violation kind.');
  if (input.accidentGrade !== undefined && !accidentGrades.includes(input.accidentGrade))
    throw invalid('accidentGrade', '事故等级不正确。', 'Unknown accident grade.');
  if (!isCount(input.fineFen, 0))
    throw invalid(
      'fineFen',
      '罚款金额应为不小于 0 的整数（单位：分）。',
      'The fine must be a whole number of fen, 0 or more.',
    );
  if (!isCount(input.concealedDeaths, 1))
    throw invalid(
      'concealedDeaths',
      '瞒报死亡人数应为不小于 1 的整数。',
      'Concealed deaths must be a whole number, 1 or more.',
    );
  if (!isCount(input.totalDeaths, 0))
    throw invalid('totalDeaths', '死亡人数应为不小于 0 的整数。', 'Deaths must be a whole number, 0 or more.');
  if (!isCount(input.seriousInjuries, 0))
    throw invalid(
      'seriousInjuries',
      '重伤人数应为不小于 0 的整数。',
      'Serious injuries must be a whole number, 0 or more.',
    );
  if (!isCount(input.directLossFen, 0))
    throw invalid(
      'directLossFen',
      '直接经济损失应为不小于 0 的整数（单位：分）。',
      'The direct loss must be a whole number of fen, 0 or more.',
    );
  if (input.employeeOfSubject && input.realName === false)
    throw invalid(
      'realName',
      '内部员工举报本单位须实名。',
      'An employee reporting their own employer must give their name.',
    );
  if (input.scheme !== 'concealed-accident') {
    const accidentOnly: Record<string, Label> = {
      accidentGrade: { zh: '事故等级', en: 'The accident grade' },
      concealedDeaths: { zh: '瞒报死亡人数', en: 'Concealed deaths' },
      totalDeaths: { zh: '死亡人数', en: 'Deaths' },
      seriousInjuries: { zh: '重伤人数', en: 'Serious injuries' },
      directLossFen: { zh: '直接经济损失', en: 'The direct loss' },
    };
    for (const [field, name] of Object.entries(accidentOnly))
      if (input[field as keyof RewardQuoteInput] !== undefined)
        throw invalid(field, `${name.zh}只用于瞒报、谎报事故。`, `${name.en} applies only to concealed accidents.`);
  }
}

/** An anonymous report is rewarded or not as the version decides; the explanation says which. */
function anonymousLine(policy: RewardPolicy, input: RewardQuoteInput): Label | undefined {
  if (input.realName !== false) return undefined;
  const mark = markFor(policy, 'decisions.anonymousRewarded');
  if (!policy.decisions.anonymousRewarded)
    throw invalid(
      'realName',
      `匿名举报不予奖励，奖励只发给实名举报人${mark.zh}。`,
      `Anonymous reports are not rewarded: rewards go to real-name reporters only${mark.en}.`,
    );
  return line((l) =>
    l === 'zh'
      ? `匿名举报凭举报回执领取奖励${mark.zh}。`
      : `An anonymous report is rewarded against its receipt${mark.en}.`,
  );
}

function concealedAccidentResult(policy: RewardPolicy, input: RewardQuoteInput): SchemeResult {
  if (input.violationKind !== undefined)
    throw invalid(
      'violationKind',
      '瞒报、谎报事故不需要填写违法行为类别。',
      'A concealed accident takes no violation kind.',
    );
  if (input.accidentGrade === undefined)
    throw invalid('accidentGrade', '请填写最终确认的事故等级。', 'Give the accident grade finally confirmed.');
  if (input.concealedDeaths === undefined)
    throw invalid(
      'concealedDeaths',
      '请填写查实的瞒报、谎报死亡人数。',
      'Give the number of verified concealed deaths.',
    );
  if (input.totalDeaths !== undefined && input.concealedDeaths > input.totalDeaths)
    throw invalid(
      'concealedDeaths',
      `瞒报死亡人数（${input.concealedDeaths}）不能多于事故死亡人数（${input.totalDeaths}）。`,
      `Concealed deaths (${input.concealedDeaths}) cannot exceed the accident's deaths (${input.totalDeaths}).`,
    );
  checkAccidentGrade(input.accidentGrade, {
    deaths: input.totalDeaths ?? input.concealedDeaths,
    seriousInjuries: input.seriousInjuries,
    directLossFen: input.directLossFen,
  });
  return concealedAccidentReward(policy, input.accidentGrade, input.concealedDeaths);
}

/** Every scheme the report qualifies for, the one asked for first. */
function schemeResults(policy: RewardPolicy, input: RewardQuoteInput): SchemeResult[] {
  switch (input.scheme) {
    case 'violation':
      return [violationReward(policy, input.violationKind ?? 'major-hazard', input.fineFen)];
    case 'concealed-accident':
      return [concealedAccidentResult(policy, input)];
    case 'welding':
      return weldingResults(policy, input);
  }
}

/** A welding violation that is also a major hazard or illegal act, under the general scheme (if that pays at all). */
function weldingAsViolation(policy: RewardPolicy, input: RewardQuoteInput, weldingPays: boolean) {
  if (!input.violationKind) return undefined;
  try {
    return violationReward(policy, input.violationKind, input.fineFen);
  } catch (error) {
    // Nothing under the general scheme: the welding reward alone, when there is one.
    if (error instanceof RewardInputError && weldingPays) return undefined;
    throw error;
  }
}

/** The welding reward, and the violation reward too when the welding was also a major hazard or illegal act. */
function weldingResults(policy: RewardPolicy, input: RewardQuoteInput): SchemeResult[] {
  const unavailable =
    input.realName === false
      ? invalid('realName', '焊接作业奖励只发给实名举报人。', 'The welding reward is paid to real-name reporters only.')
      : !policy.welding
        ? invalid(
            'scheme',
            `${policy.effectiveFrom} 起施行的规则中还没有焊接作业举报奖励。`,
            `There was no welding reward under the rules in force from ${policy.effectiveFrom}.`,
          )
        : undefined;
  const asViolation = weldingAsViolation(policy, input, !unavailable);
  if (!unavailable) {
    if (!asViolation) return [weldingReward(policy, input.fineFen)];
    if (policy.decisions.weldingExclusive) {
      const mark = markFor(policy, 'decisions.weldingExclusive');
      const welding = weldingReward(policy, input.fineFen);
      const note = line((l) =>
        l === 'zh'
          ? `焊接作业违法违规行为只按${schemeLabels.welding.zh}计，不再按${violationShortLabel(input.violationKind!).zh}计${mark.zh}。`
          : `A welding violation is rewarded under ${schemeLabels.welding.en} only, not ${violationShortLabel(input.violationKind!).en}${mark.en}.`,
      );
      return [{ ...welding, lines: [...welding.lines, note] }];
    }
    return [weldingReward(policy, input.fineFen), asViolation];
  }
  if (!asViolation) throw unavailable;
  const note = line((l) =>
    l === 'zh'
      ? `${unavailable.text.zh}本次按${schemeLabels.violation.zh}计算。`
      : `${unavailable.text.en} Quoted under ${schemeLabels.violation.en} instead.`,
  );
  return [{ ...asViolation, lines: [note, ...asViolation.lines] }];
}

/** The documents applied to a result: its scheme's (or the listed situations') and the uplift's when added. */
export function appliedDocuments(
  policy: RewardPolicy,
  result: Pick<SchemeResult, 'scheme' | 'upliftApplied'>,
  violationKind?: ViolationKind,
): CitedDocument[] {
  const c = policy.citations;
  const part =
    result.scheme === 'concealed-accident'
      ? c.concealedAccident
      : result.scheme === 'welding'
        ? (c.welding ?? [])
        : violationKind === 'listed-situation'
          ? (c.listedSituation ?? c.violation)
          : c.violation;
  const ids = [...new Set([...part, ...(result.upliftApplied ? (c.employeeUplift ?? []) : [])])];
  return ids.map((id) => {
    const doc = policy.documents.find((d) => d.id === id)!;
    return { title: doc.title, number: doc.number };
  });
}

const dayNames: Record<PolicyDay, Label> = {
  received: { zh: '举报日期', en: 'Reported on' },
  accepted: { zh: '受理日期', en: 'Accepted on' },
  decided: { zh: '奖励决定日期', en: 'Reward decided on' },
};

function policyLine(policy: RewardPolicy, input: RewardQuoteInput, documents: CitedDocument[]): Label {
  const dateMark = isAssumed(policy, 'effectiveFrom') ? ASSUMED_DATE : NO_MARK;
  const cited = documentsText(documents);
  const day = dayNames[input.dayKind ?? 'received'];
  const dayMark = input.dayKind ? markFor(policy, 'decisions.policyDay') : NO_MARK;
  return line((l) =>
    l === 'zh'
      ? `${day.zh} ${input.reportedOn}${dayMark.zh}，适用 ${policy.effectiveFrom} 起施行的规则${dateMark.zh}：${cited.zh}。`
      : `${day.en} ${input.reportedOn}${dayMark.en}: the rules in force from ${policy.effectiveFrom}${dateMark.en} apply: ${cited.en}.`,
  );
}

function comparisonLine(policy: RewardPolicy, all: SchemeResult[], kind: ViolationKind): Label {
  const name = (r: SchemeResult) => (r.scheme === 'welding' ? weldingShortLabel : violationShortLabel(kind));
  const mark = markFor(policy, 'decisions.weldingExclusive');
  return line((l) =>
    l === 'zh'
      ? `同时符合${all.map((r) => `${name(r).zh}（${money(r.amountFen).zh}）`).join('和')}，取较高的一项，不重复奖励${mark.zh}。`
      : `Both ${all.map((r) => `${name(r).en} (${money(r.amountFen).en})`).join(' and ')} fit; the higher one is paid, never both${mark.en}.`,
  );
}

export function quoteReward(input: RewardQuoteInput, registry: PolicyRegistry): RewardQuote {
  const policy = policyInForce(input.reportedOn, registry);
  checkFields(input);
  const anonymous = anonymousLine(policy, input);
  const results = schemeResults(policy, input).map((r) =>
    withEmployeeUplift(policy, r, input.employeeOfSubject === true),
  );
  // The first (the scheme asked for) wins a tie.
  const chosen = results.reduce((best, r) => (r.amountFen > best.amountFen ? r : best));
  const documents = appliedDocuments(policy, chosen, input.violationKind);
  const explanation = [policyLine(policy, input, documents), ...(anonymous ? [anonymous] : []), ...chosen.lines];
  if (results.length > 1 && input.violationKind) explanation.push(comparisonLine(policy, results, input.violationKind));
  explanation.push(
    line((l) =>
      l === 'zh'
        ? `预计奖励 ${money(chosen.amountFen).zh}（核定范围 ${moneyRange(chosen.minFen, chosen.maxFen).zh}）。`
        : `Estimated reward: ${money(chosen.amountFen).en} (the verifier may set it within ${moneyRange(chosen.minFen, chosen.maxFen).en}).`,
    ),
  );
  return {
    amountFen: chosen.amountFen,
    minFen: chosen.minFen,
    maxFen: chosen.maxFen,
    policy: policy.id,
    policyTitle: policy.title,
    scheme: chosen.scheme,
    documents,
    explanation,
  };
}
