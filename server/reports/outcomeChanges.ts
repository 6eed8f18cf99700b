// What the steps around a conclusion change: more time for verification (asked by
// the verifier, decided by the unit's head or the level above), "cannot be
// verified" referred up, a death case's investigation, the result letter, the
// reporter's objection and its review, and a transferred report's result.
import { noteOf } from '../../shared/notes';
import { rewardForFindings } from '../../shared/rewards';
import { currentPolicies } from '../rewards/policyRegistry';
import { reportFactsOf } from '../rewards/reportFacts';
import { inGroup, type ReportState } from '../../shared/workflow';
import { fail } from '../platform/errors';
import { assignmentFor } from './caseChanges';
import { staffOf, type ChangesFor } from './change';
import { periodEnd } from '../platform/calendar';
import { dueAfter, periodOf } from './clocks';
import { unitLevel } from '../catalog/units';
import { concluded, type ConclusionKind } from './conclusion';
import type { ReportFields } from './report.model';

const conclusionText: Record<ConclusionKind, string> = {
  substantiated: '经核查，举报属实 / The report was substantiated',
  unsubstantiated: '经核查，举报不属实 / The report was not substantiated',
  unverifiable: '经核查，举报事项无法查实 / What was reported could not be verified',
  rejected: '举报不予受理 / The report was not accepted',
};

/** Whether the findings meet a reward's conditions, as the letter tells it (the amount comes with the reward notice). */
function rewardConditions(r: ReportFields, now: Date): { met: boolean; note: string } {
  if (r.conclusion?.kind !== 'substantiated')
    return { met: false, note: '不符合奖励条件（举报未经核查属实） / No reward: the report was not substantiated' };
  const result = rewardForFindings(
    r.findings as Parameters<typeof rewardForFindings>[0],
    reportFactsOf(r, now),
    currentPolicies(),
  );
  if (result.eligible)
    return {
      met: true,
      note: '符合奖励条件，奖励金额另行通知 / Reward conditions are met; the amount follows in its notice',
    };
  return { met: false, note: result.reasons.map((x) => `${x.zh} / ${x.en}`).join('；') };
}

/** The conclusion a report reached before conclusions were recorded, read from its state. */
async function earlierConclusion(r: ReportFields, now: Date): Promise<Record<string, unknown>> {
  const kind: ConclusionKind = inGroup('substantiated', r.status) ? 'substantiated' : (r.status as ConclusionKind);
  const level = kind === 'rejected' ? 'county' : await unitLevel(r.assignment?.unitCode);
  return concluded(r, kind, level, [r.findingsById, r.assignment?.verifierId], r.statusChangedAt ?? now);
}

type Steps =
  | 'request-extension'
  | 'approve-extension'
  | 'refuse-extension'
  | 'refer-unverifiable'
  | 'decide-referral'
  | 'record-investigation'
  | 'send-result-letter'
  | 'decide-objection'
  | 'record-transfer-result'
  | 'objection-filed';

export const outcomeChanges: ChangesFor<Steps> = {
  'request-extension': (_r, p, actor, { now }) => ({
    set: {
      'assignment.extensionRequest': {
        days: p.days,
        reason: p.reason,
        requestedAt: now,
        requestedById: staffOf(actor)?.id,
      },
    },
    internalNote: p.reason,
    auditDetails: { days: p.days },
  }),
  'approve-extension': (r, p) => {
    const request = r.assignment?.extensionRequest;
    if (!request?.days || !r.assignment?.dueAt) throw fail('resource.stale');
    return {
      set: {
        // Counted like the extension period, on from the last day of the current one.
        'assignment.dueAt': periodEnd(new Date(r.assignment.dueAt.getTime() - 1), {
          days: request.days,
          unit: periodOf(r, 'extension').unit,
        }),
        'assignment.extendedDays': request.days,
        'assignment.extensionReason': p.reason,
        'assignment.extensionRequest': null,
        // A new due date gets its own reminder, and its own escalation if it passes too.
        'assignment.reminderSentAt': null,
        'assignment.escalatedAt': null,
      },
      note: noteOf('extension.approved', { days: request.days, reason: p.reason }),
      auditDetails: { days: request.days },
    };
  },
  'refuse-extension': (_r, p) => ({ set: { 'assignment.extensionRequest': null }, note: p.reason }),
  'refer-unverifiable': (_r, p, actor, { now }) => ({
    set: { referral: { at: now, reason: p.reason, byId: staffOf(actor)?.id } },
    internalNote: p.reason,
    note: noteOf('referral.made'),
  }),
  'decide-referral': async (r, p, actor, { now }) => {
    const decided = {
      'referral.decidedById': staffOf(actor)?.id,
      'referral.decidedAt': now,
      'referral.outcome': p.outcome,
    };
    if (p.outcome === 'conclude')
      return {
        to: 'unverifiable',
        set: {
          ...decided,
          'referral.decision': p.reason,
          ...concluded(
            r,
            'unverifiable',
            staffOf(actor)?.level ?? 'county',
            [r.assignment?.verifierId, staffOf(actor)?.id],
            now,
          ),
        },
        note: p.reason,
      };
    return {
      to: 'assigned',
      set: { ...decided, 'referral.decision': p.instructions, ...(await assignmentFor(r, p, now)).set },
      note: noteOf('referral.verify-again'),
      internalNote: p.instructions,
    };
  },
  'record-investigation': (r, p, actor, { now }) => {
    const concealed = (r.findings as { violationKind?: string } | undefined)?.violationKind === 'concealed-accident';
    if (concealed && !p.concealedDeaths)
      throw fail('request.invalid', [
        { path: 'body.concealedDeaths', code: 'invalid', message: 'a concealed accident needs its concealed deaths' },
      ]);
    return {
      set: {
        'deathCase.investigation': { ...p, recordedById: staffOf(actor)?.id, recordedAt: now },
        // The investigation report's facts replace the verifier's: the grade and what it follows from.
        'findings.accidentGrade': p.grade,
        'findings.gradePending': false,
        'findings.totalDeaths': p.deaths,
        ...(p.seriousInjuries !== undefined ? { 'findings.seriousInjuries': p.seriousInjuries } : {}),
        ...(p.directLossFen !== undefined ? { 'findings.directLossFen': p.directLossFen } : {}),
        ...(concealed ? { 'findings.concealedDeaths': p.concealedDeaths } : {}),
      },
      note: noteOf('investigation.recorded', { reportNo: p.reportNo, issuedOn: p.issuedOn }),
      auditDetails: { grade: p.grade, deaths: p.deaths, seriousInjuries: p.seriousInjuries },
    };
  },
  'send-result-letter': async (r, p, actor, { now }) => {
    // Reports concluded before conclusions were recorded get theirs now, from their state.
    const c = r.conclusion ?? ((await earlierConclusion(r, now)).conclusion as NonNullable<ReportFields['conclusion']>);
    const findings = (r.findings ?? {}) as { penaltyDecisionNo?: string; fineFen?: number };
    const penalty =
      p.penaltyPublic && findings.penaltyDecisionNo
        ? { penaltyDecisionNo: findings.penaltyDecisionNo, fineFen: findings.fineFen }
        : {};
    const reward = rewardConditions(r, now);
    const objectable = c.kind !== 'substantiated';
    const objectionDueAt = objectable ? dueAfter(r, 'objection', now) : undefined;
    const letter = {
      letterNo: `${r.reference}-L${(r.resultLetters?.length ?? 0) + 1}`,
      sentAt: now,
      sentById: staffOf(actor)?.id,
      conclusion: conclusionText[c.kind as ConclusionKind],
      account: p.account,
      handling: p.handling,
      ...penalty,
      rewardConditionsMet: reward.met,
      rewardNote: reward.note,
      ...(objectionDueAt ? { objectionDueAt } : {}),
    };
    const sent = { letterSentAt: now, ...(objectionDueAt ? { objectionDueAt } : {}) };
    return {
      set: r.conclusion
        ? Object.fromEntries(Object.entries(sent).map(([k, v]) => [`conclusion.${k}`, v]))
        : { conclusion: { ...c, ...sent } },
      pushes: { resultLetters: letter },
      note: noteOf('letter.sent', {
        letterNo: letter.letterNo,
        ...(penalty.fineFen ? { fineFen: penalty.fineFen } : {}),
      }),
      auditDetails: { letterNo: letter.letterNo, conclusion: c.kind, rewardConditionsMet: reward.met },
    };
  },
  'objection-filed': (r, p, _a, { now }) => {
    // A county's conclusion goes to the city; a city's to the city staff who took no part (the province is outside this system).
    const level = 'city';
    const dueAt = dueAfter(r, 'objectionReview', now);
    return {
      set: {
        'conclusion.objectedAt': now,
        objectionReview: { dueAt, reminderSentAt: null, escalatedAt: null },
      },
      pushes: { objections: { at: now, reason: p.reason, fromStatus: r.status, reviewLevel: level, dueAt } },
      message: { from: 'reporter', body: p.reason },
      auditDetails: { fromStatus: r.status },
    };
  },
  'decide-objection': async (r, p, actor, { now }) => {
    const index = (r.objections?.length ?? 0) - 1;
    const objection = r.objections?.[index];
    if (!objection) throw fail('resource.stale');
    const decided = {
      [`objections.${index}.decidedById`]: staffOf(actor)?.id,
      [`objections.${index}.decidedAt`]: now,
      [`objections.${index}.outcome`]: p.outcome,
      [`objections.${index}.decisionReason`]: p.reason,
      objectionReview: null,
    };
    const from = objection.fromStatus as ReportState;
    if (p.outcome === 'upheld')
      return {
        to: from,
        set: decided,
        note: noteOf('objection.upheld', { state: from, reason: p.reason }),
      };
    // Reopened: the conclusion no longer stands.
    if (from === 'rejected')
      return {
        to: 'screening',
        set: {
          ...decided,
          conclusion: null,
          // Screening starts afresh: its period counts from now, and its reminders are due again.
          'acceptance.pausedAt': null,
          'acceptance.pausedMs': Math.max(0, now.getTime() - r.submittedAt.getTime()),
          'acceptance.reminderSentAt': null,
          'acceptance.escalatedAt': null,
        },
        note: noteOf('objection.rescreen', { reason: p.reason }),
      };
    if (!p.unitCode || !p.verifierId)
      throw fail('request.invalid', [
        { path: 'body.verifierId', code: 'required', message: 'a new verification needs its unit and verifier' },
      ]);
    return {
      to: 'assigned',
      set: {
        ...decided,
        conclusion: null,
        findings: null,
        findingsById: null,
        ...(await assignmentFor(r, { unitCode: p.unitCode, verifierId: p.verifierId, dueInDays: p.dueInDays }, now))
          .set,
      },
      note: noteOf('objection.reverify', { reason: p.reason }),
    };
  },
  'record-transfer-result': (_r, p, actor, { now }) => ({
    set: { 'transferredTo.result': { ...p, recordedById: staffOf(actor)?.id, recordedAt: now } },
    note: p.summary,
    auditDetails: { outcome: p.outcome },
  }),
};
