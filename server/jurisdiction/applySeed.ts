// Puts a jurisdiction seed into an empty database. Every write is an insert-if-
// missing ($setOnInsert), so a restart never overwrites an administrator's edits;
// once a profile exists the seed is not applied again (another seed named later
// does not mix two cities).
import type { AnyBulkWriteOperation } from 'mongoose';
import { Category } from '../catalog/category.model';
import { Responsibility } from '../catalog/responsibility.model';
import { Unit } from '../catalog/unit.model';
import { Area } from './area.model';
import { JurisdictionProfile, PROFILE_ID } from './profile.model';
import type { JurisdictionSeed } from './seedFormat';
import { Sector } from './sector.model';
import { forgetJurisdiction } from './lookup';

const insertMissing = <T extends object>(items: T[], key: (t: T) => Record<string, unknown>) =>
  items.map((item, order) => ({
    updateOne: { filter: key(item), update: { $setOnInsert: { ...item, order } }, upsert: true },
  })) as AnyBulkWriteOperation[];

/** Applies `seed` unless a profile is already there; says which seed the database holds. */
export async function applyJurisdictionSeed(seed: JurisdictionSeed): Promise<{ applied: boolean; seed: string }> {
  const existing = await JurisdictionProfile.findById(PROFILE_ID, { seed: 1 }).lean();
  if (existing) return { applied: false, seed: existing.seed };
  await Area.bulkWrite(insertMissing(seed.areas, (a) => ({ code: a.code })));
  await Sector.bulkWrite(insertMissing(seed.sectors, (s) => ({ code: s.code })));
  await Unit.bulkWrite(
    seed.units.map((u) => ({ updateOne: { filter: { code: u.code }, update: { $setOnInsert: u }, upsert: true } })),
  );
  await Category.bulkWrite(insertMissing(seed.categories, (c) => ({ code: c.code })));
  await Responsibility.bulkWrite(
    defaultResponsibilities(seed).map((r) => ({
      updateOne: { filter: { sector: r.sector, area: r.area }, update: { $setOnInsert: r }, upsert: true },
    })),
  );
  // Last: a start that fails half-way applies the rest next time.
  await JurisdictionProfile.updateOne(
    { _id: PROFILE_ID },
    { $setOnInsert: { ...seed.profile, seed: seed.name, version: 1 } },
    { upsert: true },
  );
  forgetJurisdiction();
  return { applied: true, seed: seed.name };
}

/** The county-level areas of the served area. */
export const countiesOf = (seed: JurisdictionSeed) =>
  seed.areas.filter((a) => a.level === 'county' && a.parentCode === seed.profile.areaCode);

/**
 * The starting responsibility table. Supervision is territorial (属地管理): a
 * county department that supervises the sector takes it (the county emergency
 * bureaus: chemicals, non-coal mines, industry and trade, welding, other).
 * Sectors whose regulators have no county office in the seed go to the city
 * department on the responsibility list (construction → housing, fire → fire
 * and rescue…); the county emergency bureau is the fallback.
 */
export function defaultResponsibilities(seed: JurisdictionSeed): { sector: string; area: string; unitCode: string }[] {
  return seed.sectors.flatMap((s) =>
    countiesOf(seed).map(({ code: area }) => {
      const county = seed.units.find((u) => u.areaCode === area && u.sectors.includes(s.code));
      const city = seed.units.find((u) => !u.areaCode && u.sectors.includes(s.code));
      return { sector: s.code, area, unitCode: (county ?? city)?.code ?? `emb-${area}` };
    }),
  );
}
