// Violation categories offered on the report form; administrators edit them.
import { Schema, model, type InferSchemaType } from 'mongoose';
import { labelSchema } from './unit.model';

const categorySchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    sector: { type: String, required: true },
    scheme: { type: String, required: true, enum: ['violation', 'concealed-accident', 'welding'] },
    name: { type: labelSchema, required: true },
    active: { type: Boolean, default: true },
    order: { type: Number, default: 0 },
  },
  { timestamps: true },
);

export type CategoryFields = InferSchemaType<typeof categorySchema>;
export const Category = model('Category', categorySchema, 'categories');
