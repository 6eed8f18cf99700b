// Units, areas and sectors turn codes into names. Fetched once per page load; on failure the codes show.
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useLang, type Lang } from '../i18n';
import type { Area, Catalog, LocalizedName, Sector, Unit } from './types';

interface ReferenceData {
  units: Unit[];
  areas: Area[];
  sectors: Sector[];
}

let cached: Promise<ReferenceData> | null = null;

function loadReferenceData(): Promise<ReferenceData> {
  cached ??= Promise.all([
    api.get<{ items: Unit[] }>('/units'),
    api.get<Catalog>('/catalog'),
  ]).then(
    ([units, catalog]) => ({ units: units.items, areas: catalog.areas, sectors: catalog.sectors }),
    (error: unknown) => {
      cached = null; // let the next page try again
      throw error;
    },
  );
  return cached;
}

export function localName(name: LocalizedName, lang: Lang): string {
  return lang === 'en' ? name.en || name.zh : name.zh;
}

export interface ReferenceLookup extends ReferenceData {
  unitName(code: string): string;
  areaName(code: string): string;
  sectorName(code: string): string;
}

export function useReferenceData(): ReferenceLookup {
  const lang = useLang();
  const [data, setData] = useState<ReferenceData>({ units: [], areas: [], sectors: [] });

  useEffect(() => {
    let live = true;
    loadReferenceData().then(
      (loaded) => live && setData(loaded),
      () => undefined, // names fall back to codes; the page itself still works
    );
    return () => {
      live = false;
    };
  }, []);

  const find = (list: { code: string; name: LocalizedName }[], code: string) => {
    const item = list.find((entry) => entry.code === code);
    return item ? localName(item.name, lang) : code;
  };
  return {
    ...data,
    unitName: (code) => find(data.units, code),
    areaName: (code) => find(data.areas, code),
    sectorName: (code) => find(data.sectors, code),
  };
}
