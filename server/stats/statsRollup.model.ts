// Statistics kept up to date report by report (see server/stats/refresh.ts).
// A rollup cell holds sums for one month × area × sector ('area' cells) or one
// month × poster ('poster' cells); the facts remember what each report last
// added, so a refresh applies only the difference.
import { Schema, model, type InferSchemaType } from 'mongoose';

const rollupSchema = new Schema(
  {
    _id: { type: String },
    kind: { type: String, required: true, enum: ['area', 'poster'] },
    month: { type: String, required: true, match: /^\d{4}-\d{2}$/ },
    area: { type: String },
    sector: { type: String },
    poster: { type: String },
    /** Counters by name (received, substantiated, rewardsPaidFen…) and the days-to-conclusion histogram (days.d<n>). */
    counts: { type: Schema.Types.Mixed, default: {} },
    days: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false },
);
rollupSchema.index({ kind: 1, month: 1 });

export type StatsRollupFields = InferSchemaType<typeof rollupSchema>;
export const StatsRollup = model('StatsRollup', rollupSchema, 'stats_rollups');

const factsSchema = new Schema(
  {
    _id: { type: String },
    /** The report's contribution as last applied: cell id → field path → amount. */
    cells: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false },
);
export const StatsReportFacts = model('StatsReportFacts', factsSchema, 'stats_report_facts');

const settingsSchema = new Schema(
  {
    _id: { type: String },
    weights: {
      type: new Schema(
        { onTime: Number, substantiation: Number, rectification: Number, perCapita: Number },
        { _id: false },
      ),
      required: true,
    },
    updatedBy: { type: String },
  },
  { versionKey: false, timestamps: true },
);
export const StatsSettings = model('StatsSettings', settingsSchema, 'stats_settings');
