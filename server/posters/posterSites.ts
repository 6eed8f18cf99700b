// The site a poster names, for the reports that came from it: what was printed on
// the poster (site, enterprise, address), so it reveals nothing a passer-by could
// not read on the wall. Staff see it only on reports they may already open.
import { trusted } from 'mongoose';
import type { z } from 'zod';
import type { posterSiteView } from '../../shared/schemas/workflow';
import { Poster } from './poster.model';

export type PosterSite = z.infer<typeof posterSiteView>;

/** The sites of these poster codes, one query on the unique code index; an unknown code is left out. */
export async function posterSitesByCode(codes: (string | null | undefined)[]): Promise<Map<string, PosterSite>> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  if (!wanted.length) return new Map();
  const posters = await Poster.find(
    { code: trusted({ $in: wanted }) },
    { code: 1, siteName: 1, enterpriseName: 1, address: 1, areaCode: 1 },
  ).lean();
  return new Map(
    posters.map((p) => [
      p.code,
      { siteName: p.siteName, enterpriseName: p.enterpriseName, address: p.address, areaCode: p.areaCode },
    ]),
  );
}
