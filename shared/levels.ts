// Administrative levels. Each area and each staff member belongs to one; a
// conclusion can be objected to at the level above the one that reached it, and
// a verification extension is approved at the unit's head or the level above.
import type { Label } from './catalog';

export const levels = ['county', 'city'] as const;
export type Level = (typeof levels)[number];

export const levelNames: Record<Level, Label> = {
  county: { zh: '县（市、区）级', en: 'County level' },
  city: { zh: '市级', en: 'City level' },
};

const rank: Record<Level, number> = { county: 1, city: 2 };
export const isAbove = (a: Level, b: Level): boolean => rank[a] > rank[b];

/** A county department names its county; a city-wide one names none. */
export const levelOfUnit = (unit: { areaCode?: string | null }): Level => (unit.areaCode ? 'county' : 'city');
