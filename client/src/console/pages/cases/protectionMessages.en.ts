import type { ProtectionMessages } from './protectionMessages.zh';

export const protectionEn: ProtectionMessages = {
  assessTitle: 'Protection risk assessment',
  assessRequired: 'The reporter says they work for the subject: record the protection risk assessment to accept.',
  assess: 'Record a protection risk assessment',
  insider: 'The reporter works for the reported enterprise',
  smallWorkplace: 'Few people could know this (a small workshop or shift): the reporter could be singled out',
  identifyingDetails: 'The report or its evidence has details that could point to the reporter',
  protect: 'Treat the case as protected whatever the risk',
  note: 'Assessment note (staff only)',
  coverNote: 'Cover note for the verifier (empty: the default)',
  riskNames: { low: 'low', medium: 'medium', high: 'high' },
  protectedTitle: 'Protected case: protect the reporter',
  risk: (r: string) => `Protection risk: ${r}`,
  withdrawnPending:
    'The reporter withdrew. A reviewer decides whether the bureau continues of its own motion; until then the case goes on as usual.',
  withdrawnContinue:
    'The reporter withdrew; the bureau continues of its own motion. The reporter takes no further part and gets no reward.',
  evidenceProtectedTitle: 'Evidence of a protected case',
  evidenceProtected:
    'This case is protected: its evidence could identify the reporter. Open it only if your work needs it, and never show it to the subject or anyone outside the case. Opening it is recorded.',
  evidenceShow: 'I need to see the evidence',
  evidenceConfirmTitle: 'Open the evidence of a protected case?',
  evidenceConfirmOk: 'Open it',
  continuationOutcome: 'Decision',
  continuationOutcomes: { continue: 'Continue of our own motion', end: 'Do not continue: end the case' },
  continuationReason: 'Reason',
};
