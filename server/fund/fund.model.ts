// The reward funds' balances, one document per source (the city fund `main`,
// `provincial`, `county-<area code>`), and the ledger that explains them. Balances
// move only together with a ledger entry, in one transaction; the ledger is the truth.
import { Schema, model, type InferSchemaType } from 'mongoose';
import { MAIN_FUND_SOURCE, movementKinds } from '../../shared/schemas/fund';

const fundSchema = new Schema(
  {
    _id: { type: String },
    appropriatedFen: { type: Number, required: true, default: 0 },
    reservedFen: { type: Number, required: true, default: 0 },
    paidFen: { type: Number, required: true, default: 0 },
    /** Money recovered (追回) from rewards paid out of this fund. */
    recoveredFen: { type: Number, required: true, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

export const Fund = model('Fund', fundSchema, 'funds');

const ledgerEntrySchema = new Schema(
  {
    fundId: { type: String, required: true },
    kind: { type: String, required: true, enum: movementKinds },
    amountFen: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    at: { type: Date, required: true },
    actorId: { type: String },
    rewardId: { type: String },
    /** The workflow step that moved it: a retried key is answered only for the same step. */
    step: { type: String },
    note: { type: String, maxlength: 500 },
    /** The system's note as a code and its parameters (shared/notes.ts). */
    noteKey: { type: String },
    noteParams: { type: Schema.Types.Mixed },
    idempotencyKey: { type: String, required: true, unique: true },
  },
  { versionKey: false },
);
ledgerEntrySchema.index({ fundId: 1, at: 1 });

export type LedgerEntryFields = InferSchemaType<typeof ledgerEntrySchema>;
export const LedgerEntry = model('LedgerEntry', ledgerEntrySchema, 'fund_ledger');

export const MAIN_FUND = MAIN_FUND_SOURCE;
