// The jurisdiction profile: one document naming the place (bureau, hotlines,
// addresses, poster promises, fund). Its `version` rises on every change to the
// profile, the areas or the sectors, so each instance's cache knows it is stale.
import { Schema, model } from 'mongoose';
import { labelSchema } from '../catalog/unit.model';

export const PROFILE_ID = 'jurisdiction';

const hotlineSchema = new Schema({ label: { type: labelSchema, required: true }, number: String }, { _id: false });
const promiseSchema = new Schema(
  { condition: { type: labelSchema, required: true }, amount: { type: labelSchema, required: true } },
  { _id: false },
);

const profileSchema = new Schema(
  {
    _id: { type: String, default: PROFILE_ID },
    /** The seed it was created from (anyang, hebi, or a file's name). */
    seed: { type: String, required: true },
    areaCode: { type: String, required: true },
    bureau: { type: labelSchema, required: true },
    hotlines: { type: [hotlineSchema], default: [] },
    letterAddress: { type: labelSchema, required: true },
    visitAddress: { type: labelSchema, required: true },
    posterPromises: { type: [promiseSchema], default: [] },
    fundName: { type: labelSchema, required: true },
    footer: { type: labelSchema, required: true },
    version: { type: Number, default: 1 },
  },
  { timestamps: true },
);

export const JurisdictionProfile = model('JurisdictionProfile', profileSchema, 'jurisdiction');
