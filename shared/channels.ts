// How a report reached us. "web" is the public form; the entered channels are
// taken by an intake officer; "partner" cases are dispatched by a partner system
// (the provincial platform) through the signed exchange API.
export const enteredChannels = ['hotline-12350', 'hotline-12345', 'letter', 'fax', 'in-person'] as const;
export type EnteredChannel = (typeof enteredChannels)[number];

export const reportChannels = ['web', ...enteredChannels, 'partner'] as const;
export type ReportChannel = (typeof reportChannels)[number];

/** Each channel's name, for the console's lists and the case timeline. */
export const channelNames: Record<ReportChannel, { zh: string; en: string }> = {
  web: { zh: '网上举报', en: 'Online' },
  'hotline-12350': { zh: '12350 热线', en: '12350 hotline' },
  'hotline-12345': { zh: '12345 热线', en: '12345 hotline' },
  letter: { zh: '来信', en: 'Letter' },
  fax: { zh: '传真', en: 'Fax' },
  'in-person': { zh: '来访', en: 'In person' },
  partner: { zh: '对接系统转办', en: 'Dispatched by a partner system' },
};

/** Channel names in one language, keyed by channel. */
export const channelNamesIn = (lang: 'zh' | 'en'): Record<string, string> =>
  Object.fromEntries(reportChannels.map((channel) => [channel, channelNames[channel][lang]]));
