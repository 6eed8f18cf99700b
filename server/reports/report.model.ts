// A report and everything that happened to it. The reporter's identity is sealed
// (AES-256-GCM); no address, user agent or other trace of the submitter is kept.
import { Schema, model, type InferSchemaType } from 'mongoose';

const evidenceSchema = new Schema(
  {
    fileId: { type: String, required: true },
    kind: { type: String, required: true, enum: ['photo', 'video', 'audio', 'document'] },
    mime: { type: String, required: true },
    size: { type: Number, required: true },
    /** SHA-256 of the bytes as received (chain of custody), and of the bytes stored. */
    receivedSha256: { type: String, required: true },
    storedSha256: { type: String, required: true },
    metadataRemoved: { type: Boolean, required: true },
    addedBy: { type: String, required: true, enum: ['reporter', 'staff'] },
    addedAt: { type: Date, required: true },
  },
  { _id: false },
);

const timelineSchema = new Schema(
  {
    at: { type: Date, required: true },
    type: { type: String, required: true },
    /** Shown to the reporter in follow-up (others are internal). */
    public: { type: Boolean, required: true },
    actorId: { type: String },
    note: { type: String, maxlength: 2000 },
  },
  { _id: false },
);

const messageSchema = new Schema(
  {
    at: { type: Date, required: true },
    from: { type: String, required: true, enum: ['reporter', 'staff'] },
    staffId: { type: String },
    body: { type: String, required: true, maxlength: 2000 },
  },
  { _id: false },
);

const explanationLine = new Schema(
  { zh: { type: String, required: true }, en: { type: String, required: true } },
  { _id: false },
);

/**
 * The reward, from proposal to payment. `reservedFen` is what the fund holds for
 * it right now (0 or the approved amount): the report and the ledger move together.
 */
const rewardSchema = new Schema(
  {
    eligible: { type: Boolean, required: true },
    policy: { type: String },
    scheme: { type: String },
    computedFen: { type: Number },
    minFen: { type: Number },
    maxFen: { type: Number },
    amountFen: { type: Number, required: true, default: 0 },
    explanation: { type: [explanationLine], default: [] },
    adjustmentReason: { type: String, maxlength: 2000 },
    refusalReason: { type: String, maxlength: 2000 },
    proposedById: { type: String },
    proposedAt: { type: Date },
    reviewedById: { type: String },
    reviewedAt: { type: Date },
    approvedById: { type: String },
    approvedAt: { type: Date },
    /** When the reporter was told the outcome (approval or refusal): the claim and appeal clocks start here. */
    decidedAt: { type: Date },
    reservedFen: { type: Number, required: true, default: 0 },
    claimDueAt: { type: Date },
    claimExtendedDays: { type: Number },
    claimExtensionReason: { type: String, maxlength: 2000 },
    /** Sealed JSON {name, idNumber, phone, bankName, bankAccount}; finance only, each view audited. */
    claimSealed: { type: String },
    claimedAt: { type: Date },
    claimReturnedReason: { type: String, maxlength: 2000 },
    payout: {
      type: new Schema(
        { voucherNo: String, paidOn: String, amountFen: Number, recordedById: String, recordedAt: Date },
        { _id: false },
      ),
    },
    lapsedAt: { type: Date },
    appeal: {
      type: new Schema(
        {
          at: Date,
          reason: String,
          fromStatus: String,
          decidedById: String,
          decidedAt: Date,
          outcome: String,
          decisionReason: String,
        },
        { _id: false },
      ),
    },
  },
  { _id: false },
);

const reportSchema = new Schema(
  {
    reference: { type: String, required: true, unique: true },
    /** "h1:" + HMAC under the server key (intake/receipt), or a legacy scrypt hash. */
    accessKeyHash: { type: String, required: true },
    status: { type: String, required: true, default: 'submitted' },
    channel: {
      type: String,
      required: true,
      enum: ['web', 'hotline-12350', 'hotline-12345', 'letter', 'fax', 'in-person'],
      default: 'web',
    },
    category: { type: String, required: true },
    sector: { type: String, required: true },
    area: { type: String, required: true },
    description: { type: String, required: true, maxlength: 5000 },
    occurredAt: { type: Date },
    address: { type: String, maxlength: 200 },
    subjectName: { type: String, maxlength: 120 },
    posterCode: { type: String },
    anonymous: { type: Boolean, required: true },
    employeeOfSubject: { type: Boolean, default: false },
    /** Sealed JSON {name, phone, email?}; revealed only by policy, each reveal audited. */
    reporterSealed: { type: String },
    /** Sealed email for content-free notifications, readable by the mail job. */
    notifyEmailSealed: { type: String },
    location: { type: new Schema({ lat: Number, lng: Number }, { _id: false }) },
    evidence: { type: [evidenceSchema], default: [] },
    timeline: { type: [timelineSchema], default: [] },
    messages: { type: [messageSchema], default: [] },
    /** Bumped by every workflow action: two people acting on one version cannot both win. */
    revision: { type: Number, required: true, default: 0 },
    assignment: {
      type: new Schema(
        {
          unitCode: String,
          verifierId: String,
          assignedAt: Date,
          dueAt: Date,
          extendedDays: Number,
          extensionReason: String,
          reminderSentAt: Date,
          escalatedAt: Date,
        },
        { _id: false },
      ),
    },
    /** The acceptance clock (see workflow/acceptanceClock): pauses while awaiting information, and its emails. */
    acceptance: {
      type: new Schema(
        {
          pausedAt: { type: Date, default: null },
          pausedMs: { type: Number, default: 0 },
          reminderSentAt: Date,
          escalatedAt: Date,
        },
        { _id: false },
      ),
    },
    findings: { type: Schema.Types.Mixed },
    findingsById: { type: String },
    reward: { type: rewardSchema },
    duplicateOf: { type: String },
    transferredTo: { type: new Schema({ unitCode: String, area: String }, { _id: false }) },
    statusChangedAt: { type: Date },
    /** While a retried submission may still ask for its receipt (intake/retryWindow): keyed hashes and the sealed access key, removed after a day. */
    retry: {
      type: new Schema(
        {
          keyHash: { type: String, required: true },
          requestHash: { type: String, required: true },
          receiptSealed: { type: String, required: true },
          until: { type: Date, required: true },
        },
        { _id: false },
      ),
    },
    submittedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
reportSchema.index(
  { 'retry.keyHash': 1 },
  { unique: true, partialFilterExpression: { 'retry.keyHash': { $type: 'string' } } },
);
reportSchema.index({ 'retry.until': 1 }, { partialFilterExpression: { 'retry.until': { $type: 'date' } } });
reportSchema.index({ area: 1, status: 1, submittedAt: -1 });
reportSchema.index({ 'evidence.fileId': 1 });
reportSchema.index({ 'assignment.verifierId': 1, status: 1, 'assignment.dueAt': 1 });
// The role queues of staff who see every area (new, due-soon, overdue, awaiting-review) lead with status, and the deadline queues range over dueAt.
reportSchema.index({ status: 1, 'assignment.dueAt': 1 });
// The lapse job looks for approved rewards past their claim deadline.
reportSchema.index({ status: 1, 'reward.claimDueAt': 1 });

export type ReportFields = InferSchemaType<typeof reportSchema>;
export const Report = model('Report', reportSchema, 'reports');
