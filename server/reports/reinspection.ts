// A re-inspection with its photos: the files are checked, cleaned and stored by
// the same evidence pipeline as the reporter's (chain-of-custody hashes of what
// was received), then the step records which show the site before and after.
import type { z } from 'zod';
import type { reinspectionPart } from '../../shared/schemas/workflow';
import type { Actor } from '../access';
import type { EvidenceStore } from '../platform/evidenceStore';
import { fail } from '../platform/errors';
import type { UploadedFile } from '../platform/http/multipart';
import type { SecretBox } from '../platform/secretBox';
import { storeEvidence } from './intake/evidence';
import { discardUploads } from './intake/reportSubmitter';
import { applyTransition, loadReport } from './pipeline';
import type { ReportFields } from './report.model';

export async function recordReinspection(
  reference: string,
  part: z.infer<typeof reinspectionPart>,
  files: UploadedFile[],
  actor: Actor,
  deps: { box: SecretBox; store: EvidenceStore; publicBaseUrl: string },
  now = new Date(),
): Promise<ReportFields> {
  const adopted: string[] = [];
  try {
    if (part.stages.length !== files.length)
      throw fail('request.invalid', [
        {
          path: 'reinspection.stages',
          code: 'invalid',
          message: 'say for each photo whether it shows before or after',
        },
      ]);
    const report = await loadReport(reference, actor);
    const stored = await storeEvidence(
      files.map((f) => f.path),
      false,
      deps.store,
      'staff',
      now,
      adopted,
    );
    const { stages, ...fields } = part;
    const payload = {
      ...fields,
      before: stored.filter((_, i) => stages[i] === 'before'),
      after: stored.filter((_, i) => stages[i] === 'after'),
    };
    return await applyTransition(report, 'record-reinspection', payload, actor, { ...deps, now });
  } catch (e) {
    for (const id of adopted) await deps.store.remove(id).catch(() => undefined);
    throw e;
  } finally {
    await discardUploads(files);
  }
}
