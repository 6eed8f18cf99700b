// The reward-policy registry: every version, drafted or published. A version's
// body is the whole policy document, validated with the shared policy schema on
// every write (policyVersions.ts), so fields added to the policy need no change here.
// Published versions are immutable: every update or delete through this model is
// confined to drafts, and a loaded version is never saved back.
import { Schema, model, type InferSchemaType, type Query } from 'mongoose';
import { policyVersionSources, policyVersionStatuses } from '../../shared/schemas/rewardPolicies';

const policyVersionSchema = new Schema(
  {
    /** A published version's _id is its policy id; a draft's is 'draft-…'. */
    _id: { type: String, required: true },
    status: { type: String, required: true, enum: policyVersionStatuses },
    source: { type: String, required: true, enum: policyVersionSources },
    /** Copied from the policy for the index: one published version per effective day. */
    effectiveFrom: { type: String, required: true },
    policy: { type: Schema.Types.Mixed, required: true },
    basedOn: { type: String, default: null },
    draftedById: { type: String, default: null },
    draftedAt: { type: Date, default: null },
    /** Everyone who drafted or edited a draft: none of them may publish it. */
    editorIds: { type: [String], default: [] },
    publishedById: { type: String, default: null },
    publishedAt: { type: Date, default: null },
  },
  { timestamps: true, minimize: false },
);

policyVersionSchema.index(
  { effectiveFrom: 1 },
  { unique: true, partialFilterExpression: { status: 'published' }, name: 'one_published_per_day' },
);

/** An upsert that only sets fields on insert (the seed) never changes a stored version. */
function onlyInserts(update: unknown): boolean {
  if (!update || typeof update !== 'object' || Array.isArray(update)) return false;
  const keys = Object.keys(update);
  return keys.length > 0 && keys.every((k) => k === '$setOnInsert');
}

const writes: (
  | 'updateOne'
  | 'updateMany'
  | 'findOneAndUpdate'
  | 'replaceOne'
  | 'findOneAndReplace'
  | 'deleteOne'
  | 'deleteMany'
  | 'findOneAndDelete'
)[] = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
];

policyVersionSchema.pre(writes, { document: false, query: true }, function (this: Query<unknown, unknown>) {
  if (onlyInserts(this.getUpdate())) return;
  // Whatever the caller asked for, only drafts match: a published version is never changed or removed.
  this.where({ status: 'draft' });
});

policyVersionSchema.pre('save', function () {
  if (!this.isNew) throw new Error('reward-policy versions change only through draft updates, never by saving');
});

policyVersionSchema.pre('bulkWrite', function () {
  throw new Error('reward-policy versions are not written in bulk');
});

export type PolicyVersionFields = InferSchemaType<typeof policyVersionSchema>;
export const PolicyVersion = model('PolicyVersion', policyVersionSchema, 'reward_policy_versions');
