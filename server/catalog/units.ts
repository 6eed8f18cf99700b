// The departments (responsible units) reports are routed to.
import { levelOfUnit, type Level } from '../../shared/levels';
import { Unit } from './unit.model';

/** Every unit, by code. */
export async function allUnits() {
  return Unit.find().sort({ code: 1 }).lean();
}

/** A unit's level by its code (shared/levels.ts); an unknown unit counts as a county one. */
export async function unitLevel(code: string | null | undefined): Promise<Level> {
  const unit = code ? await Unit.findOne({ code }, { areaCode: 1 }).lean() : null;
  return unit ? levelOfUnit(unit) : 'county';
}
