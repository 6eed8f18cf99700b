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
import { withStoredFiles } from './stepFiles';
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
  if (part.stages.length !== files.length) {
    await discardUploads(files);
    throw fail('request.invalid', [
      { path: 'reinspection.stages', code: 'invalid', message: 'say for each photo whether it shows before or after' },
    ]);
  }
  return withStoredFiles(files, deps.store, 'staff', now, async (storeFiles) => {
    const report = await loadReport(reference, actor);
    const stored = await storeFiles(false);
    const { stages, ...fields } = part;
    const payload = {
      ...fields,
      before: stored.filter((_, i) => stages[i] === 'before'),
      after: stored.filter((_, i) => stages[i] === 'after'),
    };
    return applyTransition(report, 'record-reinspection', payload, actor, { ...deps, now });
  });
}
