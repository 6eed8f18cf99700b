import { Router } from 'express';
import { categoryCodeParams, categoryListResponse, categoryResponse, createCategoryBody, updateCategoryBody, type CategoryView } from '../../shared/schemas/category';
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

  defineRoute(router, { method: 'get', path: '/api/v1/categories', tag: 'reference', summary: 'All report categories, retired ones included', access: 'categories.manage', response: categoryListResponse }, async () => ({
    items: (await allCategories()).map(present),
  }));

  defineRoute(router, { method: 'post', path: '/api/v1/categories', tag: 'reference', summary: 'Add a report category', access: 'categories.manage', body: createCategoryBody, response: categoryResponse, status: 201 }, async ({ body, actor }) => ({
    category: present(await categoryCreator(actor, body)),
  }));

  defineRoute(router, { method: 'patch', path: '/api/v1/categories/:code', tag: 'reference', summary: 'Rename, move, reorder or retire a category', access: 'categories.manage', params: categoryCodeParams, body: updateCategoryBody, response: categoryResponse }, async ({ params, body, actor }) => ({
    category: present(await categoryUpdater(actor, params.code, body)),
  }));

  return router;
}
