// The workflow as data (shared/workflow.ts), checked without a server: which
// actions each role has in each state, every guard, and the shape of the graph
// (every action starts from real states; every state can be reached).
import { roles, type Role } from '../../shared/roles';
import {
  actionBlocker,
  allowedActions,
  caseActionNames,
  inGroup,
  reportStates,
  stateGroups,
  workflowActionNames,
  workflowActions,
  type ReportState,
  type WorkflowActionName,
  type StaffWorkflowActor,
  type WorkflowRecord,
} from '../../shared/workflow';

const ME = 'me0000000000000000000000';
const OTHER = 'other0000000000000000000';

/** An actor of the city bureau, granted every area unless areas are listed. */
const actor = (role: Role, over: Partial<StaffWorkflowActor> = {}): StaffWorkflowActor => ({
  id: ME,
  role,
  unitCode: 'city-emb',
  level: 'city',
  areaCodes: [],
  allAreas: !over.areaCodes,
  ...over,
});
const record = (status: ReportState, over: Partial<WorkflowRecord> = {}): WorkflowRecord => ({
  status,
  area: '410503',
  assignedVerifierId: ME,
  findingsById: OTHER,
  extensionUsed: false,
  wasSubstantiated: inGroup('substantiated', status),
  ...over,
});

type RoleActions = Partial<Record<Role, WorkflowActionName[]>>;
type Table = Record<ReportState, RoleActions>;

/** A substantiated report's later states: the result letter is due, rectification may be ordered. */
const substantiatedLater = (own: RoleActions): RoleActions => ({
  intake: ['send-result-letter'],
  verifier: ['order-rectification'],
  ...own,
  reviewer: [...(own.reviewer ?? []), 'send-result-letter', 'order-rectification'],
});
/** A conclusion told by letter; closing waits for it. */
const letterDue: RoleActions = { intake: ['send-result-letter'], reviewer: ['send-result-letter'] };

/**
 * Written out by hand (in definition order): the actions open to an all-area city
 * actor who is the assigned verifier and not the findings author, on a report with
 * no letter sent, no extension asked for, no rectification and no death case.
 */
const expected: Table = {
  submitted: { intake: ['start-screening', 'request-information', 'accept', 'reject', 'mark-duplicate', 'transfer'] },
  screening: { intake: ['request-information', 'accept', 'reject', 'mark-duplicate', 'transfer'] },
  'awaiting-information': { intake: ['resume-screening', 'accept', 'reject', 'mark-duplicate', 'transfer'] },
  assigned: { intake: ['reassign'], verifier: ['start-verification', 'request-extension'] },
  verifying: { intake: ['reassign'], verifier: ['request-extension', 'refer-unverifiable', 'submit-findings'] },
  'findings-submitted': { reviewer: ['approve-findings', 'return-findings'] },
  // Whoever was the verifier never decides their own referral.
  'referred-up': {},
  substantiated: substantiatedLater({ verifier: ['propose-reward', 'order-rectification'] }),
  unsubstantiated: { ...letterDue },
  unverifiable: { ...letterDue },
  objected: { reviewer: ['decide-objection'] },
  'reward-proposed': substantiatedLater({ reviewer: ['confirm-reward', 'return-reward'] }),
  'reward-reviewed': substantiatedLater({ finance: ['send-back-reward', 'approve-reward'] }),
  'reward-approved': substantiatedLater({ finance: ['extend-claim'] }),
  'reward-claimed': substantiatedLater({ finance: ['reject-claim', 'record-payout'] }),
  'reward-paid': substantiatedLater({}),
  'reward-refused': substantiatedLater({}),
  'reward-lapsed': substantiatedLater({}),
  'reward-appealed': substantiatedLater({ reviewer: ['decide-appeal'] }),
  rejected: { ...letterDue },
  duplicate: {},
  transferred: { intake: ['record-transfer-result'], reviewer: ['record-transfer-result'] },
  withdrawn: {},
  // Rectification is tracked after closing too.
  closed: { verifier: ['order-rectification'], reviewer: ['order-rectification'] },
};
// Protection staff: the risk assessment (intake records it with the acceptance) until verification
// ends, and a protection case in any state.
const assessable: readonly ReportState[] = [
  ...stateGroups.notAccepted,
  ...stateGroups.underVerification,
  'findings-submitted',
  'referred-up',
];
for (const state of reportStates) {
  const row = expected[state];
  const assess: WorkflowActionName[] = assessable.includes(state) ? ['assess-protection'] : [];
  row.protection = [...assess, 'open-protection-case'];
}

describe('allowedActions per state × role', () => {
  test('the table covers every state', () => {
    expect(Object.keys(expected).sort()).toEqual([...reportStates].sort());
  });

  const cases = reportStates.flatMap((state) =>
    roles.map((role) => [state, role, expected[state][role] ?? []] as const),
  );
  test.each(cases)('%s × %s → %j', (state, role, actions) => {
    expect(allowedActions(record(state), actor(role))).toEqual(actions);
  });

  test('admin never has a workflow action; finance only the reward steps', () => {
    for (const state of reportStates) {
      expect(allowedActions(record(state), actor('admin'))).toEqual([]);
      if (!state.startsWith('reward-')) expect(allowedActions(record(state), actor('finance'))).toEqual([]);
    }
  });

  test('allowedActions is exactly the actions actionBlocker lets through', () => {
    for (const state of reportStates)
      for (const role of roles) {
        const r = record(state);
        const a = actor(role);
        expect(allowedActions(r, a)).toEqual(caseActionNames.filter((n) => actionBlocker(n, r, a) === null));
      }
  });
});

describe('actionBlocker', () => {
  test('wrong role comes before wrong state', () => {
    expect(actionBlocker('close', record('submitted'), actor('verifier'))).toBe('wrong-role');
    expect(actionBlocker('close', record('submitted'), actor('intake'))).toBe('wrong-state');
    expect(actionBlocker('accept', record('closed'), actor('intake'))).toBe('wrong-state');
  });

  test('an unknown action name → unknown-action', () => {
    expect(actionBlocker('fly-away' as WorkflowActionName, record('submitted'), actor('intake'))).toBe(
      'unknown-action',
    );
  });
});

describe('guards', () => {
  describe('out-of-area: an actor whose areaCodes do not include the report’s area', () => {
    const limited = (role: Role) => actor(role, { areaCodes: ['410581', '410502'] });
    /** Reports on which the step is open but for the area: some steps need more than a state. */
    const countyCase = {
      assignedVerifierId: OTHER,
      assignedUnitCode: 'emb-410503',
      assignedUnitLevel: 'county' as const,
    };
    const cases: [WorkflowActionName, ReportState, Role, Partial<WorkflowRecord>?][] = [
      ['start-screening', 'submitted', 'intake'],
      ['request-information', 'screening', 'intake'],
      ['resume-screening', 'awaiting-information', 'intake'],
      ['accept', 'screening', 'intake'],
      ['reject', 'screening', 'intake'],
      ['mark-duplicate', 'screening', 'intake'],
      ['unlink-matter', 'screening', 'intake', { matterLinked: true }],
      ['transfer', 'screening', 'intake'],
      ['reassign', 'assigned', 'intake'],
      ['start-verification', 'assigned', 'verifier'],
      ['request-extension', 'verifying', 'verifier'],
      ['approve-extension', 'verifying', 'reviewer', { ...countyCase, extensionRequested: true }],
      ['refuse-extension', 'verifying', 'reviewer', { ...countyCase, extensionRequested: true }],
      ['refer-unverifiable', 'verifying', 'verifier'],
      ['decide-referral', 'referred-up', 'reviewer', countyCase],
      ['submit-findings', 'verifying', 'verifier'],
      ['approve-findings', 'findings-submitted', 'reviewer'],
      ['return-findings', 'findings-submitted', 'reviewer'],
      ['record-investigation', 'substantiated', 'reviewer', { gradePending: true }],
      ['close', 'reward-paid', 'reviewer', { letterSent: true }],
      ['close', 'unsubstantiated', 'intake', { letterSent: true }],
      ['propose-reward', 'substantiated', 'verifier'],
      ['confirm-reward', 'reward-proposed', 'reviewer'],
      ['return-reward', 'reward-proposed', 'reviewer'],
      ['send-back-reward', 'reward-reviewed', 'finance'],
      ['approve-reward', 'reward-reviewed', 'finance'],
      ['extend-claim', 'reward-approved', 'finance'],
      ['reject-claim', 'reward-claimed', 'finance'],
      ['record-payout', 'reward-claimed', 'finance'],
      ['decide-appeal', 'reward-appealed', 'reviewer'],
      ['send-result-letter', 'unsubstantiated', 'intake'],
      ['decide-objection', 'objected', 'reviewer', { conclusionLevel: 'county' }],
      ['record-transfer-result', 'transferred', 'intake'],
      ['order-rectification', 'substantiated', 'verifier'],
      ['record-reinspection', 'substantiated', 'verifier', { openRectifications: 1 }],
      ['sign-off-rectification', 'substantiated', 'reviewer', { awaitingSignOff: 1 }],
      ['staff-message', 'verifying', 'intake'],
      ['approve-reward-leadership', 'reward-reviewed', 'leader', { leadershipNeeded: true }],
      ['clear-claim-flags', 'reward-claimed', 'leader', { claimFlagged: true }],
      ['propose-top-up', 'reward-paid', 'verifier', { rewardPaid: true }],
      ['approve-top-up', 'reward-paid', 'finance', { rewardPaid: true, topUpStage: 'proposed' }],
      ['record-top-up-payout', 'reward-paid', 'finance', { rewardPaid: true, topUpStage: 'approved' }],
      ['refuse-top-up', 'reward-paid', 'finance', { rewardPaid: true, topUpStage: 'proposed' }],
      [
        'approve-top-up-leadership',
        'reward-paid',
        'leader',
        { rewardPaid: true, topUpStage: 'proposed', topUpLeadershipNeeded: true },
      ],
      ['refuse-recovery', 'closed', 'leader', { rewardPaid: true, recoveryStage: 'proposed' }],
      ['propose-recovery', 'reward-paid', 'reviewer', { rewardPaid: true }],
      ['approve-recovery', 'closed', 'leader', { rewardPaid: true, recoveryStage: 'proposed' }],
      ['record-recovery', 'reward-paid', 'finance', { rewardPaid: true, recoveryStage: 'approved' }],
      ['record-sample-check', 'reward-paid', 'verifier', { rewardPaid: true, sampleVerifierId: ME }],
      ['assess-protection', 'screening', 'protection', {}],
      ['request-identity-reveal', 'verifying', 'reviewer', { identityOnFile: true }],
      [
        'approve-identity-reveal',
        'verifying',
        'protection',
        { identityOnFile: true, revealStage: 'requested', revealRequestedById: OTHER },
      ],
      ['refuse-identity-reveal', 'closed', 'protection', { revealStage: 'requested', revealRequestedById: OTHER }],
      [
        'reveal-identity',
        'closed',
        'reviewer',
        { identityOnFile: true, revealStage: 'approved', revealRequestedById: ME },
      ],
      ['decide-continuation', 'verifying', 'reviewer', { withdrawalPending: true, reporterWithdrew: true }],
      ['open-protection-case', 'closed', 'protection', {}],
      ['refer-protection-case', 'reward-paid', 'protection', { openProtectionCases: 1 }],
      ['close-protection-case', 'verifying', 'protection', { openProtectionCases: 1 }],
    ];

    test('every staff action has the area guard', () => {
      expect(new Set(cases.map((c) => c[0]))).toEqual(
        new Set(workflowActionNames.filter((n) => workflowActions[n].actor === 'staff')),
      );
    });

    test.each(cases)(
      '%s (%s, %s) → out-of-area; open again with the area or the every-area grant, never with no areas',
      (name, state, role, over = {}) => {
        const r = record(state, over);
        expect(actionBlocker(name, r, limited(role))).toBe('out-of-area');
        expect(allowedActions(r, limited(role))).toEqual([]);
        expect(actionBlocker(name, r, actor(role, { areaCodes: ['410581', '410503'] }))).toBeNull();
        expect(actionBlocker(name, r, actor(role, { areaCodes: [], allAreas: true }))).toBeNull();
        expect(actionBlocker(name, r, actor(role, { areaCodes: [], allAreas: false }))).toBe('out-of-area');
      },
    );
  });

  describe('not-assigned-verifier', () => {
    test.each([
      ['start-verification', 'assigned'],
      ['request-extension', 'assigned'],
      ['request-extension', 'verifying'],
      ['refer-unverifiable', 'verifying'],
      ['submit-findings', 'verifying'],
    ] as [WorkflowActionName, ReportState][])('%s on %s by another verifier → not-assigned-verifier', (name, state) => {
      expect(actionBlocker(name, record(state, { assignedVerifierId: OTHER }), actor('verifier'))).toBe(
        'not-assigned-verifier',
      );
      expect(actionBlocker(name, record(state, { assignedVerifierId: undefined }), actor('verifier'))).toBe(
        'not-assigned-verifier',
      );
      expect(actionBlocker(name, record(state), actor('verifier'))).toBeNull();
    });

    test('another verifier has no actions on the report', () => {
      expect(allowedActions(record('assigned', { assignedVerifierId: OTHER }), actor('verifier'))).toEqual([]);
      expect(allowedActions(record('verifying', { assignedVerifierId: OTHER }), actor('verifier'))).toEqual([]);
    });

    test('intake may reassign whoever is assigned', () => {
      expect(actionBlocker('reassign', record('verifying', { assignedVerifierId: OTHER }), actor('intake'))).toBeNull();
    });
  });

  describe('four-eyes', () => {
    test.each(['approve-findings', 'return-findings'] as WorkflowActionName[])(
      '%s by the reviewer who wrote the findings → four-eyes',
      (name) => {
        expect(actionBlocker(name, record('findings-submitted', { findingsById: ME }), actor('reviewer'))).toBe(
          'four-eyes',
        );
        expect(
          actionBlocker(name, record('findings-submitted', { findingsById: OTHER }), actor('reviewer')),
        ).toBeNull();
        expect(
          actionBlocker(name, record('findings-submitted', { findingsById: undefined }), actor('reviewer')),
        ).toBeNull();
      },
    );

    test('the findings author has no review actions', () => {
      expect(allowedActions(record('findings-submitted', { findingsById: ME }), actor('reviewer'))).toEqual([]);
    });
  });

  describe('reward four-eyes', () => {
    test('the proposer neither confirms nor returns their own proposal', () => {
      expect(
        actionBlocker('confirm-reward', record('reward-proposed', { rewardProposedById: ME }), actor('reviewer')),
      ).toBe('four-eyes');
      expect(
        actionBlocker('return-reward', record('reward-proposed', { rewardProposedById: ME }), actor('reviewer')),
      ).toBe('four-eyes');
      expect(
        actionBlocker('confirm-reward', record('reward-proposed', { rewardProposedById: OTHER }), actor('reviewer')),
      ).toBeNull();
    });

    test('an appeal is decided by someone who neither proposed, reviewed nor approved the reward', () => {
      expect(
        actionBlocker('decide-appeal', record('reward-appealed', { rewardReviewedById: ME }), actor('reviewer')),
      ).toBe('four-eyes');
      expect(
        actionBlocker('decide-appeal', record('reward-appealed', { rewardProposedById: ME }), actor('reviewer')),
      ).toBe('four-eyes');
      expect(
        actionBlocker('decide-appeal', record('reward-appealed', { rewardApprovedById: ME }), actor('reviewer')),
      ).toBe('four-eyes');
      expect(
        actionBlocker(
          'decide-appeal',
          record('reward-appealed', {
            rewardProposedById: OTHER,
            rewardReviewedById: OTHER,
            rewardApprovedById: OTHER,
          }),
          actor('reviewer'),
        ),
      ).toBeNull();
    });

    // Guards look at the people recorded on the report, not at roles: a role change opens nothing.
    test.each([
      ['approve-reward', 'reward-reviewed', { rewardProposedById: ME }],
      ['approve-reward', 'reward-reviewed', { rewardReviewedById: ME }],
      ['send-back-reward', 'reward-reviewed', { rewardProposedById: ME }],
      ['send-back-reward', 'reward-reviewed', { rewardReviewedById: ME }],
      ['record-payout', 'reward-claimed', { rewardProposedById: ME }],
      ['record-payout', 'reward-claimed', { rewardReviewedById: ME }],
      ['record-payout', 'reward-claimed', { rewardApprovedById: ME }],
    ] as [WorkflowActionName, ReportState, Partial<WorkflowRecord>][])(
      '%s on %s is refused to a finance officer recorded on the reward as %j',
      (name, state, who) => {
        expect(actionBlocker(name, record(state, who), actor('finance'))).toBe('four-eyes');
        expect(
          actionBlocker(
            name,
            record(state, { rewardProposedById: OTHER, rewardReviewedById: OTHER, rewardApprovedById: OTHER }),
            actor('finance'),
          ),
        ).toBeNull();
      },
    );

    test('a refusal is closed only once the appeal period is over', () => {
      expect(actionBlocker('close', record('reward-refused', { appealOpen: true }), actor('reviewer'))).toBe(
        'appeal-period',
      );
      expect(
        actionBlocker('close', record('reward-refused', { appealOpen: false, letterSent: true }), actor('reviewer')),
      ).toBeNull();
      // Other closable states do not wait on it.
      expect(
        actionBlocker('close', record('reward-paid', { appealOpen: true, letterSent: true }), actor('reviewer')),
      ).toBeNull();
    });

    test('a substantiated report is not closed before its reward decision, unless the reporter withdrew', () => {
      expect(actionBlocker('close', record('substantiated'), actor('reviewer'))).toBe('reward-undecided');
      const withdrew = { ...record('substantiated'), reporterWithdrew: true, letterSent: true };
      expect(actionBlocker('close', withdrew, actor('reviewer'))).toBeNull();
      expect(actionBlocker('close', { ...withdrew, letterSent: false }, actor('reviewer'))).toBe('letter-not-sent');
    });

    test('a reporter who withdrew takes no further step of theirs, and staff no longer write to them', () => {
      const withdrew = { ...record('verifying'), reporterWithdrew: true };
      for (const name of ['reporter-message', 'reporter-evidence', 'withdrawn'] as const)
        expect(actionBlocker(name, withdrew, { kind: 'reporter' })).toBe('reporter-withdrew');
      expect(actionBlocker('staff-message', withdrew, actor('intake'))).toBe('reporter-withdrew');
    });

    test('a case the reporter withdrew from is concluded only after the decision to continue', () => {
      const pending = { withdrawalPending: true, reporterWithdrew: true };
      expect(actionBlocker('approve-findings', record('findings-submitted', pending), actor('reviewer'))).toBe(
        'withdrawal-pending',
      );
      const referred = record('referred-up', { ...pending, assignedVerifierId: OTHER });
      expect(actionBlocker('decide-referral', referred, actor('reviewer'))).toBe('withdrawal-pending');
      expect(actionBlocker('decide-continuation', referred, actor('reviewer'))).toBeNull();
      const decided = { withdrawalPending: false, reporterWithdrew: true };
      expect(actionBlocker('approve-findings', record('findings-submitted', decided), actor('reviewer'))).toBeNull();
    });

    test('the claim deadline is extended once', () => {
      expect(
        actionBlocker('extend-claim', record('reward-approved', { claimExtensionUsed: true }), actor('finance')),
      ).toBe('extension-used');
    });
  });

  describe('extension-used', () => {
    test.each(['assigned', 'verifying'] as ReportState[])(
      'request-extension on %s once an extension was used → extension-used',
      (state) => {
        expect(actionBlocker('request-extension', record(state, { extensionUsed: true }), actor('verifier'))).toBe(
          'extension-used',
        );
        expect(allowedActions(record(state, { extensionUsed: true }), actor('verifier'))).not.toContain(
          'request-extension',
        );
        expect(
          actionBlocker('request-extension', record(state, { extensionUsed: false }), actor('verifier')),
        ).toBeNull();
      },
    );

    test('the guards run in order: area before assignment before the extension', () => {
      const r = record('verifying', { assignedVerifierId: OTHER, extensionUsed: true });
      expect(actionBlocker('request-extension', r, actor('verifier', { areaCodes: ['410581'] }))).toBe('out-of-area');
      expect(actionBlocker('request-extension', r, actor('verifier'))).toBe('not-assigned-verifier');
    });
  });

  describe('levels: extensions and referrals by the unit or the level above, objections by the level above', () => {
    const countyCase = (over: Partial<WorkflowRecord> = {}) =>
      record('verifying', {
        assignedVerifierId: OTHER,
        assignedUnitCode: 'emb-410503',
        assignedUnitLevel: 'county',
        extensionRequested: true,
        ...over,
      });
    const county = (unitCode: string) => actor('reviewer', { unitCode, level: 'county' });

    test("an extension is decided by the verifying unit's own reviewer or the city, never another county", () => {
      for (const name of ['approve-extension', 'refuse-extension'] as WorkflowActionName[]) {
        expect(actionBlocker(name, countyCase(), county('emb-410503'))).toBeNull();
        expect(actionBlocker(name, countyCase(), actor('reviewer'))).toBeNull();
        expect(actionBlocker(name, countyCase(), county('emb-410502'))).toBe('not-level-above');
        // A city unit's extension: its own reviewer, or another city reviewer.
        const cityCase = countyCase({ assignedUnitCode: 'city-fire', assignedUnitLevel: 'city' });
        expect(actionBlocker(name, cityCase, actor('reviewer', { unitCode: 'city-fire' }))).toBeNull();
        // Above a city department is the province, outside the system: another city reviewer decides; a county one never.
        expect(actionBlocker(name, cityCase, actor('reviewer'))).toBeNull();
        expect(actionBlocker(name, cityCase, county('emb-410503'))).toBe('not-level-above');
        // Nobody decides their own request, and there must be one.
        expect(actionBlocker(name, countyCase({ assignedVerifierId: ME }), county('emb-410503'))).toBe('four-eyes');
        // Nor whoever asked, even reassigned away from the report and holding another role now.
        expect(actionBlocker(name, countyCase({ extensionRequestedById: ME }), county('emb-410503'))).toBe('four-eyes');
        expect(actionBlocker(name, countyCase({ extensionRequested: false }), county('emb-410503'))).toBe(
          'no-extension-request',
        );
      }
      expect(actionBlocker('request-extension', countyCase({ assignedVerifierId: ME }), actor('verifier'))).toBe(
        'extension-pending',
      );
    });

    test('a referral goes to the level above: never the verifying unit itself', () => {
      const referred = countyCase({ status: 'referred-up', extensionRequested: false });
      expect(actionBlocker('decide-referral', referred, county('emb-410503'))).toBe('not-level-above');
      expect(actionBlocker('decide-referral', referred, actor('reviewer'))).toBeNull();
      expect(actionBlocker('decide-referral', referred, county('emb-410502'))).toBe('not-level-above');
      expect(actionBlocker('decide-referral', { ...referred, assignedVerifierId: ME }, actor('reviewer'))).toBe(
        'four-eyes',
      );
    });

    test('an objection to a county conclusion goes to the city; to a city one, to city staff who took no part', () => {
      const objected = (over: Partial<WorkflowRecord>) => record('objected', { involvedIds: [OTHER], ...over });
      expect(actionBlocker('decide-objection', objected({ conclusionLevel: 'county' }), actor('reviewer'))).toBeNull();
      expect(actionBlocker('decide-objection', objected({ conclusionLevel: 'county' }), county('emb-410503'))).toBe(
        'not-level-above',
      );
      expect(actionBlocker('decide-objection', objected({ conclusionLevel: 'city' }), actor('reviewer'))).toBeNull();
      expect(
        actionBlocker('decide-objection', objected({ conclusionLevel: 'city', involvedIds: [ME] }), actor('reviewer')),
      ).toBe('not-level-above');
      expect(
        actionBlocker(
          'decide-objection',
          objected({ conclusionLevel: 'county', involvedIds: [ME] }),
          actor('reviewer'),
        ),
      ).toBe('four-eyes');
    });
  });

  describe('the result letter, the objection period and closing', () => {
    test('the letter goes once; closing waits for it and for the objection period', () => {
      expect(actionBlocker('send-result-letter', record('rejected', { letterSent: true }), actor('intake'))).toBe(
        'letter-sent',
      );
      expect(actionBlocker('close', record('unsubstantiated'), actor('intake'))).toBe('letter-not-sent');
      expect(
        actionBlocker('close', record('unverifiable', { letterSent: true, objectionOpen: true }), actor('intake')),
      ).toBe('objection-period');
      expect(actionBlocker('close', record('unverifiable', { letterSent: true }), actor('intake'))).toBeNull();
      expect(actionBlocker('close', record('reward-paid', { letterSent: true }), actor('reviewer'))).toBeNull();
    });

    test('a transferred report closes once its result is in, without a letter', () => {
      expect(actionBlocker('close', record('transferred'), actor('intake'))).toBe('transfer-result-missing');
      expect(actionBlocker('close', record('transferred', { transferResultIn: true }), actor('intake'))).toBeNull();
    });

    test('the reporter objects within the period, to an objectable conclusion only', () => {
      const reporter = { kind: 'reporter' } as const;
      expect(actionBlocker('objection-filed', record('unsubstantiated', { objectionOpen: true }), reporter)).toBeNull();
      expect(actionBlocker('objection-filed', record('unsubstantiated'), reporter)).toBe('objection-period');
      expect(actionBlocker('objection-filed', record('substantiated', { objectionOpen: true }), reporter)).toBe(
        'wrong-state',
      );
    });

    test('the letter reminders stop once it is sent; the review reminders run while objected', () => {
      const system = { kind: 'system' } as const;
      expect(actionBlocker('letter-reminder', record('unsubstantiated'), system)).toBeNull();
      expect(actionBlocker('letter-escalated', record('unsubstantiated', { letterSent: true }), system)).toBe(
        'letter-sent',
      );
      expect(actionBlocker('letter-escalated', record('rejected', { sent: { letterEscalation: true } }), system)).toBe(
        'already-sent',
      );
      expect(actionBlocker('objection-review-reminder', record('objected'), system)).toBeNull();
      expect(actionBlocker('objection-review-reminder', record('unsubstantiated'), system)).toBe('wrong-state');
    });

    test("a death case's reward waits for the investigation's grade", () => {
      expect(actionBlocker('propose-reward', record('substantiated', { gradePending: true }), actor('verifier'))).toBe(
        'grade-pending',
      );
      expect(actionBlocker('record-investigation', record('substantiated'), actor('reviewer'))).toBe('grade-pending');
    });
  });
});

describe('the graph', () => {
  test('every action’s from-states and to-state are real states; staff actions name their roles, the reporter’s and the jobs’ none', () => {
    for (const name of workflowActionNames) {
      const a = workflowActions[name];
      expect(a.from.length).toBeGreaterThan(0);
      for (const s of a.from) expect(reportStates).toContain(s);
      if (a.to !== null) expect(reportStates).toContain(a.to);
      if (a.actor === 'staff') expect(a.roles.length).toBeGreaterThan(0);
      else expect([name, a.roles]).toEqual([name, []]);
      for (const r of a.roles) expect(roles).toContain(r);
    }
  });

  /** Where each action can lead: the table's `to`, or the states its change may choose. */
  const changeDecided: Partial<Record<WorkflowActionName, ReportState[]>> = {
    'approve-findings': ['substantiated', 'unsubstantiated'],
    'confirm-reward': ['reward-reviewed', 'reward-refused'],
    'decide-appeal': ['reward-reviewed', 'reward-approved', 'reward-refused'],
    'decide-referral': ['unverifiable', 'assigned'],
    // Upheld: back to the conclusion objected to; reopened: screening again, or a new verification.
    'decide-objection': ['unsubstantiated', 'unverifiable', 'rejected', 'screening', 'assigned'],
    // An answer while screening waits on the reporter resumes it.
    'reporter-message': ['screening'],
    'reporter-evidence': ['screening'],
    // Before acceptance a withdrawal ends the report; after it the bureau decides, and may end it.
    withdrawn: ['withdrawn'],
    'decide-continuation': ['withdrawn'],
  };
  const edgesOf = (name: WorkflowActionName): [ReportState, ReportState][] => {
    const a = workflowActions[name];
    const targets: readonly ReportState[] = a.to !== null ? [a.to] : (changeDecided[name] ?? []);
    return a.from.flatMap((from) => targets.map((to) => [from, to] as [ReportState, ReportState]));
  };

  test('every state is reachable from submitted through the table’s actions alone (staff, reporter and jobs)', () => {
    const edges = workflowActionNames.flatMap(edgesOf);
    const seen = new Set<ReportState>(['submitted']);
    for (let grew = true; grew;) {
      grew = false;
      for (const [from, to] of edges)
        if (seen.has(from) && !seen.has(to)) {
          seen.add(to);
          grew = true;
        }
    }
    expect([...seen].sort()).toEqual([...reportStates].sort());
  });

  test('the reporter’s and the jobs’ steps are the only way into reward-claimed, reward-appealed and reward-lapsed; into withdrawn only the reporter’s withdrawal or the decision after it', () => {
    const into = (state: ReportState) =>
      workflowActionNames
        .filter((n) => edgesOf(n).some(([, to]) => to === state))
        .map((n) => [n, workflowActions[n].actor]);
    expect(into('withdrawn')).toEqual([
      ['decide-continuation', 'staff'],
      ['withdrawn', 'reporter'],
    ]);
    expect(into('reward-claimed')).toEqual([['reward-claimed', 'reporter']]);
    expect(into('reward-appealed')).toEqual([['reward-appealed', 'reporter']]);
    expect(into('reward-lapsed')).toEqual([['reward-lapsed', 'system']]);
  });

  test('final states have no way out: a rejected report only by objection, a transferred one only by closing', () => {
    // The reporter's answer resumes only screening that waits on it (awaiting-information).
    const resumesScreening = (n: WorkflowActionName) => n === 'reporter-message' || n === 'reporter-evidence';
    const waysOut = (state: ReportState) =>
      workflowActionNames.filter(
        (n) => !resumesScreening(n) && edgesOf(n).some(([from, to]) => from === state && to !== state),
      );
    for (const state of ['duplicate', 'withdrawn', 'closed'] as ReportState[])
      expect([state, waysOut(state)]).toEqual([state, []]);
    expect(waysOut('rejected')).toEqual(['objection-filed']);
    expect(waysOut('transferred')).toEqual(['close']);
    // Besides the conversation, only the steps that protect the reporter or delete their data, which apply in any state.
    const anyState = (n: WorkflowActionName) => workflowActions[n].from.length === reportStates.length;
    for (const state of ['duplicate', 'withdrawn'] as ReportState[])
      for (const name of workflowActionNames)
        if ((workflowActions[name].from as readonly ReportState[]).includes(state) && !anyState(name))
          expect([state, name]).toEqual([state, expect.stringMatching(/^(staff|reporter)-message$/)]);
  });

  test('only a transferred report keeps its conversation among the final states', () => {
    expect(stateGroups.conversationClosed).not.toContain('transferred');
    for (const state of ['rejected', 'duplicate', 'withdrawn', 'closed'] as ReportState[])
      expect(stateGroups.conversationClosed as readonly string[]).toContain(state);
  });

  test('the console’s action bar offers staff actions only; the rest have endpoints of their own', () => {
    for (const name of caseActionNames) expect(workflowActions[name].actor).toBe('staff');
    expect(workflowActionNames.filter((n) => !caseActionNames.includes(n)).sort()).toEqual(
      [
        'staff-message',
        'reporter-message',
        'reporter-evidence',
        'withdrawn',
        'reward-claimed',
        'reward-appealed',
        'reward-lapsed',
        'acceptance-reminder',
        'acceptance-escalated',
        'deadline-reminder',
        'deadline-escalated',
        'objection-filed',
        'still-there',
        'record-reinspection',
        'letter-reminder',
        'letter-escalated',
        'objection-review-reminder',
        'objection-review-escalated',
        'rectification-overdue',
        'reveal-identity',
        'check-in-answered',
        'retaliation-reported',
        'duress-signal',
        'check-in-sent',
        'retention-deleted',
        'sample-drawn',
      ].sort(),
    );
  });

  test('a staff member can take no reporter or job step, and neither can take a staff step', () => {
    const reporter = { kind: 'reporter' } as const;
    const system = { kind: 'system' } as const;
    expect(actionBlocker('reward-claimed', record('reward-approved', { claimOpen: true }), actor('finance'))).toBe(
      'wrong-role',
    );
    expect(actionBlocker('reward-claimed', record('reward-approved', { claimOpen: true }), reporter)).toBeNull();
    expect(actionBlocker('reward-lapsed', record('reward-approved', { claimOpen: false }), reporter)).toBe(
      'wrong-role',
    );
    expect(actionBlocker('reward-lapsed', record('reward-approved', { claimOpen: false }), system)).toBeNull();
    expect(actionBlocker('reward-lapsed', record('reward-approved', { claimOpen: true }), system)).toBe('claim-period');
    expect(actionBlocker('accept', record('submitted'), reporter)).toBe('wrong-role');
    expect(
      actionBlocker('deadline-reminder', record('assigned', { sent: { verificationReminder: true } }), system),
    ).toBe('already-sent');
  });
});
