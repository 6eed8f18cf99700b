// After a crash between storing a file and recording its report, the file has no
// report: the sweep removes such orphans, and temp uploads left behind, once they
// are older than any submission could take.
import { Report } from '../report.model';
import { sweepTempFiles, type EvidenceStore } from '../../platform/evidenceStore';

export async function sweepEvidence(store: EvidenceStore, before: Date): Promise<{ temp: number; orphans: number }> {
  const temp = await sweepTempFiles(store, before);
  let orphans = 0;
  for await (const fileId of store.storedBefore(before)) if (await removeIfUnreferenced(store, fileId)) orphans++;
  return { temp, orphans };
}

/**
 * Removes a stored file no report refers to any more (an orphan, or evidence the
 * retention schedule has deleted from its report). A file whose removal failed is
 * left for the next sweep, which finds it unreferenced.
 */
export async function removeIfUnreferenced(store: EvidenceStore, fileId: string): Promise<boolean> {
  if (await Report.exists({ 'evidence.fileId': fileId })) return false;
  await store.remove(fileId);
  return true;
}
