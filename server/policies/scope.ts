// The reports a staff member works on: those of their areas.
import { trusted } from 'mongoose';
import type { Actor } from '.';

/** A report filter for the actor's areas (no areas listed: all of them). */
export const areaScope = (actor: Actor) => (actor.areaCodes.length ? { area: trusted({ $in: actor.areaCodes }) } : {});
