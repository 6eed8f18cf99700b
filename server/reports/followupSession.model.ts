// Short-lived bearer tokens for reporters following up; only the token's hash is stored.
import { Schema, model } from 'mongoose';

const followupSessionSchema = new Schema(
  {
    _id: { type: String },
    reference: { type: String, required: true },
    /** Opened with the duress key: every answer is that of a withdrawn report (server/protection/decoy.ts). */
    decoy: { type: Boolean, default: false },
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { versionKey: false },
);

export const FollowupSession = model('FollowupSession', followupSessionSchema, 'followup_sessions');
