// Sectors (行业领域): what categories, departments and the responsibility table are keyed by.
import { Schema, model, type InferSchemaType } from 'mongoose';
import { labelSchema } from '../catalog/unit.model';

const sectorSchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    name: { type: labelSchema, required: true },
    active: { type: Boolean, default: true },
    order: { type: Number, default: 0 },
  },
  { timestamps: true },
);

export type SectorFields = InferSchemaType<typeof sectorSchema>;
export const Sector = model('Sector', sectorSchema, 'sectors');
