// The jurisdiction as every module reads it: the profile, the areas and the
// sectors, cached in memory. Several instances share one database, so the cache
// checks the profile's version at most every CHECK_MS; a change made here drops
// it at once (forgetJurisdiction), so this instance never serves stale names.
import type { ClientSession } from 'mongoose';
import { Area } from './area.model';
import { JurisdictionProfile, PROFILE_ID } from './profile.model';
import type { AreaLevel, Label, Profile } from './seedFormat';
import { Sector } from './sector.model';

const CHECK_MS = 2_000;

export interface AreaEntry {
  code: string;
  name: Label;
  level: AreaLevel;
  parentCode?: string;
  population?: number;
  active: boolean;
}
export interface SectorEntry {
  code: string;
  name: Label;
  active: boolean;
}
export interface Jurisdiction {
  version: number;
  seed: string;
  profile: Profile;
  /** Every area, retired ones included, in order. */
  areas: AreaEntry[];
  sectors: SectorEntry[];
}

let cached: { data: Jurisdiction; checkedAt: number } | undefined;
let loading: Promise<Jurisdiction> | undefined;

const label = (l: { zh: string; en: string }): Label => ({ zh: l.zh, en: l.en });

async function load(): Promise<Jurisdiction> {
  const [p, areas, sectors] = await Promise.all([
    JurisdictionProfile.findById(PROFILE_ID).lean(),
    Area.find().sort({ order: 1, code: 1 }).lean(),
    Sector.find().sort({ order: 1, code: 1 }).lean(),
  ]);
  if (!p) throw new Error('No jurisdiction in the database: the seed was not applied (applyJurisdictionSeed)');
  const data: Jurisdiction = {
    version: p.version ?? 1,
    seed: p.seed,
    profile: {
      areaCode: p.areaCode,
      bureau: label(p.bureau),
      hotlines: p.hotlines.map((h) => ({ label: label(h.label), number: h.number ?? '' })),
      letterAddress: label(p.letterAddress),
      visitAddress: label(p.visitAddress),
      posterPromises: p.posterPromises.map((x) => ({ condition: label(x.condition), amount: label(x.amount) })),
      fundName: label(p.fundName),
      footer: label(p.footer),
    },
    areas: areas.map((a) => ({
      code: a.code,
      name: label(a.name),
      level: a.level as AreaLevel,
      ...(a.parentCode ? { parentCode: a.parentCode } : {}),
      ...(a.population ? { population: a.population } : {}),
      active: a.active !== false,
    })),
    sectors: sectors.map((s) => ({ code: s.code, name: label(s.name), active: s.active !== false })),
  };
  cached = { data, checkedAt: Date.now() };
  return data;
}

/** The whole jurisdiction, fresh within CHECK_MS of a change made on another instance. */
export async function jurisdiction(): Promise<Jurisdiction> {
  const now = Date.now();
  if (cached && now - cached.checkedAt < CHECK_MS) return cached.data;
  if (loading) return loading;
  loading = (async () => {
    if (cached) {
      const head = await JurisdictionProfile.findById(PROFILE_ID, { version: 1 }).lean();
      if (head && head.version === cached.data.version) {
        cached.checkedAt = Date.now();
        return cached.data;
      }
    }
    return load();
  })().finally(() => (loading = undefined));
  return loading;
}

/** Drops this instance's copy (after a change here, or a seed applied). */
export function forgetJurisdiction(): void {
  cached = undefined;
}

/** Marks a change for every instance; call inside the change's transaction, then forgetJurisdiction(). */
export async function bumpJurisdictionVersion(session?: ClientSession): Promise<void> {
  await JurisdictionProfile.updateOne({ _id: PROFILE_ID }, { $inc: { version: 1 } }, { session });
}

export const profile = async () => (await jurisdiction()).profile;

/** The report areas: the active county-level areas of the served area, in order. */
export async function areasOf(): Promise<AreaEntry[]> {
  const j = await jurisdiction();
  return j.areas.filter((a) => a.active && a.level === 'county' && a.parentCode === j.profile.areaCode);
}

/** Whether `code` is an active report area here. */
export const knownArea = async (code: string) => (await areasOf()).some((a) => a.code === code);

/** Any area's name, retired ones included (old reports keep theirs); the code when unknown. */
export async function areaNames(): Promise<(code: string) => Label> {
  const { areas } = await jurisdiction();
  const byCode = new Map(areas.map((a) => [a.code, a.name]));
  return (code) => byCode.get(code) ?? { zh: code, en: code };
}

export const sectorsOf = async () => (await jurisdiction()).sectors.filter((s) => s.active);
export const knownSector = async (code: string) => (await sectorsOf()).some((s) => s.code === code);

export async function sectorNames(): Promise<(code: string) => Label> {
  const { sectors } = await jurisdiction();
  const byCode = new Map(sectors.map((s) => [s.code, s.name]));
  return (code) => byCode.get(code) ?? { zh: code, en: code };
}

/** The served city's (or county's) own area entry. */
export async function servedArea(): Promise<AreaEntry | undefined> {
  const j = await jurisdiction();
  return j.areas.find((a) => a.code === j.profile.areaCode);
}
