// The report being written, kept on the phone until it is submitted (not the
// files: browsers cannot store them). Phones are often shared or the employer's,
// so what says who the reporter is (name, phone, email, the identity choice and
// the location) lives in sessionStorage only and is gone when the tab closes, and
// so does the Idempotency-Key: for a day the server answers that key with the
// receipt, so the next person to pick up the phone must not hold it. The rest
// stays in localStorage for DRAFT_HOURS and then expires. The receipt's access key
// is never stored.
import { useCallback, useEffect, useState } from 'react';

const STORAGE_KEY = 'woodpecker.reportDraft';
const IDENTITY_KEY = 'woodpecker.reportIdentity';
/** How long an unsent draft is kept on the phone; the form says so. */
export const DRAFT_HOURS = 24;

export type Identity = '' | 'real' | 'anonymous';

export interface ReportDraft {
  version: 2;
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
  /** The enterprise's unified social credit code, as typed (normalised when sent). */
  subjectCreditCode: string;
  identity: Identity;
  name: string;
  phone: string;
  email: string;
  employeeOfSubject: boolean;
  /** A real-name reporter's choice of SMS notices, to the phone above. */
  smsNotice: boolean;
  /** An anonymous reporter's number for SMS notices only ('' for none). */
  noticePhone: string;
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
    version: 2,
    idempotencyKey: newIdempotencyKey(),
    step: 1,
    category: '',
    area: '',
    description: '',
    occurredAt: '',
    address: '',
    subjectName: '',
    subjectCreditCode: '',
    identity: '',
    name: '',
    phone: '',
    email: '',
    employeeOfSubject: false,
    smsNotice: false,
    noticePhone: '',
    shareLocation: false,
    location: null,
    posterCode: '',
  };
}

/** The fields that must not outlive the tab: who the reporter is, and the key that would fetch their receipt. */
const IDENTITY_FIELDS = [
  'idempotencyKey',
  'identity',
  'name',
  'phone',
  'email',
  'employeeOfSubject',
  'smsNotice',
  'noticePhone',
  'shareLocation',
  'location',
] as const;
type IdentityFields = Pick<ReportDraft, (typeof IDENTITY_FIELDS)[number]>;
type StoredDraft = Omit<ReportDraft, keyof IdentityFields> & { savedAt: number };

function splitDraft(draft: ReportDraft): { kept: Omit<ReportDraft, keyof IdentityFields>; identity: IdentityFields } {
  const kept: Record<string, unknown> = { ...draft };
  const identity: Record<string, unknown> = {};
  for (const field of IDENTITY_FIELDS) {
    identity[field] = draft[field];
    delete kept[field];
  }
  return { kept: kept as Omit<ReportDraft, keyof IdentityFields>, identity: identity as unknown as IdentityFields };
}

function readJson(storage: Storage, key: string): Record<string, unknown> | null {
  const raw = storage.getItem(key);
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
}

function readDraft(now = Date.now()): ReportDraft | null {
  try {
    const saved = readJson(localStorage, STORAGE_KEY) as Partial<StoredDraft> | null;
    if (!saved) return null;
    const expired = typeof saved.savedAt !== 'number' || now - saved.savedAt > DRAFT_HOURS * 3_600_000;
    if (saved.version !== 2 || expired) {
      clearStoredDraft(); // an old format or an expired draft is removed, not restored
      return null;
    }
    const identity = readJson(sessionStorage, IDENTITY_KEY) ?? {};
    const picked = Object.fromEntries(IDENTITY_FIELDS.filter((f) => f in identity).map((f) => [f, identity[f]]));
    const { savedAt: _savedAt, ...fields } = saved;
    return { ...emptyDraft(), ...fields, ...picked, version: 2 };
  } catch {
    return null; // storage blocked or corrupted: start afresh
  }
}

function writeDraft(draft: ReportDraft): void {
  const { kept, identity } = splitDraft(draft);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...kept, savedAt: Date.now() } satisfies StoredDraft));
    sessionStorage.setItem(IDENTITY_KEY, JSON.stringify(identity));
  } catch {
    // storage full or blocked: the draft lives in memory only
  }
}

export function clearStoredDraft(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
    sessionStorage.removeItem(IDENTITY_KEY);
  } catch {
    // nothing stored
  }
}

/** Whether the user typed anything worth keeping (the step and key alone are not). */
export function hasContent(d: ReportDraft): boolean {
  return Boolean(
    d.category ||
    d.area ||
    d.description ||
    d.occurredAt ||
    d.address ||
    d.subjectName ||
    d.subjectCreditCode ||
    d.identity ||
    d.name ||
    d.phone ||
    d.email ||
    d.noticePhone,
  );
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
