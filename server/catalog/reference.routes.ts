// Reference data: the catalog for the report form, the departments for the console.
import { Router } from 'express';
import { contract } from '../../shared/contract';
import { areasOf, jurisdiction, sectorsOf, servedArea } from '../jurisdiction/lookup';
import { defineRoute } from '../platform/http/defineRoute';
import { activeCategories } from './categories';
import { allUnits } from './units';

export function referenceRoutes(): Router {
  const router = Router();

  defineRoute(router, contract.catalog.catalog, { access: 'public' }, async () => {
    const [categories, areas, sectors, place, served] = await Promise.all([
      activeCategories(),
      areasOf(),
      sectorsOf(),
      jurisdiction(),
      servedArea(),
    ]);
    const { bureau, hotlines, letterAddress, visitAddress, footer, fundName } = place.profile;
    return {
      categories: categories.map((c) => ({
        code: c.code,
        sector: c.sector,
        scheme: c.scheme,
        name: { zh: c.name.zh, en: c.name.en },
      })),
      areas: areas.map((a) => ({ code: a.code, name: a.name, level: a.level })),
      sectors: sectors.map((s) => ({ code: s.code, name: s.name })),
      jurisdiction: {
        area: { code: place.profile.areaCode, name: served?.name ?? { zh: '', en: '' } },
        bureau,
        hotlines,
        letterAddress,
        visitAddress,
        footer,
        fundName,
      },
    };
  });

  defineRoute(router, contract.catalog.units, { access: 'units.read' }, async () => {
    const units = await allUnits();
    return {
      items: units.map((u) => ({
        code: u.code,
        name: { zh: u.name.zh, en: u.name.en },
        sectors: u.sectors,
        ...(u.areaCode ? { areaCode: u.areaCode } : {}),
      })),
    };
  });

  return router;
}
