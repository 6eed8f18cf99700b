// The reports a staff member works on: those of their areas. Fail closed: no
// areas listed and no every-area grant means no reports at all.
import { trusted } from 'mongoose';
import { coversArea } from '../../shared/areaScope';
import type { Actor } from '.';

/** A report filter for the actor's areas (matches nothing when they have none). */
export const areaScope = (actor: Actor) => (actor.allAreas ? {} : { area: trusted({ $in: actor.areaCodes }) });

/** The areas the actor sees, or null for every area (for figures and lists keyed by area). */
export const scopedAreas = (actor: Actor): string[] | null => (actor.allAreas ? null : actor.areaCodes);

export const actorCoversArea = (actor: Actor, area: string) => coversArea(actor, area);

/** A staff filter for accounts that work in this area (listed, or granted every area). */
export const staffCoveringArea = (area: string) => ({ $or: [{ areaCodes: area }, { allAreas: true }] });
