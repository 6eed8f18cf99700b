// The responsibility table (sector × area → department) and the unit it suggests for a report.
import { Router } from 'express';
import { trusted } from 'mongoose';
import { responsibilityListResponse, responsibilityParams, responsibilityResponse, suggestedUnitResponse, updateResponsibilityBody, type ResponsibilityView } from '../../shared/schemas/responsibility';
import { referenceParams } from '../../shared/schemas/workflow';
import { responsibilityUpdater, responsibleUnitCode } from '../commands/responsibilities';
import { defineRoute } from '../http/defineRoute';
import { fail } from '../http/problem';
import { Report } from '../models/Report';
import { Responsibility, type ResponsibilityFields } from '../models/Responsibility';

const present = (r: ResponsibilityFields): ResponsibilityView => ({ sector: r.sector, area: r.area, unitCode: r.unitCode, ...(r.updatedAt ? { updatedAt: r.updatedAt.toISOString() } : {}) });

export function responsibilityRoutes(): Router {
  const router = Router();

  defineRoute(router, { method: 'get', path: '/api/v1/responsibilities', tag: 'reference', summary: 'The responsible department for each sector in each area', access: 'staff', response: responsibilityListResponse }, async () => ({
    items: (await Responsibility.find().sort({ sector: 1, area: 1 }).lean()).map(present),
  }));

  defineRoute(
    router,
    { method: 'put', path: '/api/v1/responsibilities/:sector/:area', tag: 'reference', summary: 'Set the responsible department for a sector in an area (audited)', access: 'responsibilities.manage', params: responsibilityParams, body: updateResponsibilityBody, response: responsibilityResponse },
    async ({ params, body, actor }) => ({ responsibility: present(await responsibilityUpdater(actor, params.sector, params.area, body.unitCode)) }),
  );

  defineRoute(router, { method: 'get', path: '/api/v1/reports/:reference/suggested-unit', tag: 'reports', summary: "The department responsible for the report's sector and area, or null", access: 'reports.suggestUnit', params: referenceParams, response: suggestedUnitResponse }, async ({ params, actor }) => {
    const scope = actor.areaCodes.length ? { area: trusted({ $in: actor.areaCodes }) } : {};
    const report = await Report.findOne({ reference: params.reference, ...scope }, { sector: 1, area: 1 }).lean();
    if (!report) throw fail('resource.not_found');
    return { unitCode: await responsibleUnitCode(report.sector, report.area) };
  });

  return router;
}
