import type { OutcomeMessages } from './outcome.zh';

export const outcomeEn: OutcomeMessages = {
  lettersTitle: 'Result letter',
  letterHeading: (n: number) => `Letter ${n}`,
  letterNo: 'Letter number',
  letterDate: 'Date',
  conclusion: 'Conclusion',
  account: 'How it was checked',
  handling: 'What was decided',
  penaltyNo: 'Penalty decision number',
  fine: 'Fine',
  yuan: (amount: string) => `${amount} yuan`,
  rewardLabel: 'Reward conditions',
  rewardMet: 'The reward conditions are met; the amount follows in its own notice',
  rewardNotMet: 'The reward conditions are not met',
  letterObjectionDue: 'Object by',
  letterPdf: 'Download the letter (PDF)',
  letterPdfBusy: 'Preparing the letter…',
  letterFile: (reference: string, n: number) => `result-letter-${reference}-${n}.pdf`,
  downloadWarning:
    'A downloaded file stays on this phone. If the phone belongs to your employer or is shared, delete the file after reading it.',

  objectionTitle: 'Disagree with the conclusion',
  objectionExplain:
    'If you think the conclusion is wrong, you can object within the period after the letter. The objection is reviewed by the bureau one level up (a county’s conclusion by the city bureau), by people who took no part in the conclusion. Each conclusion can be objected to once.',
  objectionDue: (at: string) => `Object before ${at}.`,
  objectionStart: 'I want to object',
  objectionReason: 'Why you disagree',
  objectionReasonHint:
    'Say what is wrong with the conclusion: what is on site, when, what evidence you saw. Do not write your name or phone unless you want staff to know them.',
  objectionReasonMissing: 'Write why you disagree',
  objectionNext: 'Next: check and confirm',
  objectionConfirmTitle: 'Confirm your objection',
  objectionConfirmText: 'Once sent it cannot be changed or withdrawn. The review’s decision will appear on this page.',
  objectionConfirm: 'Send my objection',
  objectionBack: 'Go back and edit',
  objectionSubmitting: 'Sending…',
  objectionDone: 'Your objection has been sent. The review’s decision will appear on this page.',
  notObjectable:
    'You cannot object now: you may have objected already, or the period is over. Refresh this page to see where things stand; for help, call the hotline 12350.',
  objectionsTitle: 'Your objection',
  objectionAt: 'Sent on',
  objectionReviewDue: 'Review due by',
  objectionReasonLabel: 'Your reasons',
  objectionOutcomeLabel: 'Decision',
  objectionPending: 'Being reviewed; the decision will appear here.',
  objectionOutcomes: {
    upheld: 'The conclusion stands',
    reopened: 'The report is being handled again',
  },
  objectionDecidedAt: 'Decided on',
  objectionDecisionReason: 'Reasons',

  transferTitle: 'Transferred',
  transferExplain:
    'What you reported is another department’s responsibility, so it went to them. We keep track of it and tell you their result.',
  transferUnit: 'Department',
  transferUnitUnknown: 'The responsible department',
  transferAt: 'Transferred on',
  transferResult: 'Their result',
  transferResultOn: 'Result received on',
  transferPending: 'Waiting for the department’s result.',

  rectificationsTitle: 'Fixing the hazard',
  rectificationsExplain:
    'For a confirmed hazard, inspectors order the company to fix it by a set day, then come back to check.',
  rectificationHeading: (n: number) => `Repair ${n}`,
  rectificationDue: 'Due',
  rectificationStatus: 'Progress',
  rectificationStatuses: {
    open: 'Being fixed',
    'awaiting-sign-off': 'Fixed, awaiting sign-off',
    completed: 'Fixed and verified',
  },
  rectificationMajor: 'Major hazard, under supervised listing',
  rectificationLastResult: 'Last re-inspection',
  rectificationResults: {
    completed: 'Fixed',
    partly: 'Partly fixed',
    'not-done': 'Not fixed',
  },
  rectificationCompletedAt: 'Confirmed fixed on',
  rectificationOverdue: (due: string) => `Past its due day (${due}); the inspectors are pressing for it.`,
  rectificationDisputed: (at: string) =>
    `On ${at} you said the hazard is still there; the inspectors were asked to check again.`,

  stillThereTitle: 'Is it still there?',
  stillThereExplain:
    'If a hazard confirmed fixed is back, or was never fixed, tell us and the inspectors will check again.',
  stillThereDue: (at: string) => `You can tell us until ${at}.`,
  stillThereStart: 'It is still there',
  stillThereBody: 'What you see now',
  stillThereBodyHint:
    'Say where and when you saw it. When taking photos, keep yourself and anything that identifies you out of the picture.',
  stillThereBodyMissing: 'Write what you see now',
  stillTherePhotos: 'Photos (optional)',
  stillThereSubmit: 'Send and ask for a new check',
  stillThereUploading: (percent: number) => `Uploading ${percent}%`,
  stillThereDone: 'Sent. The inspectors will check again.',
  stillThereClosed:
    'You cannot tell us this now: the period may be over, or a new check is already under way. Refresh this page to see where things stand.',
};
