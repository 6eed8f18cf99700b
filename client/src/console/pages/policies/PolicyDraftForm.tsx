// The edit form of a draft: the values an administrator changes, money in yuan,
// an "assumed" mark per value, and the server's refusals shown on their fields.
// Everything the form does not show (periods, citations…) is kept as drafted.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Divider, Form, Input, InputNumber, Modal, Space, Switch } from 'antd';
import { SingleSelect } from '../../Selects';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { RewardPolicy } from '../../../../../shared/rewards/policySchema';
import type { PolicyVersionView } from '../../../../../shared/schemas/rewardPolicies';
import { ApiError, describeError } from '../../../api';
import type { PoliciesMessages } from './messages.zh';
import {
  fenToYuan,
  fieldsOf,
  pathKey,
  policySections,
  setAt,
  valueAt,
  yuanToFen,
  type Path,
  type PolicyField,
} from './policyFields';

type FormValues = Record<string, unknown> & { documents: RewardPolicy['documents'] };

function formValuesOf(policy: RewardPolicy): FormValues {
  const values = structuredClone(policy) as unknown as FormValues;
  for (const field of fieldsOf(policy))
    if (field.kind === 'yuan') setAt(values, field.path, fenToYuan(valueAt(policy, field.path) as number));
  return values;
}

function policyOf(original: RewardPolicy, values: FormValues, assumed: Set<string>): RewardPolicy {
  const policy = structuredClone(original) as unknown as Record<string, unknown>;
  for (const field of fieldsOf(original)) {
    const value = valueAt(values, field.path);
    setAt(policy, field.path, field.kind === 'yuan' && typeof value === 'number' ? yuanToFen(value) : value);
  }
  policy.documents = values.documents.map((d) => {
    const { effectiveUntil, ...rest } = d;
    return effectiveUntil ? { ...rest, effectiveUntil } : rest;
  });
  policy.assumed = [...assumed];
  return policy as unknown as RewardPolicy;
}

/** A server path ("body.policy.violation.minFen") as the form's field name. */
const formPathOf = (path: string): Path =>
  path
    .replace(/^(body\.)?policy\./, '')
    .split('.')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

function input(field: PolicyField, t: PoliciesMessages) {
  switch (field.kind) {
    case 'yuan':
      return <InputNumber min={0} step={100} precision={2} className="policy-number" />;
    case 'percent':
      return <InputNumber min={0} max={100} precision={0} className="policy-number" />;
    case 'switch':
      return <Switch />;
    case 'policyDay':
      return <SingleSelect options={Object.entries(t.policyDays).map(([value, label]) => ({ value, label }))} />;
    case 'rounding':
      return <SingleSelect options={Object.entries(t.roundings).map(([value, label]) => ({ value, label }))} />;
    case 'day':
      return <Input placeholder="YYYY-MM-DD" />;
    default:
      return <Input />;
  }
}

interface Props {
  version: PolicyVersionView;
  t: PoliciesMessages;
  saving: boolean;
  onSave(policy: RewardPolicy): Promise<unknown>;
  onClose(): void;
}

export function PolicyDraftForm({ version, t, saving, onSave, onClose }: Props) {
  const [form] = Form.useForm<FormValues>();
  const [assumed, setAssumed] = useState(() => new Set(version.policy.assumed));
  const [problem, setProblem] = useState<string[] | null>(null);
  const toggle = (key: string, on: boolean) =>
    setAssumed((now) => {
      const next = new Set(now);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const submit = async (values: FormValues) => {
    setProblem(null);
    try {
      await onSave(policyOf(version.policy, values, assumed));
    } catch (caught) {
      if (!(caught instanceof ApiError)) return setProblem([describeError(caught)]);
      form.setFields(caught.errors.map((e) => ({ name: formPathOf(e.path), errors: [e.message] })));
      setProblem([describeError(caught), ...caught.errors.map((e) => `${formPathOf(e.path).join('.')}: ${e.message}`)]);
    }
  };

  const required = { required: true, message: t.required };
  return (
    <Modal
      open
      width={760}
      title={t.editTitle(version.id)}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem[0]}
          description={problem.slice(1).join('\n')}
          className="page-alert"
        />
      )}
      <Form<FormValues>
        form={form}
        name="policy-draft"
        layout="vertical"
        initialValues={formValuesOf(version.policy)}
        onFinish={(values) => void submit(values)}
        onFinishFailed={() => setProblem([t.fixFields])}
      >
        {policySections
          .filter((s) => !s.present || s.present(version.policy))
          .map((section) => (
            <section key={section.key} aria-label={t.sections[section.key]}>
              <Divider titlePlacement="start">{t.sections[section.key]}</Divider>
              {section.fields.map((field) => {
                const key = pathKey(field.path);
                return (
                  <Space key={key} align="start" wrap className="policy-field">
                    <Form.Item
                      name={field.path}
                      label={field.label(t)}
                      rules={field.kind === 'switch' ? [] : [required]}
                      valuePropName={field.kind === 'switch' ? 'checked' : 'value'}
                    >
                      {input(field, t)}
                    </Form.Item>
                    <Checkbox
                      checked={assumed.has(key)}
                      onChange={(e) => toggle(key, e.target.checked)}
                      aria-label={`${t.assumed}: ${field.label(t)}`}
                      className="policy-field__assumed"
                    >
                      {t.assumed}
                    </Checkbox>
                  </Space>
                );
              })}
            </section>
          ))}
        <Divider titlePlacement="start">{t.sections.documents}</Divider>
        <Form.List name="documents">
          {(items, { add, remove }) => (
            <>
              {items.map((item, index) => (
                <Card
                  key={item.key}
                  size="small"
                  className="policy-document"
                  title={`${t.sections.documents} ${index + 1}`}
                  extra={
                    <Button
                      size="small"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(item.name)}
                      aria-label={`${t.removeDocument} ${index + 1}`}
                    >
                      {t.removeDocument}
                    </Button>
                  }
                >
                  <Space align="start" wrap>
                    <Form.Item name={[item.name, 'id']} label={t.fields.documentId} rules={[required]}>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[item.name, 'number']} label={t.fields.documentNumber}>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[item.name, 'effectiveFrom']} label={t.effectiveFrom} rules={[required]}>
                      <Input placeholder="YYYY-MM-DD" />
                    </Form.Item>
                    <Form.Item name={[item.name, 'effectiveUntil']} label={t.fields.effectiveUntil}>
                      <Input placeholder="YYYY-MM-DD" />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[item.name, 'title', 'zh']} label={t.fields.titleZh} rules={[required]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[item.name, 'title', 'en']} label={t.fields.titleEn} rules={[required]}>
                    <Input />
                  </Form.Item>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ id: '', title: { zh: '', en: '' }, number: '', effectiveFrom: '' })}
              >
                {t.addDocument}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
