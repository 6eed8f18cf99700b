// The browser's pure-JS SHA-256 and nonce search (client/src/public/pow/sha256.ts)
// against Node's crypto and the server's own check.
import crypto from 'node:crypto';
import { searchNonce, sha256 } from '../../client/src/public/pow/sha256';
import { solves } from '../../server/reports/intake/proofOfWork';

describe('client proof of work', () => {
  test.each([0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000])('sha256 of %i bytes matches node:crypto', (length) => {
    const bytes = crypto.randomBytes(length);
    expect(Buffer.from(sha256(new Uint8Array(bytes))).toString('hex')).toBe(
      crypto.createHash('sha256').update(bytes).digest('hex'),
    );
  });

  // Challenge lengths around the block boundary, where the precomputed prefix ends.
  test.each([10, 54, 55, 56, 62, 63, 64, 118, 127, 160])(
    'a %i-character challenge is solved as the server checks it',
    (length) => {
      const challenge = crypto.randomBytes(length).toString('base64url').slice(0, length);
      const nonce = searchNonce(challenge, 12, 0, 2 ** 32);
      expect(nonce).toMatch(/^\d+$/);
      expect(solves(challenge, nonce!, 12)).toBe(true);
    },
  );

  test('zero bits accepts the first nonce; an empty range finds nothing', () => {
    expect(searchNonce('abc', 0, 7, 1)).toBe('7');
    expect(searchNonce('abc', 30, 0, 0)).toBeNull();
  });
});
