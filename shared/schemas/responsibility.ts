// The responsibility table (sector × area → department) as the API carries it.
import { z } from 'zod';
import { areaCodes, sectors } from '../catalog';

export const responsibilityViewSchema = z.object({
  sector: z.string(),
  area: z.string(),
  unitCode: z.string(),
  updatedAt: z.string().optional(),
});
export type ResponsibilityView = z.infer<typeof responsibilityViewSchema>;

export const responsibilityParams = z.object({
  sector: z.enum(sectors.map((s) => s.code) as [string, ...string[]]),
  area: z.enum(areaCodes as [string, ...string[]]),
});
export const updateResponsibilityBody = z.object({ unitCode: z.string().trim().min(1).max(40) });

export const responsibilityListResponse = z.object({ items: z.array(responsibilityViewSchema) });
export const responsibilityResponse = z.object({ responsibility: responsibilityViewSchema });
