// The partner registry as administrators manage it: partner systems (the
// provincial platform, another city) that exchange cases with us by signed
// requests. The shared secret appears in exactly one answer (registration or
// rotation) and in no list, view or audit entry.
import { z } from 'zod';

export const partnerCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{2,39}$/, '3–40 lower-case letters, digits and hyphens, starting with a letter');

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Webhooks carry case status: HTTPS, or plain HTTP to this machine only (a test receiver). */
export const webhookUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
  }, 'an https:// address (plain http only to localhost)');

const partnerName = z.object({ zh: z.string().trim().min(1).max(80), en: z.string().trim().min(1).max(120) });

export const partnerView = z.object({
  code: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  /** Public: partners send it in X-Woodpecker-Key. */
  keyId: z.string(),
  webhookUrl: z.string().optional(),
  testMode: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  /** When the current secret was issued. */
  secretIssuedAt: z.string(),
});
export type PartnerView = z.infer<typeof partnerView>;

export const partnerList = z.object({ items: z.array(partnerView) });

export const registerPartnerBody = z.object({
  code: partnerCodeSchema,
  name: partnerName,
  webhookUrl: webhookUrlSchema.optional(),
  testMode: z.boolean(),
});

/** Only what is sent changes; `webhookUrl: null` removes it (the partner then only pulls). */
export const updatePartnerBody = z
  .object({
    name: partnerName.optional(),
    webhookUrl: webhookUrlSchema.nullable().optional(),
    testMode: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change');

export const partnerParams = z.object({ code: partnerCodeSchema });

/** The one answer that carries the secret: shown once, never stored in the clear. */
export const partnerWithSecret = z.object({ partner: partnerView, secret: z.string() });
