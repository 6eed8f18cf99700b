// The seed format refuses what would make a broken jurisdiction, listing each problem.
import { jurisdictionSeedSchema, rewardPoliciesOf } from '../../server/jurisdiction/seedFormat';
import { loadJurisdictionSeed } from '../../server/jurisdiction/loadSeed';

const hebi = () => structuredClone(loadJurisdictionSeed('hebi'));
const problems = (seed: unknown) => {
  const r = jurisdictionSeedSchema.safeParse(seed);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

test('both built-in seeds are valid; their reward policies resolve to whole versions', () => {
  for (const name of ['anyang', 'hebi']) {
    const seed = loadJurisdictionSeed(name);
    const policies = rewardPoliciesOf(seed);
    expect(policies.length).toBe(seed.rewardPolicies.length);
    expect(policies.every((p) => typeof p.id === 'string' && p.documents.length > 0)).toBe(true);
  }
  expect(rewardPoliciesOf(loadJurisdictionSeed('hebi')).map((p) => p.id)).toEqual([
    'national-2018',
    'henan-2022',
    'hebi-henan-2025',
  ]);
});

test('an unknown built-in policy id and versions out of order are refused', () => {
  const seed = hebi();
  seed.rewardPolicies = ['national-2018', 'no-such-rules'];
  expect(problems(seed)).toContain('rewardPolicies.1: no built-in reward policy "no-such-rules"');
  seed.rewardPolicies = ['henan-2022', 'national-2018'];
  expect(problems(seed)).toContain('rewardPolicies: versions must be listed by effective day, one version per day');
});

test('a seed without reward policies, or with a malformed version, is refused', () => {
  const seed = hebi() as Record<string, unknown>;
  delete seed.rewardPolicies;
  expect(problems(seed).some((p) => p.startsWith('rewardPolicies'))).toBe(true);
  expect(problems({ ...hebi(), rewardPolicies: [{ id: 'x' }] }).length).toBeGreaterThan(0);
});

test('an unknown parent area and a unit in an unknown area are named', () => {
  const seed = hebi();
  seed.areas[2]!.parentCode = '999999';
  seed.units[0]!.areaCode = '888888';
  expect(problems(seed)).toEqual(
    expect.arrayContaining(['areas.2.parentCode: unknown parent', 'units.0.areaCode: unknown area']),
  );
});
