// Sign-in, session and second-factor shapes.
import { z } from 'zod';
import { staffViewSchema } from './staff';

export const loginBody = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z
    .string()
    .regex(/^\d{6}$/, '6 digits')
    .optional(),
});

export const sessionResponse = z.object({ user: staffViewSchema, csrfToken: z.string(), mustEnrolTotp: z.boolean() });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

/** Starting (or redoing) enrolment proves the account holder: the password, and the current code when a factor is on. */
export const totpSetupBody = z.object({
  currentPassword: z.string().min(1).max(256),
  code: z
    .string()
    .regex(/^\d{6}$/, '6 digits')
    .optional(),
});

export const totpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export const totpEnableBody = z.object({ code: z.string().regex(/^\d{6}$/, '6 digits') });
