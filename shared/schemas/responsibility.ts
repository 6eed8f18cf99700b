// The responsibility table (sector × area → department) as the API carries it.
import { z } from 'zod';
import { areaCodeSchema, sectorCodeSchema } from './common';

export const responsibilityViewSchema = z.object({
  sector: z.string(),
  area: z.string(),
  unitCode: z.string(),
  updatedAt: z.string().optional(),
});
export type ResponsibilityView = z.infer<typeof responsibilityViewSchema>;

export const responsibilityParams = z.object({
  sector: sectorCodeSchema,
  area: areaCodeSchema,
});
export const updateResponsibilityBody = z.object({ unitCode: z.string().trim().min(1).max(40) });

export const responsibilityListResponse = z.object({ items: z.array(responsibilityViewSchema) });
export const responsibilityResponse = z.object({ responsibility: responsibilityViewSchema });
