// /report: the form, then (once the server has the report) the receipt.
import { useState } from 'react';
import '../forms.css';
import { ReceiptView } from './ReceiptView';
import { ReportForm } from './ReportForm';
import type { Receipt } from './submitReport';

export default function ReportPage() {
  // The receipt lives in memory only: the access key is never written to storage.
  const [done, setDone] = useState<{ receipt: Receipt; at: Date } | null>(null);
  if (done) return <ReceiptView receipt={done.receipt} submittedAt={done.at} onNewReport={() => setDone(null)} />;
  return <ReportForm onSubmitted={(receipt) => setDone({ receipt, at: new Date() })} />;
}
