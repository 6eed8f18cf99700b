// Data every installation starts with (departments, categories), and the demo
// set: staff accounts at both levels and the bureau's 5,000,000-yuan reward fund.
import type { Role } from '../../shared/roles';
import { appendAudit } from '../audit/auditLog';
import { hashPassword } from '../staff/passwords';
import { inTransaction } from '../platform/db';
import { Fund, LedgerEntry, MAIN_FUND } from '../fund/fund.model';
import { Staff } from '../staff/staff.model';
import { applyJurisdictionSeed, defaultResponsibilities as seededResponsibilities } from '../jurisdiction/applySeed';
import { DEFAULT_JURISDICTION, loadJurisdictionSeed } from '../jurisdiction/loadSeed';
import { areasOf } from '../jurisdiction/lookup';
import { rewardPoliciesOf } from '../jurisdiction/seedFormat';
import { seedPolicyVersions } from '../rewards/policyVersions';
import type { Logger } from 'pino';

/**
 * The jurisdiction seed (WOODPECKER_JURISDICTION) into an empty database: areas, sectors,
 * profile, departments, categories, responsibilities; and on every start the seed's
 * reward policy versions the database lacks (a new built-in version after an upgrade).
 */
export async function seedReferenceData(
  jurisdiction: string = DEFAULT_JURISDICTION,
  logger?: Logger,
): Promise<{ applied: boolean; seed: string }> {
  const seed = loadJurisdictionSeed(jurisdiction);
  const result = await applyJurisdictionSeed(seed);
  // A database that holds another jurisdiction keeps its own rules.
  if (result.seed === seed.name) await seedPolicyVersions(rewardPoliciesOf(seed), logger);
  else logger?.warn({ configured: seed.name, held: result.seed }, 'reward policies of the configured seed not added');
  return result;
}

/** The starting responsibility table of the default seed (server/jurisdiction/applySeed.ts). */
export const defaultResponsibilities = () => seededResponsibilities(loadJurisdictionSeed());

/**
 * The demo accounts. The administrator and the two finance officers work city-wide
 * (the every-area grant); the others list the areas they cover. Finance has two
 * people because whoever approves a reward never records its payment. Most work
 * at the city level; the 北关区 bureau's verifier and reviewer show the county
 * level (a unit with an area is a county one), and the city supervisor reviews
 * objections to county conclusions and decides what a county refers up.
 */
/** Stand-ins filled from the jurisdiction when the accounts are seeded: every report area, and the demo county (北关区 in Anyang: the second area). */
const EVERY_AREA = ['*'];
const DEMO_COUNTY = '410503';

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
    areaCodes: EVERY_AREA,
    allAreas: false,
  },
  {
    username: 'verifier',
    role: 'verifier',
    displayName: '张强（核查人员）',
    unitCode: 'city-enforcement',
    areaCodes: EVERY_AREA,
    allAreas: false,
  },
  {
    username: 'reviewer',
    role: 'reviewer',
    displayName: '刘洋（审核人）',
    unitCode: 'city-emb',
    areaCodes: EVERY_AREA,
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
    unitCode: `emb-${DEMO_COUNTY}`,
    areaCodes: [DEMO_COUNTY],
    allAreas: false,
  },
  {
    username: 'county-reviewer',
    role: 'reviewer',
    displayName: '周敏（北关区应急管理局 审核人）',
    unitCode: `emb-${DEMO_COUNTY}`,
    areaCodes: [DEMO_COUNTY],
    allAreas: false,
  },
  {
    username: 'supervisor',
    role: 'reviewer',
    displayName: '吴刚（市应急管理局 督查复查）',
    unitCode: 'city-emb',
    areaCodes: EVERY_AREA,
    allAreas: false,
  },
];

/**
 * Creates the demo accounts, or gives existing ones the current demo password and
 * their demo scope (demo data made before areas failed closed get the grant here).
 */
export async function seedDemoStaff(password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const areas = await areasOf();
  const county = areas.find((a) => a.code === DEMO_COUNTY) ?? areas[1] ?? areas[0];
  const local = (text: string) => text.replaceAll(DEMO_COUNTY, county.code).replace('北关区', county.name.zh);
  for (const demo of demoAccounts) {
    const a = {
      ...demo,
      displayName: local(demo.displayName),
      unitCode: local(demo.unitCode),
      areaCodes: demo.areaCodes === EVERY_AREA ? areas.map((x) => x.code) : demo.areaCodes.map(local),
    };
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
