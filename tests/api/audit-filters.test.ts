// The audit log's filters: by staff member, action, target and period (Shanghai
// days), alone and combined; bad input is refused with 400 and changes nothing.
// Each action has a name in both languages, and the reporter's steps are the reporter's.
import { shanghaiDay } from '../../shared/dates';
import { auditActionLabel, auditActorKind, knownAuditActions } from '../../shared/auditActions';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { caseDriver, type Cases } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { paidReward } from '../support/paidReward';
import { startTestApp, type TestApp } from '../support/server';
import { expectProblem } from '../support/staff';

jest.setTimeout(90_000);

type Entry = { seq: number; at: string; actor: { id: string } | null; action: string; target: { id: string } | null };

let t: TestApp;
let c: Cases;
let first = '';
let second = '';

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  first = (await paidReward(t, c)).reference;
  second = (await paidReward(t, c)).reference;
});
afterAll(async () => {
  await t?.stop();
});

const list = async (query: string) => {
  const res = await c.get(`/api/v1/audit?limit=200${query ? `&${query}` : ''}`, c.staff.admin);
  expect(res.status).toBe(200);
  return res.body as { items: Entry[]; total: number };
};

describe('audit filters', () => {
  test('by staff member: only their entries', async () => {
    const finance = c.staff.finance.user.id;
    const { items, total } = await list(`actor=${finance}`);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(total).toBe(items.length);
    expect(items.every((e) => e.actor?.id === finance)).toBe(true);
  });

  test('by action: only that action', async () => {
    const { items } = await list('action=report.approve-reward');
    expect(items.map((e) => e.target?.id).sort()).toEqual([first, second].sort());
    expect(items.every((e) => e.action === 'report.approve-reward')).toBe(true);
  });

  test("by target: one report's entries, newest first", async () => {
    const { items } = await list(`target=${first}`);
    expect(items.length).toBeGreaterThan(5);
    expect(items.every((e) => e.target?.id === first)).toBe(true);
    expect(items.map((e) => e.seq)).toEqual([...items.map((e) => e.seq)].sort((a, b) => b - a));
  });

  test('by period: Shanghai days, both ends included', async () => {
    const today = shanghaiDay();
    const { items } = await list(`from=${today}&to=${today}`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => shanghaiDay(new Date(e.at)) === today)).toBe(true);
    expect((await list('from=2001-01-01&to=2001-01-31')).items).toEqual([]);
  });

  test('combined: every filter applies', async () => {
    const finance = c.staff.finance.user.id;
    const today = shanghaiDay();
    const { items, total } = await list(`actor=${finance}&action=report.approve-reward&target=${second}&from=${today}`);
    expect(items).toHaveLength(1);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ action: 'report.approve-reward', target: { id: second }, actor: { id: finance } });
    expect((await list(`actor=${finance}&action=report.record-payout`)).items).toEqual([]);
  });

  test('paging within a filter goes on from the last entry shown', async () => {
    const all = (await list(`target=${first}`)).items;
    const res = await c.get(`/api/v1/audit?limit=2&target=${first}`, c.staff.admin);
    const next = await c.get(`/api/v1/audit?limit=2&target=${first}&before=${res.body.items[1].seq}`, c.staff.admin);
    expect([...res.body.items, ...next.body.items].map((e: Entry) => e.seq)).toEqual(all.slice(0, 4).map((e) => e.seq));
  });

  test.each([
    ['a malformed day', 'from=2026-13-40'],
    ['a period that ends before it starts', 'from=2026-12-02&to=2026-12-01'],
    ['an action that is not a code', 'action=%24where'],
    ['an empty staff id', 'actor='],
    ['an over-long target', `target=${'x'.repeat(81)}`],
  ])('%s is refused with 400 and changes nothing', async (_what, query) => {
    const before = await AuditEntry.countDocuments();
    const res = await c.get(`/api/v1/audit?${query}`, c.staff.admin);
    expectProblem(res, 400, 'request.invalid');
    expect(await AuditEntry.countDocuments()).toBe(before);
  });
});

describe('audit actions and actors as people read them', () => {
  test('every action the walk recorded has a name in both languages', async () => {
    const actions = new Set((await list('')).items.map((e) => e.action));
    for (const action of actions) {
      expect(knownAuditActions).toContain(action);
      expect(auditActionLabel(action, 'zh')).toMatch(/[\u3400-\u9fff]/);
      expect(auditActionLabel(action, 'en')).not.toBe(action);
    }
  });

  test("the reporter's claim is the reporter's, a job's step the system's", async () => {
    const claimed = (await list(`action=report.reward-claimed&target=${first}`)).items[0];
    expect(claimed.actor).toBeNull();
    expect(auditActorKind(claimed)).toBe('reporter');
    expect(auditActorKind({ actor: null, action: 'report.submit' })).toBe('reporter');
    expect(auditActorKind({ actor: null, action: 'report.reward-lapsed' })).toBe('system');
  });
});
