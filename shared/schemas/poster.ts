// Workplace posters (违法举报公示牌): request and response shapes shared by server and console.
import { z } from 'zod';
import { areaCodeSchema, sectorCodeSchema } from './common';

/** Crockford base32 without I, L, O, U: nothing on a printed poster can be misread as another character. */
export const POSTER_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const POSTER_CODE_LENGTH = 6;
export const posterCodePattern = /^[0-9A-HJKMNP-TV-Z]{6}$/;

/** Codes are printed in capitals; a typed-in lowercase code still finds its poster. */
export const posterCodeSchema = z.string().trim().toUpperCase().regex(posterCodePattern, 'a 6-character poster code');

export const posterAreaSchema = areaCodeSchema;
export const posterSectorSchema = sectorCodeSchema;

const text = (max: number) => z.string().trim().min(1).max(max);

export const createPosterBody = z.object({
  siteName: text(80),
  enterpriseName: text(120),
  areaCode: posterAreaSchema,
  sector: posterSectorSchema,
  address: text(200),
});

export const updatePosterBody = createPosterBody
  .extend({ active: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const posterCodeParams = z.object({ code: posterCodeSchema });

export const posterListQuery = z.object({
  areaCode: posterAreaSchema.optional(),
  sector: posterSectorSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const posterViewSchema = z.object({
  code: z.string(),
  siteName: z.string(),
  enterpriseName: z.string(),
  areaCode: z.string(),
  sector: z.string(),
  address: z.string(),
  active: z.boolean(),
  scanCount: z.number().int(),
  createdAt: z.string(),
  /** What the QR code encodes: the scan-counting redirect to the report form. */
  reportUrl: z.string(),
});
export type PosterView = z.infer<typeof posterViewSchema>;

export const posterResponse = z.object({ poster: posterViewSchema });
export const posterListResponse = z.object({ items: z.array(posterViewSchema), total: z.number().int() });

/** Public: what the report form may show about the poster a citizen scanned (all of it printed on the poster anyway). */
export const posterContextResponse = z.object({
  code: z.string(),
  siteName: z.string(),
  enterpriseName: z.string(),
  areaCode: z.string(),
  sector: z.string(),
  /** Printed under the QR code; the form offers it as the place (editable). */
  address: z.string(),
});
