// Areas by their national 6-digit codes: the province, the served city and its
// county-level areas (the areas reports, staff grants and rankings use).
import { Schema, model, type InferSchemaType } from 'mongoose';
import { labelSchema } from '../catalog/unit.model';
import { areaLevels } from './seedFormat';

const areaSchema = new Schema(
  {
    code: { type: String, required: true, unique: true, match: /^\d{6}$/ },
    name: { type: labelSchema, required: true },
    level: { type: String, required: true, enum: areaLevels },
    parentCode: { type: String },
    population: { type: Number },
    /** A retired area leaves the form and new grants, and stays on the reports that named it. */
    active: { type: Boolean, default: true },
    order: { type: Number, default: 0 },
  },
  { timestamps: true },
);

export type AreaFields = InferSchemaType<typeof areaSchema>;
export const Area = model('Area', areaSchema, 'areas');
