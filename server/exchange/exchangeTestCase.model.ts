// Cases a partner in test mode sends. They go through the same signature check,
// validation and evidence inspection as real ones and are answered alike, but
// they live here, apart from reports: no queue, statistic, reward or fund reads
// this collection. Only what answering a repeat needs is kept (no description,
// no reporter, no files), and each entry expires after TEST_CASE_DAYS.
import { Schema, model } from 'mongoose';

export const TEST_CASE_DAYS = 3;

const exchangeTestCaseSchema = new Schema({
  partnerCode: { type: String, required: true },
  externalId: { type: String, required: true },
  contentHash: { type: String, required: true },
  reference: { type: String, required: true, unique: true },
  category: { type: String, required: true },
  area: { type: String, required: true },
  /** What the inspection accepted: kind, type and size of each file (the files themselves are discarded). */
  evidence: [{ _id: false, kind: String, mime: String, size: Number }],
  recordedAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
});
exchangeTestCaseSchema.index({ partnerCode: 1, externalId: 1 }, { unique: true });
exchangeTestCaseSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const ExchangeTestCase = model('ExchangeTestCase', exchangeTestCaseSchema, 'exchange_test_cases');
