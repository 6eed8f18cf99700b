// The departments (responsible units) reports are routed to.
import { Unit } from './unit.model';

/** Every unit, by code. */
export async function allUnits() {
  return Unit.find().sort({ code: 1 }).lean();
}
