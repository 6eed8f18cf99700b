// Accepts a public report: checks it, cleans and stores its evidence, and records
// it with its first timeline entry, audit entry and notifications in one
// transaction. The receipt is returned only once all of that is durable.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import type { ReportInput } from '../../shared/schemas/report';
import { appendAudit } from '../audit/auditLog';
import { hashPassword } from '../auth/passwords';
import type { SecretBox } from '../crypto/secretBox';
import { inTransaction } from '../db';
import { fail } from '../http/problem';
import { storeEvidence } from '../intake/evidence';
import { notifyIntakeOfNewReport, notifyReporter } from '../intake/notifications';
import { newAccessKey, newReference } from '../intake/receipt';
import { Category } from '../models/Category';
import { Poster } from '../models/Poster';
import { Report } from '../models/Report';
import type { Actor } from '../policies';
import { refreshReportStats } from '../stats';
import type { EvidenceStore } from '../storage/evidenceStore';

export interface UploadedFile {
  path: string;
  size: number;
}

export interface SubmissionContext {
  box: SecretBox;
  store: EvidenceStore;
  publicBaseUrl: string;
}

/** Reports taken by phone, letter, fax or in person are entered by an intake officer. */
export interface EnteredBy {
  channel: 'hotline-12350' | 'hotline-12345' | 'letter' | 'fax' | 'in-person';
  actor: Actor;
}

export interface Receipt {
  reference: string;
  accessKey: string;
}

async function sha256File(p: string): Promise<string> {
  return crypto.createHash('sha256').update(await fs.readFile(p)).digest('hex');
}

/** A retried submission with the same key gets the same access key, with nothing stored in the clear. */
function accessKeyFor(box: SecretBox, idempotencyKey: string | undefined): string {
  return idempotencyKey ? newAccessKey(Buffer.from(box.mac(idempotencyKey, 'receipt'), 'base64url')) : newAccessKey();
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
  rawReport: string,
  files: UploadedFile[],
  idempotencyKey: string | undefined,
  ctx: SubmissionContext,
  options: { enteredBy?: EnteredBy; admit?: () => Promise<void>; now?: Date } = {},
): Promise<Receipt> {
  const { enteredBy } = options;
  const adopted: string[] = [];
  try {
    const requestHash = crypto
      .createHash('sha256')
      .update(rawReport)
      .update((await Promise.all(files.map((f) => sha256File(f.path)))).join(','))
      .digest('hex');
    if (idempotencyKey) {
      const earlier = await Report.findOne({ idempotencyKey }).lean();
      if (earlier) {
        if (earlier.requestHash !== requestHash) throw fail('idempotency.mismatch');
        return { reference: earlier.reference, accessKey: accessKeyFor(ctx.box, idempotencyKey) };
      }
    }
    await options.admit?.();
    const category = await Category.findOne({ code: input.category, active: true }).lean();
    if (!category) throw fail('report.unknown_category', [{ path: 'report.category', code: 'unknown', message: `unknown category ${input.category}` }]);
    if (input.posterCode && !(await Poster.exists({ code: input.posterCode, active: true })))
      throw fail('report.unknown_poster', [{ path: 'report.posterCode', code: 'unknown', message: `unknown poster ${input.posterCode}` }]);

    const now = options.now ?? new Date(); // the demo seed enters reports back-dated
    const evidence = await storeEvidence(files.map((f) => f.path), !!input.shareLocation, ctx.store, enteredBy ? 'staff' : 'reporter', now, adopted);

    const accessKey = accessKeyFor(ctx.box, idempotencyKey);
    const accessKeyHash = await hashPassword(accessKey);
    for (let attempt = 0; ; attempt++) {
      const reference = newReference();
      try {
        await inTransaction(async (session) => {
          const [report] = await Report.create(
            [
              {
                reference,
                accessKeyHash,
                channel: enteredBy?.channel ?? 'web',
                category: category.code,
                sector: category.sector,
                area: input.area,
                description: input.description,
                occurredAt: input.occurredAt ? new Date(input.occurredAt) : undefined,
                address: input.address,
                subjectName: input.subjectName,
                posterCode: input.posterCode,
                anonymous: input.anonymous,
                employeeOfSubject: !!input.employeeOfSubject,
                reporterSealed: input.reporter ? ctx.box.seal(JSON.stringify(input.reporter)) : undefined,
                notifyEmailSealed: input.reporter?.email ? ctx.box.seal(input.reporter.email) : undefined,
                location: input.shareLocation ? input.location : undefined,
                evidence,
                timeline: [{ at: now, type: 'submitted', public: true, ...(enteredBy ? { actorId: enteredBy.actor.id, note: `channel: ${enteredBy.channel}` } : {}) }],
                idempotencyKey,
                requestHash,
                submittedAt: now,
              },
            ],
            { session },
          );
          await appendAudit({ actor: enteredBy?.actor ?? null, action: 'report.submit', target: { type: 'report', id: reference }, details: { area: input.area, category: category.code, evidenceCount: evidence.length, channel: enteredBy?.channel ?? 'web' } }, session, now);
          await refreshReportStats(reference, session);
          await notifyIntakeOfNewReport(report, ctx.box, ctx.publicBaseUrl, session);
          await notifyReporter(report.notifyEmailSealed, ctx.box, ctx.publicBaseUrl, session);
        });
        return { reference, accessKey };
      } catch (e) {
        const dup = (e as { code?: number; keyPattern?: Record<string, unknown> }).code === 11000 ? (e as { keyPattern?: Record<string, unknown> }).keyPattern ?? {} : null;
        if (dup && 'reference' in dup && attempt < 5) continue; // a reference collided: draw another
        if (dup && 'idempotencyKey' in dup && idempotencyKey) {
          // The same submission raced itself: answer as the first one was answered.
          for (const id of adopted.splice(0)) await ctx.store.remove(id);
          const earlier = await Report.findOne({ idempotencyKey }).lean();
          if (!earlier || earlier.requestHash !== requestHash) throw fail('idempotency.mismatch');
          return { reference: earlier.reference, accessKey };
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
