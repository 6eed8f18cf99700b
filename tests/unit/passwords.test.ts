// The password rules on their own: what is refused as weak or common, and that the
// passwords the system hands out itself always pass them.
import crypto from 'node:crypto';
import { generatePassword, passwordProblem } from '../../server/staff/passwords';

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
