// The password rules on their own: what is refused as weak or common, and that the
// passwords the system hands out itself always pass them.
import crypto from 'node:crypto';
import { loadConfig, ConfigError } from '../../server/env';
import {
  DEFAULT_PASSWORD_HASH_COST,
  generatePassword,
  hashPassword,
  passwordProblem,
  usePasswordHashCost,
  verifyPassword,
} from '../../server/staff/passwords';

const account = { username: 'li.na', displayName: '李娜' };

describe('passwordProblem', () => {
  test.each(['short one', 'LI.NA'])('a too short password or the username is weak: %s', (password) => {
    expect(passwordProblem(password, account)).toBe('auth.password_weak');
  });

  test.each([
    'password1234',
    '123456789012',
    'qwertyuiopasdf',
    'zaq12wsxcde3',
    'li.nali.nali.na',
    'woodpecker2026',
    'abcdefghijklmn',
  ])('a common password is refused: %s', (password) => {
    expect(passwordProblem(password, account)).toBe('auth.password_common');
  });

  test.each(['tin roof rusted twice', 'Kx7#mP2vQ9@wL4'])('a long unusual password passes: %s', (password) => {
    expect(passwordProblem(password, account)).toBeNull();
  });

  test('every password the system hands out (new accounts, resets, the demo) passes, quickly', () => {
    const started = Date.now();
    for (let i = 0; i < 20; i++) expect(passwordProblem(generatePassword(), account)).toBeNull();
    for (let i = 0; i < 10; i++)
      expect(passwordProblem(`demo-${crypto.randomBytes(6).toString('hex')}`, account)).toBeNull(); // as the test app seeds
    expect(Date.now() - started).toBeLessThan(10_000); // about 50 ms each, on a busy machine
  });
});

// Test runs hash at a low cost to stay fast; these tests pin what everywhere else gets.
describe('the cost of a password hash', () => {
  afterAll(() => usePasswordHashCost(DEFAULT_PASSWORD_HASH_COST));

  test('the configured default is N = 32768 (r 8, p 1), and a hash made at it verifies', async () => {
    expect(loadConfig({ WOODPECKER_DEMO: 'true' }).PASSWORD_HASH_COST).toBe(15);
    usePasswordHashCost(loadConfig({ WOODPECKER_DEMO: 'true' }).PASSWORD_HASH_COST);
    const stored = await hashPassword('tin roof rusted twice');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('tin roof rusted twice', stored)).toBe(true);
    expect(await verifyPassword('tin roof rusted thrice', stored)).toBe(false);
  });

  test('a cheaper cost is refused outside test runs, production included', () => {
    for (const NODE_ENV of ['development', 'production'])
      expect(() => loadConfig({ NODE_ENV, WOODPECKER_DEMO: 'true', PASSWORD_HASH_COST: '12' })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'test', WOODPECKER_DEMO: 'true', PASSWORD_HASH_COST: '10' }).PASSWORD_HASH_COST).toBe(
      10,
    );
  });

  test('a hash keeps its own cost: one made cheaply still verifies after the cost rises', async () => {
    usePasswordHashCost(10);
    const cheap = await hashPassword('tin roof rusted twice');
    expect(cheap).toMatch(/^scrypt\$1024\$/);
    usePasswordHashCost(DEFAULT_PASSWORD_HASH_COST);
    expect(await verifyPassword('tin roof rusted twice', cheap)).toBe(true);
  });
});
