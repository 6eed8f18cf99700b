// Staff accounts. Secrets (password hash, sealed TOTP seed) never leave through presenters.
import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { roles } from '../../shared/roles';

const staffSchema = new Schema(
  {
    username: {
      type: String,
      required: true,
      unique: true,
      lowercase: true,
      trim: true,
      match: /^[a-z0-9][a-z0-9._-]{2,31}$/,
    },
    displayName: { type: String, required: true, trim: true, maxlength: 60 },
    email: { type: String, trim: true, lowercase: true, maxlength: 200 },
    role: { type: String, required: true, enum: roles },
    unitCode: { type: String, required: true },
    areaCodes: { type: [String], default: [] },
    /** Every area: an explicit grant by an administrator (no areas listed means none). */
    allAreas: { type: Boolean, default: false },
    passwordHash: { type: String, required: true },
    mustChangePassword: { type: Boolean, default: false },
    totpSecretSealed: { type: String },
    pendingTotpSecretSealed: { type: String },
    totpLastStep: { type: Number, default: 0 },
    disabled: { type: Boolean, default: false },
    failedLogins: { type: Number, default: 0 },
    lastFailedLoginAt: { type: Date },
    /** Progressive delay: no sign-in attempt is checked before this time. */
    nextAttemptAt: { type: Date },
    lockedUntil: { type: Date },
    lastLoginAt: { type: Date },
  },
  { timestamps: true },
);

export type StaffFields = InferSchemaType<typeof staffSchema>;
export type StaffDocument = HydratedDocument<StaffFields>;
export const Staff = model('Staff', staffSchema, 'staff');
