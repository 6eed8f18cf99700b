// Reference data: the catalog for the report form, the departments for the console.
import { Router } from 'express';
import { areas, sectors } from '../../shared/catalog';
import { catalogResponse, unitsResponse } from '../../shared/schemas/common';
import { defineRoute } from '../platform/http/defineRoute';
import { activeCategories } from './categories';
import { allUnits } from './units';

export function referenceRoutes(): Router {
  const router = Router();

  defineRoute(router, { method: 'get', path: '/api/v1/catalog', tag: 'reference', summary: 'Categories, sectors and areas for the report form', access: 'public', response: catalogResponse }, async () => {
    const categories = await activeCategories();
    return {
      categories: categories.map((c) => ({ code: c.code, sector: c.sector, scheme: c.scheme, name: { zh: c.name.zh, en: c.name.en } })),
      areas,
      sectors,
    };
  });

  defineRoute(router, { method: 'get', path: '/api/v1/units', tag: 'reference', summary: 'Departments (responsible units)', access: 'units.read', response: unitsResponse }, async () => {
    const units = await allUnits();
    return { items: units.map((u) => ({ code: u.code, name: { zh: u.name.zh, en: u.name.en }, sectors: u.sectors, ...(u.areaCode ? { areaCode: u.areaCode } : {}) })) };
  });

  return router;
}
