// Violation categories as administrators manage them.
import { z } from 'zod';
import { sectorCodeSchema } from './common';

const sectorCode = sectorCodeSchema;
const label = z.object({ zh: z.string().trim().min(1).max(80), en: z.string().trim().min(1).max(120) });

export const categoryViewSchema = z.object({
  code: z.string(),
  sector: z.string(),
  scheme: z.enum(['violation', 'concealed-accident', 'welding']),
  name: z.object({ zh: z.string(), en: z.string() }),
  active: z.boolean(),
  order: z.number().int(),
});
export type CategoryView = z.infer<typeof categoryViewSchema>;

export const createCategoryBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{2,59}$/, 'lowercase letters, digits and dashes'),
  sector: sectorCode,
  scheme: z.enum(['violation', 'concealed-accident', 'welding']),
  name: label,
  order: z.number().int().min(0).max(10_000).default(100),
});

export const updateCategoryBody = z
  .object({
    sector: sectorCode,
    scheme: z.enum(['violation', 'concealed-accident', 'welding']),
    name: label,
    active: z.boolean(),
    order: z.number().int().min(0).max(10_000),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const categoryCodeParams = z.object({ code: z.string().regex(/^[a-z][a-z0-9-]{2,59}$/) });
export const categoryListResponse = z.object({ items: z.array(categoryViewSchema) });
export const categoryResponse = z.object({ category: categoryViewSchema });
