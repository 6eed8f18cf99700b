// The report workflow as data: states, the actions between them, who may take
// each, and the guards. The server enforces it; the console shows exactly the
// actions it allows for the record and the person looking at it.
import { coversArea, type AreaScoped } from './areaScope';
import { isAbove, type Level } from './levels';
import type { Role } from './roles';

export const reportStates = [
  'submitted',
  'screening',
  'awaiting-information',
  'assigned',
  'verifying',
  'findings-submitted',
  'referred-up',
  'substantiated',
  'unsubstantiated',
  'unverifiable',
  'objected',
  'reward-proposed',
  'reward-reviewed',
  'reward-approved',
  'reward-claimed',
  'reward-paid',
  'reward-refused',
  'reward-lapsed',
  'reward-appealed',
  'rejected',
  'duplicate',
  'transferred',
  'withdrawn',
  'closed',
] as const;
export type ReportState = (typeof reportStates)[number];

export const stateNames: Record<ReportState, { zh: string; en: string }> = {
  submitted: { zh: '已提交', en: 'Submitted' },
  screening: { zh: '受理审查中', en: 'Being screened' },
  'awaiting-information': { zh: '待补充材料', en: 'Awaiting information' },
  assigned: { zh: '已分派', en: 'Assigned' },
  verifying: { zh: '核查中', en: 'Being verified' },
  'findings-submitted': { zh: '核查结论待审核', en: 'Findings awaiting review' },
  substantiated: { zh: '核查属实', en: 'Substantiated' },
  'referred-up': { zh: '无法核实，已报上级', en: 'Cannot be verified: referred up' },
  unsubstantiated: { zh: '核查不属实', en: 'Not substantiated' },
  unverifiable: { zh: '无法查实', en: 'Could not be verified' },
  objected: { zh: '异议复查中', en: 'Objection under review' },
  'reward-proposed': { zh: '奖励已拟定，待复核', en: 'Reward proposed, awaiting review' },
  'reward-reviewed': { zh: '奖励已复核，待财务审批', en: 'Reward reviewed, awaiting finance' },
  'reward-approved': { zh: '奖励已批准，待领取', en: 'Reward approved, awaiting claim' },
  'reward-claimed': { zh: '已申领，待发放', en: 'Claimed, awaiting payment' },
  'reward-paid': { zh: '奖励已发放', en: 'Reward paid' },
  'reward-refused': { zh: '不予奖励', en: 'No reward' },
  'reward-lapsed': { zh: '奖励逾期未领取', en: 'Reward lapsed unclaimed' },
  'reward-appealed': { zh: '奖励复查中', en: 'Reward under appeal' },
  rejected: { zh: '不予受理', en: 'Rejected' },
  duplicate: { zh: '重复举报', en: 'Duplicate' },
  transferred: { zh: '已转办', en: 'Transferred' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  closed: { zh: '已办结', en: 'Closed' },
};

/**
 * Named groups of states, defined once: the server's rules, its queues and the
 * client's screens all ask these instead of listing states again.
 */
const notAccepted = ['submitted', 'screening', 'awaiting-information'] as const;
const underVerification = ['assigned', 'verifying'] as const;

export const stateGroups = {
  /** A conclusion was reached (the result letter is due): substantiated, not, could not be verified, or not accepted. */
  concluded: [
    'substantiated',
    'unsubstantiated',
    'unverifiable',
    'rejected',
    'reward-proposed',
    'reward-reviewed',
    'reward-approved',
    'reward-claimed',
    'reward-paid',
    'reward-refused',
    'reward-lapsed',
    'reward-appealed',
  ],
  /** Substantiated, whatever became of the reward: rectification is tracked in all of these. */
  substantiated: [
    'substantiated',
    'reward-proposed',
    'reward-reviewed',
    'reward-approved',
    'reward-claimed',
    'reward-paid',
    'reward-refused',
    'reward-lapsed',
    'reward-appealed',
    'closed',
  ],
  /** Conclusions the reporter may object to (应急〔2023〕106号). */
  objectable: ['unsubstantiated', 'unverifiable', 'rejected'],
  /** Not yet accepted: intake screens these. */
  notAccepted,
  /** Screening's clock runs (awaiting information pauses it). */
  screeningClockRunning: ['submitted', 'screening'],
  /** Accepted and with a verifier: the verification clock runs. */
  underVerification,
  /** The reporter may still add evidence or withdraw the report: until verification ends. */
  openToReporter: [...notAccepted, ...underVerification],
  /** The conversation with the reporter has ended (messages refused both ways). */
  conversationClosed: ['withdrawn', 'closed', 'rejected', 'duplicate'],
  /** The reporter has been told the reward decision (proposals and reviews are internal). */
  rewardToldToReporter: [
    'reward-approved',
    'reward-claimed',
    'reward-paid',
    'reward-refused',
    'reward-lapsed',
    'reward-appealed',
    'closed',
  ],
} as const satisfies Record<string, readonly ReportState[]>;

export const inGroup = (group: keyof typeof stateGroups, status: string): boolean =>
  (stateGroups[group] as readonly string[]).includes(status);

const conversationOpen = reportStates.filter((s) => !inGroup('conversationClosed', s));

/** What a guard may look at: the parts of a report the rules depend on. */
export interface WorkflowRecord {
  status: ReportState;
  area: string;
  assignedVerifierId?: string;
  findingsById?: string;
  extensionUsed?: boolean;
  rewardProposedById?: string;
  rewardReviewedById?: string;
  rewardApprovedById?: string;
  claimExtensionUsed?: boolean;
  /** The reporter may still appeal the reward decision (computed on the server's clock). */
  appealOpen?: boolean;
  /** The reporter may still claim the approved reward (computed on the server's clock). */
  claimOpen?: boolean;
  /** Deadline mails already sent, each once per report. */
  sent?: Partial<Record<DeadlineMark, boolean>>;
  /** The unit verifying the report, and its level (for extension approval). */
  assignedUnitCode?: string;
  assignedUnitLevel?: Level;
  /** A verification extension has been asked for and awaits a decision, and by whom. */
  extensionRequested?: boolean;
  extensionRequestedById?: string;
  /** The level that reached the conclusion, and the people who took part in it (never its reviewers). */
  conclusionLevel?: Level;
  involvedIds?: string[];
  /** The result letter (核查结果告知) has been sent. */
  letterSent?: boolean;
  /** The reporter may still object to the conclusion (the letter is out, its period runs, no objection yet). */
  objectionOpen?: boolean;
  /** The transferred report's receiving department has sent its result. */
  transferResultIn?: boolean;
  /** An accident's grade awaits the investigation report (deaths: 安全生产法 第七十三条). */
  gradePending?: boolean;
  /** A rectification's outcome was told to the reporter and their period to say "still there" runs. */
  stillThereOpen?: boolean;
  /** The findings substantiated the report (a closed report may have been either). */
  wasSubstantiated?: boolean;
  /** Rectification tasks awaiting re-inspection, or sign-off. */
  openRectifications?: number;
  awaitingSignOff?: number;
  /** The proposed reward needs a leader's approval (adjusted beyond the band, or above an amount tier) and has none yet. */
  leadershipNeeded?: boolean;
  /** The claim's checks raised a flag (exclusion register, the same payee or account, the yearly cap) not yet settled. */
  claimFlagged?: boolean;
  /** The reward was paid out (top-ups and recoveries follow a payment). */
  rewardPaid?: boolean;
  /** A top-up (补发) or a recovery (追回) under way, and who proposed and approved it. */
  topUpStage?: 'proposed' | 'approved';
  topUpProposedById?: string;
  topUpApprovedById?: string;
  /** The proposed top-up's new total needs a leader's approval not yet given. */
  topUpLeadershipNeeded?: boolean;
  recoveryStage?: 'proposed' | 'approved';
  recoveryProposedById?: string;
  recoveryApprovedById?: string;
  /** The verifier drawn to inspect this rewarded case again, while their check is outstanding. */
  sampleVerifierId?: string;
  /** The category is outside the city scheme (coal mines): the report is transferred to its own channel. */
  outsideScheme?: boolean;
  /** Reporter protection (server/protection): an insider report, and one made protected by its risk or a duress signal. */
  insider?: boolean;
  protectedCase?: boolean;
  /** The reporter's identity is on file (real-name and not yet deleted by the retention schedule). */
  identityOnFile?: boolean;
  /** An identity reveal under way: requested, or approved by a custodian and still usable by its requester. */
  revealStage?: 'requested' | 'approved';
  revealRequestedById?: string;
  /** A check-in (回访) went out and awaits the reporter's answer. */
  checkInOpen?: boolean;
  /** Protection cases not yet closed. */
  openProtectionCases?: number;
  /** The reporter withdrew after acceptance and the bureau has not yet decided whether to continue. */
  withdrawalPending?: boolean;
  /** The reporter withdrew: their participation and any reward have ended, whatever the bureau decides. */
  reporterWithdrew?: boolean;
  /** Linked at intake to an earlier case of the same matter (server/reports/matter.ts). */
  matterLinked?: boolean;
}

export type DeadlineMark =
  | 'acceptanceReminder'
  | 'acceptanceEscalation'
  | 'verificationReminder'
  | 'verificationEscalation'
  | 'letterReminder'
  | 'letterEscalation'
  | 'objectionReviewReminder'
  | 'objectionReviewEscalation';

/**
 * Who takes a step: a staff member (with a role, in areas), the reporter through
 * follow-up (holding the receipt), or the system's own jobs.
 */
export interface StaffWorkflowActor extends AreaScoped {
  kind?: 'staff';
  id: string;
  role: Role;
  unitCode: string;
  level: Level;
}
export type WorkflowActor = StaffWorkflowActor | { kind: 'reporter' } | { kind: 'system' };
export type ActorKind = 'staff' | 'reporter' | 'system';
const kindOf = (a: WorkflowActor): ActorKind => a.kind ?? 'staff';
type StaffActor = StaffWorkflowActor;

export type GuardFailure =
  | 'out-of-area'
  | 'not-assigned-verifier'
  | 'four-eyes'
  | 'extension-used'
  | 'appeal-period'
  | 'claim-period'
  | 'already-sent'
  | 'not-level-above'
  | 'extension-pending'
  | 'no-extension-request'
  | 'letter-not-sent'
  | 'letter-sent'
  | 'objection-period'
  | 'transfer-result-missing'
  | 'grade-pending'
  | 'still-there-period'
  | 'no-open-rectification'
  | 'nothing-to-sign-off'
  | 'not-substantiated'
  | 'leadership-approval'
  | 'nothing-to-approve'
  | 'claim-flagged'
  | 'not-paid'
  | 'top-up-pending'
  | 'no-top-up'
  | 'recovery-pending'
  | 'no-recovery'
  | 'transfer-outside-scheme'
  | 'anonymous'
  | 'reveal-pending'
  | 'no-reveal-request'
  | 'reveal-not-approved'
  | 'no-check-in'
  | 'no-protection-case'
  | 'no-withdrawal'
  | 'reporter-withdrew'
  | 'reward-undecided'
  | 'withdrawal-pending'
  | 'not-linked';
/** Guard failures that say "not you", as opposed to "not now". */
export const forbiddingGuards: readonly GuardFailure[] = [
  'out-of-area',
  'not-assigned-verifier',
  'four-eyes',
  'not-level-above',
];

type Guard = (r: WorkflowRecord, a: StaffActor) => GuardFailure | null;

export interface WorkflowAction {
  from: readonly ReportState[];
  /** The next state; `null` when the change decides (approve-findings) or nothing changes. */
  to: ReportState | null;
  /** Who takes it: staff (with `roles`), the reporter, or a job. */
  actor: ActorKind;
  /** The staff roles that may take it (empty for the reporter's and the jobs' steps). */
  roles: readonly Role[];
  /** Whether the reporter sees this step in their timeline. */
  public: boolean;
  name: { zh: string; en: string };
  guards: readonly Guard[];
  /** Taken through its own endpoint (a message box, follow-up, a job), not the console's action bar. */
  ownEndpoint?: true;
}

const inArea: Guard = (r, a) => (coversArea(a, r.area) ? null : 'out-of-area');
const assignedVerifier: Guard = (r, a) => (r.assignedVerifierId === a.id ? null : 'not-assigned-verifier');
/** A verifier works only on the reports assigned to them; other roles by area. */
const verifierOnlyIfAssigned: Guard = (r, a) =>
  a.role !== 'verifier' || r.assignedVerifierId === a.id ? null : 'not-assigned-verifier';
/** The reviewer is never the person who wrote the findings. */
const fourEyes: Guard = (r, a) => (r.findingsById && r.findingsById === a.id ? 'four-eyes' : null);
/** Nobody approves their own request for time or their own referral, whatever role they hold now. */
const fourEyesOnVerifier: Guard = (r, a) =>
  r.assignedVerifierId === a.id || r.extensionRequestedById === a.id ? 'four-eyes' : null;
const extensionUnused: Guard = (r) => (r.extensionUsed ? 'extension-used' : null);
/**
 * Four eyes on people, not roles: whoever proposed, confirmed or approved a reward
 * never takes a later step on it, whatever role they hold now. A reward is reviewed
 * by someone other than its proposer, approved or sent back by someone who neither
 * proposed nor confirmed it, paid out by a third person, and an appeal decided by
 * someone new to it.
 */
const notRewardProposer: Guard = (r, a) => (r.rewardProposedById === a.id ? 'four-eyes' : null);
const notRewardReviewer: Guard = (r, a) => (r.rewardReviewedById === a.id ? 'four-eyes' : null);
const notRewardApprover: Guard = (r, a) => (r.rewardApprovedById === a.id ? 'four-eyes' : null);
const claimExtensionUnused: Guard = (r) => (r.claimExtensionUsed ? 'extension-used' : null);
/** A refusal is final only once the reporter can no longer appeal it. */
const appealPeriodOver: Guard = (r) => (r.status === 'reward-refused' && r.appealOpen ? 'appeal-period' : null);
const appealPeriodOpen: Guard = (r) => (r.appealOpen ? null : 'appeal-period');
const claimPeriodOpen: Guard = (r) => (r.claimOpen ? null : 'claim-period');
const claimPeriodOver: Guard = (r) => (r.claimOpen ? 'claim-period' : null);
const notYetSent =
  (mark: DeadlineMark): Guard =>
  (r) =>
    r.sent?.[mark] ? 'already-sent' : null;

/** Someone who took part in the conclusion never reviews it. */
const notInvolved: Guard = (r, a) => (r.involvedIds?.includes(a.id) ? 'four-eyes' : null);
/**
 * An objection is reviewed at the level above the conclusion's: a county's by the
 * city. A city conclusion's next level is the province, outside this system: its
 * review is recorded by city staff who took no part in it.
 */
const levelAboveConclusion: Guard = (r, a) =>
  a.level === 'city' && (r.conclusionLevel !== 'city' || !r.involvedIds?.includes(a.id)) ? null : 'not-level-above';
/**
 * An extension or a referral is decided by the verifying unit's head (its reviewer)
 * or someone at the level above; above a city department is the province, outside
 * this system, so there any city-level reviewer decides.
 */
const unitHeadOrLevelAbove: Guard = (r, a) => {
  if (a.unitCode === r.assignedUnitCode) return null;
  const unitLevel = r.assignedUnitLevel ?? 'county';
  return isAbove(a.level, unitLevel) || (unitLevel === 'city' && a.level === 'city') ? null : 'not-level-above';
};
/**
 * "Cannot be verified" goes to the level above the verifying unit, never to its own
 * head; above a city department is the province, so there a city reviewer decides.
 */
const levelAboveUnit: Guard = (r, a) => {
  const unitLevel = r.assignedUnitLevel ?? 'county';
  return isAbove(a.level, unitLevel) || (unitLevel === 'city' && a.level === 'city') ? null : 'not-level-above';
};
const noExtensionPending: Guard = (r) => (r.extensionRequested ? 'extension-pending' : null);
const extensionPending: Guard = (r) => (r.extensionRequested ? null : 'no-extension-request');
const letterNotSent: Guard = (r) => (r.letterSent ? 'letter-sent' : null);
/** Closing needs the reporter told (a transfer's result instead, for a transferred report) and no objection possible. */
const closable: Guard = (r) => {
  if (r.status === 'transferred') return r.transferResultIn ? null : 'transfer-result-missing';
  if (!r.letterSent) return 'letter-not-sent';
  return r.objectionOpen ? 'objection-period' : null;
};
const transferResultPending: Guard = (r) => (r.transferResultIn ? 'already-sent' : null);
const objectionPeriodOpen: Guard = (r) => (r.objectionOpen ? null : 'objection-period');
/** Coal-mine reports are not verified for the city scheme: transfer them to the mine-safety channel. */
const insideScheme: Guard = (r) => (r.outsideScheme ? 'transfer-outside-scheme' : null);
const gradeKnown: Guard = (r) => (r.gradePending ? 'grade-pending' : null);
const gradeIsPending: Guard = (r) => (r.gradePending ? null : 'grade-pending');
const stillTherePeriodOpen: Guard = (r) => (r.stillThereOpen ? null : 'still-there-period');
/** Rectification follows a substantiated report only, closed or not. */
const wasSubstantiated: Guard = (r) => (r.wasSubstantiated ? null : 'not-substantiated');
const hasOpenRectification: Guard = (r) => (r.openRectifications ? null : 'no-open-rectification');
const hasSignOffWaiting: Guard = (r) => (r.awaitingSignOff ? null : 'nothing-to-sign-off');
/** Money beyond one officer's say waits for a leader: approval of the reward, and settling a flagged claim. */
const leadershipCleared: Guard = (r) => (r.leadershipNeeded ? 'leadership-approval' : null);
const leadershipPending: Guard = (r) => (r.leadershipNeeded ? null : 'nothing-to-approve');
const claimClear: Guard = (r) => (r.claimFlagged ? 'claim-flagged' : null);
const claimIsFlagged: Guard = (r) => (r.claimFlagged ? null : 'nothing-to-approve');
const rewardWasPaid: Guard = (r) => (r.rewardPaid ? null : 'not-paid');
/** One money correction at a time: a top-up or a recovery, each proposed, approved and recorded by different people. */
const noCorrectionPending: Guard = (r) =>
  r.topUpStage ? 'top-up-pending' : r.recoveryStage ? 'recovery-pending' : null;
type CorrectionStage = 'proposed' | 'approved';
const topUpAt =
  (...stages: CorrectionStage[]): Guard =>
  (r) =>
    r.topUpStage && stages.includes(r.topUpStage) ? null : 'no-top-up';
const recoveryAt =
  (...stages: CorrectionStage[]): Guard =>
  (r) =>
    r.recoveryStage && stages.includes(r.recoveryStage) ? null : 'no-recovery';
const topUpLeadershipCleared: Guard = (r) => (r.topUpLeadershipNeeded ? 'leadership-approval' : null);
const topUpLeadershipPending: Guard = (r) => (r.topUpLeadershipNeeded ? null : 'nothing-to-approve');
const notTopUpProposer: Guard = (r, a) => (r.topUpProposedById === a.id ? 'four-eyes' : null);
const notTopUpApprover: Guard = (r, a) => (r.topUpApprovedById === a.id ? 'four-eyes' : null);
const notRecoveryProposer: Guard = (r, a) => (r.recoveryProposedById === a.id ? 'four-eyes' : null);
const notRecoveryApprover: Guard = (r, a) => (r.recoveryApprovedById === a.id ? 'four-eyes' : null);
/** A sampled case is inspected again only by the verifier drawn for it, who never handled it. */
const drawnForSample: Guard = (r, a) => (r.sampleVerifierId === a.id ? null : 'not-assigned-verifier');

/** Identity reveals: on file, one request at a time, approved by a custodian who did not ask, used only by who asked. */
const identityOnFile: Guard = (r) => (r.identityOnFile ? null : 'anonymous');
const noRevealUnderWay: Guard = (r) => (r.revealStage ? 'reveal-pending' : null);
const revealRequested: Guard = (r) => (r.revealStage === 'requested' ? null : 'no-reveal-request');
const notRevealRequester: Guard = (r, a) => (r.revealRequestedById === a.id ? 'four-eyes' : null);
const revealApprovedForMe: Guard = (r, a) =>
  r.revealStage === 'approved' && r.revealRequestedById === a.id ? null : 'reveal-not-approved';
const checkInIsOpen: Guard = (r) => (r.checkInOpen ? null : 'no-check-in');
const hasOpenProtectionCase: Guard = (r) => (r.openProtectionCases ? null : 'no-protection-case');
const withdrawalIsPending: Guard = (r) => (r.withdrawalPending ? null : 'no-withdrawal');
/** A case the reporter withdrew from is concluded only once the bureau has decided to go on with it. */
const noWithdrawalPending: Guard = (r) => (r.withdrawalPending ? 'withdrawal-pending' : null);
/** A reporter who withdrew has ended their reward: none is proposed for them. */
const reporterStayed: Guard = (r) => (r.reporterWithdrew ? 'reporter-withdrew' : null);
/** A substantiated case closes without a reward decision only when the reporter withdrew (and so ended their reward). */
const rewardDecidedOrWithdrawn: Guard = (r) =>
  r.status !== 'substantiated' || r.reporterWithdrew ? null : 'reward-undecided';

/** Only a report linked to a matter at intake can be unlinked. */
const linkedToMatter: Guard = (r) => (r.matterLinked ? null : 'not-linked');

/** The result letter's reminders run only until it is sent. */
const letterMail = (mark: DeadlineMark, name: { zh: string; en: string }) => {
  const mail = deadlineMail(stateGroups.concluded, mark, name);
  return { ...mail, guards: [...mail.guards, letterNotSent] };
};

const screenable = stateGroups.notAccepted;
/** A job's deadline mail: staff only, no change of state, once per report. */
const deadlineMail = (from: readonly ReportState[], mark: DeadlineMark, name: { zh: string; en: string }) => ({
  from,
  to: null,
  actor: 'system' as const,
  roles: [],
  ownEndpoint: true as const,
  public: false,
  name,
  guards: [notYetSent(mark)],
});
const staff = (roles: readonly Role[]) => ({ actor: 'staff' as const, roles });
const reporter = { actor: 'reporter' as const, roles: [], ownEndpoint: true as const };
const system = { actor: 'system' as const, roles: [], ownEndpoint: true as const };

/**
 * Every step anyone takes on a report. An action's name is also the step recorded
 * in the report's timeline, so the reporter's and the jobs' steps carry the names
 * their timeline entries have always had (the audit log's names: server/reports/pipeline.ts).
 */
export const workflowActions = {
  'start-screening': {
    from: ['submitted'],
    to: 'screening',
    ...staff(['intake']),
    public: true,
    name: { zh: '开始受理审查', en: 'Start screening' },
    guards: [inArea],
  },
  'request-information': {
    from: ['submitted', 'screening'],
    to: 'awaiting-information',
    ...staff(['intake']),
    public: true,
    name: { zh: '请举报人补充材料', en: 'Ask the reporter for more' },
    guards: [inArea],
  },
  'resume-screening': {
    from: ['awaiting-information'],
    to: 'screening',
    ...staff(['intake']),
    public: false,
    name: { zh: '继续审查', en: 'Resume screening' },
    guards: [inArea],
  },
  accept: {
    from: screenable,
    to: 'assigned',
    ...staff(['intake']),
    public: true,
    name: { zh: '受理并分派', en: 'Accept and assign' },
    guards: [inArea, insideScheme],
  },
  reject: {
    from: screenable,
    to: 'rejected',
    ...staff(['intake']),
    public: true,
    name: { zh: '不予受理', en: 'Reject' },
    guards: [inArea],
  },
  'mark-duplicate': {
    from: screenable,
    to: 'duplicate',
    ...staff(['intake']),
    public: true,
    name: { zh: '标记为重复举报', en: 'Mark as duplicate' },
    guards: [inArea],
  },
  // A link made at intake that staff find wrong: undone with a reason, audited, the case screened on its own.
  'unlink-matter': {
    from: screenable,
    to: null,
    ...staff(['intake']),
    public: false,
    name: { zh: '解除同一事项关联', en: 'Unlink from the matter' },
    guards: [inArea, linkedToMatter],
  },
  transfer: {
    from: screenable,
    to: 'transferred',
    ...staff(['intake']),
    public: true,
    name: { zh: '转办', en: 'Transfer' },
    guards: [inArea],
  },
  reassign: {
    from: stateGroups.underVerification,
    to: null,
    ...staff(['intake']),
    public: false,
    name: { zh: '改派核查人员', en: 'Reassign' },
    guards: [inArea],
  },
  'start-verification': {
    from: ['assigned'],
    to: 'verifying',
    ...staff(['verifier']),
    public: true,
    name: { zh: '开始核查', en: 'Start verification' },
    guards: [inArea, assignedVerifier],
  },
  // The verifier asks; the unit's head or the level above decides, and the reporter is told why.
  'request-extension': {
    from: stateGroups.underVerification,
    to: null,
    ...staff(['verifier']),
    public: false,
    name: { zh: '申请延长核查期限', en: 'Ask for more time' },
    guards: [inArea, assignedVerifier, extensionUnused, noExtensionPending],
  },
  'approve-extension': {
    from: stateGroups.underVerification,
    to: null,
    ...staff(['reviewer']),
    public: true,
    name: { zh: '批准延长核查期限', en: 'Extend the deadline' },
    guards: [inArea, extensionPending, unitHeadOrLevelAbove, fourEyesOnVerifier],
  },
  'refuse-extension': {
    from: stateGroups.underVerification,
    to: null,
    ...staff(['reviewer']),
    public: false,
    name: { zh: '不批准延期', en: 'Refuse the extension' },
    guards: [inArea, extensionPending, unitHeadOrLevelAbove, fourEyesOnVerifier],
  },
  // "Cannot be verified" goes to the level above instead of forcing a false conclusion.
  'refer-unverifiable': {
    from: ['verifying'],
    to: 'referred-up',
    ...staff(['verifier']),
    public: true,
    name: { zh: '无法核实，报上级', en: 'Refer up: cannot be verified' },
    guards: [inArea, assignedVerifier],
  },
  'decide-referral': {
    from: ['referred-up'],
    to: null,
    ...staff(['reviewer']),
    public: true,
    name: { zh: '上级研究决定', en: 'Decide the referral' },
    guards: [inArea, levelAboveUnit, fourEyesOnVerifier, noWithdrawalPending],
  },
  'submit-findings': {
    from: ['verifying'],
    to: 'findings-submitted',
    ...staff(['verifier']),
    public: false,
    name: { zh: '提交核查结论', en: 'Submit findings' },
    guards: [inArea, assignedVerifier],
  },
  'approve-findings': {
    from: ['findings-submitted'],
    to: null,
    ...staff(['reviewer']),
    public: true,
    name: { zh: '审核通过', en: 'Approve findings' },
    guards: [inArea, fourEyes, noWithdrawalPending],
  },
  'return-findings': {
    from: ['findings-submitted'],
    to: 'verifying',
    ...staff(['reviewer']),
    public: false,
    name: { zh: '退回重新核查', en: 'Return for more work' },
    guards: [inArea, fourEyes],
  },
  // A death case's grade comes from the investigation report (安全生产法 第七十三条); the reward waits for it.
  'record-investigation': {
    from: stateGroups.substantiated,
    to: null,
    ...staff(['reviewer']),
    public: true,
    name: { zh: '登记事故调查结论', en: 'Record the accident investigation' },
    guards: [inArea, wasSubstantiated, gradeIsPending],
  },
  'propose-reward': {
    from: ['substantiated'],
    to: 'reward-proposed',
    ...staff(['verifier']),
    public: false,
    name: { zh: '拟定奖励', en: 'Propose the reward' },
    guards: [inArea, assignedVerifier, gradeKnown, reporterStayed],
  },
  // Internal while money is still to be approved; a refusal is told to the reporter (see server/rewards/lifecycle.ts).
  'confirm-reward': {
    from: ['reward-proposed'],
    to: null,
    ...staff(['reviewer']),
    public: false,
    name: { zh: '复核奖励', en: 'Confirm the reward' },
    guards: [inArea, notRewardProposer],
  },
  'return-reward': {
    from: ['reward-proposed'],
    to: 'substantiated',
    ...staff(['reviewer']),
    public: false,
    name: { zh: '退回重新拟定', en: 'Return the proposal' },
    guards: [inArea, notRewardProposer],
  },
  'send-back-reward': {
    from: ['reward-reviewed'],
    to: 'substantiated',
    ...staff(['finance']),
    public: false,
    name: { zh: '财务退回重新拟定', en: 'Send back for a new proposal' },
    guards: [inArea, notRewardProposer, notRewardReviewer],
  },
  'approve-reward': {
    from: ['reward-reviewed'],
    to: 'reward-approved',
    ...staff(['finance']),
    public: true,
    name: { zh: '批准奖励并预留资金', en: 'Approve and reserve the money' },
    guards: [inArea, notRewardProposer, notRewardReviewer, leadershipCleared],
  },
  // Beyond the adjustment band or above an amount tier (policy data), a leader approves before finance reserves money.
  'approve-reward-leadership': {
    from: ['reward-reviewed'],
    to: null,
    ...staff(['leader']),
    public: false,
    name: { zh: '领导审批奖励', en: 'Leadership approval of the reward' },
    guards: [inArea, leadershipPending, notRewardProposer, notRewardReviewer],
  },
  'extend-claim': {
    from: ['reward-approved'],
    to: null,
    ...staff(['finance']),
    public: true,
    name: { zh: '延长领取期限', en: 'Extend the claim deadline' },
    guards: [inArea, claimExtensionUnused],
  },
  'reject-claim': {
    from: ['reward-claimed'],
    to: 'reward-approved',
    ...staff(['finance']),
    public: true,
    name: { zh: '退回领奖申请', en: 'Send the claim back' },
    guards: [inArea],
  },
  'record-payout': {
    from: ['reward-claimed'],
    to: 'reward-paid',
    ...staff(['finance']),
    public: true,
    name: { zh: '登记发放', en: 'Record the payment' },
    guards: [inArea, notRewardProposer, notRewardReviewer, notRewardApprover, claimClear],
  },
  // The claim's checks (exclusion register, same payee or account, yearly cap) flag it; a leader settles it or finance sends it back.
  'clear-claim-flags': {
    from: ['reward-claimed'],
    to: null,
    ...staff(['leader']),
    public: false,
    name: { zh: '核处领奖核对问题', en: 'Settle the flagged claim' },
    guards: [inArea, claimIsFlagged, notRewardProposer, notRewardReviewer, notRewardApprover],
  },
  // 补发: the fine or the final accident grade arrived after the decision; the difference is paid through the fund.
  'propose-top-up': {
    from: ['reward-paid', 'closed'],
    to: null,
    ...staff(['verifier', 'reviewer']),
    public: false,
    name: { zh: '提出补发奖励', en: 'Propose a top-up' },
    guards: [inArea, rewardWasPaid, noCorrectionPending],
  },
  'approve-top-up': {
    from: ['reward-paid', 'closed'],
    to: null,
    ...staff(['finance']),
    public: true,
    name: { zh: '批准补发并预留资金', en: 'Approve the top-up and reserve the money' },
    guards: [inArea, topUpAt('proposed'), notTopUpProposer, topUpLeadershipCleared],
  },
  // A new total beyond the band or above a tier waits for a leader, as the reward itself would.
  'approve-top-up-leadership': {
    from: ['reward-paid', 'closed'],
    to: null,
    ...staff(['leader']),
    public: false,
    name: { zh: '领导审批补发', en: 'Leadership approval of the top-up' },
    guards: [inArea, topUpAt('proposed'), topUpLeadershipPending, notTopUpProposer],
  },
  // A proposal the approver does not accept is refused with a reason, which frees the case for a new one. An
  // approved one not yet paid may be refused too (by someone who neither proposed nor approved it): its money is released.
  'refuse-top-up': {
    from: ['reward-paid', 'closed'],
    to: null,
    ...staff(['finance']),
    public: false,
    name: { zh: '不予补发', en: 'Refuse the top-up' },
    guards: [inArea, topUpAt('proposed', 'approved'), notTopUpProposer, notTopUpApprover],
  },
  'record-top-up-payout': {
    from: ['reward-paid', 'closed'],
    to: null,
    ...staff(['finance']),
    public: true,
    name: { zh: '登记补发', en: 'Record the top-up payment' },
    guards: [inArea, topUpAt('approved'), notTopUpProposer, notTopUpApprover],
  },
  // 追回: a reward obtained by fraud, or whose penalty was quashed, is recovered into the fund.
  'propose-recovery': {
    from: ['reward-paid', 'closed'],
    to: null,
    ...staff(['reviewer', 'finance']),
    public: false,
    name: { zh: '提出追回奖励', en: 'Propose a recovery' },
    guards: [inArea, rewardWasPaid, noCorrectionPending],
  },
  'approve-recovery': {
    from: ['reward-paid', 'closed'],
    to: null,
    ...staff(['leader']),
    public: true,
    name: { zh: '批准追回奖励', en: 'Approve the recovery' },
    guards: [inArea, recoveryAt('proposed'), notRecoveryProposer],
  },
  // Refusing an approved recovery not yet received writes it off (核销), with the reason.
  'refuse-recovery': {
    from: ['reward-paid', 'closed'],
    to: null,
    ...staff(['leader']),
    public: false,
    name: { zh: '不予追回', en: 'Refuse the recovery' },
    guards: [inArea, recoveryAt('proposed', 'approved'), notRecoveryProposer, notRecoveryApprover],
  },
  'record-recovery': {
    from: ['reward-paid', 'closed'],
    to: null,
    ...staff(['finance']),
    public: true,
    name: { zh: '登记追回款', en: 'Record the money recovered' },
    guards: [inArea, recoveryAt('approved'), notRecoveryProposer, notRecoveryApprover],
  },
  // A monthly random sample of rewarded cases is inspected again by a verifier who did not handle them.
  'record-sample-check': {
    from: ['reward-paid', 'closed'],
    to: null,
    ...staff(['verifier']),
    public: false,
    name: { zh: '登记抽查复核结果', en: 'Record the sample re-inspection' },
    guards: [inArea, drawnForSample],
  },
  'decide-appeal': {
    from: ['reward-appealed'],
    to: null,
    ...staff(['reviewer']),
    public: true,
    name: { zh: '复查决定', en: 'Decide the appeal' },
    guards: [inArea, notRewardProposer, notRewardReviewer, notRewardApprover],
  },
  // The result letter (核查结果告知): the conclusion, how it was verified, the handling, and whether a reward is due.
  'send-result-letter': {
    from: stateGroups.concluded,
    to: null,
    ...staff(['reviewer', 'intake']),
    public: true,
    name: { zh: '发送核查结果告知书', en: 'Send the result letter' },
    guards: [inArea, letterNotSent],
  },
  'decide-objection': {
    from: ['objected'],
    to: null,
    ...staff(['reviewer']),
    public: true,
    name: { zh: '异议复查决定', en: 'Decide the objection' },
    guards: [inArea, levelAboveConclusion, notInvolved],
  },
  // A transferred report stays tracked until the receiving department's result is in.
  'record-transfer-result': {
    from: ['transferred'],
    to: null,
    ...staff(['intake', 'reviewer']),
    public: true,
    name: { zh: '登记转办结果', en: 'Record the transfer result' },
    guards: [inArea, transferResultPending],
  },
  // Rectification (整改闭环): orders, re-inspection by any inspector of the area, and sign-off of major hazards by a second person.
  'order-rectification': {
    from: stateGroups.substantiated,
    to: null,
    ...staff(['verifier', 'reviewer']),
    public: false,
    name: { zh: '下达整改指令', en: 'Order rectification' },
    guards: [inArea, wasSubstantiated],
  },
  'record-reinspection': {
    from: stateGroups.substantiated,
    to: null,
    ...staff(['verifier']),
    // Photos before and after are uploaded with it (its own endpoint, like the reporter's evidence).
    ownEndpoint: true,
    public: true,
    name: { zh: '整改复查', en: 'Re-inspect the rectification' },
    guards: [inArea, hasOpenRectification],
  },
  'sign-off-rectification': {
    from: stateGroups.substantiated,
    to: null,
    ...staff(['reviewer']),
    public: true,
    name: { zh: '重大隐患整改销号', en: 'Sign off the major hazard' },
    guards: [inArea, hasSignOffWaiting],
  },
  // A substantiated report is closed only after its reward decision, which the reporter may appeal.
  // A reporter who withdrew has no reward to decide: their case, continued of the bureau's own motion, closes after its letter.
  close: {
    from: [
      'unsubstantiated',
      'unverifiable',
      'transferred',
      'substantiated',
      'reward-paid',
      'reward-refused',
      'reward-lapsed',
    ],
    to: 'closed',
    roles: ['reviewer', 'intake'],
    actor: 'staff',
    public: true,
    name: { zh: '办结', en: 'Close' },
    guards: [inArea, rewardDecidedOrWithdrawn, appealPeriodOver, closable],
  },
  // The reporter reads the message itself; the step saying who sent it is for staff.
  'staff-message': {
    from: conversationOpen,
    to: null,
    ...staff(['intake', 'verifier', 'reviewer']),
    ownEndpoint: true,
    public: false,
    name: { zh: '工作人员发送消息', en: 'Message to the reporter' },
    // A reporter who withdrew reads nothing more: their view stays as it was when they withdrew.
    guards: [inArea, verifierOnlyIfAssigned, reporterStayed],
  },

  // Reporter protection (server/protection). Intake records the risk assessment with the acceptance; protection staff revise it.
  'assess-protection': {
    from: [...notAccepted, ...underVerification, 'findings-submitted', 'referred-up'],
    to: null,
    ...staff(['protection']),
    public: false,
    name: { zh: '保护风险评估', en: 'Assess the protection risk' },
    guards: [inArea],
  },
  // Revealing who reported takes two people: a request with a reason, and a custodian's time-limited approval.
  'request-identity-reveal': {
    from: reportStates,
    to: null,
    ...staff(['reviewer', 'protection', 'leader']),
    public: false,
    name: { zh: '申请查看举报人身份', en: "Ask to see the reporter's identity" },
    guards: [inArea, identityOnFile, noRevealUnderWay],
  },
  'approve-identity-reveal': {
    from: reportStates,
    to: null,
    ...staff(['protection']),
    public: false,
    name: { zh: '批准查看举报人身份', en: 'Approve the identity reveal' },
    guards: [inArea, identityOnFile, revealRequested, notRevealRequester],
  },
  'refuse-identity-reveal': {
    from: reportStates,
    to: null,
    ...staff(['protection']),
    public: false,
    name: { zh: '不批准查看举报人身份', en: 'Refuse the identity reveal' },
    guards: [inArea, revealRequested, notRevealRequester],
  },
  // The reveal itself answers the identity (its own endpoint); the reporter is told to which role, unless the law forbids.
  'reveal-identity': {
    from: reportStates,
    to: null,
    ...staff(['reviewer', 'protection', 'leader']),
    ownEndpoint: true,
    public: true,
    name: { zh: '举报人身份已披露', en: "The reporter's identity was disclosed" },
    guards: [inArea, identityOnFile, revealApprovedForMe],
  },
  // After acceptance a withdrawal ends the reporter's part; the bureau decides whether to go on of its own motion (依职权).
  'decide-continuation': {
    from: [...stateGroups.underVerification, 'findings-submitted', 'referred-up'],
    to: null,
    ...staff(['reviewer']),
    public: false,
    name: { zh: '决定是否依职权继续核查', en: 'Decide whether to continue of our own motion' },
    guards: [inArea, withdrawalIsPending],
  },
  // Protection cases: retaliation reported by the reporter, a check-in or a duress signal; protection staff only.
  'open-protection-case': {
    from: reportStates,
    to: null,
    ...staff(['protection']),
    public: false,
    name: { zh: '立案保护事项', en: 'Open a protection case' },
    guards: [inArea],
  },
  'refer-protection-case': {
    from: reportStates,
    to: null,
    ...staff(['protection']),
    public: true,
    name: { zh: '保护事项转请处理', en: 'Protection case referred' },
    guards: [inArea, hasOpenProtectionCase],
  },
  'close-protection-case': {
    from: reportStates,
    to: null,
    ...staff(['protection']),
    public: true,
    name: { zh: '保护事项办结', en: 'Protection case closed' },
    guards: [inArea, hasOpenProtectionCase],
  },

  // The reporter's steps, from follow-up. An answer while screening waits on them resumes it.
  'reporter-message': {
    from: conversationOpen,
    to: null,
    ...reporter,
    public: true,
    name: { zh: '举报人留言', en: 'Message from the reporter' },
    guards: [reporterStayed],
  },
  'reporter-evidence': {
    from: stateGroups.openToReporter,
    to: null,
    ...reporter,
    public: true,
    name: { zh: '举报人补充证据', en: 'The reporter added evidence' },
    guards: [reporterStayed],
  },
  // Before acceptance the report is withdrawn; after it the status stays and the bureau decides (decide-continuation).
  withdrawn: {
    from: stateGroups.openToReporter,
    to: null,
    ...reporter,
    public: true,
    name: { zh: '举报人撤回', en: 'Withdrawn by the reporter' },
    guards: [reporterStayed],
  },
  'reward-claimed': {
    from: ['reward-approved'],
    to: 'reward-claimed',
    ...reporter,
    public: true,
    name: { zh: '举报人申领奖励', en: 'Reporter claimed the reward' },
    guards: [claimPeriodOpen, reporterStayed],
  },
  'objection-filed': {
    from: stateGroups.objectable,
    to: 'objected',
    ...reporter,
    public: true,
    name: { zh: '举报人提出异议', en: 'The reporter objected' },
    guards: [objectionPeriodOpen, reporterStayed],
  },
  'still-there': {
    from: stateGroups.substantiated,
    to: null,
    ...reporter,
    public: true,
    name: { zh: '举报人反映隐患仍未整改', en: 'The reporter says the hazard is still there' },
    guards: [stillTherePeriodOpen, reporterStayed],
  },
  'reward-appealed': {
    from: ['reward-approved', 'reward-refused'],
    to: 'reward-appealed',
    ...reporter,
    public: true,
    name: { zh: '举报人申请复查', en: 'Reporter appealed' },
    guards: [appealPeriodOpen, reporterStayed],
  },
  'check-in-answered': {
    from: reportStates,
    to: null,
    ...reporter,
    public: true,
    name: { zh: '举报人答复回访', en: 'The reporter answered the check-in' },
    guards: [checkInIsOpen],
  },
  'retaliation-reported': {
    from: reportStates,
    to: null,
    ...reporter,
    public: true,
    name: { zh: '举报人反映遭受打击报复', en: 'The reporter reported retaliation' },
    guards: [],
  },
  // Signing in with the duress key: the holder sees a harmless withdrawn view; protection staff are alerted.
  'duress-signal': {
    from: reportStates,
    to: null,
    ...reporter,
    public: false,
    name: { zh: '应急码登录警示', en: 'Duress key used' },
    guards: [],
  },

  // The jobs' steps: a reward not claimed in time lapses; deadline mails go once each.
  'reward-lapsed': {
    from: ['reward-approved'],
    to: 'reward-lapsed',
    ...system,
    public: true,
    name: { zh: '奖励逾期失效', en: 'Reward lapsed' },
    guards: [claimPeriodOver],
  },
  'acceptance-reminder': deadlineMail(stateGroups.screeningClockRunning, 'acceptanceReminder', {
    zh: '受理期限提醒',
    en: 'Screening deadline reminder',
  }),
  'acceptance-escalated': deadlineMail(stateGroups.screeningClockRunning, 'acceptanceEscalation', {
    zh: '受理超期督办',
    en: 'Overdue screening escalated',
  }),
  'deadline-reminder': deadlineMail(stateGroups.underVerification, 'verificationReminder', {
    zh: '核查期限提醒',
    en: 'Verification deadline reminder',
  }),
  'deadline-escalated': deadlineMail(stateGroups.underVerification, 'verificationEscalation', {
    zh: '核查超期督办',
    en: 'Overdue verification escalated',
  }),
  'letter-reminder': letterMail('letterReminder', { zh: '结果告知期限提醒', en: 'Result letter reminder' }),
  'letter-escalated': letterMail('letterEscalation', { zh: '结果告知超期督办', en: 'Overdue result letter escalated' }),
  'objection-review-reminder': deadlineMail(['objected'], 'objectionReviewReminder', {
    zh: '异议复查期限提醒',
    en: 'Objection review reminder',
  }),
  'objection-review-escalated': deadlineMail(['objected'], 'objectionReviewEscalation', {
    zh: '异议复查超期督办',
    en: 'Overdue objection review escalated',
  }),
  'sample-drawn': {
    ...system,
    from: ['reward-paid', 'closed'],
    to: null,
    public: false,
    name: { zh: '抽中复核', en: 'Drawn for a sample re-inspection' },
    guards: [rewardWasPaid],
  },
  // Check-ins (回访) to insider reporters after the conclusion, at the days of shared/protection/policy.ts.
  'check-in-sent': {
    ...system,
    from: reportStates,
    to: null,
    public: true,
    name: { zh: '回访', en: 'Check-in' },
    guards: [],
  },
  // The retention schedule deletes a class of personal data that is due; the audit records the class, never the data.
  'retention-deleted': {
    ...system,
    from: reportStates,
    to: null,
    public: false,
    name: { zh: '按保存期限删除个人信息', en: 'Personal data deleted on schedule' },
    guards: [],
  },
  // Each overdue rectification is escalated once (the task records it).
  'rectification-overdue': {
    ...system,
    from: stateGroups.substantiated,
    to: null,
    public: false,
    name: { zh: '整改逾期督办', en: 'Overdue rectification escalated' },
    guards: [hasOpenRectification],
  },
} as const satisfies Record<string, WorkflowAction>;

export type WorkflowActionName = keyof typeof workflowActions;
export const workflowActionNames = Object.keys(workflowActions) as WorkflowActionName[];
/** The staff actions of the console's action bar (`POST /reports/:reference/actions/:action`). */
export const caseActionNames = workflowActionNames.filter((n) => {
  const a: WorkflowAction = workflowActions[n];
  return a.actor === 'staff' && !a.ownEndpoint;
});
export type CaseActionName = Exclude<
  {
    [K in WorkflowActionName]: (typeof workflowActions)[K] extends { ownEndpoint: true } ? never : K;
  }[WorkflowActionName],
  never
>;

/**
 * Steps only protection staff see in a report's history (the staff view leaves them out
 * for everyone else): retaliation, protection cases, check-in answers, duress signals.
 */
export const protectionOnlySteps: readonly WorkflowActionName[] = [
  'retaliation-reported',
  'check-in-answered',
  'duress-signal',
  'open-protection-case',
  'refer-protection-case',
  'close-protection-case',
];

/** Actions whose money movement is keyed by the request's Idempotency-Key, so a retry moves it once. */
export const moneyActions: readonly WorkflowActionName[] = [
  'approve-reward',
  'record-payout',
  'approve-top-up',
  'record-top-up-payout',
  'record-recovery',
];

/** Why an action is not open to this actor on this record, or null when it is. */
export function actionBlocker(
  name: WorkflowActionName,
  record: WorkflowRecord,
  actor: WorkflowActor,
): 'unknown-action' | 'wrong-state' | 'wrong-role' | GuardFailure | null {
  const action: WorkflowAction | undefined = workflowActions[name];
  if (!action) return 'unknown-action';
  if (action.actor !== kindOf(actor)) return 'wrong-role';
  if (action.actor === 'staff' && !action.roles.includes((actor as StaffActor).role)) return 'wrong-role';
  if (!action.from.includes(record.status)) return 'wrong-state';
  for (const guard of action.guards) {
    const failure = guard(record, actor as StaffActor);
    if (failure) return failure;
  }
  return null;
}

/** The console's actions open to this staff member on this record. */
export function allowedActions(record: WorkflowRecord, actor: WorkflowActor): CaseActionName[] {
  return caseActionNames.filter((n) => actionBlocker(n, record, actor) === null) as CaseActionName[];
}

/** Bounds of the payloads; each report's own periods are the policy data of shared/periods.ts. */
export const deadlines = { maxVerificationDays: 60, maxExtensionDays: 30, maxClaimExtensionDays: 60 } as const;
