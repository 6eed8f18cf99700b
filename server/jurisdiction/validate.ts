// The domain's check of area and sector codes against the database: schemas
// check the shape only, and an unknown or retired code is a 400 on its field.
import { fail } from '../platform/errors';
import { knownArea, knownSector } from './lookup';

export async function assertKnownArea(code: string | undefined, path: string): Promise<void> {
  if (code !== undefined && !(await knownArea(code)))
    throw fail('request.invalid', [{ path, code: 'unknown_area', message: `no active area ${code} here` }]);
}

export async function assertKnownAreas(codes: readonly string[] | undefined, path: string): Promise<void> {
  for (const [i, code] of (codes ?? []).entries()) await assertKnownArea(code, `${path}.${i}`);
}

export async function assertKnownSector(code: string | undefined, path: string): Promise<void> {
  if (code !== undefined && !(await knownSector(code)))
    throw fail('request.invalid', [{ path, code: 'unknown_sector', message: `no active sector ${code} here` }]);
}

/** A fund source names a county by its area code (`county-<code>`): that area must be one here. */
export async function assertKnownFundSource(source: string | undefined, path: string): Promise<void> {
  const code = source && /^county-(\d{6})$/.exec(source)?.[1];
  if (code && !(await knownArea(code)))
    throw fail('request.invalid', [{ path, code: 'unknown_area', message: `no county ${code} here` }]);
}
