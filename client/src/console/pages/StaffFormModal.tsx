import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Switch } from 'antd';
import { api, describeError } from '../../api';
import { useLang, useT } from '../../i18n';
import { showFieldErrors } from '../formErrors';
import { MultipleSelect, SingleSelect } from '../Selects';
import { localName, type ReferenceLookup } from '../referenceData';
import { ROLES, type Role, type StaffView } from '../types';

interface StaffFields {
  username: string;
  displayName: string;
  role: Role;
  unitCode: string;
  areaCodes: string[];
  allAreas: boolean;
}

const FIELD_NAMES = ['username', 'displayName', 'role', 'unitCode', 'areaCodes', 'allAreas'] as const;

export type StaffFormTarget = { kind: 'create' } | { kind: 'edit'; user: StaffView };

interface Props {
  target: StaffFormTarget | null;
  reference: ReferenceLookup;
  onCreated(user: StaffView, initialPassword: string): void;
  onUpdated(user: StaffView): void;
  onCancel(): void;
}

/** One form for both creating an account and editing its role, unit, areas and name. */
export function StaffFormModal({ target, reference, onCreated, onUpdated, onCancel }: Props) {
  const all = useT();
  const t = all.console.staff;
  const lang = useLang();
  const [form] = Form.useForm<StaffFields>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Keep showing the last target while the modal animates closed.
  const [shown, setShown] = useState(target);
  if (target && target !== shown) setShown(target);
  const editing = shown?.kind === 'edit' ? shown.user : null;

  // One form instance serves every opening, so each opening starts from a clean slate.
  useEffect(() => {
    if (!target) return;
    setError(null);
    form.resetFields();
    if (target.kind === 'edit') {
      const { displayName, role, unitCode, areaCodes, allAreas } = target.user;
      form.setFieldsValue({ displayName, role, unitCode, areaCodes, allAreas });
    }
  }, [target, form]);

  const save = async (fields: StaffFields) => {
    setSaving(true);
    setError(null);
    const { username, ...editable } = fields;
    try {
      if (editing) {
        const { user } = await api.patch<{ user: StaffView }>(`/staff/${encodeURIComponent(editing.id)}`, editable);
        onUpdated(user);
      } else {
        const { user, initialPassword } = await api.post<{ user: StaffView; initialPassword: string }>('/staff', {
          username: username.trim(),
          ...editable,
        });
        onCreated(user, initialPassword);
      }
    } catch (caught) {
      // The localized summary on top; the server's per-field hints next to the fields.
      setError(describeError(caught));
      showFieldErrors(form, caught, FIELD_NAMES);
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t.required }];
  return (
    <Modal
      open={target !== null}
      title={editing ? t.editTitle(editing.displayName) : t.createTitle}
      okText={all.common.save}
      cancelText={all.common.cancel}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Form<StaffFields>
        form={form}
        layout="vertical"
        name="staff"
        initialValues={{ areaCodes: [], allAreas: false }}
        onFinish={save}
        requiredMark
      >
        {!editing && (
          <Form.Item label={t.username} name="username" rules={[{ ...required[0], whitespace: true }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item label={t.displayName} name="displayName" rules={[{ ...required[0], whitespace: true }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t.role} name="role" rules={required}>
          <SingleSelect<Role> options={ROLES.map((role) => ({ value: role, label: all.console.roles[role] }))} />
        </Form.Item>
        <Form.Item label={t.unit} name="unitCode" rules={required}>
          <SingleSelect<string>
            showSearch={{ optionFilterProp: 'label' }}
            options={reference.units.map((unit) => ({ value: unit.code, label: localName(unit.name, lang) }))}
          />
        </Form.Item>
        <Form.Item label={t.areas} name="areaCodes">
          <MultipleSelect<string>
            showSearch={{ optionFilterProp: 'label' }}
            options={reference.areas.map((area) => ({ value: area.code, label: localName(area.name, lang) }))}
          />
        </Form.Item>
        <Form.Item label={t.allAreas} name="allAreas" valuePropName="checked" extra={t.allAreasHint}>
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
