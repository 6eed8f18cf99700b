// The protection section's words on the follow-up page: the check-in (回访) question,
// "I am being retaliated against", and the reporter's own protection cases. Names of
// kinds, bodies and outcomes come from the policy (shared/protection/policy.ts).
import {
  protectionOutcomeNames,
  referralBodyNames,
  retaliationKindNames,
  type ProtectionOutcome,
  type ReferralBody,
  type RetaliationKind,
} from '../../../../../shared/protection/policy';
import { useLang, type Lang } from '../../../i18n';

const zh = {
  checkInTitle: '回访',
  checkInQuestion: '自您举报以来，您是否因举报受到任何不利对待？例如被辞退、降薪、威胁、调岗。',
  checkInPrivate: '您的答复只有举报人保护专员能看到，不会告知被举报单位。',
  noHarm: '没有，未受到不利对待',
  harm: '有，我受到了不利对待',
  kinds: '受到了哪些对待（可多选）',
  whatHappened: '请说明发生了什么（何时、何人、如何）',
  send: '提交答复',
  answered: '已收到您的答复，谢谢。',
  retaliationTitle: '遭受打击报复？',
  retaliationExplain:
    '如果您因举报被辞退、降薪、调岗、威胁或受到其他不利对待，请告诉我们。举报人保护专员会立案处理，必要时转请劳动保障监察等部门处理。即使举报已撤回，也可以反映。',
  retaliationStart: '我正在遭受打击报复',
  retaliationSend: '提交',
  retaliationSent: '已登记为保护事项，保护专员会尽快处理。',
  pickKind: '请至少选择一项',
  required: '请说明发生了什么',
  casesTitle: '我的保护事项',
  opened: '登记于',
  status: { open: '办理中', referred: '已转请有关部门处理', closed: '已办结' },
  referredTo: (name: string) => `已转请${name}处理`,
  outcome: '办结结果',
};
export type ProtectionText = typeof zh;

const en: ProtectionText = {
  checkInTitle: 'Check-in',
  checkInQuestion:
    'Since you reported, have you suffered any detriment because of it? For example dismissal, a pay cut, threats or a transfer.',
  checkInPrivate: 'Only the reporter-protection officers see your answer; the enterprise is never told.',
  noHarm: 'No, nothing of the kind',
  harm: 'Yes, I have suffered detriment',
  kinds: 'What happened (choose any)',
  whatHappened: 'Please say what happened (when, who, how)',
  send: 'Send my answer',
  answered: 'Thank you, your answer has been received.',
  retaliationTitle: 'Being retaliated against?',
  retaliationExplain:
    'If you were dismissed, had your pay cut, were transferred, threatened or otherwise treated badly because you reported, tell us. A protection officer opens a case and, where needed, refers it to labour inspection or another body. You can tell us even after a withdrawal.',
  retaliationStart: 'I am being retaliated against',
  retaliationSend: 'Send',
  retaliationSent: 'Registered as a protection case; a protection officer will take it up.',
  pickKind: 'Choose at least one',
  required: 'Please say what happened',
  casesTitle: 'My protection cases',
  opened: 'Registered',
  status: { open: 'Being handled', referred: 'Referred to another body', closed: 'Closed' },
  referredTo: (name: string) => `Referred to: ${name}`,
  outcome: 'Outcome',
};

export const useProtectionText = (): ProtectionText => (useLang() === 'en' ? en : zh);

const side = (lang: Lang) => (lang === 'en' ? 'en' : 'zh');
export const kindName = (k: RetaliationKind, lang: Lang) => retaliationKindNames[k][side(lang)];
export const bodyName = (b: ReferralBody, lang: Lang) => referralBodyNames[b][side(lang)];
export const outcomeName = (o: ProtectionOutcome, lang: Lang) => protectionOutcomeNames[o][side(lang)];
