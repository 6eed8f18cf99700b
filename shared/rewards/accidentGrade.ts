// The grade an accident's facts imply (生产安全事故报告和调查处理条例 第三条).
// "以上" includes the number and "以下" does not: 3 deaths is already 较大, 10 重大,
// 30 特别重大. A grade below what the facts imply is impossible; when deaths,
// serious injuries and the direct loss are all known the grade is fully set.
import { RewardInputError } from './errors';
import { yuan } from './money';
import type { AccidentGrade } from './policies';
import { accidentGradeLabels, money } from './texts';

export interface AccidentFacts {
  deaths: number;
  /** Serious injuries, acute industrial poisoning included. */
  seriousInjuries?: number;
  directLossFen?: number;
}

const order: readonly AccidentGrade[] = ['general', 'larger', 'major', 'especially-major'];

/** The thresholds for 较大, 重大 and 特别重大, lowest first. */
const thresholds = {
  deaths: [3, 10, 30],
  seriousInjuries: [10, 50, 100],
  directLossFen: [yuan(10_000_000), yuan(50_000_000), yuan(100_000_000)],
} as const;

function gradeFor(value: number | undefined, limits: readonly number[]): number {
  if (value === undefined) return 0;
  return limits.filter((limit) => value >= limit).length;
}

/** The lowest grade the facts allow. */
export function minimumGrade(facts: AccidentFacts): AccidentGrade {
  const rank = Math.max(
    gradeFor(facts.deaths, thresholds.deaths),
    gradeFor(facts.seriousInjuries, thresholds.seriousInjuries),
    gradeFor(facts.directLossFen, thresholds.directLossFen),
  );
  return order[rank]!;
}

export const gradeRank = (grade: AccidentGrade): number => order.indexOf(grade);

/**
 * Why `grade` cannot be the grade of an accident with these facts, or undefined when it can:
 * below the minimum, or (all three facts given) above the one grade they set.
 */
export function impossibleGrade(grade: AccidentGrade, facts: AccidentFacts): { zh: string; en: string } | undefined {
  const minimum = minimumGrade(facts);
  const named = accidentGradeLabels[minimum];
  const said = `${facts.deaths} 人死亡${facts.seriousInjuries !== undefined ? `、${facts.seriousInjuries} 人重伤` : ''}${facts.directLossFen !== undefined ? `、直接经济损失 ${money(facts.directLossFen).zh}` : ''}`;
  const saidEn = `${facts.deaths} death${facts.deaths === 1 ? '' : 's'}${facts.seriousInjuries !== undefined ? `, ${facts.seriousInjuries} serious injur${facts.seriousInjuries === 1 ? 'y' : 'ies'}` : ''}${facts.directLossFen !== undefined ? `, a direct loss of ${money(facts.directLossFen).en}` : ''}`;
  if (gradeRank(grade) < gradeRank(minimum))
    return {
      zh: `${said}的事故至少为${named.zh}（《生产安全事故报告和调查处理条例》第三条），不能定为${accidentGradeLabels[grade].zh}。`,
      en: `An accident with ${saidEn} is at least a ${named.en} (Regulations on Reporting and Investigating Work-Safety Accidents, art. 3), not a ${accidentGradeLabels[grade].en}.`,
    };
  const allKnown = facts.seriousInjuries !== undefined && facts.directLossFen !== undefined;
  if (allKnown && gradeRank(grade) > gradeRank(minimum))
    return {
      zh: `${said}的事故为${named.zh}（《生产安全事故报告和调查处理条例》第三条），不能定为${accidentGradeLabels[grade].zh}。`,
      en: `An accident with ${saidEn} is a ${named.en} (Regulations on Reporting and Investigating Work-Safety Accidents, art. 3), not a ${accidentGradeLabels[grade].en}.`,
    };
  return undefined;
}

/** Throws RewardInputError('accidentGrade') when the grade is impossible for the facts. */
export function checkAccidentGrade(grade: AccidentGrade, facts: AccidentFacts, path = 'accidentGrade'): void {
  const why = impossibleGrade(grade, facts);
  if (why) throw new RewardInputError(path, why);
}
