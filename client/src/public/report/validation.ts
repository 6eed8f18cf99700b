// The form checks the draft with the server's own schema (shared/schemas/report.ts),
// then words each problem for the reporter in their language.
import { reportInputSchema, type ReportInput } from '../../../../shared/schemas/report';
import type { FieldError } from '../../api';
import type { FormMessages } from '../../messages/forms.zh';
import type { ReportDraft } from './draft';
import type { FieldErrors } from './fieldPaths';

/** "2025-11-28T15:04" (phone's local time) → "2025-11-28T15:04:00+08:00". */
export function withLocalOffset(local: string): string {
  const date = new Date(local);
  if (Number.isNaN(date.getTime())) return local; // the schema reports it
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const seconds = local.length === 16 ? ':00' : '';
  return `${local}${seconds}${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}

/** Mobile numbers typed with spaces or dashes ("138 1234 5678") become the bare digits. */
export function normalisePhone(raw: string): string {
  const compact = raw.replace(/\s+/g, '');
  const digitsOnly = compact.replace(/-/g, '');
  return /^(\+?86)?1\d{10}$/.test(digitsOnly) ? digitsOnly : compact;
}

const optional = (s: string) => s.trim() || undefined;

/** The `report` part as the server expects it, built from the draft. */
export function draftToInput(d: ReportDraft): Record<string, unknown> {
  const real = d.identity === 'real';
  return {
    category: d.category,
    area: d.area,
    description: d.description.trim(),
    anonymous: d.identity === '' ? undefined : !real,
    occurredAt: d.occurredAt ? withLocalOffset(d.occurredAt) : undefined,
    address: optional(d.address),
    subjectName: optional(d.subjectName),
    subjectCreditCode: optional(d.subjectCreditCode),
    reporter: real ? { name: d.name.trim(), phone: normalisePhone(d.phone), email: optional(d.email) } : undefined,
    posterCode: d.posterCode || undefined,
    shareLocation: d.shareLocation || undefined,
    location: d.shareLocation && d.location ? d.location : undefined,
    employeeOfSubject: real && d.employeeOfSubject ? true : undefined,
    notifyBySms: real && d.smsNotice ? true : undefined,
    noticePhone: d.identity === 'anonymous' ? optional(normalisePhone(d.noticePhone)) : undefined,
  };
}

interface Problem {
  path: string;
  code?: string;
  maximum?: number;
}

function wordProblem({ path, code, maximum }: Problem, m: FormMessages['fieldErrors']): string | undefined {
  if (code === 'too_big' && typeof maximum === 'number') return m.tooLong(maximum);
  switch (path) {
    case 'category':
      return m.category;
    case 'area':
      return m.area;
    case 'description':
      return m.description;
    case 'occurredAt':
      return code === 'custom' ? m.occurredAt : m.occurredAtInvalid;
    case 'anonymous':
    case 'reporter':
      return m.anonymous;
    case 'reporter.name':
      return m.reporterName;
    case 'reporter.phone':
      return code === 'custom' ? m.smsNeedsMobile : m.reporterPhone;
    case 'noticePhone':
      return m.noticePhone;
    case 'reporter.email':
      return m.reporterEmail;
    case 'employeeOfSubject':
      return m.employeeOfSubject;
    case 'location':
      return m.location;
    case 'subjectCreditCode':
      return m.subjectCreditCode;
    default:
      return undefined;
  }
}

export function checkDraft(
  d: ReportDraft,
  m: FormMessages['fieldErrors'],
): { input?: ReportInput; errors: FieldErrors } {
  const result = reportInputSchema.safeParse(draftToInput(d));
  if (result.success) return { input: result.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    const maximum = 'maximum' in issue ? Number(issue.maximum) : undefined;
    errors[path] ??= wordProblem({ path, code: issue.code, maximum }, m) ?? m.generic;
  }
  return { errors };
}

/** The server's field errors ("report.description") in the form's words where it has them. */
export function serverFieldErrors(list: FieldError[], m: FormMessages['fieldErrors']): FieldErrors {
  const errors: FieldErrors = {};
  for (const { path, message } of list) {
    const field = path.replace(/^report\./, '');
    errors[field] ??= wordProblem({ path: field }, m) ?? message;
  }
  return errors;
}
