// Reading a list's parameters from a query string with the server's zod schema, field by field:
// a value the schema refuses falls back to that field's default (or is left out), never throws.
import type { z } from 'zod';

export type Shape = Record<string, z.ZodType>;

/** The value of one field: as given if the schema accepts it, else the field's default (or nothing). */
function readField(field: z.ZodType, raw: string | null): unknown {
  const given = raw === null || raw === '' ? undefined : field.safeParse(raw);
  if (given?.success) return given.data;
  const fallback = field.safeParse(undefined);
  return fallback.success ? fallback.data : undefined;
}

/** Reads the schema's fields from the query string; never throws. */
export function parseSearch<S extends z.ZodObject<Shape>>(schema: S, params: URLSearchParams): z.output<S> {
  const values: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const value = readField(field, params.get(key));
    if (value !== undefined) values[key] = value;
  }
  return values as z.output<S>;
}
