// The partner systems page's texts, English.
import type { PartnersMessages } from './messages.zh';

export const partnersEn: PartnersMessages = {
  title: 'Partner systems',
  intro:
    'External systems that exchange cases with us, such as the Henan work-safety reporting platform. Each signs its requests with a key id and a shared secret; the secret is shown once, when it is issued or rotated. In test mode a partner’s cases go through the same signature and checks, but are kept apart and deleted after a few days: they never reach case work, statistics or rewards.',
  register: 'Register a partner',
  code: 'Code',
  codeHint: '3–40 lower-case letters, digits and hyphens, starting with a letter, e.g. henan-province',
  nameZh: 'Name (Chinese)',
  nameEn: 'Name (English)',
  name: 'Name',
  keyId: 'Key id',
  webhookUrl: 'Status webhook',
  webhookHint: 'An https:// address; leave empty if the partner pulls case status itself',
  noWebhook: 'None (the partner pulls)',
  testMode: 'Test mode',
  testModeHint: 'Test cases never reach case work, statistics, rewards or the fund, and are deleted after 3 days',
  active: 'Active',
  secretIssuedAt: 'Secret issued',
  actions: 'Actions',
  edit: 'Edit',
  rotate: 'Rotate secret',
  rotateConfirm: 'The old key id and secret stop working at once; the partner must switch to the new ones. Rotate?',
  deactivateConfirm: 'Every request from this system will be refused. Deactivate it?',
  required: 'Required',
  saved: 'Saved',
  secretTitle: (name: string) => `Shared secret for ${name}`,
  secretOnce:
    'This secret is shown only now and cannot be viewed again once you close this window. Hand it to the partner over a secure channel, not by e-mail, chat or screenshot; if it is lost, rotate it.',
  secretKeyId: 'Key id (X-Woodpecker-Key)',
  secret: 'Shared secret',
  copied: 'Copied',
  status: 'Status',
  statusLive: 'Live',
  statusTest: 'Test',
  statusInactive: 'Inactive',
};
