// Administrators point a sector in an area at another department; intake gets
// that department suggested when it accepts a report.
import { assertKnownArea, assertKnownSector } from '../jurisdiction/validate';
import { appendAudit } from '../audit/auditLog';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import { Responsibility } from './responsibility.model';
import { Unit } from './unit.model';
import type { Actor } from '../access';

export async function responsibilityUpdater(actor: Actor, sector: string, area: string, unitCode: string) {
  await assertKnownSector(sector, 'params.sector');
  await assertKnownArea(area, 'params.area');
  const unit = await Unit.findOne({ code: unitCode }).lean();
  if (!unit)
    throw fail('request.invalid', [{ path: 'body.unitCode', code: 'unknown', message: `unknown unit ${unitCode}` }]);
  // A county department cannot take on another county's reports.
  if (unit.areaCode && unit.areaCode !== area)
    throw fail('request.invalid', [
      { path: 'body.unitCode', code: 'other-area', message: `unit ${unitCode} serves another area` },
    ]);
  return inTransaction(async (session) => {
    const before = await Responsibility.findOne({ sector, area }).session(session).lean();
    const updated = await Responsibility.findOneAndUpdate(
      { sector, area },
      { $set: { unitCode } },
      { upsert: true, returnDocument: 'after', runValidators: true, session },
    );
    await appendAudit(
      {
        actor,
        action: 'responsibility.update',
        target: { type: 'responsibility', id: `${sector}/${area}` },
        details: { from: before?.unitCode ?? null, to: unitCode },
      },
      session,
    );
    return updated;
  });
}

/** The whole table, by sector and area. */
export async function responsibilityTable() {
  return Responsibility.find().sort({ sector: 1, area: 1 }).lean();
}

/** The department responsible for this sector in this area, or null when the table has no entry. */
export async function responsibleUnitCode(sector: string, area: string): Promise<string | null> {
  const entry = await Responsibility.findOne({ sector, area }, { unitCode: 1 }).lean();
  return entry?.unitCode ?? null;
}
