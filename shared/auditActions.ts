// The audit log's actions as people read them. A workflow step is recorded as
// `report.<step>` (five under the names they had before they joined the table)
// and is named by the workflow table; every other action has its label here.
import { workflowActions, type WorkflowActionName } from './workflow';

type Label = { zh: string; en: string };

/** The steps whose entries were named otherwise before they joined the table, so the append-only log keeps one name for each. */
export const earlierAuditNames: Partial<Record<WorkflowActionName, string>> = {
  'staff-message': 'report.staff_message',
  'reporter-message': 'report.reporter_message',
  'reporter-evidence': 'report.reporter_evidence',
  withdrawn: 'report.withdraw',
  'reveal-identity': 'report.identity_revealed',
};

export const auditActionOfStep = (name: WorkflowActionName) => earlierAuditNames[name] ?? `report.${name}`;

/** Actions that are not workflow steps: sign-ins, accounts, the catalogue, the fund, and audited reads. */
export const otherAuditActions = {
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.login_failed': { zh: '登录失败', en: 'Sign-in failed' },
  'auth.locked': { zh: '账号因多次登录失败被锁定', en: 'Account locked after failed sign-ins' },
  'auth.password_change': { zh: '修改密码', en: 'Changed password' },
  'auth.totp_enabled': { zh: '启用两步验证', en: 'Enabled two-step verification' },
  'staff.create': { zh: '创建人员账号', en: 'Created a staff account' },
  'staff.update': { zh: '修改人员账号', en: 'Changed a staff account' },
  'staff.password_reset': { zh: '重置人员密码', en: 'Reset a staff password' },
  'category.create': { zh: '新增违法行为类别', en: 'Added a violation category' },
  'category.update': { zh: '修改违法行为类别', en: 'Changed a violation category' },
  'responsibility.update': { zh: '修改职责分工', en: 'Changed the responsibility table' },
  'jurisdiction.profile_update': { zh: '修改辖区信息', en: 'Changed the jurisdiction profile' },
  'jurisdiction.area_create': { zh: '新增行政区域', en: 'Added an area' },
  'jurisdiction.area_update': { zh: '修改行政区域', en: 'Changed an area' },
  'jurisdiction.sector_create': { zh: '新增行业领域', en: 'Added a sector' },
  'jurisdiction.sector_update': { zh: '修改行业领域', en: 'Changed a sector' },
  'poster.create': { zh: '新建宣传海报', en: 'Created a poster' },
  'poster.update': { zh: '修改宣传海报', en: 'Changed a poster' },
  'fund.appropriate': { zh: '奖励资金拨入', en: 'Appropriated money to the fund' },
  'fund.export': { zh: '导出资金台账', en: 'Exported the fund books' },
  'reward-policy.draft': { zh: '起草奖励政策版本', en: 'Drafted a reward policy version' },
  'reward-policy.edit': { zh: '修改奖励政策草稿', en: 'Edited a reward policy draft' },
  'reward-policy.discard': { zh: '放弃奖励政策草稿', en: 'Discarded a reward policy draft' },
  'reward-policy.publish': { zh: '发布奖励政策版本', en: 'Published a reward policy version' },
  'rewards.exclusion_added': { zh: '登记排除名单', en: 'Added to the exclusion register' },
  'rewards.exclusion_removed': { zh: '移出排除名单', en: 'Removed from the exclusion register' },
  'partner.register': { zh: '登记对接系统', en: 'Registered a partner system' },
  'partner.update': { zh: '修改对接系统', en: 'Changed a partner system' },
  'partner.rotate_secret': { zh: '更换对接系统密钥', en: 'Rotated a partner system’s secret' },
  'stats.ranking_weights': { zh: '修改考评排名权重', en: 'Changed the ranking weights' },
  'report.submit': { zh: '提交举报', en: 'Submitted a report' },
  'report.opened': { zh: '查看案件', en: 'Opened a case' },
  'report.evidence_downloaded': { zh: '下载证据', en: 'Downloaded evidence' },
  'report.result_letter_downloaded': { zh: '下载结果告知书', en: 'Downloaded a result letter' },
  'report.notice_downloaded': { zh: '下载奖励通知书', en: 'Downloaded a reward notice' },
  'report.claim_viewed': { zh: '查看领奖信息', en: 'Viewed a reward claim' },
  'report.claim_refused': { zh: '查看领奖信息被拒绝', en: 'Refused: viewing a reward claim' },
  'report.identity_refused': { zh: '查看举报人身份被拒绝', en: 'Refused: viewing the reporter’s identity' },
  'report.protection_case_read': { zh: '查看保护事项', en: 'Read a protection case' },
  'report.protection_case_refused': { zh: '查看保护事项被拒绝', en: 'Refused: reading a protection case' },
  'reporter.history_read': { zh: '查看同一举报人的举报', en: 'Read the same reporter’s reports' },
  'exchange.webhook_resent': { zh: '重新发送回传消息', en: 'Sent a status webhook again' },
} as const satisfies Record<string, Label>;

const stepOfAction = new Map<string, WorkflowActionName>(
  (Object.keys(workflowActions) as WorkflowActionName[]).map((name) => [auditActionOfStep(name), name]),
);

/** Every action the log records, for the console's picker. */
export const knownAuditActions: readonly string[] = [...stepOfAction.keys(), ...Object.keys(otherAuditActions)];

/** An action's name in the reader's language; an action this catalogue does not know is shown as its code. */
export function auditActionLabel(action: string, lang: 'zh' | 'en'): string {
  const step = stepOfAction.get(action);
  if (step) return workflowActions[step].name[lang];
  return (otherAuditActions as Record<string, Label>)[action]?.[lang] ?? action;
}

/** Actions without a staff member that the reporter took (the public form, follow-up); the rest are the jobs'. */
const reporterActions = new Set(['report.submit']);

/** Who took an entry's action: a staff member, the reporter, or the system's jobs. */
export function auditActorKind(entry: { actor: unknown; action: string }): 'staff' | 'reporter' | 'system' {
  if (entry.actor) return 'staff';
  const step = stepOfAction.get(entry.action);
  if (step) return workflowActions[step].actor === 'reporter' ? 'reporter' : 'system';
  return reporterActions.has(entry.action) ? 'reporter' : 'system';
}

/** What kind of thing an entry acted on. */
export const auditTargetTypes: Record<string, Label> = {
  report: { zh: '举报', en: 'Report' },
  staff: { zh: '人员', en: 'Staff' },
  fund: { zh: '资金', en: 'Fund' },
  poster: { zh: '海报', en: 'Poster' },
  category: { zh: '类别', en: 'Category' },
  responsibility: { zh: '职责', en: 'Responsibility' },
  jurisdiction: { zh: '辖区', en: 'Jurisdiction' },
  area: { zh: '区域', en: 'Area' },
  sector: { zh: '行业', en: 'Sector' },
  'reward-policy': { zh: '奖励政策', en: 'Reward policy' },
  'reporter-history': { zh: '举报人记录', en: 'Reporter history' },
  exclusion: { zh: '排除名单', en: 'Exclusion' },
  settings: { zh: '设置', en: 'Settings' },
  partner: { zh: '对接系统', en: 'Partner system' },
};
