// The keys that recognise one matter reported through several channels (web,
// hotline, letter, the provincial platform). Pure: computed at intake and stored
// on the report, so finding an earlier report of the matter is one indexed query.
//
// - strong key: the enterprise's unified social credit code and the reward scheme
//   the category falls under. The code names the enterprise exactly; the scheme
//   keeps a welding report and a concealed accident at one enterprise apart.
// - place key: the area, the address normalised, and the category. Two people
//   write one address differently, so this only flags a likely duplicate.
//
// Both count only within MATTER_WINDOW_DAYS of the earlier report.

/** How long after a report another one is taken as the same matter: a hazard reported again after this is news. */
export const MATTER_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;
export const MATTER_WINDOW_MS = MATTER_WINDOW_DAYS * DAY_MS;

/** Below this many characters an address is too vague ("工地", "厂里") to say two reports are one place. */
const MIN_PLACE_CHARS = 4;

/** Words people add to an address that do not change the place. */
const TRAILING_NOISE = ['附近', '旁边', '周边', '周围', '一带', '对面', '门口', '这里', '那里', '处', '旁', '内', '里'];

export interface MatterFacts {
  creditCode?: string | null;
  /** The category's reward scheme (violation, welding, concealed-accident). */
  scheme: string;
  category: string;
  area: string;
  address?: string | null;
  /** Names of the area the address may start with ("北关区"): the area is in the key already. */
  areaNames?: readonly string[];
}

export interface MatterKeys {
  creditCode?: string;
  place?: string;
}

/**
 * An address as a key: full-width characters made half-width (NFKC), lower case,
 * without spaces, punctuation or symbols, without a leading area name, and
 * without trailing words like 附近 or 门口. Empty when too short to name a place.
 */
export function normalizePlace(address: string, areaNames: readonly string[] = []): string {
  let s = address
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
  for (let changed = true; changed;) {
    changed = false;
    for (const name of areaNames)
      if (name && s.startsWith(name)) {
        s = s.slice(name.length);
        changed = true;
      }
    for (const noise of TRAILING_NOISE)
      if (s.length > noise.length && s.endsWith(noise)) {
        s = s.slice(0, -noise.length);
        changed = true;
      }
  }
  return [...s].length >= MIN_PLACE_CHARS ? s : '';
}

export function matterKeysOf(f: MatterFacts): MatterKeys {
  const place = f.address ? normalizePlace(f.address, f.areaNames) : '';
  return {
    ...(f.creditCode ? { creditCode: `${f.creditCode}:${f.scheme}` } : {}),
    ...(place ? { place: `${f.area}:${place}:${f.category}` } : {}),
  };
}

/** Whether `later` falls within the window of `earlier` (and not before it). */
export const withinMatterWindow = (earlier: Date, later: Date): boolean =>
  later.getTime() >= earlier.getTime() && later.getTime() - earlier.getTime() <= MATTER_WINDOW_MS;
