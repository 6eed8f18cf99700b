// One document per strong matter key (credit code + scheme): which report opened
// the matter and when. Its unique key is what makes two channels submitting the
// same matter at once end as one matter, on any number of instances: both
// transactions write this document, so one of them is retried and then finds the
// other's report.
import { Schema, model, type InferSchemaType } from 'mongoose';

const matterClaimSchema = new Schema({
  key: { type: String, required: true, unique: true },
  /** The reference of the report that opened the matter: later reports link to it. */
  first: { type: String, required: true },
  /** That report's time (received, else submitted): the window runs from here. */
  firstAt: { type: Date, required: true },
});

export type MatterClaimFields = InferSchemaType<typeof matterClaimSchema>;
export const MatterClaim = model('MatterClaim', matterClaimSchema, 'matterClaims');
