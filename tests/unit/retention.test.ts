// The retention schedule's clock: when each class of a report's personal data is
// due, from which anchor, and what holds it. Dates move by passing `now`.
import { protectionPolicy, retentionSchedule, type DataClass } from '../../shared/protection/policy';
import { dueClasses, finalAt, retentionHold, settledAt } from '../../server/protection/retention';
import type { ReportFields } from '../../server/reports/report.model';

const DAY = 24 * 60 * 60_000;
const t0 = new Date('2026-03-02T04:00:00Z');
const plus = (d: Date, days: number) => new Date(d.getTime() + days * DAY);
const daysOf = (c: DataClass) => retentionSchedule.find((r) => r.dataClass === c)!.days;
const report = (fields: Record<string, unknown>) =>
  ({
    reference: 'WP-TEST-0001',
    submittedAt: plus(t0, -60),
    status: 'closed',
    statusChangedAt: t0,
    timeline: [],
    evidence: [],
    rectifications: [],
    ...fields,
  }) as unknown as ReportFields;

const settledClasses = ['reporter-identity', 'claim-bank-details', 'protection-details'];

describe('the final anchor', () => {
  test('a closed report: access keys after 30 days, evidence after 2 years, identity, claim and protection after 3', () => {
    const r = report({});
    expect(finalAt(r, t0)).toEqual(t0);
    expect(dueClasses(r, plus(t0, daysOf('access-keys')))).toEqual(['access-keys']);
    expect(dueClasses(r, plus(t0, daysOf('access-keys') - 0.01))).toEqual([]);
    expect(dueClasses(r, plus(t0, daysOf('evidence')))).toEqual(['access-keys', 'evidence']);
    expect(dueClasses(r, plus(t0, daysOf('reporter-identity') - 0.01))).toEqual(['access-keys', 'evidence']);
    expect(dueClasses(r, plus(t0, daysOf('reporter-identity')))).toEqual([
      ...settledClasses,
      'access-keys',
      'evidence',
    ]);
  });

  test.each(['duplicate', 'withdrawn'])('%s is final when its status was set', (status) => {
    const r = report({ status, statusChangedAt: plus(t0, 5) });
    expect(finalAt(r, plus(t0, 6))).toEqual(plus(t0, 5));
    expect(dueClasses(r, plus(t0, 34.9))).toEqual([]);
    expect(dueClasses(r, plus(t0, 35))).toEqual(['access-keys']);
  });

  test('a report from before statusChangedAt was kept is final from its last step', () => {
    const r = report({ statusChangedAt: undefined, timeline: [{ at: plus(t0, -3), type: 'close', public: true }] });
    expect(finalAt(r, t0)).toEqual(plus(t0, -3));
  });

  test('cases still open, or concluded but not closed, are never final', () => {
    for (const status of ['verifying', 'unsubstantiated', 'unverifiable', 'reward-lapsed', 'reward-refused']) {
      const r = report({ status });
      expect(finalAt(r, plus(t0, 5000))).toBeUndefined();
      expect(dueClasses(r, plus(t0, 5000))).toEqual([]);
    }
  });

  test('rejected: final only once the objection period is over', () => {
    const objectionDueAt = plus(t0, 15);
    const letterOut = { kind: 'rejected', at: t0, letterSentAt: t0, objectionDueAt };
    const r = report({ status: 'rejected', conclusion: letterOut });
    expect(finalAt(r, plus(t0, 14))).toBeUndefined();
    expect(finalAt(r, plus(t0, 16))).toEqual(objectionDueAt);
    expect(dueClasses(r, plus(objectionDueAt, 29.9))).toEqual([]);
    expect(dueClasses(r, plus(objectionDueAt, 30))).toEqual(['access-keys']);
    // No letter yet: the objection period has not even started.
    expect(
      finalAt(report({ status: 'rejected', conclusion: { kind: 'rejected', at: t0 } }), plus(t0, 400)),
    ).toBeUndefined();
    // Its one objection was decided and upheld: final from the return to rejected.
    const upheld = report({
      status: 'rejected',
      statusChangedAt: plus(t0, 40),
      conclusion: { ...letterOut, objectedAt: plus(t0, 10) },
    });
    expect(finalAt(upheld, plus(t0, 41))).toEqual(plus(t0, 40));
  });

  test('transferred: final once the receiving department’s result is recorded', () => {
    const sent = report({ status: 'transferred', transferredTo: { unitCode: 'x', at: t0 } });
    expect(finalAt(sent, plus(t0, 400))).toBeUndefined();
    const answered = report({
      status: 'transferred',
      transferredTo: { unitCode: 'x', at: t0, result: { receivedOn: '2026-03-20', recordedAt: plus(t0, 20) } },
    });
    expect(finalAt(answered, plus(t0, 21))).toEqual(plus(t0, 20));
    expect(dueClasses(answered, plus(t0, 50))).toEqual(['access-keys']);
  });
});

describe('the settled anchor', () => {
  const paidAt = plus(t0, -100);
  const paid = { amountFen: 50000, payout: { recordedAt: paidAt }, topUps: [], recoveries: [] };

  test('a paid reward settles at its payout, before the case is closed', () => {
    const r = report({ status: 'reward-paid', reward: paid });
    expect(settledAt(r, t0)).toEqual(paidAt);
    const years3 = plus(paidAt, daysOf('reporter-identity'));
    expect(dueClasses(r, plus(years3, -0.01))).toEqual([]);
    // Not final: the access keys and the evidence stay.
    expect(dueClasses(r, years3)).toEqual(settledClasses);
  });

  test('a later top-up or recovery recorded moves the anchor to it', () => {
    const later = plus(paidAt, 200);
    const topUp = report({
      status: 'closed',
      reward: { ...paid, topUps: [{ amountFen: 100, approvedAt: paidAt, recordedAt: later }] },
    });
    expect(settledAt(topUp, t0)).toEqual(later);
    const recovery = report({
      status: 'closed',
      reward: { ...paid, recoveries: [{ amountFen: 100, approvedAt: paidAt, recordedAt: later }] },
    });
    expect(settledAt(recovery, t0)).toEqual(later);
  });

  test('nothing paid: settled when the case became final', () => {
    expect(settledAt(report({ reward: { amountFen: 0, lapsedAt: plus(t0, -20) } }), t0)).toEqual(t0);
    expect(settledAt(report({ status: 'reward-lapsed' }), t0)).toBeUndefined();
  });
});

describe('what holds everything', () => {
  const late = plus(t0, 20 * 365);

  test('an open protection case; once closed the schedule resumes', () => {
    const open = { caseNo: 'BH-1', source: 'reporter', openedAt: t0, firstActionDueAt: t0, decisionDueAt: t0 };
    expect(retentionHold(report({ protection: { cases: [open] } }), late)).toBe('protection-case');
    expect(dueClasses(report({ protection: { cases: [open] } }), late)).toEqual([]);
    const closed = report({ protection: { cases: [{ ...open, closedAt: plus(t0, 10) }] } });
    expect(dueClasses(closed, late)).toHaveLength(5);
  });

  test('an objection or an appeal under review', () => {
    expect(retentionHold(report({ status: 'objected' }), late)).toBe('objection');
    expect(retentionHold(report({ status: 'reward-appealed', reward: { payout: { recordedAt: t0 } } }), late)).toBe(
      'appeal',
    );
    expect(dueClasses(report({ status: 'reward-appealed', reward: { payout: { recordedAt: t0 } } }), late)).toEqual([]);
  });

  test('a top-up or recovery proposed or approved but not yet recorded or refused', () => {
    const paid = { payout: { recordedAt: t0 } };
    for (const key of ['topUps', 'recoveries']) {
      const pending = report({ reward: { ...paid, [key]: [{ amountFen: 100, approvedAt: t0 }] } });
      expect(retentionHold(pending, late)).toBe('correction');
      expect(dueClasses(pending, late)).toEqual([]);
      const refused = report({ reward: { ...paid, [key]: [{ amountFen: 100, refusedAt: t0 }] } });
      expect(retentionHold(refused, late)).toBeUndefined();
    }
  });
});

describe('per class', () => {
  test('an insider keeps the access key until the last check-in’s answer period is over', () => {
    const concludedAt = plus(t0, -10);
    const lastAnswer = plus(
      concludedAt,
      Math.max(...protectionPolicy.checkInDays) + protectionPolicy.checkInAnswerDays,
    );
    const insider = report({ employeeOfSubject: true, conclusion: { kind: 'substantiated', at: concludedAt } });
    expect(dueClasses(insider, plus(t0, 31))).toEqual([]);
    expect(dueClasses(insider, plus(lastAnswer, -0.01))).toEqual([]);
    expect(dueClasses(insider, lastAnswer)).toEqual(['access-keys']);
    // The protection officer's assessment decides over what the reporter said.
    const assessed = report({
      employeeOfSubject: true,
      protection: { assessment: { insider: false } },
      conclusion: { kind: 'substantiated', at: concludedAt },
    });
    expect(dueClasses(assessed, plus(t0, 30))).toEqual(['access-keys']);
  });

  test('evidence of a substantiated report is kept for its longer period', () => {
    const rule = retentionSchedule.find((r) => r.dataClass === 'evidence')!;
    const r = report({ findings: { substantiated: true } });
    expect(dueClasses(r, plus(t0, rule.days + 1))).not.toContain('evidence');
    expect(dueClasses(r, plus(t0, rule.substantiatedDays! - 0.01))).not.toContain('evidence');
    expect(dueClasses(r, plus(t0, rule.substantiatedDays!))).toContain('evidence');
    expect(dueClasses(report({ findings: { substantiated: false } }), plus(t0, rule.days))).toContain('evidence');
  });

  test('classes already deleted are not due again', () => {
    const r = report({ deletedData: [{ dataClass: 'access-keys', at: plus(t0, 30) }] });
    expect(dueClasses(r, plus(t0, 31))).toEqual([]);
    expect(dueClasses(r, plus(t0, 3 * 365))).toEqual([...settledClasses, 'evidence']);
  });

  test('a class deleted before is due again once data of it is written again', () => {
    const deleted = [{ dataClass: 'protection-details', at: plus(t0, 3 * 365) }];
    const late = plus(t0, 3 * 365 + 10);
    const opened = { caseNo: 'PC-2', source: 'reporter', openedAt: plus(t0, 3 * 365 + 1), referrals: [] };
    const empty = report({
      deletedData: deleted,
      protection: { cases: [{ ...opened, closedAt: plus(t0, 3 * 365 + 5) }] },
    });
    expect(dueClasses(empty, late)).not.toContain('protection-details');
    for (const written of [
      { accountSealed: 'k1:new' },
      { outcomeNoteSealed: 'k1:note' },
      { referrals: [{ body: 'union', noteSealed: 'k1:note' }] },
    ]) {
      const again = report({
        deletedData: deleted,
        protection: { cases: [{ ...opened, ...written, closedAt: plus(t0, 3 * 365 + 5) }] },
      });
      expect(dueClasses(again, late)).toContain('protection-details');
    }
    const assessed = report({
      deletedData: deleted,
      protection: { assessment: { insider: true, note: '同班组仅三人' } },
    });
    expect(dueClasses(assessed, late)).toContain('protection-details');
  });

  test('access keys stay while the reporter may still say the hazard is there', () => {
    const completedAt = plus(t0, 20);
    const r = report({
      findings: { substantiated: true },
      rectifications: [{ status: 'completed', completedAt, reinspections: [] }],
    });
    expect(dueClasses(r, plus(t0, 31))).not.toContain('access-keys');
    expect(dueClasses(r, plus(completedAt, 45))).toContain('access-keys');
  });
});

describe('the notice phone', () => {
  test('goes as soon as the case is final, and only from a report that holds one', () => {
    const r = report({ noticePhoneSealed: 'k1:sealed' });
    expect(dueClasses({ ...r, status: 'verifying' } as ReportFields, plus(t0, 5))).toEqual([]);
    expect(dueClasses(r, plus(t0, -0.01))).toEqual([]);
    expect(dueClasses(r, t0)).toEqual(['notice-phone']);
    expect(dueClasses(report({}), t0)).toEqual([]);
  });

  test('an insider’s lasts through the check-ins, with the access key', () => {
    const concludedAt = plus(t0, -10);
    const lastAnswer = plus(
      concludedAt,
      Math.max(...protectionPolicy.checkInDays) + protectionPolicy.checkInAnswerDays,
    );
    const insider = report({
      employeeOfSubject: true,
      noticePhoneSealed: 'k1:sealed',
      conclusion: { kind: 'substantiated', at: concludedAt },
    });
    expect(dueClasses(insider, plus(lastAnswer, -0.01))).toEqual([]);
    expect(dueClasses(insider, lastAnswer)).toEqual(['access-keys', 'notice-phone']);
  });
});
