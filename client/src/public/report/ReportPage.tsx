// /report: the form, then (once the server has the report) the receipt.
import { Suspense, useState } from 'react';
import '../forms.css';
import { ReceiptView } from './laterParts';
import { ReportForm } from './ReportForm';
import type { Receipt } from './submitReport';

interface Sent {
  receipt: Receipt;
  at: Date;
  anonymous: boolean;
}

export default function ReportPage() {
  // The receipt lives in memory only: the access key is never written to storage.
  const [done, setDone] = useState<Sent | null>(null);
  // The receipt's chunk is loaded before a report is sent (laterParts.loadForSubmission), so this never waits.
  if (done)
    return (
      <Suspense fallback={null}>
        <ReceiptView
          receipt={done.receipt}
          submittedAt={done.at}
          anonymous={done.anonymous}
          onNewReport={() => setDone(null)}
        />
      </Suspense>
    );
  return <ReportForm onSubmitted={(receipt, anonymous) => setDone({ receipt, at: new Date(), anonymous })} />;
}
