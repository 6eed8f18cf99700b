// The monthly assessment of the 9 areas (月度量化考评): each area's reports
// received that month are scored on four measures, weighted, and ranked; an
// area last two months in a row is flagged (the bureau then summons its leaders).
import { areasOf, type AreaEntry } from '../jurisdiction/lookup';
import { areaCells } from './overview';
import { addMonths } from '../../shared/dates';
import { emptySums, sumBy, type Sums } from './figures';
import { rankingWeights, type RankingWeights } from './weights';
import type { AreaRank, Ranking, RankingMeasure } from '../../shared/statsViews';

export type Measure = RankingMeasure;
const measures: Measure[] = ['onTime', 'substantiation', 'rectification', 'perCapita'];

export type { AreaRank, Ranking };

type Ratio = [part: string, whole: string];
const ratios: Record<Exclude<Measure, 'perCapita'>, Ratio> = {
  onTime: ['onTime', 'concluded'],
  substantiation: ['substantiated', 'concluded'],
  // Verified complete by re-inspection, not ordered.
  rectification: ['rectifiedVerified', 'substantiated'],
};

function monthScores(
  sums: Map<string, Sums>,
  weights: RankingWeights,
  areas: AreaEntry[],
): Omit<AreaRank, 'previousRank' | 'change' | 'flagged'>[] {
  const n = (s: Sums, f: string) => s.counts[f] ?? 0;
  const city = emptySums();
  for (const s of sums.values())
    for (const [f, v] of Object.entries(s.counts)) city.counts[f] = (city.counts[f] ?? 0) + v;
  const population = new Map(areas.map((a) => [a.code, a.population ?? 0]));
  const perTenThousand = (code: string) =>
    (n(sums.get(code) ?? emptySums(), 'received') / (population.get(code) || 1)) * 10_000;
  const bestPerCapita = Math.max(0, ...areas.map((a) => perTenThousand(a.code)));
  const weightSum = measures.reduce((t, m) => t + weights[m], 0);
  // The rate, or null when there is nothing to divide by (reported as such, never as 0).
  const ratio = (s: Sums, [part, whole]: Ratio) => (n(s, whole) > 0 ? n(s, part) / n(s, whole) : null);
  const scored = areas.map((a) => {
    const s = sums.get(a.code) ?? emptySums();
    const shown = {} as AreaRank['measures'];
    const counted = {} as Record<Measure, number>;
    for (const [m, r] of Object.entries(ratios) as [Exclude<Measure, 'perCapita'>, Ratio][]) {
      shown[m] = ratio(s, r);
      // Nothing to measure: scored at the city-wide rate, so an area is neither helped nor hurt by a quiet
      // month (and at 0 when the whole city has nothing, which moves no area against another).
      counted[m] = shown[m] ?? ratio(city, r) ?? 0;
    }
    shown.perCapita = counted.perCapita = bestPerCapita > 0 ? perTenThousand(a.code) / bestPerCapita : 0;
    const score = Math.round((measures.reduce((t, m) => t + weights[m] * counted[m], 0) / weightSum) * 1000) / 10;
    return {
      area: a.code,
      received: n(s, 'received'),
      concluded: n(s, 'concluded'),
      substantiated: n(s, 'substantiated'),
      rectifiedVerified: n(s, 'rectifiedVerified'),
      rectificationOverdue: n(s, 'rectificationOverdue'),
      measures: shown,
      reportsPerTenThousand: Math.round(perTenThousand(a.code) * 100) / 100,
      score,
    };
  });
  const lowest = Math.min(...scored.map((s) => s.score));
  const allEqual = scored.every((s) => s.score === lowest);
  return scored.map((s) => ({
    ...s,
    rank: 1 + scored.filter((o) => o.score > s.score).length,
    last: !allEqual && s.score === lowest,
  }));
}

async function scoresFor(month: string, weights: RankingWeights) {
  return monthScores(
    sumBy(await areaCells(month, month), (c) => c.area ?? ''),
    weights,
    await areasOf(),
  );
}

/**
 * The month's ranking. Scores and ranks are city-wide; a reader limited to some
 * areas (`scope`) gets only their rows.
 */
export async function monthlyRanking(month: string, scope: readonly string[] | null = null): Promise<Ranking> {
  const weights = await rankingWeights();
  const [current, previous] = await Promise.all([scoresFor(month, weights), scoresFor(addMonths(month, -1), weights)]);
  const ranked = current.map((s) => {
    const before = previous.find((p) => p.area === s.area)!;
    return { ...s, previousRank: before.rank, change: before.rank - s.rank, flagged: s.last && before.last };
  });
  ranked.sort((a, b) => a.rank - b.rank || a.area.localeCompare(b.area));
  return { month, weights, areas: scope ? ranked.filter((r) => scope.includes(r.area)) : ranked };
}
