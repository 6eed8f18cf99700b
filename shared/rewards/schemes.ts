// One computation per reward scheme. Each yields its amount, the range a verifier
// may set it within, and one explanation line per step.
import type { Label, RewardScheme } from '../catalog';
import { RewardInputError } from './errors';
import { percentAsExactYuan, percentToWholeYuanFen } from './money';
import { isAssumed, type AccidentGrade, type FineShareRule, type RewardPolicy } from './policies';
import { accidentGradeLabels, ASSUMED, line, money, violationKindLabels, type ViolationKind } from './texts';

export interface SchemeResult {
  scheme: RewardScheme;
  amountFen: number;
  minFen: number;
  maxFen: number;
  lines: Label[];
}

/** 15% of the fine rounded to whole yuan and kept within the rule's bounds; the minimum when there is no fine. */
function fineShare(rule: FineShareRule, fineFen: number | undefined, percentAssumed: boolean, lines: Label[]): number {
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
  const share = percentToWholeYuanFen(fineFen, rule.finePercent);
  const exact = percentAsExactYuan(fineFen, rule.finePercent);
  const mark = percentAssumed ? ASSUMED : { zh: '', en: '' };
  lines.push(
    line((l) =>
      l === 'zh'
        ? `罚款 ${money(fineFen).zh} × ${rule.finePercent}%${mark.zh} = ${exact} 元，四舍五入到整元为 ${money(share).zh}。`
        : `${rule.finePercent}%${mark.en} of the fine of ${money(fineFen).en} = ${exact} yuan, rounded to the nearest yuan: ${money(share).en}.`,
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
  const amountFen = fineShare(rule, fineFen, listed && isAssumed(policy, 'listedSituation.finePercent'), lines);
  return { scheme: 'violation', amountFen, minFen: rule.minFen, maxFen: rule.maxFen, lines };
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
  if (result.scheme === 'welding' && !uplift.appliesToWelding) {
    const mark = isAssumed(policy, 'employeeUplift.appliesToWelding') ? ASSUMED : { zh: '', en: '' };
    const note = line((l) =>
      l === 'zh'
        ? `焊接作业奖励不适用内部员工上浮${mark.zh}。`
        : `The employee uplift does not apply to the welding reward${mark.en}.`,
    );
    return { ...result, lines: [...result.lines, note] };
  }
  const raise = (base: number) =>
    Math.min(base + Math.max(percentToWholeYuanFen(base, uplift.percent), uplift.minFen), uplift.maxTotalFen);
  const lines = [...result.lines];
  const share = percentToWholeYuanFen(result.amountFen, uplift.percent);
  lines.push(
    line((l) =>
      l === 'zh'
        ? `内部员工举报本单位，上浮 ${uplift.percent}%：${money(result.amountFen).zh} × ${uplift.percent}% = ${percentAsExactYuan(result.amountFen, uplift.percent)} 元，取整为 ${money(share).zh}。`
        : `An employee reporting their own employer gets ${uplift.percent}% more: ${uplift.percent}% of ${money(result.amountFen).en} = ${percentAsExactYuan(result.amountFen, uplift.percent)} yuan, rounded: ${money(share).en}.`,
    ),
  );
  const added = Math.max(share, uplift.minFen);
  if (share < uplift.minFen) {
    lines.push(
      line((l) =>
        l === 'zh'
          ? `上浮不足 ${money(uplift.minFen).zh}，按 ${money(uplift.minFen).zh}计。`
          : `An uplift below ${money(uplift.minFen).en} is raised to ${money(uplift.minFen).en}.`,
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
  return { ...result, amountFen, minFen: raise(result.minFen), maxFen: raise(result.maxFen), lines };
}
