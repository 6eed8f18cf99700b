// What the retention-deleted step removes for each class: only fields that exist,
// every element of the lists that carry sealed words or file ids, and the keys.
import { retentionChanges } from '../../server/protection/retentionChanges';
import type { ReportFields } from '../../server/reports/report.model';
import { SecretBox } from '../../server/platform/secretBox';

const now = new Date('2029-03-04T05:00:00Z');
const ctx = { now, box: new SecretBox(Buffer.alloc(32, 1)) };
const step = (
  report: Record<string, unknown>,
  classes: ('reporter-identity' | 'claim-bank-details' | 'protection-details' | 'access-keys' | 'evidence')[],
) => retentionChanges['retention-deleted'](report as unknown as ReportFields, { classes }, { kind: 'system' }, ctx);

test('each class removes its fields, shreds its key and is recorded by class and time only', async () => {
  const change = await step(
    {
      reward: { claimSealed: 'k1:x', claimChecks: { payeeIndex: 'a', accountIndex: 'b' } },
      protection: {
        assessment: { insider: true, note: '同班组仅三人' },
        cases: [{ accountSealed: 'k1:a', referrals: [{ noteSealed: 'k1:n' }, { note: 'plain' }] }, {}],
        checkIns: [{ answerSealed: 'k1:b' }],
      },
    },
    ['reporter-identity', 'claim-bank-details', 'protection-details', 'access-keys'],
  );
  expect(change.unset).toEqual([
    'reporterSealed',
    'notifyEmailSealed',
    'reporterPseudonym',
    'reward.claimSealed',
    'reward.claimChecks.payeeIndex',
    'reward.claimChecks.accountIndex',
    // The officers' notes go with the reporter's words: the assessment's, the outcome's and each referral's.
    'protection.assessment.note',
    'protection.cases.0.accountSealed',
    'protection.cases.0.outcomeNote',
    'protection.cases.0.outcomeNoteSealed',
    'protection.cases.0.referrals.0.note',
    'protection.cases.0.referrals.0.noteSealed',
    'protection.cases.0.referrals.1.note',
    'protection.cases.0.referrals.1.noteSealed',
    'protection.cases.1.accountSealed',
    'protection.cases.1.outcomeNote',
    'protection.cases.1.outcomeNoteSealed',
    'protection.checkIns.0.answerSealed',
    'accessKeyHash',
    'duressKeyHash',
    'retry',
  ]);
  expect(change.shredKeys).toEqual(['reporter-identity', 'claim-bank-details', 'protection-details', 'access-keys']);
  expect(change.pushes).toEqual({
    deletedData: { $each: change.shredKeys!.map((dataClass) => ({ dataClass, at: now })) },
  });
  expect(change.auditDetails).toEqual({ classes: change.shredKeys });
});

test('a report without a claim check or protection lists touches no path under them', async () => {
  const change = await step({ reward: { claimSealed: 'k1:x' } }, ['claim-bank-details', 'protection-details']);
  expect(change.unset).toEqual(['reward.claimSealed']);
});

test('evidence empties the files and the re-inspection photo ids of every rectification', async () => {
  const change = await step(
    {
      evidence: [{ fileId: 'f1' }],
      rectifications: [
        {
          reinspections: [
            { beforeFileIds: ['f1'], afterFileIds: [] },
            { beforeFileIds: [], afterFileIds: ['f1'] },
          ],
        },
        { reinspections: [] },
      ],
    },
    ['evidence'],
  );
  expect(change.set).toEqual({
    evidence: [],
    'rectifications.0.reinspections.0.beforeFileIds': [],
    'rectifications.0.reinspections.0.afterFileIds': [],
    'rectifications.0.reinspections.1.beforeFileIds': [],
    'rectifications.0.reinspections.1.afterFileIds': [],
  });
  expect(change.unset).toEqual([]);
});
