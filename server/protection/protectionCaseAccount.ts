// Protection staff read what the reporter (or an officer) wrote about one protection
// case: its sealed account, the check-in answer that opened it and the officers' own
// referral and outcome notes. Every read is
// audited with the case number, never the words.
import type { z } from 'zod';
import type { protectionCaseAccountResponse } from '../../shared/schemas/protectionViews';
import type { Actor } from '../access';
import { auditRead } from '../audit/auditRead';
import { fail } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { loadReport } from '../reports/pipeline';
import type { ReportFields } from '../reports/report.model';
import { openOrDeleted } from './protectionCases';

type StoredCase = NonNullable<NonNullable<ReportFields['protection']>['cases']>[number];

/** The check-in answer that opened a case: taken in the same step, so at the same moment. */
export function linkedCheckIn(report: ReportFields, c: StoredCase) {
  if (c.source !== 'check-in') return undefined;
  return report.protection?.checkIns?.find((x) => x.answerSealed && x.answeredAt?.getTime() === c.openedAt.getTime());
}

export async function readProtectionCase(
  reference: string,
  caseNo: string,
  actor: Actor,
  box: SecretBox,
  now = new Date(),
): Promise<z.infer<typeof protectionCaseAccountResponse>> {
  // Out of the officer's areas reads as unknown.
  const report = await loadReport(reference, actor);
  const c = report.protection?.cases?.find((x) => x.caseNo === caseNo);
  if (!c) throw fail('resource.not_found');
  const checkIn = linkedCheckIn(report, c);
  const account = c.accountSealed ? await openOrDeleted(box, reference, c.accountSealed) : undefined;
  const answer = checkIn ? await openOrDeleted(box, reference, checkIn.answerSealed!) : undefined;
  // The officers' notes: sealed ones opened, plain ones from before sealing shown as stored.
  const noteOf = async (plain?: string | null, sealed?: string | null) =>
    sealed ? await openOrDeleted(box, reference, sealed) : (plain ?? undefined);
  const referrals = await Promise.all(c.referrals.map(async (f) => ({ f, note: await noteOf(f.note, f.noteSealed) })));
  const outcomeNote = await noteOf(c.outcomeNote, c.outcomeNoteSealed);
  const sealedNotes = [...c.referrals.map((f) => f.noteSealed), c.outcomeNoteSealed].filter(Boolean).length;
  const notesGone =
    referrals.filter((x) => x.f.noteSealed && x.note === undefined).length +
    (c.outcomeNoteSealed && outcomeNote === undefined ? 1 : 0);
  await auditRead(
    { actor, action: 'report.protection_case_read', target: { type: 'report', id: reference }, details: { caseNo } },
    now,
  );
  return {
    caseNo,
    ...(account !== undefined ? { account } : {}),
    ...(checkIn && answer !== undefined
      ? { checkInAnswer: { round: checkIn.round ?? 0, answeredAt: checkIn.answeredAt!.toISOString(), answer } }
      : {}),
    referralNotes: referrals.flatMap(({ f, note }) =>
      note !== undefined ? [{ body: f.body ?? '', at: (f.at ?? c.openedAt).toISOString(), note }] : [],
    ),
    ...(outcomeNote !== undefined ? { outcomeNote } : {}),
    deleted:
      (!!c.accountSealed && account === undefined) ||
      (!!checkIn && answer === undefined) ||
      (sealedNotes > 0 && notesGone > 0),
  };
}
