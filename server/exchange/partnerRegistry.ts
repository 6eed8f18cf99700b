// Administering partner systems. The shared secret is drawn here, sealed at
// rest (SecretBox) and returned in exactly one answer; lists, views and audit
// entries carry the key id, never the secret. Rotation replaces key id and
// secret together, so the old pair stops working at once.
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { PartnerView, registerPartnerBody, updatePartnerBody } from '../../shared/schemas/partners';
import type { Actor } from '../access';
import { appendAudit } from '../audit/auditLog';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { Partner, type PartnerFields } from './partner.model';

interface Issued {
  keyId: string;
  secret: string;
}

/** 32 random bytes of secret; a random, recognisable key id. */
function issueKey(): Issued {
  return {
    keyId: `wpk_${crypto.randomBytes(12).toString('hex')}`,
    secret: crypto.randomBytes(32).toString('base64url'),
  };
}

type StoredPartner = PartnerFields & { createdAt: Date };

export function presentPartner(p: StoredPartner): PartnerView {
  return {
    code: p.code,
    name: { zh: p.name?.zh ?? p.code, en: p.name?.en ?? p.code },
    keyId: p.keyId,
    webhookUrl: p.webhookUrl ?? undefined,
    testMode: p.testMode,
    active: p.active,
    createdAt: p.createdAt.toISOString(),
    secretIssuedAt: (p.secretIssuedAt ?? p.createdAt).toISOString(),
  };
}

export async function listPartners(): Promise<{ items: PartnerView[] }> {
  const partners = await Partner.find({}).sort({ createdAt: 1 }).lean();
  return { items: partners.map(presentPartner) };
}

export async function registerPartner(
  body: z.infer<typeof registerPartnerBody>,
  actor: Actor,
  box: SecretBox,
  now = new Date(),
): Promise<{ partner: PartnerView; secret: string }> {
  if (await Partner.exists({ code: body.code }))
    throw fail('resource.conflict', [{ path: 'body.code', code: 'duplicate', message: 'a partner has this code' }]);
  const { keyId, secret } = issueKey();
  const created = await inTransaction(async (session) => {
    const [partner] = await Partner.create(
      [
        {
          code: body.code,
          name: body.name,
          keyId,
          secretSealed: box.seal(secret),
          secretIssuedAt: now,
          webhookUrl: body.webhookUrl,
          testMode: body.testMode,
          active: true,
        },
      ],
      { session },
    );
    await appendAudit(
      {
        actor,
        action: 'partner.register',
        target: { type: 'partner', id: body.code },
        details: { keyId, testMode: body.testMode, webhook: !!body.webhookUrl },
      },
      session,
      now,
    );
    return partner.toObject();
  });
  return { partner: presentPartner(created), secret };
}

export async function rotatePartnerSecret(
  code: string,
  actor: Actor,
  box: SecretBox,
  now = new Date(),
): Promise<{ partner: PartnerView; secret: string }> {
  const { keyId, secret } = issueKey();
  const updated = await inTransaction(async (session) => {
    const before = await Partner.findOneAndUpdate(
      { code },
      { $set: { keyId, secretSealed: box.seal(secret), secretIssuedAt: now } },
      { session },
    ).lean();
    if (!before) throw fail('resource.not_found');
    await appendAudit(
      {
        actor,
        action: 'partner.rotate_secret',
        target: { type: 'partner', id: code },
        details: { previousKeyId: before.keyId, keyId },
      },
      session,
      now,
    );
    return { ...before, keyId, secretIssuedAt: now };
  });
  return { partner: presentPartner(updated), secret };
}

export async function updatePartner(
  code: string,
  body: z.infer<typeof updatePartnerBody>,
  actor: Actor,
  now = new Date(),
): Promise<PartnerView> {
  const set: Record<string, unknown> = {};
  const unset: Record<string, 1> = {};
  if (body.name) set.name = body.name;
  if (body.testMode !== undefined) set.testMode = body.testMode;
  if (body.active !== undefined) set.active = body.active;
  if (body.webhookUrl === null) unset.webhookUrl = 1;
  else if (body.webhookUrl !== undefined) set.webhookUrl = body.webhookUrl;
  const updated = await inTransaction(async (session) => {
    const after = await Partner.findOneAndUpdate(
      { code },
      { ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(unset).length ? { $unset: unset } : {}) },
      { session, returnDocument: 'after', runValidators: true },
    ).lean();
    if (!after) throw fail('resource.not_found');
    await appendAudit(
      {
        actor,
        action: 'partner.update',
        target: { type: 'partner', id: code },
        // Which fields changed, and the switches' new values; the webhook address may carry a token, so not it.
        details: {
          changed: Object.keys({ ...set, ...unset }),
          testMode: body.testMode,
          active: body.active,
        },
      },
      session,
      now,
    );
    return after;
  });
  return presentPartner(updated);
}
