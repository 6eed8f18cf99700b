// Rate-limit counters shared by all instances. Keys are keyed hashes, never raw
// addresses, and the TTL index drops each counter when its window ends.
import { Schema, model } from 'mongoose';

const rateLimitCounterSchema = new Schema(
  {
    _id: { type: String },
    hits: { type: Number, required: true },
    resetAt: { type: Date, required: true, expires: 0 },
  },
  { versionKey: false },
);

export const RateLimitCounter = model('RateLimitCounter', rateLimitCounterSchema, 'rate_limits');
