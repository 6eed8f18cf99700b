// Nonces of signed partner requests, remembered for the signature window so a
// captured request cannot be replayed. The unique index makes the check hold
// across instances; the TTL index forgets them after the window.
import { Schema, model } from 'mongoose';

const exchangeNonceSchema = new Schema({
  keyId: { type: String, required: true },
  nonce: { type: String, required: true },
  expiresAt: { type: Date, required: true },
});
exchangeNonceSchema.index({ keyId: 1, nonce: 1 }, { unique: true });
exchangeNonceSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const ExchangeNonce = model('ExchangeNonce', exchangeNonceSchema, 'exchange_nonces');
