// Poster funnel: scans → reports → substantiated → rewarded, per poster and per
// area, for a period of months; and the posters that never brought in a report.
import { trusted } from 'mongoose';
import { areasOf } from '../jurisdiction/lookup';
import { Poster } from '../posters/poster.model';
import { PosterScan } from '../posters/posterScan.model';
import { StatsRollup } from './statsRollup.model';
import { addMonths } from '../../shared/dates';
import type { FunnelRow, PosterFunnel } from '../../shared/statsViews';

export type { FunnelRow, PosterFunnel };

const zero = (): FunnelRow => ({ scans: 0, reports: 0, substantiated: 0, rewarded: 0 });

/** The funnel of the posters in the reader's areas (`scope`; null: every area). */
export async function posterFunnel(
  from: string,
  to: string,
  scope: readonly string[] | null = null,
): Promise<PosterFunnel> {
  const [posters, cells, scans, everReported] = await Promise.all([
    Poster.find(scope ? { areaCode: trusted({ $in: [...scope] }) } : {}, {
      code: 1,
      siteName: 1,
      enterpriseName: 1,
      areaCode: 1,
      sector: 1,
      active: 1,
      scanCount: 1,
    })
      .sort({ code: 1 })
      .lean(),
    StatsRollup.find({ kind: 'poster', month: trusted({ $gte: from, $lte: to }) }, { poster: 1, counts: 1 }).lean(),
    PosterScan.aggregate<{ _id: string; scans: number }>([
      { $match: { day: trusted({ $gte: `${from}-01`, $lt: `${addMonths(to, 1)}-01` }) } },
      { $group: { _id: '$posterCode', scans: { $sum: '$count' } } },
    ]),
    StatsRollup.distinct('poster', { kind: 'poster', 'counts.reports': trusted({ $gt: 0 }) }),
  ]);
  const rows = new Map<string, FunnelRow>();
  const rowOf = (code: string) => rows.get(code) ?? rows.set(code, zero()).get(code)!;
  for (const s of scans) rowOf(s._id).scans += s.scans;
  for (const c of cells) {
    const row = rowOf(c.poster!);
    const counts = (c.counts ?? {}) as Record<string, number>;
    row.reports += counts.reports ?? 0;
    row.substantiated += counts.substantiated ?? 0;
    row.rewarded += counts.rewarded ?? 0;
  }
  // Only posters in scope get rows: rollups and scans of others are left out.
  const list = posters.map((p) => ({
    code: p.code,
    siteName: p.siteName,
    enterpriseName: p.enterpriseName,
    area: p.areaCode,
    sector: p.sector,
    active: p.active !== false,
    ...(rows.get(p.code) ?? zero()),
  }));
  const byArea = (await areasOf())
    .filter((a) => !scope || scope.includes(a.code))
    .map((a) => {
      const mine = list.filter((p) => p.area === a.code);
      const sum = zero();
      for (const p of mine) for (const k of Object.keys(sum) as (keyof FunnelRow)[]) sum[k] += p[k];
      return { area: a.code, posters: mine.length, ...sum };
    });
  const reported = new Set(everReported.map(String));
  const neverReported = posters
    .filter((p) => !reported.has(p.code))
    .map((p) => ({
      code: p.code,
      siteName: p.siteName,
      enterpriseName: p.enterpriseName,
      area: p.areaCode,
      scans: p.scanCount ?? 0,
    }));
  return { period: { from, to }, posters: list, byArea, neverReported };
}
