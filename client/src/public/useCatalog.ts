// Categories, areas, sectors and the jurisdiction (who serves the site): the
// server's, from the catalog endpoint; empty lists until it answers (the
// jurisdiction is data, so nothing is bundled that could name the wrong city).
import { useEffect, useState } from 'react';
import type { catalog } from '../../../shared/contract/catalog';
import { call, route, type Answer } from '../apiClient';

// Named by route(): the pages that show the catalog need no zod of their own.
const catalogRoute = route<typeof catalog.catalog>({ kind: 'json', method: 'get', path: '/api/v1/catalog' });

export type PublicCatalog = Answer<typeof catalog.catalog>;

const bundled: PublicCatalog = { categories: [], areas: [], sectors: [] };
let loaded: PublicCatalog | null = null;
let loading: Promise<PublicCatalog> | null = null;

function fetchCatalog(): Promise<PublicCatalog> {
  loading ??= call(catalogRoute).then(
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
