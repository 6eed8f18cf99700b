// Timeline and ledger notes are stored as a code and its parameters and worded in
// the reader's language from one catalogue (shared/notes.ts); notes stored before,
// as "中文 / English", still show their half, and staff's own words stay as written.
import request from 'supertest';
import { ledgerNoteText, noteKeys, noteText, storedNoteIn, type NoteParams } from '../../shared/notes';
import { workflowActions } from '../../shared/workflow';
import { LedgerEntry } from '../../server/fund/fund.model';
import { caseDriver, type Cases, type Receipt } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { paidReward } from '../support/paidReward';
import { startTestApp, type TestApp } from '../support/server';

jest.setTimeout(90_000);

const CJK = /[\u3400-\u9fff]/;

/** Parameters of every kind a template reads: money, instants, days, codes and staff's words. */
const sample: NoteParams = {
  amountFen: 750_000,
  fineFen: 500_000,
  claimDueAt: '2026-12-31T15:59:59.999Z',
  paidOn: '2026-12-01',
  receivedOn: '2026-12-02',
  newDueOn: '2026-12-20',
  issuedOn: '2026-11-30',
  days: 30,
  reason: 'R',
  note: 'N',
  duplicateOf: 'AY2026-0001',
  letterNo: 'AY2026-0001-L1',
  reportNo: 'DC-1',
  caseNo: 'P-1',
  voucherNo: 'FK-1',
  month: '2026-11',
  state: 'unsubstantiated',
  reasons: ['adjusted-beyond-band', 'bureau-meeting'],
  meetingMinutesNo: 'M-1',
  meetingOn: '2026-11-29',
  flags: ['same-payee'],
  ground: 'fraud',
  body: 'police',
  outcome: 'remedied',
  role: 'verifier',
  channel: 'hotline-12350',
};

describe('the note catalogue', () => {
  test.each(noteKeys)('%s is worded in Chinese and in English', (key) => {
    const zh = noteText({ noteKey: key, noteParams: sample }, 'zh')!;
    const en = noteText({ noteKey: key, noteParams: sample }, 'en')!;
    expect(zh).toMatch(CJK);
    // Every code a template looks up is worded: none is left in the sentence.
    expect(zh).not.toMatch(/[a-z]+-[a-z]+/);
    expect(en).not.toMatch(CJK);
    for (const text of [zh, en]) {
      expect(text).not.toContain(' / ');
      expect(text).not.toContain('undefined');
    }
  });

  test('money is written from fen and an instant as its Shanghai day', () => {
    const params = { amountFen: 750_000, claimDueAt: '2026-12-31T16:30:00.000Z' };
    expect(noteText({ noteKey: 'reward.approved', noteParams: params }, 'zh')).toBe(
      '奖励 7,500.00 元已批准，请于 2027-01-01 前在查询页面申领',
    );
    expect(noteText({ noteKey: 'reward.approved', noteParams: params }, 'en')).toBe(
      'A reward of 7,500.00 yuan was approved; claim it on the follow-up page by 2027-01-01',
    );
  });

  test('notes stored as "中文 / English" show the half in the reader\'s language', () => {
    const old = '奖励 7,500.00 元已批准，请于 2026-12-31 前在查询页面申领 / A reward of 7,500.00 yuan was approved';
    expect(noteText({ note: old }, 'zh')).toBe('奖励 7,500.00 元已批准，请于 2026-12-31 前在查询页面申领');
    expect(noteText({ note: old }, 'en')).toBe('A reward of 7,500.00 yuan was approved');
    const reasons = '不属实 / Not substantiated；已处理 / Already handled';
    expect(storedNoteIn(reasons, 'en')).toBe('Not substantiated; Already handled');
    expect(storedNoteIn(reasons, 'zh')).toBe('不属实；已处理');
  });

  test('the channel an entered or dispatched report came by, stored raw before it was a code, is named', () => {
    expect(noteText({ note: 'channel: hotline-12350' }, 'zh')).toBe('举报渠道：12350 热线');
    expect(noteText({ note: 'channel: partner' }, 'en')).toBe('Channel: Dispatched by a partner system');
    expect(noteText({ noteKey: 'report.channel', noteParams: { channel: 'letter' } }, 'zh')).toBe('举报渠道：来信');
    // A channel this version does not know is shown by its code, not dropped.
    expect(noteText({ noteKey: 'report.channel', noteParams: { channel: 'wechat' } }, 'en')).toBe('Channel: wechat');
  });

  test("staff's own words are shown as written, slashes and all", () => {
    for (const note of ['仓库 A / B 两处通道已清理', 'see 2 / 3', '已办结。'])
      for (const lang of ['zh', 'en'] as const) expect(noteText({ note }, lang)).toBe(note);
  });

  test('ledger entries written with a step code or an English word show a name', () => {
    expect(ledgerNoteText({ note: 'approve-reward' }, 'zh')).toBe(workflowActions['approve-reward'].name.zh);
    expect(ledgerNoteText({ step: 'approve-reward' }, 'en')).toMatch(/^[A-Z]/);
    expect(ledgerNoteText({ note: 'lapsed' }, 'zh')).toMatch(CJK);
    expect(ledgerNoteText({ note: '付款凭证 FK-1 / voucher FK-1' }, 'zh')).toBe('付款凭证 FK-1');
  });
});

describe('a reward walked to payment', () => {
  let t: TestApp;
  let c: Cases;
  let receipt: Receipt;
  let reference = '';
  beforeAll(async () => {
    t = await startTestApp(intakeEnv);
    c = await caseDriver(t);
    receipt = await paidReward(t, c);
    reference = receipt.reference;
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('stores codes and parameters, never a bilingual sentence', async () => {
    const stored = await c.stored(reference);
    const approved = stored.timeline.find((s) => s.type === 'approve-reward')!;
    expect(approved.noteKey).toBe('reward.approved');
    expect(approved.noteParams).toEqual({ amountFen: expect.any(Number), claimDueAt: expect.any(String) });
    expect(approved.note).toBeUndefined();
    for (const step of stored.timeline) expect(step.note ?? '').not.toContain(' / ');
    const paid = stored.timeline.find((s) => s.type === 'record-payout')!;
    expect(paid.noteKey).toBe('reward.paid');
  });

  test('the staff and reporter views carry the code, which each reader words in their language', async () => {
    const staffView = await c.view(reference, c.staff.reviewer);
    const step = (staffView.body.timeline as { type: string; noteKey?: string; noteParams?: NoteParams }[]).find(
      (s) => s.type === 'approve-reward',
    )!;
    expect(step.noteKey).toBe('reward.approved');
    expect(noteText(step, 'zh')).toMatch(/^奖励 [\d,]+\.\d\d 元已批准/);

    const token = await c.followupToken(receipt);
    const mine = await c.reporter(request(t.app).get('/api/v1/followup/report'), token);
    expect(mine.status).toBe(200);
    const told = (mine.body.timeline as { type: string; noteKey?: string }[]).find((s) => s.type === 'approve-reward');
    expect(told?.noteKey).toBe('reward.approved');
  });

  test("the ledger's entries for the reward show names in the reader's language", async () => {
    const entries = await LedgerEntry.find({ rewardId: reference }).lean();
    expect(entries.map((e) => e.kind).sort()).toEqual(['pay', 'reserve']);
    for (const e of entries) {
      const zh = ledgerNoteText(e, 'zh')!;
      expect(zh).toMatch(CJK);
      expect(zh).not.toMatch(/[a-z]+-[a-z]+/);
      expect(ledgerNoteText(e, 'en')).not.toMatch(CJK);
    }
    const res = await c.get('/api/v1/fund/ledger?pageSize=200', c.staff.finance);
    expect(res.status).toBe(200);
    const pay = (res.body.items as { rewardId?: string; kind: string; noteKey?: string }[]).find(
      (e) => e.rewardId === reference && e.kind === 'pay',
    );
    expect(pay?.noteKey).toBe('ledger.voucher');
  });
});
