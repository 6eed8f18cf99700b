// Staff accounts: request and response shapes shared by server and console.
import { z } from 'zod';
import { areaCodeSchema } from './common';
import { roles } from '../roles';

export const roleSchema = z.enum(roles);
export { areaCodeSchema };

export const staffViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().optional(),
  role: roleSchema,
  unitCode: z.string(),
  areaCodes: z.array(z.string()),
  /** Every area (an administrator's explicit grant); no areas and no grant: no reports at all. */
  allAreas: z.boolean(),
  totpEnabled: z.boolean(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().optional(),
  createdAt: z.string(),
});
export type StaffView = z.infer<typeof staffViewSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, '3–32 lowercase letters, digits, dot, dash or underscore');

export const createStaffBody = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(60),
  email: z.email().max(200).optional(),
  role: roleSchema,
  unitCode: z.string().min(1).max(40),
  areaCodes: z.array(areaCodeSchema).max(60).default([]),
  allAreas: z.boolean().default(false),
});

export const updateStaffBody = z
  .object({
    displayName: z.string().trim().min(1).max(60),
    email: z.email().max(200).nullable(),
    role: roleSchema,
    unitCode: z.string().min(1).max(40),
    areaCodes: z.array(areaCodeSchema).max(60),
    allAreas: z.boolean(),
    disabled: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const staffIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/, 'not a staff id') });

export const staffListQuery = z.object({
  role: roleSchema.optional(),
  unitCode: z.string().max(40).optional(),
  includeDisabled: z.enum(['true', 'false']).optional(),
});

export const staffListResponse = z.object({ items: z.array(staffViewSchema), total: z.number().int() });
export const createStaffResponse = z.object({ user: staffViewSchema, initialPassword: z.string() });
export const staffResponse = z.object({ user: staffViewSchema });
export const passwordResetResponse = z.object({ temporaryPassword: z.string() });
