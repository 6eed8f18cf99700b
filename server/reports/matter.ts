// One matter, one case: at intake, inside the submitter's transaction, a report
// whose strong key (credit code + scheme) names a matter opened within the window
// by a case still open or rewarded is linked to that case; one that only shares
// the place key with an earlier report is flagged for the intake officer, never
// merged (a false merge would lose a report). Staff confirm a link with
// mark-duplicate or undo it with unlink-matter; the reporter is told nothing of
// another reporter's case.
import type { ClientSession } from 'mongoose';
import { trusted } from 'mongoose';
import { jurisdiction } from '../jurisdiction/lookup';
import { MatterClaim } from './matterClaim.model';
import { MATTER_WINDOW_MS, matterKeysOf, withinMatterWindow, type MatterKeys } from './matterKey';
import { Report, type ReportFields } from './report.model';

export interface IntakeMatterFacts {
  reference: string;
  /** When the report reached us: a letter's day of receipt, else the submission. */
  at: Date;
  now: Date;
  creditCode?: string;
  scheme: string;
  category: string;
  area: string;
  address?: string;
}

/** What the submitter stores on the new report. */
export interface IntakeMatter {
  matterKeys: MatterKeys & { at: Date };
  matter?: { of: string; key: 'credit-code'; linkedAt: Date };
  likelyMatter?: { of: string; key: 'place'; flaggedAt: Date };
}

/** Another submission rewrote the matter's claim between our read and write: the submitter runs again. */
export class MatterRaced extends Error {}

/** Ended without substance: a new report of the same enterprise is a matter of its own. */
const endedStates = ['rejected', 'duplicate', 'withdrawn', 'unsubstantiated', 'unverifiable', 'transferred'];

/** An earlier case a new report can join: still open, or rewarded (a closed case whose reward was paid). */
export function isLinkable(r: Pick<ReportFields, 'status' | 'reward'>): boolean {
  if (endedStates.includes(r.status)) return false;
  if (r.status === 'closed') return !!r.reward?.payout?.recordedAt;
  return true;
}

/** The names an address may start with: the area's and those of the areas above it (河南省安阳市文峰区…). */
async function areaNamesOf(code: string): Promise<string[]> {
  const { areas } = await jurisdiction();
  const names: string[] = [];
  for (let area = areas.find((a) => a.code === code); area; area = areas.find((a) => a.code === area!.parentCode))
    names.push(area.name.zh);
  return names;
}

/** The strong key's matter: link to its open case, or open it (again) with this report. */
async function claimMatter(key: string, f: IntakeMatterFacts, session: ClientSession) {
  const claim = await MatterClaim.findOne({ key }).session(session).lean();
  if (claim && withinMatterWindow(claim.firstAt, f.at)) {
    const first = await Report.findOne({ reference: claim.first }, { status: 1, reward: 1 }).session(session).lean();
    if (first && isLinkable(first)) {
      await Report.updateOne({ reference: claim.first }, { $set: { matterHead: true } }, { session });
      return { of: claim.first, key: 'credit-code' as const, linkedAt: f.now };
    }
  }
  // A report older than the matter's first (a letter entered late) neither joins nor reopens it.
  if (claim && f.at < claim.firstAt) return undefined;
  if (claim) {
    // Conditional on the claim as read: a transaction that raced us rewrote it first and we are retried.
    const moved = await MatterClaim.updateOne(
      { key, first: claim.first },
      { $set: { first: f.reference, firstAt: f.at } },
      { session },
    );
    if (!moved.matchedCount) throw new MatterRaced();
  } else {
    await MatterClaim.create([{ key, first: f.reference, firstAt: f.at }], { session });
  }
  return undefined;
}

/** The earliest report at the same place, of the same category, within the window: a likely duplicate. */
async function samePlace(key: string, f: IntakeMatterFacts, session: ClientSession) {
  const earlier = await Report.findOne(
    {
      'matterKeys.place': key,
      'matterKeys.at': trusted({ $gte: new Date(f.at.getTime() - MATTER_WINDOW_MS), $lte: f.at }),
    },
    { reference: 1 },
  )
    .sort({ 'matterKeys.at': 1 })
    .session(session)
    .lean();
  return earlier ? { of: earlier.reference, key: 'place' as const, flaggedAt: f.now } : undefined;
}

export async function matterAtIntake(f: IntakeMatterFacts, session: ClientSession): Promise<IntakeMatter> {
  const keys = matterKeysOf({
    creditCode: f.creditCode,
    scheme: f.scheme,
    category: f.category,
    area: f.area,
    address: f.address,
    areaNames: await areaNamesOf(f.area),
  });
  const matter = keys.creditCode ? await claimMatter(keys.creditCode, f, session) : undefined;
  const likelyMatter = !matter && keys.place ? await samePlace(keys.place, f, session) : undefined;
  return {
    matterKeys: { ...keys, at: f.at },
    ...(matter ? { matter } : {}),
    ...(likelyMatter ? { likelyMatter } : {}),
  };
}

/** The first case of the report's matter, and every report linked to it (unlinked ones are not). */
export async function matterMembers(
  r: Pick<ReportFields, 'reference' | 'matter'>,
  session?: ClientSession,
): Promise<Pick<ReportFields, 'reference' | 'status' | 'reward'>[]> {
  const first = r.matter?.of ?? r.reference;
  const fields = { reference: 1, status: 1, reward: 1 };
  // One after the other: a transaction's session runs one operation at a time.
  const head = await Report.findOne({ reference: first }, fields)
    .session(session ?? null)
    .lean();
  const linked = await Report.find({ 'matter.of': first }, fields)
    .session(session ?? null)
    .lean();
  return head ? [head, ...linked] : linked;
}
