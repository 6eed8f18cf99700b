import { z } from 'zod';

export const labelSchema = z.object({ zh: z.string(), en: z.string() });

/** A national 6-digit area code. Whether it is an area here is the domain's check, against the database. */
export const areaCodeSchema = z.string().regex(/^\d{6}$/, 'a 6-digit area code');
/** A sector's code (a slug); the domain checks it exists. */
export const sectorCodeSchema = z.string().regex(/^[a-z][a-z0-9-]{1,59}$/, 'a sector code');

export const catalogResponse = z.object({
  categories: z.array(z.object({ code: z.string(), sector: z.string(), scheme: z.string(), name: labelSchema })),
  areas: z.array(z.object({ code: z.string(), name: labelSchema, level: z.enum(['province', 'city', 'county']) })),
  sectors: z.array(z.object({ code: z.string(), name: labelSchema })),
  /** Who serves the site and how to reach them (the jurisdiction profile). */
  jurisdiction: z
    .object({
      area: z.object({ code: z.string(), name: labelSchema }),
      bureau: labelSchema,
      hotlines: z.array(z.object({ label: labelSchema, number: z.string() })),
      letterAddress: labelSchema,
      visitAddress: labelSchema,
      footer: labelSchema,
      /** The reward fund's name (the main funding source). */
      fundName: labelSchema,
    })
    .optional(),
});

export const unitsResponse = z.object({
  items: z.array(
    z.object({ code: z.string(), name: labelSchema, sectors: z.array(z.string()), areaCode: z.string().optional() }),
  ),
});

export const fundResponse = z.object({
  appropriatedFen: z.number().int(),
  reservedFen: z.number().int(),
  paidFen: z.number().int(),
  availableFen: z.number().int(),
  /** Rewards on their way to approval that hold no reservation yet. */
  pipelineFen: z.number().int(),
  /** reservedFen + pipelineFen: what the fund is, or may soon be, committed to. */
  liabilitiesFen: z.number().int(),
  /** The pipeline asks for more than is available. */
  shortfall: z.boolean(),
  /** Every funding source (the city fund first): available = appropriated + recovered − reserved − paid. */
  sources: z.array(
    z.object({
      source: z.string(),
      name: z.object({ zh: z.string(), en: z.string() }),
      appropriatedFen: z.number().int(),
      reservedFen: z.number().int(),
      paidFen: z.number().int(),
      recoveredFen: z.number().int(),
      availableFen: z.number().int(),
    }),
  ),
});

export const auditListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.coerce.number().int().positive().optional(),
    /** Entries of one staff member (their id). */
    actor: z.string().trim().min(1).max(64).optional(),
    /** One action, by its code (`report.approve-reward`). */
    action: z
      .string()
      .trim()
      .max(80)
      .regex(/^[a-z][a-z0-9_.-]*$/, 'expected an action code')
      .optional(),
    /** What was acted on: a report's reference or another id. */
    target: z.string().trim().min(1).max(80).optional(),
    /** A period of whole Shanghai days, both ends included. */
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'the period ends before it starts' });

export const auditListResponse = z.object({
  items: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      actor: z.object({ id: z.string(), username: z.string(), role: z.string() }).nullable(),
      action: z.string(),
      target: z.object({ type: z.string(), id: z.string() }).nullable(),
      details: z.record(z.string(), z.unknown()),
      hash: z.string(),
    }),
  ),
  total: z.number().int(),
});

export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.number().int().optional(),
  reason: z.string().optional(),
});
