// What the system says on a timeline step or a ledger entry, stored as a code and
// its parameters and worded here, once, in the reader's language. Money is fen,
// instants are ISO strings shown as Shanghai days, days are 'YYYY-MM-DD'. Staff's
// own words (reasons, notes) are parameters shown as written.
import { shanghaiDay } from './dates';
import type { NoteParams } from './schemas/noteParams';
import { channelNames } from './channels';
import { formatYuan } from './money';
import { protectionOutcomeNames, referralBodyNames } from './protection/policy';
import { roleNames } from './roles';
import { claimFlagText, leadershipReasonText } from './schemas/rewardControls';
import { stateNames, workflowActions, type WorkflowActionName } from './workflow';

export type NoteLang = 'zh' | 'en';
type Label = { zh: string; en: string };

export type { NoteParams };

/** A note as a step stores it: the code and what fills the template. */
export interface NoteRef {
  key: NoteKey;
  params?: NoteParams;
}

const text = (p: NoteParams, name: string) => String(p[name] ?? '');
const list = (p: NoteParams, name: string) => (Array.isArray(p[name]) ? (p[name] as string[]) : []);
const yuan = (p: NoteParams, name: string) => formatYuan(Number(p[name] ?? 0));
const day = (p: NoteParams, name: string) => (p[name] ? shanghaiDay(new Date(String(p[name]))) : '');
/** A label looked up by code; an unknown code (a later catalogue, a removed entry) is shown as it is. */
const named = (table: Record<string, Label>, code: string, lang: NoteLang) => table[code]?.[lang] ?? code;
const names = (table: Record<string, Label>, codes: string[], lang: NoteLang) =>
  codes.map((c) => named(table, c, lang)).join(lang === 'zh' ? '、' : '; ');

type Template = (p: NoteParams, lang: NoteLang) => string;
const both =
  (zh: (p: NoteParams) => string, en: (p: NoteParams) => string): Template =>
  (p, lang) =>
    lang === 'zh' ? zh(p) : en(p);

const templates = {
  // Intake
  'report.channel': both(
    (p) => `举报渠道：${named(channelNames, text(p, 'channel'), 'zh')}`,
    (p) => `Channel: ${named(channelNames, text(p, 'channel'), 'en')}`,
  ),
  // Screening and verification
  'screening.resumed': both(
    () => '举报人已补充，继续审查',
    () => 'The reporter answered; screening resumes',
  ),
  'report.duplicate': both(
    (p) => `重复举报：与 ${text(p, 'duplicateOf')} 为同一事项`,
    (p) => `Same matter as ${text(p, 'duplicateOf')}`,
  ),
  'report.same-matter': both(
    () => '经审查，与已受理的举报为同一事项，合并办理',
    () => 'The same matter as a report already received; they are handled together',
  ),
  'matter.unlinked': both(
    (p) => `解除与 ${text(p, 'duplicateOf')} 的同一事项关联：${text(p, 'reason')}`,
    (p) => `Unlinked from ${text(p, 'duplicateOf')}: ${text(p, 'reason')}`,
  ),
  'extension.approved': both(
    (p) => `核查期限延长 ${text(p, 'days')} 日：${text(p, 'reason')}`,
    (p) => `Verification extended by ${text(p, 'days')} days: ${text(p, 'reason')}`,
  ),
  'referral.made': both(
    () => '核查人员报请上级研究',
    () => 'Referred to the level above',
  ),
  'referral.verify-again': both(
    () => '上级决定重新核查',
    () => 'The level above ordered a new verification',
  ),
  'investigation.recorded': both(
    (p) => `事故调查报告 ${text(p, 'reportNo')}（${text(p, 'issuedOn')}）`,
    (p) => `Accident investigation report ${text(p, 'reportNo')} (${text(p, 'issuedOn')})`,
  ),
  'letter.sent': both(
    (p) => `核查结果告知书 ${text(p, 'letterNo')}${p.fineFen ? `，罚款 ${yuan(p, 'fineFen')} 元` : ''}`,
    (p) => `Result letter ${text(p, 'letterNo')}${p.fineFen ? `; fine ${yuan(p, 'fineFen')} yuan` : ''}`,
  ),
  'objection.upheld': (p, lang) =>
    lang === 'zh'
      ? `复查维持原结论（${named(stateNames, text(p, 'state'), 'zh')}）：${text(p, 'reason')}`
      : `The review upheld the conclusion (${named(stateNames, text(p, 'state'), 'en')}): ${text(p, 'reason')}`,
  'objection.rescreen': both(
    (p) => `复查决定重新受理审查：${text(p, 'reason')}`,
    (p) => `Reopened for screening: ${text(p, 'reason')}`,
  ),
  'objection.reverify': both(
    (p) => `复查决定重新核查：${text(p, 'reason')}`,
    (p) => `Reopened for a new verification: ${text(p, 'reason')}`,
  ),
  // Rectification
  'rectification.awaiting-sign-off': both(
    () => '整改已复查完成，待销号',
    () => 'Re-inspected: done, awaiting sign-off',
  ),
  'rectification.completed': both(
    () => '整改已复查完成',
    () => 'Re-inspected: the hazard is fixed',
  ),
  'rectification.partly': both(
    (p) => `整改部分完成，限期 ${text(p, 'newDueOn')} 前完成`,
    (p) => `Partly fixed; to be finished by ${text(p, 'newDueOn')}`,
  ),
  'rectification.not-done': both(
    (p) => `整改未完成，限期 ${text(p, 'newDueOn')} 前完成`,
    (p) => `Not fixed; to be finished by ${text(p, 'newDueOn')}`,
  ),
  'rectification.signed-off': both(
    () => '重大事故隐患整改已销号',
    () => 'The major hazard was signed off as fixed',
  ),
  // Rewards
  'reward.refused': both(
    (p) => `不予奖励：${text(p, 'reason')}`,
    (p) => `No reward: ${text(p, 'reason')}`,
  ),
  'reward.approved': both(
    (p) => `奖励 ${yuan(p, 'amountFen')} 元已批准，请于 ${day(p, 'claimDueAt')} 前在查询页面申领`,
    (p) =>
      `A reward of ${yuan(p, 'amountFen')} yuan was approved; claim it on the follow-up page by ${day(p, 'claimDueAt')}`,
  ),
  'reward.claim-extended': both(
    (p) => `领取期限延至 ${day(p, 'claimDueAt')}：${text(p, 'reason')}`,
    (p) => `Claim deadline extended to ${day(p, 'claimDueAt')}: ${text(p, 'reason')}`,
  ),
  'reward.claim-returned': both(
    (p) => `领奖申请需补正：${text(p, 'reason')}`,
    (p) => `Please correct your claim: ${text(p, 'reason')}`,
  ),
  'reward.claimed': both(
    () => '已提交领奖申请，待财务核对发放',
    () => 'Claim received; finance will check it and pay',
  ),
  'reward.paid': both(
    (p) => `奖励 ${yuan(p, 'amountFen')} 元已于 ${text(p, 'paidOn')} 发放`,
    (p) => `The reward of ${yuan(p, 'amountFen')} yuan was paid on ${text(p, 'paidOn')}`,
  ),
  'reward.lapsed': both(
    () => '奖励逾期未领取，已失效',
    () => 'The reward was not claimed in time and has lapsed',
  ),
  'reward.appeal-upheld': both(
    (p) => `复查维持原决定：${text(p, 'reason')}`,
    (p) => `The decision stands: ${text(p, 'reason')}`,
  ),
  'reward.appeal-revised': both(
    (p) => `复查后奖励改为 ${yuan(p, 'amountFen')} 元，待财务审批：${text(p, 'reason')}`,
    (p) => `On appeal the reward is now ${yuan(p, 'amountFen')} yuan, pending finance approval: ${text(p, 'reason')}`,
  ),
  'reward.leadership-approved': (p, lang) => {
    const why = names(leadershipReasonText, list(p, 'reasons'), lang);
    const minutes = p.meetingMinutesNo
      ? lang === 'zh'
        ? `（局务会纪要 ${text(p, 'meetingMinutesNo')}，${text(p, 'meetingOn')}）`
        : ` (bureau meeting minutes ${text(p, 'meetingMinutesNo')}, ${text(p, 'meetingOn')})`
      : '';
    return lang === 'zh' ? `领导审批同意：${why}${minutes}` : `Approved by a leader: ${why}${minutes}`;
  },
  'reward.flags-cleared': (p, lang) => {
    const what = names(claimFlagText, list(p, 'flags'), lang);
    return lang === 'zh'
      ? `领导核处领奖核对问题（${what}）：${text(p, 'reason')}`
      : `A leader settled the claim's flags (${what}): ${text(p, 'reason')}`;
  },
  'top-up.proposed': both(
    (p) => `提出补发 ${yuan(p, 'amountFen')} 元`,
    (p) => `Top-up of ${yuan(p, 'amountFen')} yuan proposed`,
  ),
  'top-up.approved': both(
    (p) => `补发奖励 ${yuan(p, 'amountFen')} 元已批准，将发放至原领奖账户`,
    (p) => `A top-up of ${yuan(p, 'amountFen')} yuan was approved; it will be paid to the account you claimed with`,
  ),
  'top-up.paid': both(
    (p) => `补发奖励 ${yuan(p, 'amountFen')} 元已于 ${text(p, 'paidOn')} 发放`,
    (p) => `The top-up of ${yuan(p, 'amountFen')} yuan was paid on ${text(p, 'paidOn')}`,
  ),
  'top-up.refused': both(
    (p) => `补发奖励 ${yuan(p, 'amountFen')} 元经复核不予发放`,
    (p) => `After review, the top-up of ${yuan(p, 'amountFen')} yuan will not be paid`,
  ),
  'recovery.proposed': both(
    (p) => `提出追回 ${yuan(p, 'amountFen')} 元：${text(p, 'reason')}`,
    (p) => `Recovery of ${yuan(p, 'amountFen')} yuan proposed: ${text(p, 'reason')}`,
  ),
  'recovery.approved': (p, lang) => {
    const ground = named(recoveryGroundNames, text(p, 'ground'), lang);
    return lang === 'zh'
      ? `经批准，已发放的奖励中 ${yuan(p, 'amountFen')} 元须退回（${ground}），财务部门将与您联系`
      : `It was decided that ${yuan(p, 'amountFen')} yuan of the reward paid must be returned (${ground}); the finance office will contact you`;
  },
  'recovery.received': both(
    (p) => `已于 ${text(p, 'receivedOn')} 收回奖励 ${yuan(p, 'amountFen')} 元`,
    (p) => `${yuan(p, 'amountFen')} yuan of the reward was returned on ${text(p, 'receivedOn')}`,
  ),
  'recovery.dropped': both(
    (p) => `经复核，已通知退回的 ${yuan(p, 'amountFen')} 元不再追回`,
    (p) => `After review, the ${yuan(p, 'amountFen')} yuan you were asked to return will not be recovered`,
  ),
  'sample.drawn': both(
    (p) => `抽中${text(p, 'month')}月复核`,
    (p) => `Drawn for the ${text(p, 'month')} sample re-inspection`,
  ),
  'sample.confirmed': both(
    () => '抽查复核：核查结论与奖励无误',
    () => 'Sample re-inspection: findings and reward confirmed',
  ),
  'sample.irregular': both(
    (p) => `抽查复核发现问题：${text(p, 'note')}`,
    (p) => `Sample re-inspection found irregularities: ${text(p, 'note')}`,
  ),
  // Protecting the reporter
  'protection.added': both(
    (p) => `已补充至保护事项 ${text(p, 'caseNo')}`,
    (p) => `Added to protection case ${text(p, 'caseNo')}`,
  ),
  'protection.registered': both(
    (p) => `已登记为保护事项 ${text(p, 'caseNo')}`,
    (p) => `Registered as protection case ${text(p, 'caseNo')}`,
  ),
  'protection.referred': (p, lang) =>
    lang === 'zh'
      ? `保护事项 ${text(p, 'caseNo')} 已转请${named(referralBodyNames, text(p, 'body'), 'zh')}处理`
      : `Protection case ${text(p, 'caseNo')} referred to: ${named(referralBodyNames, text(p, 'body'), 'en')}`,
  'protection.closed': (p, lang) =>
    lang === 'zh'
      ? `保护事项 ${text(p, 'caseNo')} 已办结：${named(protectionOutcomeNames, text(p, 'outcome'), 'zh')}`
      : `Protection case ${text(p, 'caseNo')} closed: ${named(protectionOutcomeNames, text(p, 'outcome'), 'en')}`,
  'protection.check-in': both(
    () => '回访：自您举报以来，是否因举报受到任何不利对待（如辞退、降薪、威胁、调岗等）？请在本页答复。',
    () =>
      'Check-in: since you reported, have you suffered any detriment because of it (dismissal, pay cut, threats, transfer…)? Please answer on this page.',
  ),
  'identity.disclosed': (p, lang) =>
    lang === 'zh'
      ? `您的身份信息已向「${named(roleNames, text(p, 'role'), 'zh')}」披露，事由已记录`
      : `Your identity was disclosed to a ${named(roleNames, text(p, 'role'), 'en')}; the reason is on record`,
  // Fund ledger entries
  'ledger.voucher': both(
    (p) => `付款凭证 ${text(p, 'voucherNo')}`,
    (p) => `Voucher ${text(p, 'voucherNo')}`,
  ),
  'ledger.top-up-voucher': both(
    (p) => `补发凭证 ${text(p, 'voucherNo')}`,
    (p) => `Top-up voucher ${text(p, 'voucherNo')}`,
  ),
  'ledger.recovery-voucher': both(
    (p) => `追回凭证 ${text(p, 'voucherNo')}`,
    (p) => `Recovery voucher ${text(p, 'voucherNo')}`,
  ),
  'ledger.top-up': both(
    () => '补发奖励预留',
    () => 'Top-up reserved',
  ),
  'ledger.top-up-refused': both(
    () => '补发不予发放，释放预留',
    () => 'Top-up refused; reservation released',
  ),
  'ledger.lapsed': both(
    () => '奖励逾期未领取，释放预留',
    () => 'Reward lapsed; reservation released',
  ),
} satisfies Record<string, Template>;

export type NoteKey = keyof typeof templates;
export const noteKeys = Object.keys(templates) as NoteKey[];
export const isNoteKey = (key: string): key is NoteKey => Object.hasOwn(templates, key);

/** Why a paid reward is recovered (the code is stored with the recovery). */
export const recoveryGroundNames: Record<string, Label> = {
  fraud: { zh: '以欺骗手段取得奖励', en: 'the reward was obtained by deception' },
  'penalty-quashed': { zh: '处罚决定被撤销', en: 'the penalty decision was quashed' },
  other: { zh: '其他原因', en: 'another reason' },
};

export const noteOf = (key: NoteKey, params?: NoteParams): NoteRef => (params ? { key, params } : { key });

const CJK = /[\u3400-\u9fff]/;

/**
 * A note written before notes were codes: "中文 / English", several such parts
 * joined by "；". The half in the reader's language when every part has that
 * shape (Chinese before the slash, only English after), else the text as written.
 */
export function storedNoteIn(textAsStored: string, lang: NoteLang): string {
  const parts = textAsStored.split('；').map((part) => {
    const at = part.indexOf(' / ');
    if (at < 0 || part.indexOf(' / ', at + 3) >= 0) return null;
    const zh = part.slice(0, at).trim();
    const en = part.slice(at + 3).trim();
    return CJK.test(zh) && !CJK.test(en) && /^[A-Za-z0-9"'(]/.test(en) ? { zh, en } : null;
  });
  if (parts.some((p) => p === null)) return textAsStored;
  return parts.map((p) => p![lang]).join(lang === 'zh' ? '；' : '; ');
}

/** How an entered or dispatched report's first step named its channel before notes were codes. */
const EARLIER_CHANNEL_NOTE = /^channel: ([a-z0-9-]+)$/;

/** A stored note in the reader's language: the code's template, else the text (split when it is "zh / en"). */
export function noteText(
  entry: { note?: string | null; noteKey?: string | null; noteParams?: NoteParams | null },
  lang: NoteLang,
): string | undefined {
  if (entry.noteKey && isNoteKey(entry.noteKey)) return templates[entry.noteKey](entry.noteParams ?? {}, lang);
  const earlierChannel = entry.note?.match(EARLIER_CHANNEL_NOTE);
  if (earlierChannel) return templates['report.channel']({ channel: earlierChannel[1] }, lang);
  return entry.note ? storedNoteIn(entry.note, lang) : undefined;
}

/** Stored fields for a note given as a code or as free text. */
export function storedNote(note: string | NoteRef | undefined): {
  note?: string;
  noteKey?: string;
  noteParams?: NoteParams;
} {
  if (!note) return {};
  if (typeof note === 'string') return { note };
  return { noteKey: note.key, ...(note.params ? { noteParams: note.params } : {}) };
}

/** The words ledger entries were written with before they were codes. */
const earlierLedgerNotes: Record<string, NoteKey> = {
  'top-up': 'ledger.top-up',
  'top-up refused': 'ledger.top-up-refused',
  lapsed: 'ledger.lapsed',
};

/**
 * A ledger entry's note in the reader's language. Entries that moved money for a
 * step without saying more were written with the step's code, or nothing: they show the step's name.
 */
export function ledgerNoteText(
  entry: { note?: string | null; noteKey?: string | null; noteParams?: NoteParams | null; step?: string | null },
  lang: NoteLang,
): string | undefined {
  const earlier = entry.note ? earlierLedgerNotes[entry.note] : undefined;
  if (earlier) return noteText({ noteKey: earlier }, lang);
  const code = entry.noteKey ? undefined : (entry.note ?? entry.step);
  const step = code && Object.hasOwn(workflowActions, code) ? code : undefined;
  if (step) return workflowActions[step as WorkflowActionName].name[lang];
  return noteText(entry, lang);
}
