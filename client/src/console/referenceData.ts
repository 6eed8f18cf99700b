// Units, areas, sectors and categories turn codes into names. One cached query for the whole
// console, fetched once per visit; on failure the codes show and the pages still work.
import { useQuery } from '@tanstack/react-query';
import { fundSourceName } from '../../../shared/schemas/fund';
import { api } from '../api';
import { useLang, type Lang } from '../i18n';
import { queryKeys } from './queryKeys';
import { REFERENCE_STALE_MS } from './queryClient';
import type { Area, Catalog, LocalizedName, Sector, Unit } from './types';

type Category = Catalog['categories'][number];

interface ReferenceData {
  units: Unit[];
  areas: Area[];
  sectors: Sector[];
  categories: Category[];
  fundName?: LocalizedName;
}

const EMPTY: ReferenceData = { units: [], areas: [], sectors: [], categories: [] };

async function fetchReferenceData(signal: AbortSignal): Promise<ReferenceData> {
  const [units, catalog] = await Promise.all([
    api.get<{ items: Unit[] }>('/units', { signal }),
    api.get<Catalog>('/catalog', { signal }),
  ]);
  return {
    units: units.items,
    areas: catalog.areas,
    sectors: catalog.sectors,
    categories: catalog.categories,
    fundName: catalog.jurisdiction?.fundName,
  };
}

export function localName(name: LocalizedName, lang: Lang): string {
  return lang === 'en' ? name.en || name.zh : name.zh;
}

export interface ReferenceLookup extends ReferenceData {
  unitName(code: string): string;
  areaName(code: string): string;
  sectorName(code: string): string;
  categoryName(code: string): string;
  /** A funding source's name: the jurisdiction's fund, a county's budget (shared/schemas/fund.ts). */
  fundSourceName(source: string): string;
}

export function useReferenceData(): ReferenceLookup {
  const lang = useLang();
  const { data = EMPTY } = useQuery({
    queryKey: queryKeys.reference,
    queryFn: ({ signal }) => fetchReferenceData(signal),
    staleTime: REFERENCE_STALE_MS,
    gcTime: Infinity,
  });

  const find = (list: { code: string; name: LocalizedName }[], code: string) => {
    const item = list.find((entry) => entry.code === code);
    return item ? localName(item.name, lang) : code;
  };
  return {
    ...data,
    unitName: (code) => find(data.units, code),
    areaName: (code) => find(data.areas, code),
    sectorName: (code) => find(data.sectors, code),
    categoryName: (code) => find(data.categories, code),
    fundSourceName: (source) =>
      localName(
        fundSourceName(source, {
          fund: data.fundName,
          area: (code) => data.areas.find((a) => a.code === code)?.name,
        }),
        lang,
      ),
  };
}
