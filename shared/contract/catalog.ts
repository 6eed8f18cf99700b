// Reference data: the catalog for the report form, departments, categories and
// the responsibility table.
import {
  categoryCodeParams,
  categoryListResponse,
  categoryResponse,
  createCategoryBody,
  updateCategoryBody,
} from '../schemas/category';
import { catalogResponse, unitsResponse } from '../schemas/common';
import {
  responsibilityListResponse,
  responsibilityParams,
  responsibilityResponse,
  updateResponsibilityBody,
} from '../schemas/responsibility';
import { endpoint } from './endpoint';

export const catalog = {
  catalog: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/catalog',
    tag: 'reference',
    summary: 'Categories, sectors and areas for the report form',
    response: catalogResponse,
    status: 200,
  }),
  units: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/units',
    tag: 'reference',
    summary: 'Departments (responsible units)',
    response: unitsResponse,
    status: 200,
  }),
  categories: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/categories',
    tag: 'reference',
    summary: 'All report categories, retired ones included',
    response: categoryListResponse,
    status: 200,
  }),
  createCategory: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/categories',
    tag: 'reference',
    summary: 'Add a report category',
    body: createCategoryBody,
    response: categoryResponse,
    status: 201,
  }),
  updateCategory: endpoint({
    kind: 'json',
    method: 'patch',
    path: '/api/v1/categories/:code',
    tag: 'reference',
    summary: 'Rename, move, reorder or retire a category',
    params: categoryCodeParams,
    body: updateCategoryBody,
    response: categoryResponse,
    status: 200,
  }),
  responsibilities: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/responsibilities',
    tag: 'reference',
    summary: 'The responsible department for each sector in each area',
    response: responsibilityListResponse,
    status: 200,
  }),
  setResponsibility: endpoint({
    kind: 'json',
    method: 'put',
    path: '/api/v1/responsibilities/:sector/:area',
    tag: 'reference',
    summary: 'Set the responsible department for a sector in an area (audited)',
    params: responsibilityParams,
    body: updateResponsibilityBody,
    response: responsibilityResponse,
    status: 200,
  }),
};
