// Scans per poster per day (Asia/Shanghai), for the poster → report funnel.
// A bare counter on purpose: no address, agent or time of a single scan is kept,
// so a scan can never be tied to the person who later reports.
import { Schema, model, type InferSchemaType } from 'mongoose';

const posterScanSchema = new Schema(
  {
    posterCode: { type: String, required: true },
    day: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    count: { type: Number, required: true, default: 0 },
  },
  { versionKey: false },
);
posterScanSchema.index({ posterCode: 1, day: 1 }, { unique: true });

export type PosterScanFields = InferSchemaType<typeof posterScanSchema>;
export const PosterScan = model('PosterScan', posterScanSchema, 'poster_scans');
