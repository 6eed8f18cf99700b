// One computation per reward scheme. Each yields its amount, the range a verifier
// may set it within, and one explanation line per step.
import type { Label, RewardScheme } from '../catalog';
import { RewardInputError } from './errors';
import { percentAsExactYuan, percentRounded, type Rounding } from './money';
import { isAssumed, type AccidentGrade, type FineShareRule, type RewardPolicy } from './policies';
import {
  accidentGradeLabels,
  ASSUMED,
  line,
  money,
  schemeLabels,
  violationKindLabels,
  weldingShortLabel,
  type ViolationKind,
} from './texts';

export interface SchemeResult {
  scheme: RewardScheme;
  amountFen: number;
  minFen: number;
  maxFen: number;
  lines: Label[];
  /** The employee uplift was added (its documents are cited too). */
  upliftApplied?: boolean;
}

/** How a share was rounded, as explanations say it (with the assumed mark when the bureau has not decided). */
export function roundingText(policy: RewardPolicy): Label {
  const mark = isAssumed(policy, 'decisions.rounding') ? ASSUMED : { zh: '', en: '' };
  return policy.decisions.rounding === 'fen'
    ? { zh: `四舍五入到分${mark.zh}`, en: `rounded to the fen${mark.en}` }
    : { zh: `四舍五入到整元${mark.zh}`, en: `rounded to the nearest yuan${mark.en}` };
}

/** The fine's share, rounded as the policy says and kept within the rule's bounds; the minimum when there is no fine. */
function fineShare(
  policy: RewardPolicy,
  rule: FineShareRule,
  fineFen: number | undefined,
  percentAssumed: boolean,
  lines: Label[],
): number {
  if (!fineFen) {
    lines.push(
      line((l) =>
        l === 'zh'
          ? `未处罚款（或罚款为 0），按最低奖励 ${money(rule.minFen).zh}计。`
          : `No fine (or a fine of 0): the minimum, ${money(rule.minFen).en}.`,
      ),
    );
    return rule.minFen;
  }
  const rounding: Rounding = policy.decisions.rounding;
  const share = percentRounded(fineFen, rule.finePercent, rounding);
  const exact = percentAsExactYuan(fineFen, rule.finePercent);
  const mark = percentAssumed ? ASSUMED : { zh: '', en: '' };
  const rounded = roundingText(policy);
  lines.push(
    line((l) =>
      l === 'zh'
        ? `罚款 ${money(fineFen).zh} × ${rule.finePercent}%${mark.zh} = ${exact} 元，${rounded.zh}为 ${money(share).zh}。`
        : `${rule.finePercent}%${mark.en} of the fine of ${money(fineFen).en} = ${exact} yuan, ${rounded.en}: ${money(share).en}.`,
    ),
  );
  return clamp(share, rule.minFen, rule.maxFen, lines);
}

function clamp(amountFen: number, minFen: number, maxFen: number, lines: Label[]): number {
  if (amountFen < minFen) {
    lines.push(
      line((l) =>
        l === 'zh'
          ? `低于最低奖励 ${money(minFen).zh}，按 ${money(minFen).zh}计。`
          : `Below the minimum of ${money(minFen).en}: ${money(minFen).en}.`,
      ),
    );
    return minFen;
  }
  if (amountFen > maxFen) {
    lines.push(
      line((l) =>
        l === 'zh'
          ? `超过最高奖励 ${money(maxFen).zh}，按 ${money(maxFen).zh}计。`
          : `Above the maximum of ${money(maxFen).en}: ${money(maxFen).en}.`,
      ),
    );
    return maxFen;
  }
  return amountFen;
}

export function violationReward(
  policy: RewardPolicy,
  kind: ViolationKind,
  fineFen: number | undefined,
  field = 'violationKind',
): SchemeResult {
  const listed = kind === 'listed-situation';
  const rule = listed ? policy.listedSituation : policy.violation;
  if (!rule) {
    throw new RewardInputError(field, {
      zh: `《${policy.title.zh}》没有“所列情形”奖励，仅河南省的办法有此规定。`,
      en: `${policy.title.en} has no reward for listed situations; only the Henan rules do.`,
    });
  }
  const lines = [
    line((l) =>
      l === 'zh'
        ? `举报事项属于${violationKindLabels[kind].zh}。`
        : `The report concerns ${violationKindLabels[kind].en}.`,
    ),
  ];
  if (kind === 'major-hazard' && !fineFen) majorHazardWithoutFine(policy, field, lines);
  const amountFen = fineShare(policy, rule, fineFen, listed && isAssumed(policy, 'listedSituation.finePercent'), lines);
  return { scheme: 'violation', amountFen, minFen: rule.minFen, maxFen: rule.maxFen, lines };
}

/** A verified major hazard with no fine earns the minimum or nothing, as the version decides (said either way). */
function majorHazardWithoutFine(policy: RewardPolicy, field: string, lines: Label[]): void {
  const mark = isAssumed(policy, 'decisions.majorHazardNoFineMinimum') ? ASSUMED : { zh: '', en: '' };
  if (!policy.decisions.majorHazardNoFineMinimum)
    throw new RewardInputError(field === 'violationKind' ? 'fineFen' : field, {
      zh: `重大事故隐患未处罚款的，不予奖励${mark.zh}。`,
      en: `A major hazard with no fine earns no reward${mark.en}.`,
    });
  lines.push(
    line((l) =>
      l === 'zh'
        ? `重大事故隐患经核查属实但未处罚款的，按最低奖励计${mark.zh}。`
        : `A verified major hazard with no fine earns the minimum${mark.en}.`,
    ),
  );
}

export function concealedAccidentReward(policy: RewardPolicy, grade: AccidentGrade, deaths: number): SchemeResult {
  const { perDeathFen, maxFen } = policy.concealedAccident;
  const per = perDeathFen[grade];
  const lines = [
    line((l) =>
      l === 'zh'
        ? `${accidentGradeLabels[grade].zh}，查实瞒报、谎报死亡 ${deaths} 人 × ${money(per).zh} = ${money(per * deaths).zh}。`
        : `A ${accidentGradeLabels[grade].en} with ${deaths} concealed death${deaths === 1 ? '' : 's'} × ${money(per).en} = ${money(per * deaths).en}.`,
    ),
  ];
  const amountFen = clamp(per * deaths, 0, maxFen, lines);
  // The range runs from one concealed death at the lowest grade to the cap.
  return { scheme: 'concealed-accident', amountFen, minFen: Math.min(...Object.values(perDeathFen)), maxFen, lines };
}

export function weldingReward(policy: RewardPolicy, fineFen: number | undefined): SchemeResult {
  const rule = policy.welding;
  if (!rule) {
    throw new RewardInputError('scheme', {
      zh: `《${policy.title.zh}》施行期间还没有焊接作业举报奖励。`,
      en: `There was no welding reward under ${policy.title.en}.`,
    });
  }
  const lines: Label[] = [];
  let amountFen: number;
  if (!fineFen) {
    amountFen = rule.noFineFen;
    const mark = isAssumed(policy, 'welding.noFineFen') ? ASSUMED : { zh: '', en: '' };
    lines.push(
      line((l) =>
        l === 'zh'
          ? `焊接作业违法违规行为经核查属实、责令整改但未处罚款：${money(amountFen).zh}${mark.zh}。`
          : `Welding violation verified, ordered to be put right, no fine: ${money(amountFen).en}${mark.en}.`,
      ),
    );
  } else {
    amountFen = fineShare(
      policy,
      { finePercent: rule.finePercent, minFen: rule.minFen, maxFen: rule.maxFen },
      fineFen,
      isAssumed(policy, 'welding.finePercent'),
      lines,
    );
  }
  return { scheme: 'welding', amountFen, minFen: rule.minFen, maxFen: rule.maxFen, lines };
}

/** The employee uplift on a scheme's amount and range, where the policy has one; otherwise the result unchanged. */
export function withEmployeeUplift(
  policy: RewardPolicy,
  result: SchemeResult,
  employeeOfSubject: boolean,
): SchemeResult {
  if (!employeeOfSubject) return result;
  const uplift = policy.employeeUplift;
  if (!uplift) {
    const note = line((l) =>
      l === 'zh'
        ? '本办法没有内部员工举报本单位的奖励上浮规定。'
        : 'This policy has no uplift for employees reporting their own employer.',
    );
    return { ...result, lines: [...result.lines, note] };
  }
  const notApplied = upliftNotApplied(policy, result.scheme);
  if (notApplied) return { ...result, lines: [...result.lines, notApplied] };
  const rounding = policy.decisions.rounding;
  const raise = (base: number) =>
    Math.min(base + Math.max(percentRounded(base, uplift.percent, rounding), uplift.minFen), uplift.maxTotalFen);
  const lines = [...result.lines];
  const share = percentRounded(result.amountFen, uplift.percent, rounding);
  const rounded = roundingText(policy);
  // One mark when the percentage, or whether it applies to this scheme, is still assumed.
  const appliesPath = {
    'concealed-accident': 'employeeUplift.appliesToConcealedAccident',
    welding: 'employeeUplift.appliesToWelding',
    violation: '',
  }[result.scheme];
  const mark =
    isAssumed(policy, 'employeeUplift.percent') || (appliesPath && isAssumed(policy, appliesPath))
      ? ASSUMED
      : { zh: '', en: '' };
  lines.push(
    line((l) =>
      l === 'zh'
        ? `经核查举报人是被举报单位的从业人员，上浮 ${uplift.percent}%${mark.zh}：${money(result.amountFen).zh} × ${uplift.percent}% = ${percentAsExactYuan(result.amountFen, uplift.percent)} 元，${rounded.zh}为 ${money(share).zh}。`
        : `Verified as an employee reporting their own employer: ${uplift.percent}% more${mark.en}: ${uplift.percent}% of ${money(result.amountFen).en} = ${percentAsExactYuan(result.amountFen, uplift.percent)} yuan, ${rounded.en}: ${money(share).en}.`,
    ),
  );
  const added = Math.max(share, uplift.minFen);
  if (share < uplift.minFen) {
    const floorMark = isAssumed(policy, 'employeeUplift.minFen') ? ASSUMED : { zh: '', en: '' };
    lines.push(
      line((l) =>
        l === 'zh'
          ? `上浮不足 ${money(uplift.minFen).zh}，按 ${money(uplift.minFen).zh}计${floorMark.zh}。`
          : `An uplift below ${money(uplift.minFen).en} is raised to ${money(uplift.minFen).en}${floorMark.en}.`,
      ),
    );
  }
  const total = result.amountFen + added;
  lines.push(
    line((l) =>
      l === 'zh'
        ? `${money(result.amountFen).zh} + ${money(added).zh} = ${money(total).zh}。`
        : `${money(result.amountFen).en} + ${money(added).en} = ${money(total).en}.`,
    ),
  );
  const amountFen = clamp(total, 0, uplift.maxTotalFen, lines);
  return {
    ...result,
    amountFen,
    minFen: raise(result.minFen),
    maxFen: raise(result.maxFen),
    lines,
    upliftApplied: true,
  };
}

/** Why the version's uplift does not apply to this scheme (welding, concealed accidents), or undefined. */
function upliftNotApplied(policy: RewardPolicy, scheme: RewardScheme): Label | undefined {
  const uplift = policy.employeeUplift!;
  const excluded =
    scheme === 'welding'
      ? !uplift.appliesToWelding && ({ path: 'employeeUplift.appliesToWelding', ...weldingShortLabel } as const)
      : scheme === 'concealed-accident'
        ? !uplift.appliesToConcealedAccident &&
          ({ path: 'employeeUplift.appliesToConcealedAccident', ...schemeLabels['concealed-accident'] } as const)
        : false;
  if (!excluded) return undefined;
  const mark = isAssumed(policy, excluded.path) ? ASSUMED : { zh: '', en: '' };
  return line((l) =>
    l === 'zh'
      ? `${excluded.zh}不适用内部员工上浮${mark.zh}。`
      : `The employee uplift does not apply to ${excluded.en}${mark.en}.`,
  );
}
