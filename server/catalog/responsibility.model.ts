// The responsibility table: for each sector in each area, the department that
// takes a report on. Intake sees it as the suggested unit; administrators edit it.
import { Schema, model, type InferSchemaType } from 'mongoose';

const responsibilitySchema = new Schema(
  {
    sector: { type: String, required: true },
    area: { type: String, required: true },
    unitCode: { type: String, required: true },
  },
  { timestamps: true },
);
responsibilitySchema.index({ sector: 1, area: 1 }, { unique: true });

export type ResponsibilityFields = InferSchemaType<typeof responsibilitySchema>;
export const Responsibility = model('Responsibility', responsibilitySchema, 'responsibilities');
