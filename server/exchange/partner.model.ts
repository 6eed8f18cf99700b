// Partner systems Woodpecker exchanges cases with: the provincial platform
// (统进统出), another city's Woodpecker. Administrators register them; each has
// a key id and a shared secret (shown once at creation or rotation, sealed at
// rest) for the signature scheme in ./signature.ts, and an optional webhook URL
// for the status changes we send back. A partner in test mode exchanges test
// cases only, kept apart from reports: they never reach staff, statistics,
// rewards or the fund.
import { Schema, model, type InferSchemaType } from 'mongoose';

const partnerSchema = new Schema(
  {
    /** Short stable code, e.g. "henan-province". */
    code: { type: String, required: true, unique: true },
    name: { zh: { type: String, required: true }, en: { type: String, required: true } },
    /** Public key id sent in X-Woodpecker-Key. */
    keyId: { type: String, required: true, unique: true },
    /** SecretBox-sealed shared secret. */
    secretSealed: { type: String, required: true },
    /** When the current secret was issued (registration or the last rotation). */
    secretIssuedAt: { type: Date },
    /** Where status-change webhooks go; none means the partner only pulls. */
    webhookUrl: { type: String },
    testMode: { type: Boolean, required: true, default: false },
    active: { type: Boolean, required: true, default: true },
  },
  { timestamps: true },
);

export type PartnerFields = InferSchemaType<typeof partnerSchema>;
export const Partner = model('Partner', partnerSchema, 'partners');
