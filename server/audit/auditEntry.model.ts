// The audit log. Business transactions only insert entries, each with its own
// MAC (over its id and content) and `pending: true`; they share no document, so
// they never conflict with each other. The sealer (audit/sealer.ts) later gives
// each pending entry the next sequence number and a link MAC over the previous
// link, and keeps the newest seq/link in AuditHead, which only it writes.
import { Schema, model, type InferSchemaType } from 'mongoose';

const auditEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    actor: { type: new Schema({ id: String, username: String, role: String }, { _id: false }), default: null },
    action: { type: String, required: true },
    target: { type: new Schema({ type: String, id: String }, { _id: false }), default: null },
    details: { type: Schema.Types.Mixed, default: {} },
    /** Which audit key made `mac` and `link`. */
    keyVersion: { type: Number, required: true },
    /** HMAC over the entry's id and content. */
    mac: { type: String, required: true },
    /** Present until sealed; the sparse index holds only pending entries, so the sealer finds them cheaply. */
    pending: { type: Boolean },
    /** Set by the sealer: the position in the chain and the HMAC linking this entry to the one before. */
    seq: { type: Number },
    link: { type: String },
    sealedAt: { type: Date },
  },
  { versionKey: false, minimize: false },
);
auditEntrySchema.index({ seq: 1 }, { unique: true, sparse: true });
auditEntrySchema.index({ pending: 1 }, { sparse: true });
auditEntrySchema.index({ 'target.type': 1, 'target.id': 1, seq: -1 });
// The console's filters: by person, by action, by what was acted on, by period.
auditEntrySchema.index({ 'actor.id': 1, seq: 1 });
auditEntrySchema.index({ action: 1, seq: 1 });
auditEntrySchema.index({ 'target.id': 1, seq: 1 });
auditEntrySchema.index({ at: 1 });

export type AuditEntryFields = InferSchemaType<typeof auditEntrySchema>;
export const AuditEntry = model('AuditEntry', auditEntrySchema, 'audit_log');

/** `head`: the newest sealed seq and link. `auditor-mail`: the UTC day the auditors last got a checkpoint. */
const auditHeadSchema = new Schema(
  { _id: { type: String }, seq: Number, link: String, day: String },
  { versionKey: false },
);
export const AuditHead = model('AuditHead', auditHeadSchema, 'audit_head');
