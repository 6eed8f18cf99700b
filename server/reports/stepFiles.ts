// Files uploaded with a step (the reporter's evidence, "still there", a
// re-inspection's photos): checked, cleaned and stored by the evidence pipeline
// only once the step's own checks have passed, removed again if the step is then
// refused or fails, and the upload's temporary files always discarded.
import type { EvidenceStore } from '../platform/evidenceStore';
import type { UploadedFile } from '../platform/http/multipart';
import { storeEvidence, type EvidenceRecord } from './intake/evidence';
import { discardUploads } from './intake/reportSubmitter';

/** Stores the files; `keepLocation` keeps a photo's position when the report itself has one. */
export type StoreFiles = (keepLocation: boolean) => Promise<EvidenceRecord[]>;

export async function withStoredFiles<T>(
  files: UploadedFile[],
  store: EvidenceStore,
  addedBy: 'reporter' | 'staff',
  now: Date,
  step: (storeFiles: StoreFiles) => Promise<T>,
): Promise<T> {
  const adopted: string[] = [];
  try {
    return await step(async (keepLocation) =>
      files.length
        ? storeEvidence(
            files.map((f) => f.path),
            keepLocation,
            store,
            addedBy,
            now,
            adopted,
          )
        : [],
    );
  } catch (e) {
    for (const id of adopted) await store.remove(id).catch(() => undefined);
    throw e;
  } finally {
    await discardUploads(files);
  }
}
