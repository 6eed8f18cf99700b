// A report and everything that happened to it. The reporter's identity is sealed
// (AES-256-GCM); no address, user agent or other trace of the submitter is kept.
import { Schema, model, type InferSchemaType } from 'mongoose';
import { reportChannels } from '../../shared/channels';

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
    /** The system's note as a code and its parameters (shared/notes.ts), worded in the reader's language. */
    noteKey: { type: String },
    noteParams: { type: Schema.Types.Mixed },
  },
  { _id: false },
);

const messageSchema = new Schema(
  {
    at: { type: Date, required: true },
    from: { type: String, required: true, enum: ['reporter', 'staff'] },
    staffId: { type: String },
    /** The role the staff author held when writing: the reporter is told who asked in general words, never a name. */
    staffRole: { type: String },
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
    /** The documents the reward was judged under, as cited in the notice: title and 文号. */
    documents: {
      type: [new Schema({ title: { zh: String, en: String }, number: String }, { _id: false })],
      default: undefined,
    },
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
    /** The fund the money was reserved from (`main`, the city fund, unless finance named another). */
    fundSource: { type: String },
    /**
     * Why a leader must approve before finance reserves the money ('adjusted-beyond-band',
     * 'deputy-director', 'bureau-meeting'), set at proposal; and the approval, once given.
     */
    leadershipReasons: { type: [String], default: undefined },
    leadershipApproval: {
      type: new Schema(
        { byId: String, at: Date, comment: String, meetingMinutesNo: String, meetingOn: String },
        { _id: false },
      ),
    },
    /**
     * What the server found when the claim arrived, without opening it again: keyed blind
     * indexes (HMAC) of the ID number and account, never the values; the register hit, and
     * the same payee's or account's other rewards. Any flag waits for a leader.
     */
    claimChecks: {
      type: new Schema(
        {
          payeeIndex: String,
          accountIndex: String,
          exclusionHit: Boolean,
          samePayeeRewards: Number,
          samePayeeTotalFen: Number,
          sameAccountRewards: Number,
          sameAccountTotalFen: Number,
          payeeYearTotalFen: Number,
          overYearlyCap: Boolean,
          flags: { type: [String], default: undefined },
          clearedById: String,
          clearedAt: Date,
          clearReason: String,
        },
        { _id: false },
      ),
    },
    /** 补发 and 追回 after the payment, each proposed, approved and recorded by different people. */
    topUps: {
      type: [
        new Schema(
          {
            ground: String,
            reason: String,
            facts: { type: Schema.Types.Mixed },
            newAmountFen: Number,
            amountFen: Number,
            explanation: { type: [explanationLine], default: [] },
            proposedById: String,
            proposedAt: Date,
            /** Why a leader must approve the new total before finance reserves it, and that approval. */
            leadershipReasons: { type: [String], default: undefined },
            leadershipApproval: {
              type: new Schema(
                { byId: String, at: Date, comment: String, meetingMinutesNo: String, meetingOn: String },
                { _id: false },
              ),
            },
            approvedById: String,
            approvedAt: Date,
            fundSource: String,
            voucherNo: String,
            paidOn: String,
            recordedById: String,
            recordedAt: Date,
            refusedById: String,
            refusedAt: Date,
            refusalReason: String,
          },
          { _id: false },
        ),
      ],
      default: undefined,
    },
    recoveries: {
      type: [
        new Schema(
          {
            ground: String,
            reason: String,
            amountFen: Number,
            /** The source the money returns to: the one that paid it (the reward's own unless named). */
            fundSource: String,
            proposedById: String,
            proposedAt: Date,
            approvedById: String,
            approvedAt: Date,
            voucherNo: String,
            receivedOn: String,
            recordedById: String,
            recordedAt: Date,
            refusedById: String,
            refusedAt: Date,
            refusalReason: String,
            /** An approved recovery refused before the money came back: written off (核销). */
            writtenOff: Boolean,
          },
          { _id: false },
        ),
      ],
      default: undefined,
    },
    /** The monthly random sample: drawn for a second inspection by a verifier new to the case. */
    sampleCheck: {
      type: new Schema(
        { month: String, drawnAt: Date, verifierId: String, outcome: String, note: String, recordedAt: Date },
        { _id: false },
      ),
    },
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

const clockMarks = { reminderSentAt: { type: Date, default: null }, escalatedAt: { type: Date, default: null } };

/** The conclusion now standing (cleared when an objection or referral reopens the case): the result letter's clock. */
const conclusionSchema = new Schema(
  {
    kind: { type: String, required: true, enum: ['substantiated', 'unsubstantiated', 'unverifiable', 'rejected'] },
    at: { type: Date, required: true },
    /** The level that reached it, and who took part (they never review an objection to it). */
    level: { type: String, required: true, enum: ['county', 'city'] },
    involvedIds: { type: [String], default: [] },
    letterDueAt: { type: Date, required: true },
    letterSentAt: { type: Date },
    objectionDueAt: { type: Date },
    objectedAt: { type: Date },
    ...clockMarks,
  },
  { _id: false },
);

/** 核查结果告知 (应急〔2023〕106号): what the reporter is told, kept as sent. */
const resultLetterSchema = new Schema(
  {
    letterNo: { type: String, required: true },
    sentAt: { type: Date, required: true },
    sentById: { type: String, required: true },
    conclusion: { type: String, required: true },
    account: { type: String, required: true, maxlength: 2000 },
    handling: { type: String, required: true, maxlength: 2000 },
    penaltyDecisionNo: { type: String },
    fineFen: { type: Number },
    rewardConditionsMet: { type: Boolean, required: true },
    rewardNote: { type: String, maxlength: 2000 },
    objectionDueAt: { type: Date },
  },
  { _id: false },
);

const objectionSchema = new Schema(
  {
    at: { type: Date, required: true },
    reason: { type: String, required: true, maxlength: 2000 },
    fromStatus: { type: String, required: true },
    reviewLevel: { type: String, required: true },
    dueAt: { type: Date, required: true },
    decidedById: { type: String },
    decidedAt: { type: Date },
    outcome: { type: String, enum: ['upheld', 'reopened'] },
    decisionReason: { type: String, maxlength: 2000 },
  },
  { _id: false },
);

const reinspectionSchema = new Schema(
  {
    inspectedOn: { type: String, required: true },
    result: { type: String, required: true, enum: ['completed', 'partly', 'not-done'] },
    note: { type: String, required: true, maxlength: 2000 },
    penaltyNote: { type: String, maxlength: 2000 },
    inspectorId: { type: String, required: true },
    recordedAt: { type: Date, required: true },
    /** Files of report.evidence: the site before and after. */
    beforeFileIds: { type: [String], default: [] },
    afterFileIds: { type: [String], default: [] },
  },
  { _id: false },
);

/** One rectification order (整改指令书) and its re-inspections, until verified complete. */
const rectificationSchema = new Schema(
  {
    taskId: { type: String, required: true },
    orderNo: { type: String, required: true, maxlength: 80 },
    enterprise: { type: String, required: true, maxlength: 200 },
    unitCode: { type: String, required: true },
    dueOn: { type: String, required: true },
    /** 重大事故隐患: supervised listing (挂牌督办) and a second person's sign-off (销号). */
    major: { type: Boolean, required: true },
    listingBody: { type: String, maxlength: 120 },
    orderedAt: { type: Date, required: true },
    orderedById: { type: String, required: true },
    status: { type: String, required: true, enum: ['open', 'awaiting-sign-off', 'completed'] },
    /** A re-inspection found it partly done or not done: this is the follow-up. */
    followUp: { type: Boolean, default: false },
    reinspections: { type: [reinspectionSchema], default: [] },
    signedOffById: { type: String },
    signedOffAt: { type: Date },
    completedAt: { type: Date },
    /** The due date already escalated as overdue (once per due date). */
    escalatedFor: { type: String },
    /** The reporter said it is still there: a re-inspection is owed. */
    disputedAt: { type: Date },
  },
  { _id: false },
);

/**
 * A protection case (server/protection): retaliation against the reporter, opened by them, by
 * a check-in answer, a duress signal or protection staff. Only protection staff read it.
 */
const protectionCaseSchema = new Schema(
  {
    caseNo: { type: String, required: true },
    source: { type: String, required: true, enum: ['reporter', 'check-in', 'duress', 'staff'] },
    kinds: { type: [String], default: [] },
    /** What happened, in the reporter's or the officer's words: sealed under the report's protection-details key. */
    accountSealed: { type: String },
    openedAt: { type: Date, required: true },
    openedById: { type: String },
    firstActionDueAt: { type: Date, required: true },
    decisionDueAt: { type: Date, required: true },
    referrals: {
      // `note`: plain, from before notes were sealed; `noteSealed`: under the protection-details key.
      type: [new Schema({ body: String, note: String, noteSealed: String, at: Date, byId: String }, { _id: false })],
      default: [],
    },
    outcome: { type: String },
    /** Plain, from before notes were sealed; new ones are `outcomeNoteSealed` (protection-details key). */
    outcomeNote: { type: String, maxlength: 2000 },
    outcomeNoteSealed: { type: String },
    closedAt: { type: Date },
    closedById: { type: String },
  },
  { _id: false },
);

/** Reporter protection: the insider assessment, the cover for a protected case, duress signals, check-ins and cases. */
const protectionSchema = new Schema(
  {
    assessment: {
      type: new Schema(
        {
          insider: Boolean,
          smallWorkplace: Boolean,
          identifyingDetails: Boolean,
          risk: { type: String, enum: ['low', 'medium', 'high'] },
          note: String,
          byId: String,
          at: Date,
        },
        { _id: false },
      ),
    },
    /** Verify under a routine inspection; never show the report or its evidence to the subject. */
    protected: { type: Boolean, default: false },
    coverNote: { type: String, maxlength: 500 },
    // caseNo: the protection case a decoy session's retaliation report opened (the decoy view shows only those).
    duressSignals: {
      type: [new Schema({ at: Date, context: String, caseNo: String }, { _id: false })],
      default: undefined,
    },
    checkIns: {
      type: [
        new Schema(
          {
            round: Number,
            sentAt: Date,
            answeredAt: Date,
            harm: Boolean,
            /** The answer's words, sealed under the protection-details key. */
            answerSealed: String,
          },
          { _id: false },
        ),
      ],
      default: undefined,
    },
    cases: { type: [protectionCaseSchema], default: undefined },
  },
  { _id: false },
);

/** One request to see who reported: asked with a reason, approved or refused by a custodian, usable until it expires. */
const identityRevealSchema = new Schema(
  {
    requestedById: { type: String, required: true },
    requestedByRole: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    reason: { type: String, required: true, maxlength: 500 },
    /** Not told to the reporter, on the legal ground recorded. */
    withholdNotice: { type: Boolean, default: false },
    legalGround: { type: String, maxlength: 500 },
    approvedById: { type: String },
    approvedAt: { type: Date },
    approvalComment: { type: String, maxlength: 500 },
    expiresAt: { type: Date },
    refusedById: { type: String },
    refusedAt: { type: Date },
    refusalReason: { type: String, maxlength: 500 },
    revealedAt: { type: [Date], default: [] },
  },
  { _id: false },
);

const reportSchema = new Schema(
  {
    reference: { type: String, required: true, unique: true },
    /**
     * "h1:" + HMAC under the server key (intake/receipt), or a legacy scrypt hash; removed by
     * the retention schedule once the case is final. The duress key's, in the same form.
     */
    accessKeyHash: { type: String },
    duressKeyHash: { type: String },
    status: { type: String, required: true, default: 'submitted' },
    channel: {
      type: String,
      required: true,
      enum: reportChannels,
      default: 'web',
    },
    /** A case a partner system dispatched to us (channel "partner"): whose it is and its id there. */
    exchange: {
      type: new Schema(
        {
          partnerCode: { type: String, required: true },
          externalId: { type: String, required: true },
          /** How the reporter reached the partner (its mini-program, 12345…), as the partner names it. */
          externalChannel: { type: String },
          /** Keyed fingerprint of what the partner sent, so the same id with other content is refused. */
          contentHash: { type: String },
        },
        { _id: false },
      ),
    },
    category: { type: String, required: true },
    sector: { type: String, required: true },
    area: { type: String, required: true },
    description: { type: String, required: true, maxlength: 5000 },
    occurredAt: { type: Date },
    address: { type: String, maxlength: 200 },
    subjectName: { type: String, maxlength: 120 },
    /** The enterprise's unified social credit code (shared/creditCode.ts), when given. */
    subjectCreditCode: { type: String, maxlength: 18 },
    posterCode: { type: String },
    anonymous: { type: Boolean, required: true },
    employeeOfSubject: { type: Boolean, default: false },
    /** Sealed JSON {name, phone, email?}; revealed only by policy, each reveal audited. */
    reporterSealed: { type: String },
    /** Sealed email for content-free notifications, readable by the mail job. */
    notifyEmailSealed: { type: String },
    /**
     * The mobile number SMS notices go to, sealed under its own class key (`notice-phone`):
     * opened only by the notice, never presented to staff, deleted once the case is final.
     */
    noticePhoneSealed: { type: String },
    /** A real-name reporter's keyed pseudonym, the same across their reports (server/protection/pseudonym.ts). */
    reporterPseudonym: { type: String },
    protection: { type: protectionSchema },
    identityReveals: { type: [identityRevealSchema], default: undefined },
    /**
     * The reporter withdrew: their part and any reward end. After acceptance the bureau
     * decides whether to continue of its own motion; before it, the report is withdrawn.
     */
    reporterWithdrawal: {
      type: new Schema(
        { at: Date, decidedById: String, decidedAt: Date, outcome: String, decisionReason: String },
        { _id: false },
      ),
    },
    /** Classes of personal data the retention schedule has deleted, and when (never what). */
    deletedData: {
      type: [new Schema({ dataClass: String, at: Date }, { _id: false })],
      default: undefined,
    },
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
          /** The verifying unit's level when it was assigned (county or city). */
          unitLevel: String,
          verifierId: String,
          assignedAt: Date,
          dueAt: Date,
          extendedDays: Number,
          extensionReason: String,
          /** A request for more time, awaiting the unit's head or the level above. */
          extensionRequest: {
            type: new Schema(
              { days: Number, reason: String, requestedAt: Date, requestedById: String },
              { _id: false },
            ),
          },
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
    /** The keys that recognise this report's matter across channels (server/reports/matterKey.ts), and its time. */
    matterKeys: {
      type: new Schema({ creditCode: String, place: String, at: Date }, { _id: false }),
    },
    /** Linked at intake to the first case of its matter (same credit code and scheme, within the window). */
    matter: {
      type: new Schema({ of: String, key: { type: String, enum: ['credit-code'] }, linkedAt: Date }, { _id: false }),
    },
    /** The same place and category as an earlier report: flagged for the intake officer, not linked. */
    likelyMatter: {
      type: new Schema({ of: String, key: { type: String, enum: ['place'] }, flaggedAt: Date }, { _id: false }),
    },
    /** Set on a case once another is linked to it: its reward steps then look for the matter's others (none look otherwise). */
    matterHead: { type: Boolean },
    /** On a matter's first case: bumped by every reward step in the matter, so two at once conflict and one sees the other. */
    matterRewardSteps: { type: Number },
    /** A link staff undid (unlink-matter): to which case, by whom, when and why. */
    matterUnlinked: {
      type: new Schema({ of: String, byId: String, at: Date, reason: String }, { _id: false }),
    },
    transferredTo: {
      type: new Schema(
        {
          unitCode: String,
          area: String,
          at: Date,
          /** What the receiving department sent back: entered by staff or received through the API. */
          result: {
            type: new Schema(
              { receivedOn: String, outcome: String, summary: String, recordedById: String, recordedAt: Date },
              { _id: false },
            ),
          },
        },
        { _id: false },
      ),
    },
    /** Referred up as "cannot be verified", and what the level above decided. */
    referral: {
      type: new Schema(
        {
          at: Date,
          reason: String,
          byId: String,
          decidedById: String,
          decidedAt: Date,
          outcome: String,
          decision: String,
        },
        { _id: false },
      ),
    },
    conclusion: { type: conclusionSchema },
    resultLetters: { type: [resultLetterSchema], default: [] },
    objections: { type: [objectionSchema], default: [] },
    /** The open objection's review clock. */
    objectionReview: { type: new Schema({ dueAt: Date, ...clockMarks }, { _id: false }) },
    /** Deaths were reported: the county-level government verifies, and the grade waits for the investigation report. */
    deathCase: {
      type: new Schema(
        {
          flaggedAt: Date,
          flaggedById: String,
          investigation: {
            type: new Schema(
              {
                reportNo: String,
                issuedOn: String,
                grade: String,
                deaths: Number,
                recordedById: String,
                recordedAt: Date,
              },
              { _id: false },
            ),
          },
        },
        { _id: false },
      ),
    },
    rectifications: { type: [rectificationSchema], default: [] },
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
    /** A staff-entered letter's day of receipt, when before its entry (absent: received when submitted). */
    receivedAt: { type: Date },
  },
  { timestamps: true },
);
reportSchema.index(
  { 'retry.keyHash': 1 },
  { unique: true, partialFilterExpression: { 'retry.keyHash': { $type: 'string' } } },
);
reportSchema.index({ 'retry.until': 1 }, { partialFilterExpression: { 'retry.until': { $type: 'date' } } });
// A partner's case is recorded once, however often it is sent.
reportSchema.index(
  { 'exchange.partnerCode': 1, 'exchange.externalId': 1 },
  { unique: true, partialFilterExpression: { 'exchange.externalId': { $type: 'string' } } },
);
reportSchema.index({ area: 1, status: 1, submittedAt: -1 });
reportSchema.index({ 'evidence.fileId': 1 });
reportSchema.index({ 'assignment.verifierId': 1, status: 1, 'assignment.dueAt': 1 });
// The role queues of staff who see every area (new, due-soon, overdue, awaiting-review) lead with status, and the deadline queues range over dueAt.
reportSchema.index({ status: 1, 'assignment.dueAt': 1 });
// The lapse job looks for approved rewards past their claim deadline.
reportSchema.index({ status: 1, 'reward.claimDueAt': 1 });
// The claim checks look up other claims by the payee's and the account's blind index.
reportSchema.index({ 'reward.claimChecks.payeeIndex': 1 }, { sparse: true });
reportSchema.index({ 'reward.claimChecks.accountIndex': 1 }, { sparse: true });
// The clock jobs: result letters not yet sent, objections awaiting review, open rectifications by due day.
reportSchema.index(
  { 'conclusion.letterDueAt': 1 },
  { partialFilterExpression: { 'conclusion.letterDueAt': { $type: 'date' } } },
);
reportSchema.index(
  { 'objectionReview.dueAt': 1 },
  { partialFilterExpression: { 'objectionReview.dueAt': { $type: 'date' } } },
);
reportSchema.index({ 'rectifications.status': 1, 'rectifications.dueOn': 1 });
// The check-in job looks for reports concluded at least the first check-in's days ago.
reportSchema.index({ 'conclusion.at': 1 }, { partialFilterExpression: { 'conclusion.at': { $type: 'date' } } });
// A real-name reporter's other reports, for protection and fraud review.
reportSchema.index({ reporterPseudonym: 1 }, { sparse: true });
// One matter across channels: an earlier report at the same place within the window, the
// reports of one enterprise, and the cases linked to a matter's first (one reward per matter).
reportSchema.index(
  { 'matterKeys.place': 1, 'matterKeys.at': 1 },
  { partialFilterExpression: { 'matterKeys.place': { $type: 'string' } } },
);
reportSchema.index(
  { 'matterKeys.creditCode': 1, 'matterKeys.at': 1 },
  { partialFilterExpression: { 'matterKeys.creditCode': { $type: 'string' } } },
);
reportSchema.index({ 'matter.of': 1 }, { partialFilterExpression: { 'matter.of': { $type: 'string' } } });

export type ReportFields = InferSchemaType<typeof reportSchema>;
export const Report = model('Report', reportSchema, 'reports');
