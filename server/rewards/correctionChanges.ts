// Money corrections after a payment: a top-up (补发) when the fine or the final
// accident grade arrives later, a recovery (追回) when the reward was obtained by
// fraud or its penalty was quashed. Each is proposed, approved and recorded by
// different people (the workflow table's guards), and moves money only through
// the pipeline's ledger movement: a top-up is reserved and paid from a source, a
// recovery returns to a source that paid it (the reward's own unless named).
import { noteOf } from '../../shared/notes';
import { formatYuan } from '../../shared/money';
import { rewardForFindings } from '../../shared/rewards';
import { shanghaiDay } from '../../shared/dates';
import type { ActionPayloads } from '../../shared/schemas/workflow';
import { fail } from '../platform/errors';
import { staffOf, type Change, type ChangesFor, type StepActor } from '../reports/change';
import type { ReportFields } from '../reports/report.model';
import { controlsOf, leadershipReasonsFor } from './leadership';
import { checkSourceServes, fundSourceOf } from './lifecycle';
import { reportFactsOf } from './reportFacts';
import { currentPolicies } from './policyRegistry';

type CorrectionAction =
  | 'propose-top-up'
  | 'approve-top-up'
  | 'refuse-top-up'
  | 'record-top-up-payout'
  | 'propose-recovery'
  | 'approve-recovery'
  | 'refuse-recovery'
  | 'record-recovery';

type Findings = Parameters<typeof rewardForFindings>[0];
type Reward = NonNullable<ReportFields['reward']>;
type TopUp = NonNullable<Reward['topUps']>[number];
type Recovery = NonNullable<Reward['recoveries']>[number];

const invalid = (path: string, message: string) => fail('request.invalid', [{ path, code: 'invalid', message }]);

function rewardOf(report: ReportFields): Reward {
  if (!report.reward?.payout?.recordedAt) throw fail('resource.stale');
  return report.reward;
}

const recordedSum = (list: readonly { amountFen?: number | null; recordedAt?: Date | null }[] | null | undefined) =>
  (list ?? []).filter((c) => c.recordedAt).reduce((sum, c) => sum + (c.amountFen ?? 0), 0);

/** The payout and every top-up paid: what a new amount is compared with. */
const paidWithTopUpsFen = (reward: Reward) => (reward.payout?.amountFen ?? 0) + recordedSum(reward.topUps);

/**
 * What may still be recovered into one source: what it paid for this reward (the
 * payout if it is the reward's source, and the top-ups paid from it), less what
 * was already recovered into it. Money goes back where it came from.
 */
function recoverableIntoFen(report: ReportFields, reward: Reward, source: string): number {
  const own = fundSourceOf(report);
  const from = <T extends { fundSource?: string | null }>(list: readonly T[] | null | undefined) =>
    (list ?? []).filter((c) => (c.fundSource ?? own) === source);
  const payout = own === source ? (reward.payout?.amountFen ?? 0) : 0;
  return payout + recordedSum(from(reward.topUps)) - recordedSum(from(reward.recoveries));
}

const lastTopUp = (reward: Reward): { topUp: TopUp; at: string } => {
  const list = reward.topUps ?? [];
  if (!list.length) throw fail('resource.stale');
  return { topUp: list[list.length - 1], at: `reward.topUps.${list.length - 1}` };
};
const lastRecovery = (reward: Reward): { recovery: Recovery; at: string } => {
  const list = reward.recoveries ?? [];
  if (!list.length) throw fail('resource.stale');
  return { recovery: list[list.length - 1], at: `reward.recoveries.${list.length - 1}` };
};

/** The new facts a top-up brings, over the findings and any earlier top-ups' facts. */
function newFacts(p: ActionPayloads['propose-top-up']): Partial<Findings> {
  return p.ground === 'fine-decided'
    ? { fineFen: p.fineFen, penaltyDecisionNo: p.penaltyDecisionNo }
    : { accidentGrade: p.accidentGrade };
}

/**
 * What the top-up is measured from: the amount computed at the decision, or the
 * new amount of the last top-up paid. Measuring computed against computed keeps a
 * reviewed adjustment (up or down) in place rather than undoing it.
 */
function topUpBaselineFen(reward: Reward): number {
  const paidTopUps = (reward.topUps ?? []).filter((t) => t.recordedAt);
  return paidTopUps.at(-1)?.newAmountFen ?? reward.computedFen ?? reward.amountFen;
}

/** A top-up needs a new fact: the fine or grade already on record is refused. */
function checkFactIsNew(known: Findings, p: ActionPayloads['propose-top-up']): void {
  if (p.ground === 'fine-decided' && known.fineFen === p.fineFen)
    throw invalid('body.fineFen', `no top-up due: a fine of ${p.fineFen} fen is already recorded`);
  if (p.ground !== 'fine-decided' && known.accidentGrade === p.accidentGrade)
    throw invalid('body.accidentGrade', `no top-up due: the accident grade ${p.accidentGrade} is already recorded`);
}

function proposeTopUp(report: ReportFields, p: ActionPayloads['propose-top-up'], actor: StepActor, now: Date): Change {
  const reward = rewardOf(report);
  const facts = newFacts(p);
  const earlierFacts = (reward.topUps ?? []).filter((t) => t.recordedAt).map((t) => t.facts as Partial<Findings>);
  const known = Object.assign({}, report.findings as Findings, ...earlierFacts) as Findings;
  checkFactIsNew(known, p);
  const findings = { ...known, ...facts } as Findings;
  // Judged as the reward itself was: a policy chosen by the decision day keeps the original proposal's day.
  const result = rewardForFindings(findings, reportFactsOf(report, reward.proposedAt ?? now), currentPolicies());
  const field = p.ground === 'fine-decided' ? 'body.fineFen' : 'body.accidentGrade';
  if (!result.eligible)
    throw invalid(field, `no top-up due: ${result.reasons.map((r) => `${r.zh} / ${r.en}`).join('；')}`);
  const paid = paidWithTopUpsFen(reward);
  const baseline = topUpBaselineFen(reward);
  // The rise of the computed amount, but never more in total than the new scheme's maximum.
  const amountFen = Math.min(result.quote.amountFen - baseline, result.quote.maxFen - paid);
  if (amountFen <= 0)
    throw invalid(
      field,
      `no top-up due: the new computed amount ${result.quote.amountFen} fen does not rise above ${baseline} fen within the scheme maximum ${result.quote.maxFen} fen (${paid} fen paid)`,
    );
  // The new total against the new computed amount, by the same band and tiers as the reward itself.
  const leadershipReasons = leadershipReasonsFor(
    paid + amountFen,
    result.quote.amountFen,
    controlsOf(result.quote.policy, now),
  );
  const explanation = [
    ...result.quote.explanation,
    {
      zh: `已发放 ${formatYuan(paid)} 元，应补发 ${formatYuan(amountFen)} 元：${p.reason}`,
      en: `${formatYuan(paid)} yuan already paid; a top-up of ${formatYuan(amountFen)} yuan is due: ${p.reason}`,
    },
  ];
  return {
    pushes: {
      'reward.topUps': {
        ground: p.ground,
        reason: p.reason,
        facts,
        newAmountFen: result.quote.amountFen,
        amountFen,
        explanation,
        ...(leadershipReasons.length ? { leadershipReasons } : {}),
        proposedById: staffOf(actor)?.id,
        proposedAt: now,
      },
    },
    note: noteOf('top-up.proposed', { amountFen }),
    auditDetails: {
      ground: p.ground,
      newAmountFen: result.quote.amountFen,
      paidFen: paid,
      topUpFen: amountFen,
      leadershipReasons,
    },
  };
}

function approveTopUp(report: ReportFields, p: ActionPayloads['approve-top-up'], actor: StepActor, now: Date): Change {
  const reward = rewardOf(report);
  const { topUp, at } = lastTopUp(reward);
  const amountFen = topUp.amountFen ?? 0;
  // The difference comes from the reward's own source unless finance names another.
  const fundSource = checkSourceServes(report, p.fundSource ?? fundSourceOf(report));
  return {
    set: {
      [`${at}.approvedById`]: staffOf(actor)?.id,
      [`${at}.approvedAt`]: now,
      [`${at}.fundSource`]: fundSource,
      'reward.reservedFen': reward.reservedFen + amountFen,
    },
    note: noteOf('top-up.approved', { amountFen }),
    internalNote: p.comment,
    movement: { kind: 'reserve', amountFen, fundId: fundSource, note: noteOf('ledger.top-up') },
    auditDetails: { topUpFen: amountFen, fundSource },
  };
}

/** A payment or receipt is dated on or before today, and not before its approval. */
function checkDay(field: string, day: string, approvedAt: Date | null | undefined, now: Date): void {
  if (day > shanghaiDay(now)) throw invalid(field, 'cannot be dated in the future');
  if (approvedAt && day < shanghaiDay(approvedAt)) throw invalid(field, 'cannot be dated before the approval');
}

function recordTopUpPayout(
  report: ReportFields,
  p: ActionPayloads['record-top-up-payout'],
  actor: StepActor,
  now: Date,
): Change {
  const reward = rewardOf(report);
  const { topUp, at } = lastTopUp(reward);
  checkDay('body.paidOn', p.paidOn, topUp.approvedAt, now);
  const amountFen = topUp.amountFen ?? 0;
  return {
    set: {
      [`${at}.voucherNo`]: p.voucherNo,
      [`${at}.paidOn`]: p.paidOn,
      [`${at}.recordedById`]: staffOf(actor)?.id,
      [`${at}.recordedAt`]: now,
      'reward.reservedFen': reward.reservedFen - amountFen,
    },
    note: noteOf('top-up.paid', { amountFen, paidOn: p.paidOn }),
    movement: {
      kind: 'pay',
      amountFen,
      fundId: topUp.fundSource ?? fundSourceOf(report),
      note: noteOf('ledger.top-up-voucher', { voucherNo: p.voucherNo }),
    },
    auditDetails: { voucherNo: p.voucherNo, paidOn: p.paidOn },
  };
}

function proposeRecovery(
  report: ReportFields,
  p: ActionPayloads['propose-recovery'],
  actor: StepActor,
  now: Date,
): Change {
  const reward = rewardOf(report);
  const fundSource = p.fundSource ?? fundSourceOf(report);
  const held = recoverableIntoFen(report, reward, fundSource);
  if (p.amountFen > held)
    throw invalid('body.amountFen', `at most the ${held} fen ${fundSource} paid for this reward and not yet recovered`);
  return {
    pushes: {
      'reward.recoveries': {
        ground: p.ground,
        reason: p.reason,
        amountFen: p.amountFen,
        fundSource,
        proposedById: staffOf(actor)?.id,
        proposedAt: now,
      },
    },
    note: noteOf('recovery.proposed', { amountFen: p.amountFen, reason: p.reason }),
    auditDetails: { ground: p.ground, amountFen: p.amountFen, fundSource },
  };
}

function approveRecovery(
  report: ReportFields,
  p: ActionPayloads['approve-recovery'],
  actor: StepActor,
  now: Date,
): Change {
  const { recovery, at } = lastRecovery(rewardOf(report));
  const amountFen = recovery.amountFen ?? 0;
  return {
    set: { [`${at}.approvedById`]: staffOf(actor)?.id, [`${at}.approvedAt`]: now },
    note: noteOf('recovery.approved', { amountFen, ground: recovery.ground ?? 'other' }),
    internalNote: p.comment,
    auditDetails: { amountFen },
  };
}

function recordRecovery(
  report: ReportFields,
  p: ActionPayloads['record-recovery'],
  actor: StepActor,
  now: Date,
): Change {
  const { recovery, at } = lastRecovery(rewardOf(report));
  checkDay('body.receivedOn', p.receivedOn, recovery.approvedAt, now);
  const amountFen = recovery.amountFen ?? 0;
  return {
    set: {
      [`${at}.voucherNo`]: p.voucherNo,
      [`${at}.receivedOn`]: p.receivedOn,
      [`${at}.recordedById`]: staffOf(actor)?.id,
      [`${at}.recordedAt`]: now,
    },
    note: noteOf('recovery.received', { amountFen, receivedOn: p.receivedOn }),
    movement: {
      kind: 'recover',
      amountFen,
      fundId: recovery.fundSource ?? fundSourceOf(report),
      note: noteOf('ledger.recovery-voucher', { voucherNo: p.voucherNo }),
    },
    auditDetails: { voucherNo: p.voucherNo, receivedOn: p.receivedOn },
  };
}

/** A proposal not accepted: kept with who refused it and why, and the case is free for a new one. */
function refuse(at: string, reason: string, actor: StepActor, now: Date): Change {
  return {
    set: { [`${at}.refusedById`]: staffOf(actor)?.id, [`${at}.refusedAt`]: now, [`${at}.refusalReason`]: reason },
    internalNote: reason,
  };
}

/** A top-up refused after its approval gives the money it reserved back to its source. */
function refuseTopUp(report: ReportFields, reason: string, actor: StepActor, now: Date): Change {
  const reward = rewardOf(report);
  const { topUp, at } = lastTopUp(reward);
  const refused = refuse(at, reason, actor, now);
  if (!topUp.approvedAt) return refused;
  const amountFen = topUp.amountFen ?? 0;
  return {
    ...refused,
    set: { ...refused.set, 'reward.reservedFen': reward.reservedFen - amountFen },
    movement: {
      kind: 'release',
      amountFen,
      fundId: topUp.fundSource ?? fundSourceOf(report),
      // No request key: the step itself is the movement's identity, and a refused top-up cannot be refused again.
      key: `top-up-release:${report.reference}:${report.revision}`,
      note: noteOf('ledger.top-up-refused'),
    },
    // The reporter was told it was approved, so they are told it will not be paid; the reason stays internal.
    public: true,
    note: noteOf('top-up.refused', { amountFen }),
    auditDetails: { releasedFen: amountFen },
  };
}

/** A recovery refused after its approval is written off (核销): the reporter keeps the money, for the reason given. */
function refuseRecovery(report: ReportFields, reason: string, actor: StepActor, now: Date): Change {
  const { recovery, at } = lastRecovery(rewardOf(report));
  const refused = refuse(at, reason, actor, now);
  if (!recovery.approvedAt) return refused;
  const amountFen = recovery.amountFen ?? 0;
  return {
    ...refused,
    set: { ...refused.set, [`${at}.writtenOff`]: true },
    // The reporter was told to return the money, so they are told they need not; the reason stays internal.
    public: true,
    note: noteOf('recovery.dropped', { amountFen }),
    auditDetails: { writtenOffFen: amountFen },
  };
}

export const correctionChanges: ChangesFor<CorrectionAction> = {
  'propose-top-up': (r, p, actor, { now }) => proposeTopUp(r, p, actor, now),
  'approve-top-up': (r, p, actor, { now }) => approveTopUp(r, p, actor, now),
  'refuse-top-up': (r, p, actor, { now }) => refuseTopUp(r, p.reason, actor, now),
  'refuse-recovery': (r, p, actor, { now }) => refuseRecovery(r, p.reason, actor, now),
  'record-top-up-payout': (r, p, actor, { now }) => recordTopUpPayout(r, p, actor, now),
  'propose-recovery': (r, p, actor, { now }) => proposeRecovery(r, p, actor, now),
  'approve-recovery': (r, p, actor, { now }) => approveRecovery(r, p, actor, now),
  'record-recovery': (r, p, actor, { now }) => recordRecovery(r, p, actor, now),
};
