// The partner's view of a case (server/exchange/partnerView.ts) for every workflow
// state, and the events a change of that view sends (server/exchange/statusEvents.ts).
import { reportStates, type ReportState } from '../../shared/workflow';
import type { PartnerCaseView, PartnerOutcome, PartnerStage } from '../../shared/schemas/exchangeStatus';
import { partnerCaseView } from '../../shared/schemas/exchangeStatus';
import { partnerViewOf } from '../../server/exchange/partnerView';
import { eventsBetween } from '../../server/exchange/statusEvents';
import type { ReportFields } from '../../server/reports/report.model';

const at = new Date('2026-11-20T02:00:00Z');

function report(status: ReportState, over: Record<string, unknown> = {}): ReportFields {
  return {
    reference: 'WP-TEST-0001',
    status,
    exchange: { partnerCode: 'henan', externalId: 'HN-2026-1' },
    submittedAt: at,
    updatedAt: at,
    rectifications: [],
    ...over,
  } as unknown as ReportFields;
}

const expected: Record<ReportState, [PartnerStage, PartnerOutcome | null]> = {
  submitted: ['received', null],
  screening: ['received', null],
  'awaiting-information': ['received', null],
  assigned: ['accepted', null],
  verifying: ['verifying', null],
  'findings-submitted': ['verifying', null],
  'referred-up': ['verifying', null],
  substantiated: ['concluded', 'substantiated'],
  unsubstantiated: ['concluded', 'not-substantiated'],
  unverifiable: ['concluded', 'unverifiable'],
  objected: ['concluded', 'not-substantiated'],
  'reward-proposed': ['concluded', 'substantiated'],
  'reward-reviewed': ['concluded', 'substantiated'],
  'reward-approved': ['concluded', 'substantiated'],
  'reward-claimed': ['concluded', 'substantiated'],
  'reward-paid': ['concluded', 'substantiated'],
  'reward-refused': ['concluded', 'substantiated'],
  'reward-lapsed': ['concluded', 'substantiated'],
  'reward-appealed': ['concluded', 'substantiated'],
  rejected: ['concluded', 'rejected'],
  duplicate: ['concluded', 'duplicate'],
  transferred: ['concluded', 'transferred'],
  withdrawn: ['concluded', 'withdrawn'],
  closed: ['closed', 'substantiated'],
};

/** The conclusion a report in this state carries (an objection keeps the one objected to). */
const conclusionFor = (s: ReportState) =>
  s === 'objected' ? { kind: 'unsubstantiated' } : s === 'closed' ? { kind: 'substantiated' } : undefined;

describe('the partner view of each state', () => {
  it.each(reportStates)('%s', (status) => {
    const view = partnerViewOf(report(status, { conclusion: conclusionFor(status) }));
    expect([view.stage, view.outcome]).toEqual(expected[status]);
    expect(partnerCaseView.parse(view)).toEqual(view);
  });

  it('covers every state of the workflow table', () => {
    expect(Object.keys(expected).sort()).toEqual([...reportStates].sort());
  });

  it('names a closed transfer, and a closed unverifiable case, by what concluded them', () => {
    expect(partnerViewOf(report('closed', { transferredTo: { at } })).outcome).toBe('transferred');
    expect(partnerViewOf(report('closed', { conclusion: { kind: 'unverifiable' } })).outcome).toBe('unverifiable');
  });

  it('carries nothing about the reporter or the staff', () => {
    const view = partnerViewOf(
      report('reward-paid', {
        reporterSealed: 'sealed',
        assignment: { verifierId: 'v1', unitCode: 'city-fire' },
        findingsById: 'v1',
        messages: [{ body: '谁举报的' }],
        reward: { eligible: true, amountFen: 300_000, decidedAt: at, approvedAt: at, approvedById: 'f1' },
      }),
    );
    expect(Object.keys(view).sort()).toEqual(
      ['externalId', 'outcome', 'rectification', 'reference', 'reward', 'stage', 'updatedAt'].sort(),
    );
    expect(JSON.stringify(view)).not.toMatch(/v1|f1|sealed|city-fire|谁举报/);
  });
});

describe('rectification and the reward as the partner sees them', () => {
  const task = (status: string) => ({ status });
  it('is open while any order is, completed when every one is', () => {
    expect(partnerViewOf(report('substantiated')).rectification).toBeNull();
    const open = [task('completed'), task('awaiting-sign-off')];
    expect(partnerViewOf(report('substantiated', { rectifications: open })).rectification).toBe('open');
    const done = [task('completed'), task('completed')];
    expect(partnerViewOf(report('substantiated', { rectifications: done })).rectification).toBe('completed');
  });

  it('tells the reward decision only once the reporter was told it', () => {
    const proposed = { eligible: true, amountFen: 300_000 };
    expect(partnerViewOf(report('reward-proposed', { reward: proposed })).reward).toBeNull();
    const granted = { ...proposed, decidedAt: at, approvedAt: at };
    expect(partnerViewOf(report('reward-approved', { reward: granted })).reward).toEqual({
      decision: 'granted',
      amountFen: 300_000,
      paid: false,
    });
    const paid = { ...granted, payout: { recordedAt: at } };
    expect(partnerViewOf(report('reward-paid', { reward: paid })).reward).toEqual({
      decision: 'granted',
      amountFen: 300_000,
      paid: true,
    });
    const refused = { eligible: false, amountFen: 0, decidedAt: at };
    expect(partnerViewOf(report('reward-refused', { reward: refused })).reward?.decision).toBe('refused');
    const lapsed = { ...granted, lapsedAt: at };
    expect(partnerViewOf(report('reward-lapsed', { reward: lapsed })).reward?.decision).toBe('lapsed');
  });
});

describe('events between two views', () => {
  const view = (over: Partial<PartnerCaseView>): PartnerCaseView => ({
    reference: 'WP-TEST-0001',
    externalId: 'HN-2026-1',
    stage: 'received',
    outcome: null,
    rectification: null,
    reward: null,
    updatedAt: at.toISOString(),
    ...over,
  });

  it.each<[string, Partial<PartnerCaseView>, Partial<PartnerCaseView>, string[]]>([
    ['screening started', {}, {}, []],
    ['accepted', {}, { stage: 'accepted' }, ['accepted']],
    ['transferred', {}, { stage: 'concluded', outcome: 'transferred' }, ['transferred']],
    ['rejected', {}, { stage: 'concluded', outcome: 'rejected' }, ['rejected']],
    ['a duplicate', {}, { stage: 'concluded', outcome: 'duplicate' }, ['rejected']],
    ['withdrawn', {}, { stage: 'concluded', outcome: 'withdrawn' }, ['withdrawn']],
    ['verification started', { stage: 'accepted' }, { stage: 'verifying' }, []],
    ['verified', { stage: 'verifying' }, { stage: 'concluded', outcome: 'substantiated' }, ['verified']],
    [
      'reopened by an objection',
      { stage: 'concluded', outcome: 'not-substantiated' },
      { stage: 'accepted' },
      ['reopened', 'accepted'],
    ],
    [
      'rectification ordered',
      { stage: 'concluded', outcome: 'substantiated' },
      { stage: 'concluded', outcome: 'substantiated', rectification: 'open' },
      ['rectification-ordered'],
    ],
    [
      'rectified',
      { stage: 'concluded', outcome: 'substantiated', rectification: 'open' },
      { stage: 'concluded', outcome: 'substantiated', rectification: 'completed' },
      ['rectified'],
    ],
    [
      'reward decided',
      { stage: 'concluded', outcome: 'substantiated' },
      { stage: 'concluded', outcome: 'substantiated', reward: { decision: 'granted', amountFen: 1, paid: false } },
      ['reward-decided'],
    ],
    [
      'reward paid',
      { stage: 'concluded', outcome: 'substantiated', reward: { decision: 'granted', amountFen: 1, paid: false } },
      { stage: 'concluded', outcome: 'substantiated', reward: { decision: 'granted', amountFen: 1, paid: true } },
      ['reward-paid'],
    ],
    [
      'closed',
      { stage: 'concluded', outcome: 'substantiated' },
      { stage: 'closed', outcome: 'substantiated' },
      ['closed'],
    ],
  ])('%s', (_name, before, after, events) => {
    expect(eventsBetween(view(before), view(after))).toEqual(events);
  });
});
