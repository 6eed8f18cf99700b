// One line with the reward range of a scheme, from the calculator's own bounds
// under the versions the server has published, so the report form never states a
// range the rules in force do not pay. The versions are fetched once per page
// load; until they arrive, or when the server cannot be reached, the form shows
// no range line and works as before.
import { useEffect, useState } from 'react';
import type { rewardPolicies } from '../../../../shared/contract/rewardPolicies';
import { schemeRange } from '../../../../shared/rewards/bounds';
import { formatRewardYuan } from '../../../../shared/rewards/money';
import type { PolicyRegistry } from '../../../../shared/rewards/policySchema';
import { outsideSchemeOf } from '../../../../shared/catalog';
import { shanghaiDay } from '../../../../shared/dates';
import { call, route } from '../../apiClient';
import type { Lang } from '../../i18n';

const publishedRoute = route<typeof rewardPolicies.published>({
  kind: 'json',
  method: 'get',
  path: '/api/v1/reward-policies',
});

const schemes = ['violation', 'concealed-accident', 'welding'] as const;
type Scheme = (typeof schemes)[number];

const isScheme = (value: string): value is Scheme => (schemes as readonly string[]).includes(value);

let loaded: PolicyRegistry | null = null;
let loading: Promise<PolicyRegistry | null> | null = null;

export function fetchPublished(): Promise<PolicyRegistry | null> {
  loading ??= call(publishedRoute).then(
    (answer) => (loaded = answer.items),
    () => {
      loading = null; // offline or refused: try again when a form next opens
      return null;
    },
  );
  return loading;
}

/** The published versions, once they have arrived (null before, or when they cannot be fetched). */
export function usePublishedPolicies(): PolicyRegistry | null {
  const [registry, setRegistry] = useState<PolicyRegistry | null>(loaded);
  useEffect(() => {
    let live = true;
    void fetchPublished().then((r) => live && setRegistry(r));
    return () => {
      live = false;
    };
  }, []);
  return registry;
}

/**
 * "属实可获奖励 3,000 – 300,000 元" for a category's scheme today, or '' when it has no reward or no
 * versions are known; for a category outside the city scheme (coal mines), why and where it goes instead.
 */
export function rewardRangeLine(
  scheme: string,
  lang: Lang,
  registry: PolicyRegistry | null,
  categoryCode?: string,
): string {
  const outside = outsideSchemeOf(categoryCode);
  if (outside) return lang === 'en' ? outside.reason.en : outside.reason.zh;
  const today = shanghaiDay();
  if (!registry?.some((p) => p.effectiveFrom <= today)) return '';
  const range = isScheme(scheme) ? schemeRange(scheme, today, registry) : undefined;
  if (!range) return '';
  const span = `${formatRewardYuan(range.minFen)} – ${formatRewardYuan(range.maxFen)}`;
  return lang === 'en' ? `If verified: a reward of ${span} yuan` : `属实可获奖励 ${span} 元`;
}
