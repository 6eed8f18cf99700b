// A version's values as the calculator uses them, each marked when it is assumed.
import { Descriptions, Space, Tag, Tooltip, Typography } from 'antd';
import type { RewardPolicy } from '../../../../../shared/rewards/policySchema';
import { formatYuan } from '../finance/money';
import type { PoliciesMessages } from './messages.zh';
import { pathKey, policySections, valueAt, type PolicyField } from './policyFields';

function shown(field: PolicyField, value: unknown, t: PoliciesMessages): string {
  if (value === undefined || value === null) return '—';
  switch (field.kind) {
    case 'yuan':
      return `${formatYuan(value as number)} ${t.yuan}`;
    case 'percent':
      return `${String(value)}%`;
    case 'switch':
      return value ? t.yes : t.no;
    case 'policyDay':
      return t.policyDays[value as keyof PoliciesMessages['policyDays']];
    case 'rounding':
      return t.roundings[value as keyof PoliciesMessages['roundings']];
    default:
      return String(value);
  }
}

export function PolicyValues({ policy, t }: { policy: RewardPolicy; t: PoliciesMessages }) {
  const assumed = new Set(policy.assumed);
  const mark = (key: string) =>
    assumed.has(key) ? (
      <Tooltip title={t.assumedHint}>
        <Tag color="gold" data-testid={`assumed-${key}`}>
          {t.assumed}
        </Tag>
      </Tooltip>
    ) : null;
  return (
    <Space orientation="vertical" size="middle" className="policy-values">
      {policySections
        .filter((s) => !s.present || s.present(policy))
        .map((section) => (
          <Descriptions key={section.key} title={t.sections[section.key]} column={1} size="small" bordered>
            {section.fields.map((field) => (
              <Descriptions.Item key={pathKey(field.path)} label={field.label(t)}>
                {shown(field, valueAt(policy, field.path), t)} {mark(pathKey(field.path))}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ))}
      <Descriptions title={t.sections.documents} column={1} size="small" bordered>
        {policy.documents.map((d) => (
          <Descriptions.Item key={d.id} label={d.number || d.id}>
            <Typography.Text>{d.title.zh}</Typography.Text> · {d.title.en} · {d.effectiveFrom}
            {d.effectiveUntil ? ` – ${d.effectiveUntil}` : ''}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Space>
  );
}
