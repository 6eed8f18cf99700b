// Data every installation starts with (departments, categories), and the demo
// set: staff accounts at both levels and the bureau's 5,000,000-yuan reward fund.
import { categories, units, areaCodes, sectors } from '../../shared/catalog';
import type { Role } from '../../shared/roles';
import { appendAudit } from '../audit/auditLog';
import { hashPassword } from '../staff/passwords';
import { inTransaction } from '../platform/db';
import { Category } from '../catalog/category.model';
import { Fund, LedgerEntry, MAIN_FUND } from '../fund/fund.model';
import { Responsibility } from '../catalog/responsibility.model';
import { Staff } from '../staff/staff.model';
import { Unit } from '../catalog/unit.model';

export async function seedReferenceData(): Promise<void> {
  // $setOnInsert: administrators' later edits are never overwritten.
  await Unit.bulkWrite(
    units.map((u) => ({ updateOne: { filter: { code: u.code }, update: { $setOnInsert: u }, upsert: true } })),
  );
  await Category.bulkWrite(
    categories.map((c, order) => ({
      updateOne: { filter: { code: c.code }, update: { $setOnInsert: { ...c, order, active: true } }, upsert: true },
    })),
  );
  await Responsibility.bulkWrite(
    defaultResponsibilities().map((r) => ({
      updateOne: { filter: { sector: r.sector, area: r.area }, update: { $setOnInsert: r }, upsert: true },
    })),
  );
}

/**
 * The starting responsibility table. Supervision is territorial (属地管理): a
 * county department that supervises the sector takes it (the county emergency
 * bureaus: chemicals, non-coal mines, industry and trade, welding, other).
 * Sectors whose regulators have no county office in the catalog go to the city
 * department on the responsibility list (construction → housing, fire → fire
 * and rescue…); the county emergency bureau is the fallback.
 */
export function defaultResponsibilities(): { sector: string; area: string; unitCode: string }[] {
  return sectors.flatMap((s) =>
    areaCodes.map((area) => {
      const county = units.find((u) => u.areaCode === area && u.sectors.includes(s.code));
      const city = units.find((u) => !u.areaCode && u.sectors.includes(s.code));
      return { sector: s.code, area, unitCode: (county ?? city)?.code ?? `emb-${area}` };
    }),
  );
}

/**
 * The demo accounts. The administrator and the two finance officers work city-wide
 * (the every-area grant); the others list the areas they cover. Finance has two
 * people because whoever approves a reward never records its payment. Most work
 * at the city level; the 北关区 bureau's verifier and reviewer show the county
 * level (a unit with an area is a county one), and the city supervisor reviews
 * objections to county conclusions and decides what a county refers up.
 */
export const demoAccounts: {
  username: string;
  role: Role;
  displayName: string;
  unitCode: string;
  areaCodes: string[];
  allAreas: boolean;
}[] = [
  {
    username: 'admin',
    role: 'admin',
    displayName: '王敏（系统管理员）',
    unitCode: 'city-emb',
    areaCodes: [],
    allAreas: true,
  },
  {
    username: 'intake',
    role: 'intake',
    displayName: '李娜（受理员）',
    unitCode: 'city-emb',
    areaCodes: areaCodes,
    allAreas: false,
  },
  {
    username: 'verifier',
    role: 'verifier',
    displayName: '张强（核查人员）',
    unitCode: 'city-enforcement',
    areaCodes: areaCodes,
    allAreas: false,
  },
  {
    username: 'reviewer',
    role: 'reviewer',
    displayName: '刘洋（审核人）',
    unitCode: 'city-emb',
    areaCodes: areaCodes,
    allAreas: false,
  },
  {
    username: 'finance',
    role: 'finance',
    displayName: '陈静（财务）',
    unitCode: 'city-emb',
    areaCodes: [],
    allAreas: true,
  },
  {
    username: 'cashier',
    role: 'finance',
    displayName: '赵丽（出纳）',
    unitCode: 'city-emb',
    areaCodes: [],
    allAreas: true,
  },
  {
    username: 'leader',
    role: 'leader',
    displayName: '郑伟（副局长）',
    unitCode: 'city-emb',
    areaCodes: [],
    allAreas: true,
  },
  {
    username: 'discipline',
    role: 'discipline',
    displayName: '钱芳（纪检监察）',
    unitCode: 'city-emb',
    areaCodes: [],
    allAreas: true,
  },
  {
    username: 'protection',
    role: 'protection',
    displayName: '冯静（举报人保护专员）',
    unitCode: 'city-emb',
    areaCodes: [],
    allAreas: true,
  },
  {
    username: 'county-verifier',
    role: 'verifier',
    displayName: '孙浩（北关区应急管理局 核查人员）',
    unitCode: 'emb-410503',
    areaCodes: ['410503'],
    allAreas: false,
  },
  {
    username: 'county-reviewer',
    role: 'reviewer',
    displayName: '周敏（北关区应急管理局 审核人）',
    unitCode: 'emb-410503',
    areaCodes: ['410503'],
    allAreas: false,
  },
  {
    username: 'supervisor',
    role: 'reviewer',
    displayName: '吴刚（市应急管理局 督查复查）',
    unitCode: 'city-emb',
    areaCodes: areaCodes,
    allAreas: false,
  },
];

/**
 * Creates the demo accounts, or gives existing ones the current demo password and
 * their demo scope (demo data made before areas failed closed get the grant here).
 */
export async function seedDemoStaff(password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  for (const a of demoAccounts) {
    await Staff.updateOne(
      { username: a.username },
      {
        $set: { passwordHash, disabled: false, failedLogins: 0, allAreas: a.allAreas },
        $unset: { lockedUntil: 1 },
        $setOnInsert: { displayName: a.displayName, role: a.role, unitCode: a.unitCode, areaCodes: a.areaCodes },
      },
      { upsert: true },
    );
  }
}

export const INITIAL_APPROPRIATION_FEN = 5_000_000 * 100;

/**
 * The fund announced in the bureau's reply: 设立500万元奖励基金. Applied once, dated `openedAt`
 * (the demo dates it before its oldest back-dated report, so no payout precedes the fund).
 */
export async function seedFund(openedAt = new Date()): Promise<void> {
  const key = 'seed:initial-appropriation';
  if (await LedgerEntry.exists({ idempotencyKey: key })) return;
  await inTransaction(async (session) => {
    await LedgerEntry.create(
      [
        {
          fundId: MAIN_FUND,
          kind: 'appropriate',
          amountFen: INITIAL_APPROPRIATION_FEN,
          at: openedAt,
          note: '设立500万元奖励基金',
          idempotencyKey: key,
        },
      ],
      { session },
    );
    await Fund.updateOne(
      { _id: MAIN_FUND },
      { $inc: { appropriatedFen: INITIAL_APPROPRIATION_FEN }, $setOnInsert: { reservedFen: 0, paidFen: 0 } },
      { upsert: true, session },
    );
    await appendAudit(
      {
        actor: null,
        action: 'fund.appropriate',
        target: { type: 'fund', id: MAIN_FUND },
        details: { amountFen: INITIAL_APPROPRIATION_FEN, note: 'initial appropriation' },
      },
      session,
    );
  });
}
