// Categories, areas and sectors: the bundled list at once (so the form works on a
// slow or broken connection), replaced by the server's list when it arrives.
import { useEffect, useState } from 'react';
import { areas, categories, sectors } from '../../../shared/catalog';
import { api } from '../api';

type Label = { zh: string; en: string };

export interface PublicCatalog {
  categories: { code: string; sector: string; scheme: string; name: Label }[];
  areas: { code: string; name: Label }[];
  sectors: { code: string; name: Label }[];
}

const bundled: PublicCatalog = { categories, areas, sectors };
let loaded: PublicCatalog | null = null;
let loading: Promise<PublicCatalog> | null = null;

function fetchCatalog(): Promise<PublicCatalog> {
  loading ??= api.get<PublicCatalog>('/catalog').then(
    (catalog) => (loaded = catalog.categories?.length && catalog.areas?.length ? catalog : bundled),
    () => {
      loading = null; // try again next time a page opens
      return bundled;
    },
  );
  return loading;
}

export function useCatalog(): PublicCatalog {
  const [catalog, setCatalog] = useState<PublicCatalog>(loaded ?? bundled);
  useEffect(() => {
    let live = true;
    void fetchCatalog().then((c) => live && setCatalog(c));
    return () => {
      live = false;
    };
  }, []);
  return catalog;
}
