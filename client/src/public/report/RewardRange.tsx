// The reward range under the category list. It needs the published reward policies and
// the calculator's bounds, which the first step can do without, so it loads lazily.
import { useLang } from '../../i18n';
import { fetchPublished, rewardRangeLine, usePublishedPolicies } from '../estimate/rewardRangeText';

/** Starts fetching the published versions, so the line is ready when a category is chosen. */
export function warmRewardRange(): void {
  void fetchPublished();
}

export default function RewardRange({ scheme, category }: { scheme: string; category: string }) {
  const lang = useLang();
  const policies = usePublishedPolicies();
  const line = rewardRangeLine(scheme, lang, policies, category);
  if (!line) return null;
  return (
    <p className="muted" data-testid="reward-range">
      {line}
    </p>
  );
}
