// Puts the server's per-field problems next to the fields they concern.
import type { FormInstance } from 'antd';
import { ApiError } from '../api';

/**
 * Marks the form fields named in an ApiError's `errors`. Paths may carry a prefix or an
 * index ("body.newPassword", "areaCodes.0"), so any segment naming a known field counts.
 */
export function showFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): void {
  if (!(error instanceof ApiError)) return;
  const byField = new Map<string, string[]>();
  for (const { path, message } of error.errors) {
    const field = path.split('.').find((segment) => fields.includes(segment));
    if (field) byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
}
