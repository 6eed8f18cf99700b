// Category names for the case pages (the catalog the public form uses).
import { useEffect, useState } from 'react';
import { api } from '../../../api';
import { useLang } from '../../../i18n';
import { localName } from '../../referenceData';
import type { Catalog } from '../../types';

let cached: Promise<Catalog['categories']> | null = null;

export function useCategories() {
  const lang = useLang();
  const [categories, setCategories] = useState<Catalog['categories']>([]);
  useEffect(() => {
    let live = true;
    cached ??= api.get<Catalog>('/catalog').then(
      (c) => c.categories,
      (error: unknown) => {
        cached = null;
        throw error;
      },
    );
    cached.then(
      (list) => live && setCategories(list),
      () => undefined, // codes show instead of names
    );
    return () => {
      live = false;
    };
  }, []);
  return {
    categories,
    categoryName: (code: string) => {
      const c = categories.find((x) => x.code === code);
      return c ? localName(c.name, lang) : code;
    },
  };
}
