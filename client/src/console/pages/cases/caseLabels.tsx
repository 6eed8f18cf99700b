// Names and colours shared by the queue and the case page.
import { Tag } from 'antd';
import { stateNames, workflowActions, type ReportState } from '../../../../../shared/workflow';
import type { Lang } from '../../../i18n';

const STATUS_COLORS: Record<string, string> = {
  submitted: 'blue',
  screening: 'geekblue',
  'awaiting-information': 'gold',
  assigned: 'cyan',
  verifying: 'processing',
  'findings-submitted': 'purple',
  substantiated: 'green',
  'referred-up': 'orange',
  unsubstantiated: 'default',
  unverifiable: 'default',
  objected: 'volcano',
  'reward-proposed': 'purple',
  'reward-reviewed': 'magenta',
  'reward-approved': 'gold',
  'reward-claimed': 'orange',
  'reward-paid': 'green',
  'reward-refused': 'default',
  'reward-lapsed': 'default',
  'reward-appealed': 'volcano',
  rejected: 'red',
  duplicate: 'default',
  transferred: 'default',
  withdrawn: 'default',
  closed: 'default',
};

const localized = (name: { zh: string; en: string } | undefined, lang: Lang, fallback: string) =>
  name ? (lang === 'en' ? name.en : name.zh) : fallback;

export function statusName(status: string, lang: Lang): string {
  return localized((stateNames as Record<string, { zh: string; en: string }>)[status as ReportState], lang, status);
}

export function StatusTag({ status, lang }: { status: string; lang: Lang }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{statusName(status, lang)}</Tag>;
}

/** An action's name from the shared workflow, so new actions are named without client changes. */
export function actionName(action: string, lang: Lang): string {
  return localized(
    (workflowActions as Record<string, { name: { zh: string; en: string } }>)[action]?.name,
    lang,
    action,
  );
}
