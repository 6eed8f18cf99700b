// Where each field of the report lives in the form: its step and the control that shows
// its error. No schema here, so the first step can load without zod.

/** Field path ("description", "reporter.phone") → message. */
export type FieldErrors = Record<string, string>;

/** Which step shows which field (by the first segment of its path). */
const STEP_OF_FIELD: Record<string, number> = {
  category: 1,
  area: 1,
  description: 1,
  occurredAt: 1,
  address: 1,
  subjectName: 1,
  subjectCreditCode: 1,
  anonymous: 3,
  reporter: 3,
  employeeOfSubject: 3,
  notifyBySms: 3,
  noticePhone: 3,
  shareLocation: 3,
  location: 3,
};

export function stepOfField(path: string): number {
  return STEP_OF_FIELD[path.split('.')[0]] ?? 4;
}

/** The id of the control that shows a field's error. */
export function controlIdOf(path: string): string {
  if (path === 'reporter' || path === 'anonymous') return 'identity-real';
  return `report-${path.replace(/\./g, '-')}`;
}

export function errorsOfStep(errors: FieldErrors, step: number): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => stepOfField(path) === step));
}
