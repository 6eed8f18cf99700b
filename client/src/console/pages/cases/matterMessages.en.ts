// Texts for one matter across channels (the credit code, the link made at intake), English.
import type { MatterMessages } from './matterMessages.zh';

export const matterEn: MatterMessages = {
  creditCode: 'Unified social credit code',
  creditCodeHint: 'The 18 characters on the business licence, when the caller or the letter gives them.',
  creditCodeInvalid:
    'A unified social credit code has 18 characters and a valid check character (never I, O, Z, S or V).',
  linkedTitle: 'Same matter: linked to an earlier case',
  linkedHint:
    'This report names the same enterprise (credit code) under the same reward scheme as the earlier case below, within 90 days, so intake linked them. Compare the two: if they are one matter, mark this one as a duplicate (of that case by default); if not, unlink it. One matter is rewarded once.',
  likelyTitle: 'Possibly the same matter (same place and category)',
  likelyHint:
    'This report gives the same place and category as the earlier report below, within 90 days. Nothing was merged: if they are one matter, mark this one as a duplicate of that reference.',
  unlinkedTitle: 'Unlinked from a matter',
  unlinkedHint: (reason: string) => `It was linked to the case below; the link was undone: ${reason}`,
  thisCase: 'This case',
  earlierCase: 'Earlier case',
  outsideAreas: 'That case is outside your areas: only its reference is shown.',
  duplicateOf: 'Duplicate of',
};
