// The audit log: append-only, each entry carrying the hash of the one before.
// AuditHead holds the newest sequence number and hash; appending updates it in
// the same transaction, so concurrent appends serialise and the chain has no gaps.
import { Schema, model, type InferSchemaType } from 'mongoose';

const auditEntrySchema = new Schema(
  {
    seq: { type: Number, required: true, unique: true },
    at: { type: Date, required: true },
    actor: { type: new Schema({ id: String, username: String, role: String }, { _id: false }), default: null },
    action: { type: String, required: true },
    target: { type: new Schema({ type: String, id: String }, { _id: false }), default: null },
    details: { type: Schema.Types.Mixed, default: {} },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { versionKey: false, minimize: false },
);
auditEntrySchema.index({ 'target.type': 1, 'target.id': 1, seq: -1 });

export type AuditEntryFields = InferSchemaType<typeof auditEntrySchema>;
export const AuditEntry = model('AuditEntry', auditEntrySchema, 'audit_log');

const auditHeadSchema = new Schema({ _id: { type: String }, seq: { type: Number, required: true }, hash: { type: String, required: true } }, { versionKey: false });
export const AuditHead = model('AuditHead', auditHeadSchema, 'audit_head');
