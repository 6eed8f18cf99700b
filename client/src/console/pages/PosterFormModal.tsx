import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { api, describeError } from '../../api';
import { useLang, useT } from '../../i18n';
import { showFieldErrors } from '../formErrors';
import { SingleSelect } from '../Selects';
import { localName, type ReferenceLookup } from '../referenceData';
import type { PosterView } from '../types';

interface PosterFields {
  siteName: string;
  enterpriseName: string;
  areaCode: string;
  sector: string;
  address: string;
}

const FIELD_NAMES = ['siteName', 'enterpriseName', 'areaCode', 'sector', 'address'] as const;

export type PosterFormTarget = { kind: 'create' } | { kind: 'edit'; poster: PosterView };

interface Props {
  target: PosterFormTarget | null;
  reference: ReferenceLookup;
  onSaved(poster: PosterView, created: boolean): void;
  onCancel(): void;
}

/** One form for creating a poster and correcting what it says; the code never changes. */
export function PosterFormModal({ target, reference, onSaved, onCancel }: Props) {
  const all = useT();
  const t = all.console.posters;
  const lang = useLang();
  const [form] = Form.useForm<PosterFields>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Keep showing the last target while the modal animates closed.
  const [shown, setShown] = useState(target);
  if (target && target !== shown) setShown(target);
  const editing = shown?.kind === 'edit' ? shown.poster : null;

  // One form instance serves every opening, so each opening starts from a clean slate.
  useEffect(() => {
    if (!target) return;
    setError(null);
    form.resetFields();
    if (target.kind === 'edit') {
      const { siteName, enterpriseName, areaCode, sector, address } = target.poster;
      form.setFieldsValue({ siteName, enterpriseName, areaCode, sector, address });
    }
  }, [target, form]);

  const save = async (fields: PosterFields) => {
    setSaving(true);
    setError(null);
    try {
      const { poster } = editing
        ? await api.patch<{ poster: PosterView }>(`/posters/${encodeURIComponent(editing.code)}`, fields)
        : await api.post<{ poster: PosterView }>('/posters', fields);
      onSaved(poster, !editing);
    } catch (caught) {
      // The localized summary on top; the server's per-field hints next to the fields.
      setError(describeError(caught));
      showFieldErrors(form, caught, FIELD_NAMES);
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, whitespace: true, message: t.required };
  return (
    <Modal
      open={target !== null}
      title={editing ? t.editTitle(editing.code) : t.createTitle}
      okText={all.common.save}
      cancelText={all.common.cancel}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Form<PosterFields> form={form} layout="vertical" name="poster" onFinish={save} requiredMark>
        <Form.Item label={t.siteName} name="siteName" rules={[required, { max: 80 }]}>
          <Input autoComplete="off" maxLength={80} />
        </Form.Item>
        <Form.Item label={t.enterpriseName} name="enterpriseName" rules={[required, { max: 120 }]}>
          <Input autoComplete="off" maxLength={120} />
        </Form.Item>
        <Form.Item label={t.area} name="areaCode" rules={[{ required: true, message: t.required }]}>
          <SingleSelect<string>
            options={reference.areas.map((area) => ({ value: area.code, label: localName(area.name, lang) }))}
          />
        </Form.Item>
        <Form.Item label={t.sector} name="sector" rules={[{ required: true, message: t.required }]}>
          <SingleSelect<string>
            showSearch={{ optionFilterProp: 'label' }}
            options={reference.sectors.map((sector) => ({ value: sector.code, label: localName(sector.name, lang) }))}
          />
        </Form.Item>
        <Form.Item label={t.address} name="address" rules={[required, { max: 200 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
