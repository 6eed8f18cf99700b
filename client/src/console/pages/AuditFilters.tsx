// The audit log's filters: who, which action, what it acted on, and when (Shanghai days).
// They live in the address, so a filtered view can be bookmarked or sent to a colleague.
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Input, Space } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api';
import { useLang, useT } from '../../i18n';
import { auditActionLabel, knownAuditActions } from '../../../../shared/auditActions';
import type { staffListResponse } from '../../../../shared/schemas/staff';
import type { z } from 'zod';
import { SingleSelect } from '../Selects';

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

const ANY = '';

export function AuditFilters({
  values,
  update,
}: {
  values: AuditFilterValues;
  update: (changes: Partial<Record<keyof AuditFilterValues | 'before', string | undefined>>) => void;
}) {
  const t = useT().console.audit;
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const staff = useQuery({
    queryKey: ['staff', 'list'],
    queryFn: ({ signal }) => api.get<z.infer<typeof staffListResponse>>('/staff', { signal }),
  });
  // Any change starts the log again from the newest matching entry.
  const set = (changes: Partial<Record<keyof AuditFilterValues, string | undefined>>) =>
    update({ ...changes, before: undefined });
  const actions = knownAuditActions
    .map((code) => ({ value: code, label: auditActionLabel(code, lang) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang === 'zh' ? 'zh-CN' : 'en'));
  const filtered = !!(values.actor || values.action || values.target || values.from || values.to);

  return (
    <Space wrap style={{ marginBottom: 16 }} aria-label={t.filters} role="group" data-testid="audit-filters">
      <SingleSelect<string>
        aria-label={t.actor}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 200 }}
        value={values.actor ?? ANY}
        loading={staff.isLoading}
        options={[
          { value: ANY, label: t.anyActor },
          ...(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.displayName}（${s.username}）` })),
        ]}
        onChange={(actor) => set({ actor: actor || undefined })}
        data-testid="audit-filter-actor"
      />
      <SingleSelect<string>
        aria-label={t.action}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 240 }}
        value={values.action ?? ANY}
        options={[{ value: ANY, label: t.anyAction }, ...actions]}
        onChange={(action) => set({ action: action || undefined })}
        data-testid="audit-filter-action"
      />
      <Input.Search
        aria-label={t.target}
        placeholder={t.targetPlaceholder}
        allowClear
        defaultValue={values.target}
        key={values.target ?? ''}
        style={{ width: 240 }}
        onSearch={(target) => set({ target: target.trim() || undefined })}
        data-testid="audit-filter-target"
      />
      <DatePicker.RangePicker
        aria-label={t.period}
        allowEmpty={[true, true]}
        value={
          values.from || values.to
            ? [values.from ? dayjs(values.from) : null, values.to ? dayjs(values.to) : null]
            : null
        }
        onChange={(_, [from, to]) => set({ from: from || undefined, to: to || undefined })}
        data-testid="audit-filter-period"
      />
      {filtered && (
        <Button
          onClick={() =>
            set({ actor: undefined, action: undefined, target: undefined, from: undefined, to: undefined })
          }
        >
          {t.clearFilters}
        </Button>
      )}
    </Space>
  );
}
