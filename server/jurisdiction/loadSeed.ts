// Finds the jurisdiction seed WOODPECKER_JURISDICTION names: a built-in seed
// (anyang, hebi) or the path of a JSON file in the seed format (seedFormat.ts).
import fs from 'node:fs';
import path from 'node:path';
import { jurisdictionSeedSchema, type JurisdictionSeed } from './seedFormat';
import { anyang } from './seeds/anyang';

const builtIn: Record<string, () => unknown> = {
  anyang: () => anyang,
  hebi: () => JSON.parse(fs.readFileSync(path.join(__dirname, 'seeds', 'hebi.json'), 'utf8')),
};

export const DEFAULT_JURISDICTION = 'anyang';

/** The seed, validated; throws with every problem listed when a file is not a valid seed. */
export function loadJurisdictionSeed(nameOrPath: string = DEFAULT_JURISDICTION): JurisdictionSeed {
  const raw = builtIn[nameOrPath]?.() ?? JSON.parse(fs.readFileSync(path.resolve(nameOrPath), 'utf8'));
  const parsed = jurisdictionSeedSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `Jurisdiction seed ${nameOrPath} is invalid:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  return parsed.data;
}
