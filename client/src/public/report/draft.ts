// The report being written, kept in localStorage (not the files: browsers cannot
// store them) until it is submitted. The receipt's access key is never stored.
import { useCallback, useEffect, useState } from 'react';

const STORAGE_KEY = 'woodpecker.reportDraft';

export type Identity = '' | 'real' | 'anonymous';

export interface ReportDraft {
  version: 1;
  /** One per draft, kept across retries so a retried upload never makes a second report. */
  idempotencyKey: string;
  step: number;
  category: string;
  area: string;
  description: string;
  /** As the datetime-local input gives it: "2025-11-28T15:04" in the phone's time zone. */
  occurredAt: string;
  address: string;
  subjectName: string;
  identity: Identity;
  name: string;
  phone: string;
  email: string;
  employeeOfSubject: boolean;
  shareLocation: boolean;
  location: { lat: number; lng: number } | null;
  /** From the poster's QR code; '' when none or dropped. */
  posterCode: string;
}

export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `r-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function emptyDraft(): ReportDraft {
  return {
    version: 1,
    idempotencyKey: newIdempotencyKey(),
    step: 1,
    category: '',
    area: '',
    description: '',
    occurredAt: '',
    address: '',
    subjectName: '',
    identity: '',
    name: '',
    phone: '',
    email: '',
    employeeOfSubject: false,
    shareLocation: false,
    location: null,
    posterCode: '',
  };
}

function readDraft(): ReportDraft | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const saved = JSON.parse(raw) as Partial<ReportDraft>;
    if (saved.version !== 1 || typeof saved.idempotencyKey !== 'string') return null;
    return { ...emptyDraft(), ...saved };
  } catch {
    return null; // storage blocked or corrupted: start afresh
  }
}

function writeDraft(draft: ReportDraft): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(draft));
  } catch {
    // storage full or blocked: the draft lives in memory only
  }
}

export function clearStoredDraft(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

/** Whether the user typed anything worth keeping (the step and key alone are not). */
function hasContent(d: ReportDraft): boolean {
  return Boolean(d.category || d.area || d.description || d.occurredAt || d.address || d.subjectName || d.identity || d.name || d.phone || d.email);
}

/** The draft, saved on every change; `restored` tells whether an earlier one was found. */
export function useReportDraft() {
  const [initial] = useState(() => {
    const saved = readDraft();
    return { draft: saved ?? emptyDraft(), restored: saved !== null && hasContent(saved) };
  });
  const [draft, setDraft] = useState<ReportDraft>(initial.draft);

  useEffect(() => {
    if (hasContent(draft) || draft.step > 1) writeDraft(draft);
  }, [draft]);

  const update = useCallback((patch: Partial<ReportDraft>) => setDraft((d) => ({ ...d, ...patch })), []);
  const discard = useCallback(() => {
    clearStoredDraft();
    setDraft(emptyDraft());
  }, []);

  return { draft, update, discard, restored: initial.restored };
}
