// Managing the exclusion register: the ID number in a request is checked, turned
// into its blind index and dropped; lists show the kind and note, never a number.
// Every change is audited (without the index: the log is read by more people).
import { trusted } from 'mongoose';
import type { z } from 'zod';
import type { exclusionBody, exclusionEntry } from '../../shared/schemas/rewardControls';
import type { Actor } from '../access';
import { appendAudit } from '../audit/auditLog';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { Staff } from '../staff/staff.model';
import { payeeIndexOf } from './blindIndex';
import { ExclusionEntry, type ExclusionEntryFields } from './exclusionRegister.model';

type EntryView = z.infer<typeof exclusionEntry>;

const viewOf = (e: ExclusionEntryFields & { _id: unknown }, names: Map<string, string>): EntryView => ({
  id: String(e._id),
  kind: e.kind as EntryView['kind'],
  note: e.note,
  addedById: e.addedById,
  addedBy: names.get(e.addedById),
  addedAt: e.addedAt.toISOString(),
});

async function usernames(ids: string[]): Promise<Map<string, string>> {
  const staff = await Staff.find({ _id: trusted({ $in: [...new Set(ids)] }) }, { username: 1 }).lean();
  return new Map(staff.map((s) => [String(s._id), s.username]));
}

export async function listExclusions(): Promise<{ entries: EntryView[] }> {
  const entries = await ExclusionEntry.find({}).sort({ addedAt: -1 }).lean();
  const names = await usernames(entries.map((e) => e.addedById));
  return { entries: entries.map((e) => viewOf(e, names)) };
}

export async function addExclusion(
  body: z.infer<typeof exclusionBody>,
  actor: Actor,
  box: SecretBox,
  now = new Date(),
): Promise<EntryView> {
  const index = payeeIndexOf(box, body.idNumber);
  if (await ExclusionEntry.exists({ index }))
    throw fail('resource.conflict', [{ path: 'body.idNumber', code: 'duplicate', message: 'already on the register' }]);
  const entry = await inTransaction(async (session) => {
    const [created] = await ExclusionEntry.create(
      [{ index, kind: body.kind, note: body.note, addedById: actor.id, addedAt: now }],
      { session },
    );
    await appendAudit(
      {
        actor,
        action: 'rewards.exclusion_added',
        target: { type: 'exclusion', id: String(created._id) },
        details: { kind: body.kind },
      },
      session,
      now,
    );
    return created.toObject();
  });
  return viewOf(entry, new Map([[actor.id, actor.username]]));
}

export async function removeExclusion(id: string, actor: Actor, now = new Date()): Promise<void> {
  await inTransaction(async (session) => {
    const removed = await ExclusionEntry.findOneAndDelete({ _id: id }, { session }).lean();
    if (!removed) throw fail('resource.not_found');
    await appendAudit(
      {
        actor,
        action: 'rewards.exclusion_removed',
        target: { type: 'exclusion', id },
        details: { kind: removed.kind },
      },
      session,
      now,
    );
  });
}
