// Accepts a public report: checks it, cleans and stores its evidence, and records
// it with its first timeline entry, audit entry and notifications in one
// transaction. The receipt is returned only once all of that is durable.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { assertKnownArea } from '../../jurisdiction/validate';
import type { EnteredChannel } from '../../../shared/channels';
import type { ReportInput } from '../../../shared/schemas/report';
import { noteOf, storedNote } from '../../../shared/notes';
import { appendAudit } from '../../audit/auditLog';
import type { SecretBox } from '../../platform/secretBox';
import { inTransaction } from '../../platform/db';
import { fail } from '../../platform/errors';
import { openReportData, sealReportData } from '../../protection/dataKeys';
import { storeEvidence } from './evidence';
import { notifyIntakeOfNewReport, notifyReporter } from '../notifications';
import { sealedNoticePhone } from '../noticeChannels';
import { hashAccessKey, newAccessKey, newReference } from './receipt';
import { findRetry, idempotencyKeyHash, openRetryWindow, retryFingerprint } from './retryWindow';
import { Category } from '../../catalog/category.model';
import { Poster } from '../../posters/poster.model';
import { Report } from '../report.model';
import type { Actor } from '../../access';
import { refreshReportStats } from '../../stats';
import type { EvidenceStore } from '../../platform/evidenceStore';
import type { UploadedFile } from '../../platform/http/multipart';
import { reporterPseudonymOf } from '../../protection/pseudonym';
import { MatterRaced, matterAtIntake } from '../matter';

export interface SubmissionContext {
  box: SecretBox;
  store: EvidenceStore;
  publicBaseUrl: string;
}

/** Reports taken by phone, letter, fax or in person are entered by an intake officer. */
export interface EnteredBy {
  channel: EnteredChannel;
  actor: Actor;
}

/**
 * Cases a partner system (the provincial platform) dispatched through the signed
 * exchange: no access key is issued, as the reporter's receipt stays with the
 * partner. `contentHash` is the keyed fingerprint the exchange compares when the
 * same external id comes again.
 */
export interface DispatchedBy {
  partnerCode: string;
  externalId: string;
  externalChannel: string;
  contentHash: string;
}

export interface Receipt {
  reference: string;
  accessKey: string;
}

export interface DispatchedReceipt {
  reference: string;
  submittedAt: Date;
}

/** The partner's external id is already a case here (the unique index said so): the exchange answers from that one. */
export class AlreadyDispatched extends Error {
  constructor() {
    super('this external id is already a case');
    this.name = 'AlreadyDispatched';
  }
}

interface SubmitOptions {
  enteredBy?: EnteredBy;
  admit?: () => Promise<void>;
  now?: Date;
  receivedAt?: Date;
}

async function sha256File(p: string): Promise<string> {
  return crypto
    .createHash('sha256')
    .update(await fs.readFile(p))
    .digest('hex');
}

/**
 * Every submission appends to the one audit chain and the same stats cells, so two
 * concurrent transactions conflict and one is redone from the start. Queuing this
 * process's own submissions lets each commit once (the evidence work before it
 * still runs in parallel); other instances and staff actions are still kept
 * correct by the conflict check and retry.
 */
let queueTail: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queueTail.then(work, work);
  queueTail = run.catch(() => undefined);
  return run;
}

/** The earlier receipt, to the holder of the same key with the same report. */
async function answerRetry(
  box: SecretBox,
  earlier: NonNullable<Awaited<ReturnType<typeof findRetry>>>,
  requestHash: string,
): Promise<Receipt> {
  if (earlier.retry.requestHash !== requestHash) throw fail('idempotency.mismatch');
  const accessKey = await openReportData(box, earlier.reference, 'access-keys', earlier.retry.receiptSealed);
  return { reference: earlier.reference, accessKey };
}

/** The reporter's identity and notification address (reporter-identity key) and SMS number (notice-phone key), sealed. */
async function sealedReporter(box: SecretBox, reference: string, input: ReportInput) {
  const seal = (text: string) => sealReportData(box, reference, 'reporter-identity', text);
  return {
    reporterSealed: input.reporter ? await seal(JSON.stringify(input.reporter)) : undefined,
    notifyEmailSealed: input.reporter?.email ? await seal(input.reporter.email) : undefined,
    noticePhoneSealed: await sealedNoticePhone(box, reference, input),
  };
}

export async function discardUploads(files: UploadedFile[]): Promise<void> {
  await Promise.all(files.map((f) => fs.rm(f.path, { force: true })));
}

/**
 * `admit` runs once the submission is known to be new (not a retry of an earlier
 * one): the public endpoint spends its proof of work there, so a retried upload
 * whose answer was lost is answered without a fresh proof.
 */
export async function reportSubmitter(
  input: ReportInput,
  files: UploadedFile[],
  idempotencyKey: undefined,
  ctx: SubmissionContext,
  options: SubmitOptions & { dispatchedBy: DispatchedBy },
): Promise<DispatchedReceipt>;
export async function reportSubmitter(
  input: ReportInput,
  files: UploadedFile[],
  idempotencyKey: string | undefined,
  ctx: SubmissionContext,
  options?: SubmitOptions,
): Promise<Receipt>;
export async function reportSubmitter(
  input: ReportInput,
  files: UploadedFile[],
  idempotencyKey: string | undefined,
  ctx: SubmissionContext,
  options: SubmitOptions & { dispatchedBy?: DispatchedBy } = {},
): Promise<Receipt | DispatchedReceipt> {
  const { enteredBy, dispatchedBy } = options;
  const channel = enteredBy?.channel ?? (dispatchedBy ? 'partner' : 'web');
  const adopted: string[] = [];
  try {
    const now = options.now ?? new Date(); // the demo seed enters reports back-dated
    // Only a submission that carries a key can be retried: only then is anything kept to recognise it.
    const keyHash = idempotencyKey ? idempotencyKeyHash(ctx.box, idempotencyKey) : undefined;
    const requestHash = keyHash
      ? retryFingerprint(ctx.box, input, await Promise.all(files.map((f) => sha256File(f.path))))
      : undefined;
    if (keyHash) {
      const earlier = await findRetry(keyHash, now);
      if (earlier) return await answerRetry(ctx.box, earlier, requestHash!);
    }
    await options.admit?.();
    await assertKnownArea(input.area, 'report.area');
    const category = await Category.findOne({ code: input.category, active: true }).lean();
    if (!category)
      throw fail('report.unknown_category', [
        { path: 'report.category', code: 'unknown', message: `unknown category ${input.category}` },
      ]);
    if (input.posterCode && !(await Poster.exists({ code: input.posterCode, active: true })))
      throw fail('report.unknown_poster', [
        { path: 'report.posterCode', code: 'unknown', message: `unknown poster ${input.posterCode}` },
      ]);

    const evidence = await storeEvidence(
      files.map((f) => f.path),
      !!input.shareLocation,
      ctx.store,
      enteredBy ? 'staff' : 'reporter',
      now,
      adopted,
    );

    const accessKey = newAccessKey();
    const accessKeyHash = dispatchedBy ? undefined : hashAccessKey(ctx.box, accessKey);
    for (let attempt = 0; ; attempt++) {
      const reference = newReference();
      // Sealed once the reference is drawn: each report's data has keys of its own.
      const sealed = await sealedReporter(ctx.box, reference, input);
      const retry = keyHash
        ? await openRetryWindow(ctx.box, reference, keyHash, requestHash!, accessKey, now)
        : undefined;
      try {
        await oneAtATime(() =>
          inTransaction(async (session) => {
            // In the transaction: two channels submitting one matter at once end as one matter.
            const matter = await matterAtIntake(
              {
                reference,
                at: options.receivedAt ?? now,
                now,
                creditCode: input.subjectCreditCode,
                scheme: category.scheme,
                category: category.code,
                area: input.area,
                address: input.address,
              },
              session,
            );
            const [report] = await Report.create(
              [
                {
                  reference,
                  accessKeyHash,
                  channel,
                  ...(dispatchedBy
                    ? {
                        exchange: {
                          partnerCode: dispatchedBy.partnerCode,
                          externalId: dispatchedBy.externalId,
                          externalChannel: dispatchedBy.externalChannel,
                          contentHash: dispatchedBy.contentHash,
                        },
                      }
                    : {}),
                  category: category.code,
                  sector: category.sector,
                  area: input.area,
                  description: input.description,
                  occurredAt: input.occurredAt ? new Date(input.occurredAt) : undefined,
                  address: input.address,
                  subjectName: input.subjectName,
                  subjectCreditCode: input.subjectCreditCode,
                  posterCode: input.posterCode,
                  anonymous: input.anonymous,
                  employeeOfSubject: !!input.employeeOfSubject,
                  ...sealed,
                  reporterPseudonym: input.reporter ? reporterPseudonymOf(ctx.box, input.reporter) : undefined,
                  location: input.shareLocation ? input.location : undefined,
                  evidence,
                  timeline: [
                    {
                      at: now,
                      type: 'submitted',
                      public: true,
                      ...(enteredBy
                        ? {
                            actorId: enteredBy.actor.id,
                            ...storedNote(noteOf('report.channel', { channel: enteredBy.channel })),
                          }
                        : {}),
                      ...(dispatchedBy ? storedNote(noteOf('report.channel', { channel: 'partner' })) : {}),
                    },
                  ],
                  retry,
                  ...matter,
                  submittedAt: now,
                  // A letter entered later keeps the day it arrived: that day selects the reward policy.
                  ...(options.receivedAt ? { receivedAt: options.receivedAt } : {}),
                },
              ],
              { session },
            );
            await appendAudit(
              {
                actor: enteredBy?.actor ?? null,
                action: 'report.submit',
                target: { type: 'report', id: reference },
                details: {
                  area: input.area,
                  category: category.code,
                  evidenceCount: evidence.length,
                  channel,
                  ...(dispatchedBy ? { partner: dispatchedBy.partnerCode } : {}),
                },
              },
              session,
              now,
            );
            await refreshReportStats(reference, session);
            await notifyIntakeOfNewReport(report, ctx.box, ctx.publicBaseUrl, session);
            await notifyReporter(reference, report, ctx.box, ctx.publicBaseUrl, session);
          }),
        );
        return dispatchedBy ? { reference, submittedAt: now } : { reference, accessKey };
      } catch (e) {
        const dup =
          (e as { code?: number; keyPattern?: Record<string, unknown> }).code === 11000
            ? ((e as { keyPattern?: Record<string, unknown> }).keyPattern ?? {})
            : null;
        if (dup && 'reference' in dup && attempt < 5) continue; // a reference collided: draw another
        if (dup && 'exchange.externalId' in dup && dispatchedBy) throw new AlreadyDispatched(); // a copy raced this one
        // Another instance opened the same matter at the same moment: run again, and join it.
        if (((dup && 'key' in dup) || e instanceof MatterRaced) && attempt < 5) continue;
        if (dup && 'retry.keyHash' in dup && keyHash) {
          // The same submission raced itself: answer as the first one was answered.
          for (const id of adopted.splice(0)) await ctx.store.remove(id);
          const earlier = await findRetry(keyHash, now);
          if (!earlier) throw fail('idempotency.mismatch');
          return await answerRetry(ctx.box, earlier, requestHash!);
        }
        throw e;
      }
    }
  } catch (e) {
    for (const id of adopted) await ctx.store.remove(id).catch(() => undefined);
    throw e;
  } finally {
    await discardUploads(files);
  }
}
