// The jurisdiction as administrators manage it: the profile that names the
// place, the areas (national codes) and the sectors.
import { z } from 'zod';
import { areaCodeSchema, labelSchema, sectorCodeSchema } from './common';

const label = z.object({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(300) });
const order = z.number().int().min(0).max(10_000);
const population = z.number().int().positive().max(100_000_000);

export const jurisdictionProfileSchema = z.object({
  areaCode: z.string(),
  bureau: labelSchema,
  hotlines: z.array(z.object({ label: labelSchema, number: z.string() })),
  letterAddress: labelSchema,
  visitAddress: labelSchema,
  posterPromises: z.array(z.object({ condition: labelSchema, amount: labelSchema })),
  fundName: labelSchema,
  footer: labelSchema,
});

export const areaViewSchema = z.object({
  code: z.string(),
  name: labelSchema,
  level: z.enum(['province', 'city', 'county']),
  parentCode: z.string().optional(),
  population: z.number().int().optional(),
  active: z.boolean(),
});
export type AreaView = z.infer<typeof areaViewSchema>;

export const sectorViewSchema = z.object({ code: z.string(), name: labelSchema, active: z.boolean() });
export type SectorView = z.infer<typeof sectorViewSchema>;

export const jurisdictionResponse = z.object({
  seed: z.string(),
  profile: jurisdictionProfileSchema,
  areas: z.array(areaViewSchema),
  sectors: z.array(sectorViewSchema),
});

/** The served area is fixed by the seed; everything printed about it can change. */
export const updateProfileBody = z
  .object({
    bureau: label,
    hotlines: z
      .array(
        z.object({
          label,
          number: z
            .string()
            .trim()
            .regex(/^[\d -]{3,40}$/, 'digits, spaces and dashes'),
        }),
      )
      .min(1)
      .max(6),
    letterAddress: label,
    visitAddress: label,
    posterPromises: z.array(z.object({ condition: label, amount: label })).max(6),
    fundName: label,
    footer: label,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const createAreaBody = z.object({
  code: areaCodeSchema,
  name: label,
  level: z.enum(['province', 'city', 'county']),
  parentCode: areaCodeSchema,
  population: population.optional(),
  order: order.default(100),
});

export const updateAreaBody = z
  .object({ name: label, active: z.boolean(), order, population })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const createSectorBody = z.object({ code: sectorCodeSchema, name: label, order: order.default(100) });
export const updateSectorBody = z
  .object({ name: label, active: z.boolean(), order })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const areaCodeParams = z.object({ code: areaCodeSchema });
export const sectorCodeParams = z.object({ code: sectorCodeSchema });
export const areaResponse = z.object({ area: areaViewSchema });
export const sectorResponse = z.object({ sector: sectorViewSchema });
export const profileResponse = z.object({ profile: jurisdictionProfileSchema });
