// How a report reached us. "web" is the public form; the entered channels are
// taken by an intake officer; "partner" cases are dispatched by a partner system
// (the provincial platform) through the signed exchange API.
export const enteredChannels = ['hotline-12350', 'hotline-12345', 'letter', 'fax', 'in-person'] as const;
export type EnteredChannel = (typeof enteredChannels)[number];

export const reportChannels = ['web', ...enteredChannels, 'partner'] as const;
export type ReportChannel = (typeof reportChannels)[number];
