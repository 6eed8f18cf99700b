// After a crash between storing a file and recording its report, the file has no
// report: the sweep removes such orphans, and temp uploads left behind, once they
// are older than any submission could take.
import { Report } from '../report.model';
import { sweepTempFiles, type EvidenceStore } from '../../platform/evidenceStore';

export async function sweepEvidence(store: EvidenceStore, before: Date): Promise<{ temp: number; orphans: number }> {
  const temp = await sweepTempFiles(store, before);
  let orphans = 0;
  for await (const fileId of store.storedBefore(before)) {
    if (!(await Report.exists({ 'evidence.fileId': fileId }))) {
      await store.remove(fileId);
      orphans++;
    }
  }
  return { temp, orphans };
}
