// The report workflow as data: states, the actions between them, who may take
// each, and the guards. The server enforces it; the console shows exactly the
// actions it allows for the record and the person looking at it.
import { coversArea, type AreaScoped } from './areaScope';
import type { Role } from './roles';

export const reportStates = [
  'submitted',
  'screening',
  'awaiting-information',
  'assigned',
  'verifying',
  'findings-submitted',
  'substantiated',
  'unsubstantiated',
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
  unsubstantiated: { zh: '核查不属实', en: 'Not substantiated' },
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
}

/** The person acting, with the areas they work in (an empty list and no grant: none). */
export interface WorkflowActor extends AreaScoped {
  id: string;
  role: Role;
}

export type GuardFailure = 'out-of-area' | 'not-assigned-verifier' | 'four-eyes' | 'extension-used' | 'appeal-period';
/** Guard failures that say "not you", as opposed to "not now". */
export const forbiddingGuards: readonly GuardFailure[] = ['out-of-area', 'not-assigned-verifier', 'four-eyes'];

export interface WorkflowAction {
  from: readonly ReportState[];
  /** The next state; `null` when the payload decides (approve-findings) or nothing changes. */
  to: ReportState | null;
  roles: readonly Role[];
  /** Whether the reporter sees this step in their timeline. */
  public: boolean;
  name: { zh: string; en: string };
  guards: readonly ((r: WorkflowRecord, a: WorkflowActor) => GuardFailure | null)[];
}

const inArea = (r: WorkflowRecord, a: WorkflowActor): GuardFailure | null => (coversArea(a, r.area) ? null : 'out-of-area');
const assignedVerifier = (r: WorkflowRecord, a: WorkflowActor): GuardFailure | null => (r.assignedVerifierId === a.id ? null : 'not-assigned-verifier');
/** The reviewer is never the person who wrote the findings. */
const fourEyes = (r: WorkflowRecord, a: WorkflowActor): GuardFailure | null => (r.findingsById && r.findingsById === a.id ? 'four-eyes' : null);
const extensionUnused = (r: WorkflowRecord): GuardFailure | null => (r.extensionUsed ? 'extension-used' : null);
/**
 * Four eyes on people, not roles: whoever proposed, confirmed or approved a reward
 * never takes a later step on it, whatever role they hold now. A reward is reviewed
 * by someone other than its proposer, approved or sent back by someone who neither
 * proposed nor confirmed it, paid out by a third person, and an appeal decided by
 * someone new to it.
 */
const notRewardProposer = (r: WorkflowRecord, a: WorkflowActor): GuardFailure | null => (r.rewardProposedById === a.id ? 'four-eyes' : null);
const notRewardReviewer = (r: WorkflowRecord, a: WorkflowActor): GuardFailure | null => (r.rewardReviewedById === a.id ? 'four-eyes' : null);
const notRewardApprover = (r: WorkflowRecord, a: WorkflowActor): GuardFailure | null => (r.rewardApprovedById === a.id ? 'four-eyes' : null);
const claimExtensionUnused = (r: WorkflowRecord): GuardFailure | null => (r.claimExtensionUsed ? 'extension-used' : null);
/** A refusal is final only once the reporter can no longer appeal it. */
const appealPeriodOver = (r: WorkflowRecord): GuardFailure | null => (r.status === 'reward-refused' && r.appealOpen ? 'appeal-period' : null);

const screenable = ['submitted', 'screening', 'awaiting-information'] as const;

export const workflowActions = {
  'start-screening': { from: ['submitted'], to: 'screening', roles: ['intake'], public: true, name: { zh: '开始受理审查', en: 'Start screening' }, guards: [inArea] },
  'request-information': { from: ['submitted', 'screening'], to: 'awaiting-information', roles: ['intake'], public: true, name: { zh: '请举报人补充材料', en: 'Ask the reporter for more' }, guards: [inArea] },
  'resume-screening': { from: ['awaiting-information'], to: 'screening', roles: ['intake'], public: false, name: { zh: '继续审查', en: 'Resume screening' }, guards: [inArea] },
  accept: { from: screenable, to: 'assigned', roles: ['intake'], public: true, name: { zh: '受理并分派', en: 'Accept and assign' }, guards: [inArea] },
  reject: { from: screenable, to: 'rejected', roles: ['intake'], public: true, name: { zh: '不予受理', en: 'Reject' }, guards: [inArea] },
  'mark-duplicate': { from: screenable, to: 'duplicate', roles: ['intake'], public: true, name: { zh: '标记为重复举报', en: 'Mark as duplicate' }, guards: [inArea] },
  transfer: { from: screenable, to: 'transferred', roles: ['intake'], public: true, name: { zh: '转办', en: 'Transfer' }, guards: [inArea] },
  reassign: { from: ['assigned', 'verifying'], to: null, roles: ['intake'], public: false, name: { zh: '改派核查人员', en: 'Reassign' }, guards: [inArea] },
  'start-verification': { from: ['assigned'], to: 'verifying', roles: ['verifier'], public: true, name: { zh: '开始核查', en: 'Start verification' }, guards: [inArea, assignedVerifier] },
  'extend-deadline': { from: ['assigned', 'verifying'], to: null, roles: ['verifier'], public: true, name: { zh: '延长核查期限', en: 'Extend the deadline' }, guards: [inArea, assignedVerifier, extensionUnused] },
  'submit-findings': { from: ['verifying'], to: 'findings-submitted', roles: ['verifier'], public: false, name: { zh: '提交核查结论', en: 'Submit findings' }, guards: [inArea, assignedVerifier] },
  'approve-findings': { from: ['findings-submitted'], to: null, roles: ['reviewer'], public: true, name: { zh: '审核通过', en: 'Approve findings' }, guards: [inArea, fourEyes] },
  'return-findings': { from: ['findings-submitted'], to: 'verifying', roles: ['reviewer'], public: false, name: { zh: '退回重新核查', en: 'Return for more work' }, guards: [inArea, fourEyes] },
  'propose-reward': { from: ['substantiated'], to: 'reward-proposed', roles: ['verifier'], public: false, name: { zh: '拟定奖励', en: 'Propose the reward' }, guards: [inArea, assignedVerifier] },
  // Internal while money is still to be approved; a refusal is told to the reporter (see server/rewards/lifecycle.ts).
  'confirm-reward': { from: ['reward-proposed'], to: null, roles: ['reviewer'], public: false, name: { zh: '复核奖励', en: 'Confirm the reward' }, guards: [inArea, notRewardProposer] },
  'return-reward': { from: ['reward-proposed'], to: 'substantiated', roles: ['reviewer'], public: false, name: { zh: '退回重新拟定', en: 'Return the proposal' }, guards: [inArea, notRewardProposer] },
  'send-back-reward': { from: ['reward-reviewed'], to: 'substantiated', roles: ['finance'], public: false, name: { zh: '财务退回重新拟定', en: 'Send back for a new proposal' }, guards: [inArea, notRewardProposer, notRewardReviewer] },
  'approve-reward': { from: ['reward-reviewed'], to: 'reward-approved', roles: ['finance'], public: true, name: { zh: '批准奖励并预留资金', en: 'Approve and reserve the money' }, guards: [inArea, notRewardProposer, notRewardReviewer] },
  'extend-claim': { from: ['reward-approved'], to: null, roles: ['finance'], public: true, name: { zh: '延长领取期限', en: 'Extend the claim deadline' }, guards: [inArea, claimExtensionUnused] },
  'reject-claim': { from: ['reward-claimed'], to: 'reward-approved', roles: ['finance'], public: true, name: { zh: '退回领奖申请', en: 'Send the claim back' }, guards: [inArea] },
  'record-payout': { from: ['reward-claimed'], to: 'reward-paid', roles: ['finance'], public: true, name: { zh: '登记发放', en: 'Record the payment' }, guards: [inArea, notRewardProposer, notRewardReviewer, notRewardApprover] },
  'decide-appeal': { from: ['reward-appealed'], to: null, roles: ['reviewer'], public: true, name: { zh: '复查决定', en: 'Decide the appeal' }, guards: [inArea, notRewardProposer, notRewardReviewer, notRewardApprover] },
  // A substantiated report is closed only after its reward decision, which the reporter may appeal.
  close: { from: ['unsubstantiated', 'reward-paid', 'reward-refused', 'reward-lapsed'], to: 'closed', roles: ['reviewer', 'intake'], public: true, name: { zh: '办结', en: 'Close' }, guards: [inArea, appealPeriodOver] },
} as const satisfies Record<string, WorkflowAction>;

export type WorkflowActionName = keyof typeof workflowActions;
export const workflowActionNames = Object.keys(workflowActions) as WorkflowActionName[];

/** Actions whose money movement is keyed by the request's Idempotency-Key, so a retry moves it once. */
export const moneyActions: readonly WorkflowActionName[] = ['approve-reward', 'record-payout'];

/** Why an action is not open to this person on this record, or null when it is. */
export function actionBlocker(name: WorkflowActionName, record: WorkflowRecord, actor: WorkflowActor): 'unknown-action' | 'wrong-state' | 'wrong-role' | GuardFailure | null {
  const action: WorkflowAction | undefined = workflowActions[name];
  if (!action) return 'unknown-action';
  if (!action.roles.includes(actor.role)) return 'wrong-role';
  if (!action.from.includes(record.status)) return 'wrong-state';
  for (const guard of action.guards) {
    const failure = guard(record, actor);
    if (failure) return failure;
  }
  return null;
}

export function allowedActions(record: WorkflowRecord, actor: WorkflowActor): WorkflowActionName[] {
  return workflowActionNames.filter((n) => actionBlocker(n, record, actor) === null);
}

/**
 * Verification must finish within 60 days of acceptance; one extension of up to 30 days.
 * Screening (accept, reject, transfer or mark duplicate) within 7 days of submission,
 * not counting time awaiting the reporter's answer [assumed: the sources set no period;
 * ACCEPTANCE_DAYS overrides it].
 */
export const deadlines = { verificationDays: 60, maxExtensionDays: 30, feedbackDays: 10, acceptanceDays: 7, acceptanceReminderDaysBefore: 2 } as const;

/**
 * The reward's clocks: the reporter claims within 60 days of the notice (one
 * extension with a reason); an appeal of the amount or a refusal is possible
 * within 30 days of the decision [assumed: the period is not in the sources].
 */
export const rewardDeadlines = { claimDays: 60, maxClaimExtensionDays: 60, appealDays: 30 } as const;
