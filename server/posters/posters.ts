// Administrators create and change posters (each change audited in its transaction);
// a citizen's scan only bumps two counters.
import crypto from 'node:crypto';
import type { z } from 'zod';
import { shanghaiDay } from '../../shared/dates';
import {
  POSTER_CODE_ALPHABET,
  POSTER_CODE_LENGTH,
  type createPosterBody,
  type posterListQuery,
  type updatePosterBody,
} from '../../shared/schemas/poster';
import { appendAudit } from '../audit/auditLog';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import { Poster } from './poster.model';
import { assertKnownArea, assertKnownSector } from '../jurisdiction/validate';
import { PosterScan } from './posterScan.model';
import type { Actor } from '../access';

/** 32^6 ≈ 10^9 codes: a clash is rare, a few fresh draws always settle it. */
const CODE_ATTEMPTS = 5;

export function newPosterCode(): string {
  let code = '';
  for (let i = 0; i < POSTER_CODE_LENGTH; i++)
    code += POSTER_CODE_ALPHABET[crypto.randomInt(POSTER_CODE_ALPHABET.length)];
  return code;
}

function isDuplicateKey(err: unknown, field: string): boolean {
  const e = err as {
    code?: number;
    keyValue?: Record<string, unknown>;
    keyPattern?: Record<string, unknown>;
    message?: string;
  };
  if (e?.code !== 11000) return false;
  const fields = Object.keys(e.keyPattern ?? e.keyValue ?? {});
  return fields.length ? fields.includes(field) : String(e.message).includes(field);
}

export async function posterCreator(
  actor: Actor,
  input: z.infer<typeof createPosterBody>,
  drawCode: () => string = newPosterCode,
) {
  await assertKnownArea(input.areaCode, 'body.areaCode');
  await assertKnownSector(input.sector, 'body.sector');
  for (let attempt = 1; ; attempt++) {
    const code = drawCode();
    try {
      return await inTransaction(async (session) => {
        const [created] = await Poster.create([{ ...input, code, createdBy: actor.id }], { session });
        await appendAudit(
          {
            actor,
            action: 'poster.create',
            target: { type: 'poster', id: code },
            details: { areaCode: input.areaCode, sector: input.sector },
          },
          session,
        );
        return created;
      });
    } catch (err) {
      if (attempt >= CODE_ATTEMPTS || !isDuplicateKey(err, 'code')) throw err;
    }
  }
}

export async function posterUpdater(actor: Actor, code: string, changes: z.infer<typeof updatePosterBody>) {
  await assertKnownArea(changes.areaCode, 'body.areaCode');
  await assertKnownSector(changes.sector, 'body.sector');
  return inTransaction(async (session) => {
    const updated = await Poster.findOneAndUpdate(
      { code },
      { $set: changes },
      { returnDocument: 'after', runValidators: true, session },
    );
    if (!updated) throw fail('poster.not_found');
    await appendAudit(
      {
        actor,
        action: 'poster.update',
        target: { type: 'poster', id: code },
        details: {
          fields: Object.keys(changes),
          active: changes.active,
          areaCode: changes.areaCode,
          sector: changes.sector,
        },
      },
      session,
    );
    return updated;
  });
}

/** A poster fit to print: known and active (a retired poster's QR code leads nowhere). */
export async function printablePoster(code: string) {
  const poster = await Poster.findOne({ code }).lean();
  if (!poster) throw fail('poster.not_found');
  if (!poster.active) throw fail('poster.inactive');
  return poster;
}

/** Posters matching the list's filters, newest first. */
export async function listPosters(query: z.infer<typeof posterListQuery>) {
  const filter = {
    ...(query.areaCode ? { areaCode: query.areaCode } : {}),
    ...(query.sector ? { sector: query.sector } : {}),
    ...(query.active ? { active: query.active === 'true' } : {}),
  };
  return Poster.find(filter).sort({ createdAt: -1, code: 1 }).lean();
}

/** The poster a scan leads to, without counting it (the client already scanned it today). */
export async function activePoster(code: string) {
  return Poster.findOne({ code, active: true }).lean();
}

/**
 * Counts one scan: the poster's total and today's counter, each an atomic $inc.
 * No transaction: these are statistics, and a citizen's redirect must not wait on
 * retries. Returns null when the code is unknown or the poster retired.
 */
export async function recordScan(code: string, now = new Date()) {
  // No timestamps: the poster's updatedAt would otherwise record the moment of the last scan.
  const poster = await Poster.findOneAndUpdate(
    { code, active: true },
    { $inc: { scanCount: 1 } },
    { returnDocument: 'after', timestamps: false },
  ).lean();
  if (!poster) return null;
  const day = shanghaiDay(now);
  const bumpToday = () => PosterScan.updateOne({ posterCode: code, day }, { $inc: { count: 1 } }, { upsert: true });
  try {
    await bumpToday();
  } catch (err) {
    // Two first scans of the day can race to insert the counter; the loser finds it and increments.
    if (!isDuplicateKey(err, 'posterCode')) throw err;
    await bumpToday();
  }
  return poster;
}
