// The home page's link to the estimator: two strings, so the home page stays light.
import type { Lang } from '../../i18n';

export const estimateLinkText: Record<Lang, { label: string; hint: string }> = {
  'zh-CN': { label: '我的举报可能获得多少奖励？', hint: '按现行奖励办法估算' },
  en: { label: 'What could my report earn?', hint: 'An estimate under the reward rules in force' },
};
