// Leadership approval of a reward beyond one officer's say, and settling a claim
// whose checks raised a flag. Both are a leader's, recorded on the internal
// timeline and in the audit log; neither is told to the reporter.
import { noteOf } from '../../shared/notes';
import { shanghaiDay } from '../../shared/dates';
import type { ClaimFlag } from '../../shared/schemas/rewardControls';
import type { LeadershipReason } from '../../shared/schemas/rewardControls';
import { fail } from '../platform/errors';
import { staffOf, type Change, type ChangesFor, type StepActor } from '../reports/change';
import type { ReportFields } from '../reports/report.model';

type ApprovalAction = 'approve-reward-leadership' | 'approve-top-up-leadership' | 'clear-claim-flags';

const missing = (path: string, message: string) => fail('request.invalid', [{ path, code: 'required', message }]);

/** The leader's approval of what `at` holds (the reward, or its last top-up), for the reasons recorded there. */
function approveLeadership(
  at: string,
  reasons: LeadershipReason[],
  p: { comment?: string; meetingMinutesNo?: string; meetingOn?: string },
  actor: StepActor,
  now: Date,
): Change {
  // The bureau meeting decides the largest rewards: its minutes are the record of that decision.
  const meeting = reasons.includes('bureau-meeting');
  if (meeting && !p.meetingMinutesNo) throw missing('body.meetingMinutesNo', 'the bureau meeting minutes number');
  if (meeting && !p.meetingOn) throw missing('body.meetingOn', 'the day of the bureau meeting');
  if (p.meetingOn && p.meetingOn > shanghaiDay(now))
    throw fail('request.invalid', [
      { path: 'body.meetingOn', code: 'invalid', message: 'the meeting cannot be in the future' },
    ]);
  return {
    set: {
      [`${at}.leadershipApproval`]: {
        byId: staffOf(actor)?.id,
        at: now,
        ...(p.comment ? { comment: p.comment } : {}),
        ...(meeting ? { meetingMinutesNo: p.meetingMinutesNo, meetingOn: p.meetingOn } : {}),
      },
    },
    note: noteOf('reward.leadership-approved', {
      reasons,
      ...(meeting ? { meetingMinutesNo: p.meetingMinutesNo!, meetingOn: p.meetingOn! } : {}),
    }),
    internalNote: p.comment,
    auditDetails: { reasons, ...(meeting ? { meetingMinutesNo: p.meetingMinutesNo, meetingOn: p.meetingOn } : {}) },
  };
}

function clearFlags(report: ReportFields, p: { reason: string }, actor: StepActor, now: Date): Change {
  const flags = (report.reward?.claimChecks?.flags ?? []) as ClaimFlag[];
  return {
    set: {
      'reward.claimChecks.clearedById': staffOf(actor)?.id,
      'reward.claimChecks.clearedAt': now,
      'reward.claimChecks.clearReason': p.reason,
    },
    note: noteOf('reward.flags-cleared', { flags, reason: p.reason }),
    auditDetails: { flags },
  };
}

export const approvalChanges: ChangesFor<ApprovalAction> = {
  'approve-reward-leadership': (r, p, actor, { now }) =>
    approveLeadership('reward', (r.reward?.leadershipReasons ?? []) as LeadershipReason[], p, actor, now),
  'approve-top-up-leadership': (r, p, actor, { now }) => {
    const topUps = r.reward?.topUps ?? [];
    if (!topUps.length) throw fail('resource.stale');
    const reasons = (topUps[topUps.length - 1].leadershipReasons ?? []) as LeadershipReason[];
    return approveLeadership(`reward.topUps.${topUps.length - 1}`, reasons, p, actor, now);
  },
  'clear-claim-flags': (r, p, actor, { now }) => clearFlags(r, p, actor, now),
};
