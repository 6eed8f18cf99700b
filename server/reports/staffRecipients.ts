// Whom staff mail goes to: the active staff of some roles covering an area, and a
// unit's head. Kept apart from the steps that send mail, so any change function can
// address staff without importing the pipeline that runs it.
import { trusted } from 'mongoose';
import { coversArea } from '../../shared/areaScope';
import type { Role } from '../../shared/roles';
import { Unit } from '../catalog/unit.model';
import { Staff } from '../staff/staff.model';

/**
 * Addresses of active staff in these roles who cover the area (listed, or
 * granted every area); `cityLevelOnly` keeps those of city-wide units (no area
 * code), who review objections to county conclusions.
 */
export async function staffEmails(roles: Role[], area: string, cityLevelOnly = false): Promise<string[]> {
  const filter: Record<string, unknown> = {
    role: trusted({ $in: roles }),
    disabled: trusted({ $ne: true }),
    email: trusted({ $type: 'string' }),
  };
  if (cityLevelOnly) {
    const cityUnits = await Unit.find({ areaCode: trusted({ $in: [null, ''] }) }, { code: 1 }).lean();
    filter.unitCode = trusted({ $in: cityUnits.map((u) => u.code) });
  }
  const people = await Staff.find(filter, { email: 1, areaCodes: 1, allAreas: 1 }).lean();
  return [...new Set(people.filter((p) => coversArea(p, area)).map((p) => p.email!))];
}

/** A unit head's address, if the unit has one on file. */
export async function headEmailOf(unitCode: string | null | undefined): Promise<string | undefined> {
  if (!unitCode) return undefined;
  return (await Unit.findOne({ code: unitCode }, { headEmail: 1 }).lean())?.headEmail ?? undefined;
}
