// The responsibility table (sector × area → department). The unit it suggests
// for a report comes with the case view (suggestedUnitCode).
import { Router } from 'express';
import { responsibilityListResponse, responsibilityParams, responsibilityResponse, updateResponsibilityBody, type ResponsibilityView } from '../../shared/schemas/responsibility';
import { responsibilityTable, responsibilityUpdater } from './responsibilities';
import { defineRoute } from '../platform/http/defineRoute';
import type { ResponsibilityFields } from './responsibility.model';

const present = (r: ResponsibilityFields): ResponsibilityView => ({ sector: r.sector, area: r.area, unitCode: r.unitCode, ...(r.updatedAt ? { updatedAt: r.updatedAt.toISOString() } : {}) });

export function responsibilityRoutes(): Router {
  const router = Router();

  defineRoute(router, { method: 'get', path: '/api/v1/responsibilities', tag: 'reference', summary: 'The responsible department for each sector in each area', access: 'staff', response: responsibilityListResponse }, async () => ({
    items: (await responsibilityTable()).map(present),
  }));

  defineRoute(
    router,
    { method: 'put', path: '/api/v1/responsibilities/:sector/:area', tag: 'reference', summary: 'Set the responsible department for a sector in an area (audited)', access: 'responsibilities.manage', params: responsibilityParams, body: updateResponsibilityBody, response: responsibilityResponse },
    async ({ params, body, actor }) => ({ responsibility: present(await responsibilityUpdater(actor, params.sector, params.area, body.unitCode)) }),
  );

  return router;
}
