// Departments on the responsibility list; staff belong to one.
import { Schema, model, type InferSchemaType } from 'mongoose';

const labelSchema = new Schema(
  { zh: { type: String, required: true }, en: { type: String, required: true } },
  { _id: false },
);

const unitSchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    name: { type: labelSchema, required: true },
    sectors: { type: [String], default: [] },
    areaCode: { type: String },
    headEmail: { type: String },
  },
  { timestamps: true },
);

export type UnitFields = InferSchemaType<typeof unitSchema>;
export const Unit = model('Unit', unitSchema, 'units');
export { labelSchema };
