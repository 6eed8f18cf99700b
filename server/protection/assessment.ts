// The protection risk assessment (保护风险评估): recorded by intake with the acceptance and
// revised by protection staff. High risk, or the officer's choice, makes the case protected:
// its verifier works under a cover note, and evidence is opened only after a warning.
import type { z } from 'zod';
import { protectionRiskOf } from '../../shared/protection/policy';
import type { protectionAssessmentBody } from '../../shared/schemas/protection';
import { fail } from '../platform/errors';
import type { ReportFields } from '../reports/report.model';

export type AssessmentInput = z.infer<typeof protectionAssessmentBody>;

/** What the verifier of a protected case is told when nobody wrote a cover note of their own. */
export const DEFAULT_COVER_NOTE =
  '请以例行检查的名义核查，不要向被举报单位出示举报内容或证据。 / Verify under a routine inspection; do not show the report or its evidence to the subject.';

/** An insider report is not accepted without the assessment: the reporter said they work for the subject. */
export function requireAssessmentForInsider(r: ReportFields, p: AssessmentInput | undefined): void {
  if (r.employeeOfSubject && !p)
    throw fail('report.assessment_required', [
      {
        path: 'body.protection',
        code: 'required',
        message: 'the reporter works for the subject: record the protection risk assessment',
      },
    ]);
}

/**
 * The `$set` of an assessment. A case once made protected by a duress signal stays protected
 * whatever the assessment says; a cover note already written is kept unless a new one is given.
 */
export function assessmentSet(r: ReportFields, p: AssessmentInput, byId: string | undefined, now: Date) {
  const risk = protectionRiskOf(p);
  const isProtected = risk === 'high' || p.protect || !!r.protection?.duressSignals?.length;
  const coverNote = isProtected ? (p.coverNote ?? r.protection?.coverNote ?? DEFAULT_COVER_NOTE) : undefined;
  return {
    set: {
      'protection.assessment': {
        insider: p.insider,
        smallWorkplace: p.smallWorkplace,
        identifyingDetails: p.identifyingDetails,
        risk,
        ...(p.note ? { note: p.note } : {}),
        ...(byId ? { byId } : {}),
        at: now,
      },
      'protection.protected': isProtected,
      ...(coverNote ? { 'protection.coverNote': coverNote } : {}),
    },
    unset: coverNote ? [] : ['protection.coverNote'],
    // The audit records the judgement, never the notes (they may describe the reporter).
    auditDetails: { risk, protected: isProtected },
  };
}
