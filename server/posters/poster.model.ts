// Posters hung at workplaces (违法举报公示牌). The short code is what the QR code
// carries, so a report knows which site, enterprise and county it came from.
import { Schema, model, type InferSchemaType } from 'mongoose';
import { areaCodes, sectors } from '../../shared/catalog';
import { posterCodePattern } from '../../shared/schemas/poster';

const posterSchema = new Schema(
  {
    code: { type: String, required: true, unique: true, match: posterCodePattern },
    siteName: { type: String, required: true, trim: true, maxlength: 80 },
    enterpriseName: { type: String, required: true, trim: true, maxlength: 120 },
    areaCode: { type: String, required: true, enum: areaCodes },
    sector: { type: String, required: true, enum: sectors.map((s) => s.code) },
    address: { type: String, required: true, trim: true, maxlength: 200 },
    active: { type: Boolean, default: true },
    scanCount: { type: Number, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, ref: 'Staff', required: true },
  },
  { timestamps: true },
);
posterSchema.index({ areaCode: 1, createdAt: -1 });

export type PosterFields = InferSchemaType<typeof posterSchema>;
export const Poster = model('Poster', posterSchema, 'posters');
