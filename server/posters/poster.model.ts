// Posters hung at workplaces (违法举报公示牌). The short code is what the QR code
// carries, so a report knows which site, enterprise and county it came from.
import { Schema, model, type InferSchemaType } from 'mongoose';
import { posterCodePattern } from '../../shared/schemas/poster';

const posterSchema = new Schema(
  {
    code: { type: String, required: true, unique: true, match: posterCodePattern },
    siteName: { type: String, required: true, trim: true, maxlength: 80 },
    enterpriseName: { type: String, required: true, trim: true, maxlength: 120 },
    // Checked against the jurisdiction's areas and sectors by the domain (server/jurisdiction/validate.ts).
    areaCode: { type: String, required: true },
    sector: { type: String, required: true },
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
