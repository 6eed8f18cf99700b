// What a jurisdiction seed holds: the served area and the areas around it, the
// sectors, the departments and categories, and the profile that names the place
// (bureau, hotlines, addresses, poster promises, fund), and the reward policy
// versions in force there. A new city writes one
// JSON file in this shape (README "Jurisdiction as data"); no code changes.
import { z } from 'zod';
import { builtInPolicies, rewardPolicySchema, type PolicyRegistry } from '../../shared/rewards';

export const areaCodePattern = /^\d{6}$/;
export const slugPattern = /^[a-z][a-z0-9-]{1,59}$/;

export const labelSchema = z.object({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(300) });
export type Label = z.infer<typeof labelSchema>;

export const areaLevels = ['province', 'city', 'county'] as const;
export type AreaLevel = (typeof areaLevels)[number];

export const seedAreaSchema = z.object({
  code: z.string().regex(areaCodePattern),
  name: labelSchema,
  level: z.enum(areaLevels),
  parentCode: z.string().regex(areaCodePattern).optional(),
  /** Resident population, for the ranking's reports per 10,000 residents (only relative sizes matter). */
  population: z.number().int().positive().optional(),
});

export const seedSectorSchema = z.object({ code: z.string().regex(slugPattern), name: labelSchema });

export const hotlineSchema = z.object({ label: labelSchema, number: z.string().trim().min(3).max(40) });

/** Everything printed or shown that names the place. */
export const profileSchema = z.object({
  /** The served area: a city (or county) code among the seed's areas; its county-level children are the report areas. */
  areaCode: z.string().regex(areaCodePattern),
  bureau: labelSchema,
  hotlines: z.array(hotlineSchema).min(1).max(6),
  letterAddress: labelSchema,
  visitAddress: labelSchema,
  /** The reward promises on the poster, each a condition and its amount. */
  posterPromises: z.array(z.object({ condition: labelSchema, amount: labelSchema })).max(6),
  fundName: labelSchema,
  /** The footer line of the public site. */
  footer: labelSchema,
});
export type Profile = z.infer<typeof profileSchema>;

export const seedUnitSchema = z.object({
  code: z.string().regex(slugPattern),
  name: labelSchema,
  sectors: z.array(z.string().regex(slugPattern)),
  areaCode: z.string().regex(areaCodePattern).optional(),
});

export const seedCategorySchema = z.object({
  code: z.string().regex(slugPattern),
  sector: z.string().regex(slugPattern),
  scheme: z.enum(['violation', 'concealed-accident', 'welding']),
  name: labelSchema,
});

export const jurisdictionSeedSchema = z
  .object({
    name: z.string().regex(slugPattern),
    profile: profileSchema,
    areas: z.array(seedAreaSchema).min(2),
    sectors: z.array(seedSectorSchema).min(1),
    units: z.array(seedUnitSchema).min(1),
    categories: z.array(seedCategorySchema).min(1),
    /**
     * The reward policy versions in force here, oldest first: a built-in version's id
     * (shared/rewards/policies.ts: national and Henan rules, and Anyang's), or a whole
     * version in the policy format for rules of the city's own.
     */
    rewardPolicies: z.array(z.union([z.string(), rewardPolicySchema])).min(1),
  })
  .superRefine((seed, ctx) => {
    const areaCodes = new Set(seed.areas.map((a) => a.code));
    const sectorCodes = new Set(seed.sectors.map((s) => s.code));
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (!areaCodes.has(seed.profile.areaCode)) problem(['profile', 'areaCode'], 'not among the areas');
    seed.areas.forEach((a, i) => {
      if (a.parentCode && !areaCodes.has(a.parentCode)) problem(['areas', i, 'parentCode'], 'unknown parent');
    });
    seed.units.forEach((u, i) => {
      if (u.areaCode && !areaCodes.has(u.areaCode)) problem(['units', i, 'areaCode'], 'unknown area');
      u.sectors.forEach((s, j) => sectorCodes.has(s) || problem(['units', i, 'sectors', j], 'unknown sector'));
    });
    seed.categories.forEach(
      (c, i) => sectorCodes.has(c.sector) || problem(['categories', i, 'sector'], 'unknown sector'),
    );
    seed.rewardPolicies.forEach((p, i) => {
      if (typeof p === 'string' && !builtInPolicies.some((b) => b.id === p))
        problem(['rewardPolicies', i], `no built-in reward policy "${p}"`);
    });
    const days = seed.rewardPolicies.map((p) =>
      typeof p === 'string' ? builtInPolicies.find((b) => b.id === p)?.effectiveFrom : p.effectiveFrom,
    );
    if (days.some((d, i) => i > 0 && d !== undefined && days[i - 1] !== undefined && d <= days[i - 1]!))
      problem(['rewardPolicies'], 'versions must be listed by effective day, one version per day');
    if (!seed.areas.some((a) => a.parentCode === seed.profile.areaCode && a.level === 'county'))
      problem(['areas'], 'the served area has no county-level areas');
  });
export type JurisdictionSeed = z.infer<typeof jurisdictionSeedSchema>;

/** The seed's reward policy versions, built-in ids resolved. */
export function rewardPoliciesOf(seed: JurisdictionSeed): PolicyRegistry {
  return seed.rewardPolicies.map((p) => (typeof p === 'string' ? builtInPolicies.find((b) => b.id === p)! : p));
}
