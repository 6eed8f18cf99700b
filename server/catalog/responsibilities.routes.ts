// The responsibility table (sector × area → department). The unit it suggests
// for a report comes with the case view (suggestedUnitCode).
import { Router } from 'express';
import { contract } from '../../shared/contract';
import type { ResponsibilityView } from '../../shared/schemas/responsibility';
import { responsibilityTable, responsibilityUpdater } from './responsibilities';
import { defineRoute } from '../platform/http/defineRoute';
import type { ResponsibilityFields } from './responsibility.model';

const present = (r: ResponsibilityFields): ResponsibilityView => ({
  sector: r.sector,
  area: r.area,
  unitCode: r.unitCode,
  ...(r.updatedAt ? { updatedAt: r.updatedAt.toISOString() } : {}),
});

export function responsibilityRoutes(): Router {
  const router = Router();

  defineRoute(router, contract.catalog.responsibilities, { access: 'staff' }, async () => ({
    items: (await responsibilityTable()).map(present),
  }));

  defineRoute(
    router,
    contract.catalog.setResponsibility,
    { access: 'responsibilities.manage' },
    async ({ params, body, actor }) => ({
      responsibility: present(await responsibilityUpdater(actor, params.sector, params.area, body.unitCode)),
    }),
  );

  return router;
}
