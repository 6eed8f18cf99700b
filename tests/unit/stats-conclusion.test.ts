// What a report adds to the statistics follows the conclusion standing now: a case
// reopened by an objection or a referral is not concluded until it concludes again,
// a conclusion of "could not be verified" counts as concluded and not substantiated,
// and reports concluded before conclusions were recorded are read from their timeline.
import { contributionOf, type StatsReport } from '../../server/stats/contribution';

const submittedAt = new Date('2026-10-05T02:00:00Z');
const approvedAt = new Date('2026-10-20T02:00:00Z');
const base = {
  reference: 'WP-TEST-0001',
  area: '410503',
  sector: 'construction',
  submittedAt,
  timeline: [{ at: approvedAt, type: 'approve-findings', public: true }],
  assignment: { assignedAt: submittedAt, dueAt: new Date('2026-12-05T16:00:00Z') },
  findings: null,
  reward: null,
} as unknown as StatsReport;

const countsOf = (r: Record<string, unknown>) =>
  Object.values(contributionOf({ ...base, ...r } as StatsReport))[0].counts;

test('a case reopened for a new verification is not concluded, though its timeline holds the earlier approval', () => {
  const counts = countsOf({ status: 'assigned', conclusion: null });
  expect(counts.concluded).toBeUndefined();
  expect(counts.onTime).toBeUndefined();
  expect(counts.unsubstantiated).toBeUndefined();
});

test('a conclusion of "could not be verified", reached without an approval of findings, counts as concluded', () => {
  const counts = countsOf({
    status: 'unverifiable',
    timeline: [],
    conclusion: { kind: 'unverifiable', at: approvedAt },
  });
  expect(counts).toMatchObject({ concluded: 1, unsubstantiated: 1, onTime: 1 });
});

test('an objected conclusion still stands until the review decides it', () => {
  const counts = countsOf({ status: 'objected', conclusion: { kind: 'unsubstantiated', at: approvedAt } });
  expect(counts).toMatchObject({ concluded: 1, unsubstantiated: 1 });
});

test('a rejected report is not a verification conclusion', () => {
  expect(
    countsOf({ status: 'rejected', timeline: [], conclusion: { kind: 'rejected', at: approvedAt } }).concluded,
  ).toBeUndefined();
});

test('reports concluded before conclusions were recorded are read from their timeline', () => {
  const counts = countsOf({ status: 'closed', findings: { substantiated: true } as never });
  expect(counts).toMatchObject({ concluded: 1, substantiated: 1 });
});
