// A reward taken over HTTP from substantiated findings to money paid: proposed,
// confirmed, approved (from a source), claimed by the reporter and paid by the
// cashier. For suites about what follows a payment.
import request from 'supertest';
import { shanghaiDay } from '../../shared/dates';
import { residentIdCheckCharacter } from '../../shared/schemas/claim';
import type { Cases, Receipt } from './cases';
import type { TestApp } from './server';

export const claimDetails = {
  name: '王五',
  idNumber: '11010519491231002X',
  phone: '13800000000',
  bankName: '中国工商银行安阳分行',
  bankAccount: '6222 0210 0101 2345 678',
};

let payees = 0;
/**
 * The reporter's claim with an ID number and account of its own: each paid reward
 * here is a different payee, so the claim checks flag none of them as the same one.
 */
export function ownPayeeClaim() {
  const body = `11010519800101${String(++payees % 1000).padStart(3, '0')}`;
  const idNumber = body + residentIdCheckCharacter(body);
  return { ...claimDetails, idNumber, bankAccount: `62220210${String(Date.now()).slice(-7)}${payees}` };
}

let keys = 0;
/** A fresh Idempotency-Key header. */
export const moneyKey = () => ({ 'Idempotency-Key': `test-key-${Date.now()}-${++keys}` });

/** What a test changes on the way: the report, the findings, the verifier's proposal, the source. */
interface RewardOver {
  report?: Record<string, unknown>;
  findings?: Record<string, unknown>;
  proposal?: Record<string, unknown>;
  fundSource?: string;
}

export async function approvedReward(t: TestApp, c: Cases, over: RewardOver = {}): Promise<Receipt> {
  const r = await c.reportAt('substantiated', over);
  await c.ok(r.reference, 'propose-reward', over.proposal ?? {}, c.staff.verifier);
  await c.ok(r.reference, 'confirm-reward', {}, c.staff.reviewer);
  const source = over.fundSource ? { fundSource: over.fundSource } : {};
  await c.ok(r.reference, 'approve-reward', source, c.staff.finance, moneyKey());
  return r;
}

export async function paidReward(t: TestApp, c: Cases, over: RewardOver = {}): Promise<Receipt> {
  const r = await approvedReward(t, c, over);
  const token = await c.followupToken(r);
  const claimed = await c.reporter(request(t.app).post('/api/v1/followup/claim'), token).send(ownPayeeClaim());
  if (claimed.status !== 200) throw new Error(`claim failed: ${claimed.status} ${JSON.stringify(claimed.body)}`);
  await c.ok(
    r.reference,
    'record-payout',
    { voucherNo: `FK-${r.reference}`, paidOn: shanghaiDay(), claimantChecked: true },
    c.cashier,
    moneyKey(),
  );
  return r;
}
