// Administrators' changes to the jurisdiction: the profile, areas and sectors.
// Each change is audited and raises the profile's version in one transaction,
// so every instance's cache reloads (lookup.ts); this one drops its copy at once.
import type { ClientSession } from 'mongoose';
import type { z } from 'zod';
import type {
  createAreaBody,
  createSectorBody,
  updateAreaBody,
  updateProfileBody,
  updateSectorBody,
} from '../../shared/schemas/jurisdiction';
import type { Actor } from '../access';
import { appendAudit } from '../audit/auditLog';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import { Area } from './area.model';
import { bumpJurisdictionVersion, forgetJurisdiction, jurisdiction } from './lookup';
import { JurisdictionProfile, PROFILE_ID } from './profile.model';
import { Sector } from './sector.model';

type Audit = { action: string; target: { type: string; id: string }; details?: Record<string, unknown> };

/** Runs `change` with its audit entry and the version bump in one transaction, then drops this instance's cache. */
async function changed<T>(actor: Actor, change: (session: ClientSession) => Promise<T>, audit: Audit): Promise<T> {
  try {
    return await inTransaction(async (session) => {
      const result = await change(session);
      await bumpJurisdictionVersion(session);
      await appendAudit({ actor, ...audit }, session);
      return result;
    });
  } finally {
    forgetJurisdiction();
  }
}

const conflict = (path: string) =>
  fail('resource.conflict', [{ path, code: 'duplicate', message: 'code already exists' }]);

export async function profileUpdater(actor: Actor, changes: z.infer<typeof updateProfileBody>) {
  await changed(
    actor,
    (session) =>
      JurisdictionProfile.updateOne({ _id: PROFILE_ID }, { $set: changes }, { session, runValidators: true }),
    {
      action: 'jurisdiction.profile_update',
      target: { type: 'jurisdiction', id: PROFILE_ID },
      details: { fields: Object.keys(changes) },
    },
  );
  return (await jurisdiction()).profile;
}

export async function areaCreator(actor: Actor, input: z.infer<typeof createAreaBody>) {
  if (await Area.exists({ code: input.code })) throw conflict('body.code');
  if (!(await Area.exists({ code: input.parentCode })))
    throw fail('request.invalid', [{ path: 'body.parentCode', code: 'unknown_area', message: 'no such parent area' }]);
  return changed(actor, async (session) => (await Area.create([{ ...input, active: true }], { session }))[0], {
    action: 'jurisdiction.area_create',
    target: { type: 'area', id: input.code },
    details: { level: input.level, parentCode: input.parentCode },
  });
}

export async function areaUpdater(actor: Actor, code: string, changes: z.infer<typeof updateAreaBody>) {
  const updated = await changed(
    actor,
    async (session) => {
      const area = await Area.findOneAndUpdate({ code }, { $set: changes }, { returnDocument: 'after', session });
      if (!area) throw fail('resource.not_found');
      return area;
    },
    {
      action: 'jurisdiction.area_update',
      target: { type: 'area', id: code },
      details: { fields: Object.keys(changes), active: changes.active },
    },
  );
  return updated;
}

export async function sectorCreator(actor: Actor, input: z.infer<typeof createSectorBody>) {
  if (await Sector.exists({ code: input.code })) throw conflict('body.code');
  return changed(actor, async (session) => (await Sector.create([{ ...input, active: true }], { session }))[0], {
    action: 'jurisdiction.sector_create',
    target: { type: 'sector', id: input.code },
  });
}

export async function sectorUpdater(actor: Actor, code: string, changes: z.infer<typeof updateSectorBody>) {
  return changed(
    actor,
    async (session) => {
      const sector = await Sector.findOneAndUpdate({ code }, { $set: changes }, { returnDocument: 'after', session });
      if (!sector) throw fail('resource.not_found');
      return sector;
    },
    {
      action: 'jurisdiction.sector_update',
      target: { type: 'sector', id: code },
      details: { fields: Object.keys(changes), active: changes.active },
    },
  );
}
