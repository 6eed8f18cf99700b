// Short-lived bearer tokens for reporters following up; only the token's hash is stored.
import { Schema, model } from 'mongoose';

const followupSessionSchema = new Schema(
  {
    _id: { type: String },
    reference: { type: String, required: true },
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { versionKey: false },
);

export const FollowupSession = model('FollowupSession', followupSessionSchema, 'followup_sessions');
