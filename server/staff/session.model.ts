// Staff sessions, shared by every app instance. The cookie holds a random token;
// only its SHA-256 is stored. TTL removes a session when it can no longer be used.
import { Schema, model, type InferSchemaType } from 'mongoose';

const sessionSchema = new Schema({
  _id: { type: String },
  staffId: { type: Schema.Types.ObjectId, required: true, index: true },
  csrfToken: { type: String, required: true },
  createdAt: { type: Date, required: true },
  lastSeenAt: { type: Date, required: true },
  absoluteExpiresAt: { type: Date, required: true },
  /** Wrong current passwords or codes given in this session (password change, TOTP enrolment). */
  failedProofs: { type: Number, default: 0 },
  expiresAt: { type: Date, required: true, expires: 0 },
});

export type SessionFields = InferSchemaType<typeof sessionSchema>;
export const Session = model('Session', sessionSchema, 'sessions');
