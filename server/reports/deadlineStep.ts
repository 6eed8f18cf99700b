// A deadline mail as a workflow step: the jobs' reminders and escalations are
// rows of the table (each once per report, only while its clock runs), queued
// with the step in one transaction. Shared by the clock watchers.
import { trusted } from 'mongoose';
import { coversArea } from '../../shared/areaScope';
import type { Role } from '../../shared/roles';
import { Unit } from '../catalog/unit.model';
import { AppError } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { Staff } from '../staff/staff.model';
import type { DeadlineStep } from './caseChanges';
import { transition } from './pipeline';

export const DAY = 86_400_000;

export interface StaffMail {
  to: string | undefined | null;
  subject: string;
  text: string;
}

const system = { kind: 'system' } as const;

/**
 * Takes the deadline step (the table lets each happen once per report, and only
 * while its clock runs) and queues its mails with it; false when it was not due
 * any more (sent already, or the report moved on).
 */
export async function sendOnce(
  box: SecretBox,
  publicBaseUrl: string,
  reference: string,
  step: DeadlineStep,
  now: Date,
  mails: StaffMail[],
): Promise<boolean> {
  const addressed = mails.filter((m): m is { to: string; subject: string; text: string } => !!m.to);
  try {
    await transition(reference, step, { mails: addressed }, system, { box, publicBaseUrl, now });
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
}

/**
 * Addresses of active staff in these roles who cover the area (listed, or
 * granted every area); `cityLevelOnly` keeps those of city-wide units (no area
 * code), who review objections to county conclusions.
 */
export async function staffEmails(roles: Role[], area: string, cityLevelOnly = false): Promise<string[]> {
  const filter: Record<string, unknown> = {
    role: trusted({ $in: roles }),
    disabled: trusted({ $ne: true }),
    email: trusted({ $type: 'string' }),
  };
  if (cityLevelOnly) {
    const cityUnits = await Unit.find({ areaCode: trusted({ $in: [null, ''] }) }, { code: 1 }).lean();
    filter.unitCode = trusted({ $in: cityUnits.map((u) => u.code) });
  }
  const people = await Staff.find(filter, { email: 1, areaCodes: 1, allAreas: 1 }).lean();
  return [...new Set(people.filter((p) => coversArea(p, area)).map((p) => p.email!))];
}

/** A unit head's address, if the unit has one on file. */
export async function headEmailOf(unitCode: string | null | undefined): Promise<string | undefined> {
  if (!unitCode) return undefined;
  return (await Unit.findOne({ code: unitCode }, { headEmail: 1 }).lean())?.headEmail ?? undefined;
}
