// Keyed blind indexes of a claimant's ID number and bank account: equal inputs
// give equal indexes, so claims and the exclusion register can be matched without
// storing or opening the values. The key is derived for this purpose alone
// (HKDF from the server's secret key), so an insider with the database, the logs
// or another derived key cannot test guesses against an index.
import crypto from 'node:crypto';
import type { SecretBox } from '../platform/secretBox';

const keys = new WeakMap<SecretBox, Buffer>();
const keyOf = (box: SecretBox) => {
  let key = keys.get(box);
  if (!key) keys.set(box, (key = box.deriveKey('woodpecker claim blind index v1')));
  return key;
};

/** Full-width letters, digits and spaces (as Chinese input methods type them) to their half-width forms. */
export const halfWidth = (s: string) =>
  s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

export const normaliseIdNumber = (id: string) => halfWidth(id).replace(/\s+/g, '').toUpperCase();
export const normaliseAccount = (account: string) => halfWidth(account).replace(/[^0-9]/g, '');

const indexOf = (box: SecretBox, kind: 'payee' | 'account', value: string) =>
  crypto.createHmac('sha256', keyOf(box)).update(kind).update('\0').update(value).digest('base64url');

export const payeeIndexOf = (box: SecretBox, idNumber: string) => indexOf(box, 'payee', normaliseIdNumber(idNumber));
export const accountIndexOf = (box: SecretBox, account: string) => indexOf(box, 'account', normaliseAccount(account));

/** A short stable name for a payee in the anomaly views: a hash of the index, so the index itself never leaves. */
export const payeePseudonym = (payeeIndex: string) =>
  `P-${crypto.createHash('sha256').update(`payee-pseudonym\0${payeeIndex}`).digest('hex').slice(0, 8).toUpperCase()}`;
