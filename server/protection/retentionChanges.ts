// The retention schedule's deletions, one step per report and run: the fields of
// each class due are removed, the class's report keys deleted (so every copy sealed
// under them, backups included, can no longer be opened) and the deletion noted on
// the report by class and time. The audit entry names the classes, never a value.
import type { DataClass } from '../../shared/protection/policy';
import type { Change, ChangesFor } from '../reports/change';
import type { ReportFields } from '../reports/report.model';

interface Removal {
  unset: string[];
  set: Record<string, unknown>;
}

/** The array elements of a report, by index: each path exists, so the update touches only stored fields. */
const indexed = <T>(list: T[] | null | undefined) => (list ?? []).map((item, i) => ({ item, i }));

/** What deleting one class removes from this report. */
function removalOf(r: ReportFields, dataClass: DataClass): Removal {
  switch (dataClass) {
    case 'reporter-identity':
      return { unset: ['reporterSealed', 'notifyEmailSealed', 'reporterPseudonym'], set: {} };
    case 'claim-bank-details':
      return {
        unset: [
          'reward.claimSealed',
          ...(r.reward?.claimChecks ? ['reward.claimChecks.payeeIndex', 'reward.claimChecks.accountIndex'] : []),
        ],
        set: {},
      };
    case 'protection-details':
      return {
        unset: [
          ...(r.protection?.assessment ? ['protection.assessment.note'] : []),
          ...indexed(r.protection?.cases).flatMap(({ item, i }) => [
            `protection.cases.${i}.accountSealed`,
            `protection.cases.${i}.outcomeNote`,
            `protection.cases.${i}.outcomeNoteSealed`,
            ...indexed(item.referrals).flatMap(({ i: j }) => [
              `protection.cases.${i}.referrals.${j}.note`,
              `protection.cases.${i}.referrals.${j}.noteSealed`,
            ]),
          ]),
          ...indexed(r.protection?.checkIns).map(({ i }) => `protection.checkIns.${i}.answerSealed`),
        ],
        set: {},
      };
    case 'access-keys':
      return { unset: ['accessKeyHash', 'duressKeyHash', 'retry'], set: {} };
    case 'notice-phone':
      return { unset: ['noticePhoneSealed'], set: {} };
    case 'evidence': {
      // The re-inspection photos are files of report.evidence: their ids go with the files.
      const photos = indexed(r.rectifications).flatMap(({ item, i }) =>
        indexed(item.reinspections).flatMap(({ i: j }) => [
          [`rectifications.${i}.reinspections.${j}.beforeFileIds`, []],
          [`rectifications.${i}.reinspections.${j}.afterFileIds`, []],
        ]),
      );
      return { unset: [], set: { evidence: [], ...Object.fromEntries(photos) } };
    }
    case 'outbox':
      return { unset: [], set: {} }; // not kept on reports: the job deletes finished outbox records
  }
}

function deleteOnSchedule(report: ReportFields, payload: { classes: DataClass[] }, now: Date): Change {
  const classes = [...new Set(payload.classes)];
  const removals = classes.map((c) => removalOf(report, c));
  return {
    unset: removals.flatMap((x) => x.unset),
    set: Object.assign({}, ...removals.map((x) => x.set)) as Record<string, unknown>,
    shredKeys: classes,
    pushes: { deletedData: { $each: classes.map((dataClass) => ({ dataClass, at: now })) } },
    auditDetails: { classes },
  };
}

export const retentionChanges: ChangesFor<'retention-deleted'> = {
  'retention-deleted': (report, payload, _actor, { now }) => deleteOnSchedule(report, payload, now),
};
