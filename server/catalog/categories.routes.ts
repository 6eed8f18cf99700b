import { Router } from 'express';
import { contract } from '../../shared/contract';
import type { CategoryView } from '../../shared/schemas/category';
import { allCategories, categoryCreator, categoryUpdater } from './categories';
import { defineRoute } from '../platform/http/defineRoute';
import type { CategoryFields } from './category.model';

const present = (c: CategoryFields): CategoryView => ({
  code: c.code,
  sector: c.sector,
  scheme: c.scheme as CategoryView['scheme'],
  name: { zh: c.name.zh, en: c.name.en },
  active: !!c.active,
  order: c.order ?? 0,
});

export function categoryRoutes(): Router {
  const router = Router();

  defineRoute(router, contract.catalog.categories, { access: 'categories.manage' }, async () => ({
    items: (await allCategories()).map(present),
  }));

  defineRoute(router, contract.catalog.createCategory, { access: 'categories.manage' }, async ({ body, actor }) => ({
    category: present(await categoryCreator(actor, body)),
  }));

  defineRoute(
    router,
    contract.catalog.updateCategory,
    { access: 'categories.manage' },
    async ({ params, body, actor }) => ({
      category: present(await categoryUpdater(actor, params.code, body)),
    }),
  );

  return router;
}
