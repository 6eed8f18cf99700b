// The jurisdiction's admin endpoints: read it whole, change the profile, areas and sectors.
import { Router } from 'express';
import { contract } from '../../shared/contract';
import type { AreaView, SectorView } from '../../shared/schemas/jurisdiction';
import { defineRoute } from '../platform/http/defineRoute';
import type { AreaFields } from './area.model';
import { areaCreator, areaUpdater, profileUpdater, sectorCreator, sectorUpdater } from './jurisdictionAdmin';
import { jurisdiction } from './lookup';
import type { AreaLevel } from './seedFormat';
import type { SectorFields } from './sector.model';

const presentArea = (a: AreaFields): AreaView => ({
  code: a.code,
  name: { zh: a.name.zh, en: a.name.en },
  level: a.level as AreaLevel,
  ...(a.parentCode ? { parentCode: a.parentCode } : {}),
  ...(a.population ? { population: a.population } : {}),
  active: a.active !== false,
});

const presentSector = (s: SectorFields): SectorView => ({
  code: s.code,
  name: { zh: s.name.zh, en: s.name.en },
  active: s.active !== false,
});

export function jurisdictionRoutes(): Router {
  const router = Router();
  const access = 'jurisdiction.manage' as const;

  defineRoute(router, contract.jurisdiction.show, { access }, async () => {
    const j = await jurisdiction();
    return { seed: j.seed, profile: j.profile, areas: j.areas, sectors: j.sectors };
  });

  defineRoute(router, contract.jurisdiction.updateProfile, { access }, async ({ body, actor }) => ({
    profile: await profileUpdater(actor, body),
  }));

  defineRoute(router, contract.jurisdiction.createArea, { access }, async ({ body, actor }) => ({
    area: presentArea(await areaCreator(actor, body)),
  }));

  defineRoute(router, contract.jurisdiction.updateArea, { access }, async ({ params, body, actor }) => ({
    area: presentArea(await areaUpdater(actor, params.code, body)),
  }));

  defineRoute(router, contract.jurisdiction.createSector, { access }, async ({ body, actor }) => ({
    sector: presentSector(await sectorCreator(actor, body)),
  }));

  defineRoute(router, contract.jurisdiction.updateSector, { access }, async ({ params, body, actor }) => ({
    sector: presentSector(await sectorUpdater(actor, params.code, body)),
  }));

  return router;
}
