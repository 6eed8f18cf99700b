// Finance's own movements of fund money: appropriations, each to a named funding
// source (the city fund unless another is named). Each is a ledger entry,
// the balance change and an audit entry in one transaction, and is keyed by the
// client's Idempotency-Key so that a retried request never appropriates twice.
import { assertKnownFundSource } from '../jurisdiction/validate';
import type { z } from 'zod';
import { type appropriationBody, type LedgerEntryView } from '../../shared/schemas/fund';
import { appendAudit } from '../audit/auditLog';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import { Fund, LedgerEntry } from './fund.model';
import type { Actor } from '../access';
import { moveMoney } from './ledger';
import { presentLedgerEntry } from './fundReports';

export type AppropriationRequest = z.infer<typeof appropriationBody>;

/** The ledger's key for an appropriation: namespaced so it cannot meet a reward movement's key. */
const ledgerKey = (idempotencyKey: string) => `appropriation:${idempotencyKey}`;

/** The entry an earlier request with this key made, if it asked for exactly the same; a different request is refused. */
async function replayOf(
  key: string,
  actor: Actor,
  request: AppropriationRequest,
): Promise<LedgerEntryView | undefined> {
  const earlier = await LedgerEntry.findOne({ idempotencyKey: ledgerKey(key) }).lean();
  if (!earlier) return undefined;
  const same =
    earlier.kind === 'appropriate' &&
    earlier.amountFen === request.amountFen &&
    earlier.note === request.note &&
    earlier.fundId === request.source &&
    earlier.actorId === actor.id;
  if (!same) throw fail('idempotency.mismatch');
  return presentLedgerEntry(earlier);
}

export async function appropriate(
  actor: Actor,
  key: string,
  request: AppropriationRequest,
  now = new Date(),
): Promise<LedgerEntryView> {
  const replay = await replayOf(key, actor, request);
  if (replay) return replay;
  await assertKnownFundSource(request.source, 'body.source');
  try {
    await inTransaction(async (session) => {
      // Outside demo mode nothing seeds a fund: the first appropriation to a source opens it.
      await Fund.updateOne(
        { _id: request.source },
        { $setOnInsert: { appropriatedFen: 0, reservedFen: 0, paidFen: 0, recoveredFen: 0 } },
        { upsert: true, session },
      );
      await moveMoney(
        {
          kind: 'appropriate',
          fundId: request.source,
          amountFen: request.amountFen,
          note: request.note,
          actorId: actor.id,
          idempotencyKey: ledgerKey(key),
        },
        session,
        now,
      );
      await appendAudit(
        {
          actor,
          action: 'fund.appropriate',
          target: { type: 'fund', id: request.source },
          details: { amountFen: request.amountFen, note: request.note, idempotencyKey: key },
        },
        session,
        now,
      );
    });
  } catch (err) {
    // Two requests with one key raced: the one that lost answers like a retry.
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  const made = await replayOf(key, actor, request);
  if (!made) throw new Error(`appropriation ${key} was not recorded`);
  return made;
}
