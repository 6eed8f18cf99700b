// The exclusion register: people who may not receive a reward (staff with
// supervision duties and their close relatives, paid grid workers…), kept only as
// the keyed blind index of their ID number. The number itself is never stored.
import { Schema, model, type InferSchemaType } from 'mongoose';
import { exclusionKinds } from '../../shared/schemas/rewardControls';

const exclusionEntrySchema = new Schema(
  {
    index: { type: String, required: true, unique: true },
    kind: { type: String, required: true, enum: exclusionKinds },
    /** Why the person is listed, without anything that identifies them. */
    note: { type: String, required: true, maxlength: 200 },
    addedById: { type: String, required: true },
    addedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type ExclusionEntryFields = InferSchemaType<typeof exclusionEntrySchema>;
export const ExclusionEntry = model('ExclusionEntry', exclusionEntrySchema, 'reward_exclusions');
