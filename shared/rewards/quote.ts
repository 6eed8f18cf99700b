// quoteReward: what a verified report would earn under the policy in force on the
// day it was reported. When several schemes fit, the reporter gets the one that
// pays most, never two.
import type { Label, RewardScheme } from '../catalog';
import { RewardInputError } from './errors';
import {
  accidentGrades,
  isAssumed,
  policyInForce,
  type AccidentGrade,
  type PolicyRegistry,
  type RewardPolicy,
} from './policies';
import {
  concealedAccidentReward,
  violationReward,
  weldingReward,
  withEmployeeUplift,
  type SchemeResult,
} from './schemes';
import {
  line,
  money,
  moneyRange,
  schemeLabels,
  violationShortLabel,
  weldingShortLabel,
  type ViolationKind,
} from './texts';

export type { RewardScheme };

export interface RewardQuoteInput {
  scheme: RewardScheme;
  violationKind?: ViolationKind;
  fineFen?: number;
  accidentGrade?: AccidentGrade;
  concealedDeaths?: number;
  employeeOfSubject?: boolean;
  realName?: boolean;
  /** YYYY-MM-DD, Asia/Shanghai: picks the policy version. */
  reportedOn: string;
}

export interface RewardQuote {
  amountFen: number;
  /** The range within which a verifier may set the amount for this scheme (with the uplift, when it applies). */
  minFen: number;
  maxFen: number;
  policy: string;
  policyTitle: Label;
  scheme: RewardScheme;
  explanation: Label[];
}

const schemes: readonly RewardScheme[] = ['violation', 'concealed-accident', 'welding'];
const violationKinds: readonly ViolationKind[] = ['major-hazard', 'illegal-operation', 'listed-situation'];

const invalid = (path: string, zh: string, en: string) => new RewardInputError(path, { zh, en });

/** Field checks for callers that did not come through the request schema. */
function checkFields(input: RewardQuoteInput): void {
  if (!schemes.includes(input.scheme))
    throw invalid(
      'scheme',
      '奖励类别应为 violation、concealed-accident 或 welding。',
      'The scheme must be violation, concealed-accident or welding.',
    );
  if (input.violationKind !== undefined && !violationKinds.includes(input.violationKind))
    throw invalid('violationKind', '违法行为类别不正确。', 'Unknown violation kind.');
  if (input.accidentGrade !== undefined && !accidentGrades.includes(input.accidentGrade))
    throw invalid('accidentGrade', '事故等级不正确。', 'Unknown accident grade.');
  if (input.fineFen !== undefined && !(Number.isSafeInteger(input.fineFen) && input.fineFen >= 0))
    throw invalid(
      'fineFen',
      '罚款金额应为不小于 0 的整数（单位：分）。',
      'The fine must be a whole number of fen, 0 or more.',
    );
  if (
    input.concealedDeaths !== undefined &&
    !(Number.isSafeInteger(input.concealedDeaths) && input.concealedDeaths >= 1)
  )
    throw invalid(
      'concealedDeaths',
      '瞒报死亡人数应为不小于 1 的整数。',
      'Concealed deaths must be a whole number, 1 or more.',
    );
  if (input.employeeOfSubject && input.realName === false)
    throw invalid(
      'realName',
      '内部员工举报本单位须实名。',
      'An employee reporting their own employer must give their name.',
    );
  if (input.scheme !== 'concealed-accident') {
    if (input.accidentGrade !== undefined)
      throw invalid(
        'accidentGrade',
        '事故等级只用于瞒报、谎报事故。',
        'The accident grade applies only to concealed accidents.',
      );
    if (input.concealedDeaths !== undefined)
      throw invalid(
        'concealedDeaths',
        '瞒报死亡人数只用于瞒报、谎报事故。',
        'Concealed deaths apply only to concealed accidents.',
      );
  }
}

/** Every scheme the report qualifies for, the one asked for first. */
function schemeResults(policy: RewardPolicy, input: RewardQuoteInput): SchemeResult[] {
  switch (input.scheme) {
    case 'violation':
      return [violationReward(policy, input.violationKind ?? 'major-hazard', input.fineFen)];
    case 'concealed-accident': {
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
      return [concealedAccidentReward(policy, input.accidentGrade, input.concealedDeaths)];
    }
    case 'welding':
      return weldingResults(policy, input);
  }
}

/** The welding reward, and the violation reward too when the welding was also a major hazard or illegal act. */
function weldingResults(policy: RewardPolicy, input: RewardQuoteInput): SchemeResult[] {
  const asViolation = input.violationKind ? violationReward(policy, input.violationKind, input.fineFen) : undefined;
  const unavailable =
    input.realName === false
      ? invalid('realName', '焊接作业奖励只发给实名举报人。', 'The welding reward is paid to real-name reporters only.')
      : !policy.welding
        ? invalid(
            'scheme',
            `《${policy.title.zh}》施行期间还没有焊接作业举报奖励。`,
            `There was no welding reward under ${policy.title.en}.`,
          )
        : undefined;
  if (!unavailable)
    return asViolation ? [weldingReward(policy, input.fineFen), asViolation] : [weldingReward(policy, input.fineFen)];
  if (!asViolation) throw unavailable;
  const note = line((l) =>
    l === 'zh'
      ? `${unavailable.text.zh}本次按${schemeLabels.violation.zh}计算。`
      : `${unavailable.text.en} Quoted under ${schemeLabels.violation.en} instead.`,
  );
  return [{ ...asViolation, lines: [note, ...asViolation.lines] }];
}

/** The documents a scheme's reward follows under this version, as "《title》（number）". */
export function citedDocuments(policy: RewardPolicy, scheme: RewardScheme): Label {
  const ids = scheme === 'concealed-accident' ? policy.citations.concealedAccident : policy.citations[scheme];
  const docs = (ids ?? []).map((id) => policy.documents.find((doc) => doc.id === id)!);
  return {
    zh: docs.map((doc) => `《${doc.title.zh}》${doc.number ? `（${doc.number}）` : ''}`).join('、'),
    en: docs.map((doc) => `${doc.title.en}${doc.number ? ` (${doc.number})` : ''}`).join('; '),
  };
}

function policyLine(policy: RewardPolicy, reportedOn: string, scheme: RewardScheme): Label {
  const dateAssumed = isAssumed(policy, 'effectiveFrom');
  const cited = citedDocuments(policy, scheme);
  return line((l) =>
    l === 'zh'
      ? `举报日期 ${reportedOn}，适用${policy.effectiveFrom} 起施行的规则版本${dateAssumed ? '（施行日期为暂定）' : ''}：${cited.zh}。`
      : `Reported on ${reportedOn}: the rules in force from ${policy.effectiveFrom}${dateAssumed ? ' (an assumed date)' : ''} apply: ${cited.en}.`,
  );
}

function comparisonLine(all: SchemeResult[], kind: ViolationKind): Label {
  const name = (r: SchemeResult) => (r.scheme === 'welding' ? weldingShortLabel : violationShortLabel(kind));
  return line((l) =>
    l === 'zh'
      ? `同时符合${all.map((r) => `${name(r).zh}（${money(r.amountFen).zh}）`).join('和')}，取较高的一项，不重复奖励。`
      : `Both ${all.map((r) => `${name(r).en} (${money(r.amountFen).en})`).join(' and ')} fit; the higher one is paid, never both.`,
  );
}

export function quoteReward(input: RewardQuoteInput, registry: PolicyRegistry): RewardQuote {
  const policy = policyInForce(input.reportedOn, registry);
  checkFields(input);
  const results = schemeResults(policy, input).map((r) =>
    withEmployeeUplift(policy, r, input.employeeOfSubject === true),
  );
  // The first (the scheme asked for) wins a tie.
  const chosen = results.reduce((best, r) => (r.amountFen > best.amountFen ? r : best));
  const explanation = [policyLine(policy, input.reportedOn, chosen.scheme), ...chosen.lines];
  if (results.length > 1 && input.violationKind) explanation.push(comparisonLine(results, input.violationKind));
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
    explanation,
  };
}
