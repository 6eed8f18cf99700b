// One line with the reward range of a scheme, from the calculator's own bounds,
// so the report form never states a range the rules do not pay.
import { schemeRange } from '../../../../shared/rewards/bounds';
import { builtInPolicies } from '../../../../shared/rewards/policies';
import { formatRewardYuan } from '../../../../shared/rewards/money';
import { outsideSchemeOf } from '../../../../shared/catalog';
import { shanghaiDay } from '../../../../shared/dates';
import type { Lang } from '../../i18n';

const schemes = ['violation', 'concealed-accident', 'welding'] as const;
type Scheme = (typeof schemes)[number];

const isScheme = (value: string): value is Scheme => (schemes as readonly string[]).includes(value);

/**
 * "属实可获奖励 3,000 – 300,000 元" for a category's scheme today, or '' when it has no reward;
 * for a category outside the city scheme (coal mines), why and where it goes instead.
 */
export function rewardRangeLine(scheme: string, lang: Lang, categoryCode?: string): string {
  const outside = outsideSchemeOf(categoryCode);
  if (outside) return lang === 'en' ? outside.reason.en : outside.reason.zh;
  const range = isScheme(scheme) ? schemeRange(scheme, shanghaiDay(), builtInPolicies) : undefined;
  if (!range) return '';
  const span = `${formatRewardYuan(range.minFen)} – ${formatRewardYuan(range.maxFen)}`;
  return lang === 'en' ? `If verified: a reward of ${span} yuan` : `属实可获奖励 ${span} 元`;
}
