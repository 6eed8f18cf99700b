// Cases a partner system dispatches to us. A real partner's case enters
// screening through the one report submitter (channel "partner", no access key:
// the reporter's receipt stays with the partner); a test-mode partner's case is
// checked the same way and kept apart (./exchangeTestCase.model.ts).
// Idempotent on (partner, external id): the same id with the same content is
// answered with the first reference; with other content it is refused. Two
// copies racing each other are settled by the unique index.
import { queueTestEvent } from './testMode';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ExchangeCase } from '../../shared/schemas/exchange';
import type { ReportInput } from '../../shared/schemas/report';
import { Category } from '../catalog/category.model';
import { fail } from '../platform/errors';
import type { UploadLimits, UploadedFile } from '../platform/http/multipart';
import type { PartnerContext } from '../platform/http/requestContext';
import { inspectEvidence } from '../reports/intake/evidence';
import { newReference } from '../reports/intake/receipt';
import {
  AlreadyDispatched,
  discardUploads,
  reportSubmitter,
  type SubmissionContext,
} from '../reports/intake/reportSubmitter';
import { Report } from '../reports/report.model';
import { ExchangeTestCase, TEST_CASE_DAYS } from './exchangeTestCase.model';

export interface InboundDeps extends SubmissionContext {
  limits: UploadLimits;
}

export interface InboundAnswer {
  reference: string;
  receivedAt: string;
  test: boolean;
  /** The same case was received before: nothing new was stored. */
  repeated: boolean;
}

/** A keyed fingerprint of the case as sent (evidence included), so a database reader learns nothing from it. */
const fingerprint = (deps: InboundDeps, body: ExchangeCase) => deps.box.mac(JSON.stringify(body), 'exchange-case');

interface Earlier {
  reference: string;
  contentHash?: string | null;
  recordedAt: Date;
}

async function earlierCase(partner: PartnerContext, externalId: string): Promise<Earlier | null> {
  if (partner.testMode) {
    const t = await ExchangeTestCase.findOne({ partnerCode: partner.code, externalId }).lean();
    return t && { reference: t.reference, contentHash: t.contentHash, recordedAt: t.recordedAt };
  }
  const r = await Report.findOne(
    { 'exchange.partnerCode': partner.code, 'exchange.externalId': externalId },
    { reference: 1, exchange: 1, submittedAt: 1 },
  ).lean();
  return r && { reference: r.reference, contentHash: r.exchange?.contentHash, recordedAt: r.submittedAt };
}

function answerRepeat(earlier: Earlier, contentHash: string, test: boolean): InboundAnswer {
  if (earlier.contentHash !== contentHash) throw fail('exchange.case_conflict');
  return { reference: earlier.reference, receivedAt: earlier.recordedAt.toISOString(), test, repeated: true };
}

/** Decoded evidence, written as temp files for the same inspection as uploads; the public limits apply. */
async function evidenceFiles(body: ExchangeCase, deps: InboundDeps): Promise<UploadedFile[]> {
  const { maxFiles, maxFileBytes, maxTotalBytes } = deps.limits;
  if (body.evidence.length > maxFiles) throw fail('evidence.too_many');
  // Checked on the encoded length first, so an oversized file is refused before it is decoded.
  const decodedSize = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.match(/=*$/)?.[0].length ?? 0);
  const sizes = body.evidence.map((e) => decodedSize(e.contentBase64));
  if (sizes.some((s) => s > maxFileBytes) || sizes.reduce((a, b) => a + b, 0) > maxTotalBytes)
    throw fail('evidence.too_large');
  const files: UploadedFile[] = [];
  try {
    for (const e of body.evidence) {
      const bytes = Buffer.from(e.contentBase64, 'base64');
      const filePath = path.join(deps.store.tempDir, `up-${crypto.randomBytes(16).toString('hex')}`);
      await fs.writeFile(filePath, bytes, { mode: 0o600, flag: 'wx' });
      files.push({ path: filePath, size: bytes.length });
    }
  } catch (e) {
    await discardUploads(files);
    throw e;
  }
  return files;
}

const reportInputOf = (body: ExchangeCase): ReportInput => ({
  category: body.category,
  area: body.area,
  description: body.description,
  anonymous: body.anonymous,
  occurredAt: body.occurredAt,
  address: body.address,
  subjectName: body.subjectName,
  subjectCreditCode: body.subjectCreditCode,
  reporter: body.reporter,
});

/** Test mode: the same checks as a real case (category, evidence inspection), kept apart and forgotten after a few days. */
async function recordTestCase(
  partner: PartnerContext,
  body: ExchangeCase,
  contentHash: string,
  files: UploadedFile[],
  now: Date,
): Promise<InboundAnswer> {
  const inspected: { path: string; kind: string; mime: string; size: number }[] = [];
  try {
    if (!(await Category.exists({ code: body.category, active: true })))
      throw fail('report.unknown_category', [
        { path: 'report.category', code: 'unknown', message: `unknown category ${body.category}` },
      ]);
    for (const f of files) inspected.push(await inspectEvidence(f.path, false));
  } finally {
    await discardUploads([...files, ...inspected]);
  }
  const reference = `TEST-${newReference()}`;
  try {
    await ExchangeTestCase.create({
      partnerCode: partner.code,
      externalId: body.externalId,
      contentHash,
      reference,
      category: body.category,
      area: body.area,
      evidence: inspected.map(({ kind, mime, size }) => ({ kind, mime, size })),
      recordedAt: now,
      expiresAt: new Date(now.getTime() + TEST_CASE_DAYS * 86_400_000),
    });
  } catch (e) {
    if ((e as { code?: number }).code !== 11000) throw e;
    const earlier = await earlierCase(partner, body.externalId); // a copy raced this one
    if (!earlier) throw e;
    return answerRepeat(earlier, contentHash, true);
  }
  await queueTestEvent(partner.code, { reference, externalId: body.externalId, recordedAt: now }, now);
  return { reference, receivedAt: now.toISOString(), test: true, repeated: false };
}

export async function receiveDispatchedCase(
  partner: PartnerContext,
  body: ExchangeCase,
  deps: InboundDeps,
  now = new Date(),
): Promise<InboundAnswer> {
  const contentHash = fingerprint(deps, body);
  const earlier = await earlierCase(partner, body.externalId);
  if (earlier) return answerRepeat(earlier, contentHash, partner.testMode);
  const files = await evidenceFiles(body, deps);
  if (partner.testMode) return recordTestCase(partner, body, contentHash, files, now);
  try {
    const { reference, submittedAt } = await reportSubmitter(reportInputOf(body), files, undefined, deps, {
      dispatchedBy: {
        partnerCode: partner.code,
        externalId: body.externalId,
        externalChannel: body.externalChannel,
        contentHash,
      },
      receivedAt: new Date(body.receivedAt),
      now,
    });
    return { reference, receivedAt: submittedAt.toISOString(), test: false, repeated: false };
  } catch (e) {
    if (!(e instanceof AlreadyDispatched)) throw e;
    const raced = await earlierCase(partner, body.externalId);
    if (!raced) throw e;
    return answerRepeat(raced, contentHash, false);
  }
}
