import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { CategoryView } from '../../../../shared/schemas/category';
import { api, describeError } from '../../api';
import { useLang, useT } from '../../i18n';
import { showFieldErrors } from '../formErrors';
import { queryKeys } from '../queryKeys';
import { QueryError } from '../QueryState';
import { localName, useReferenceData } from '../referenceData';
import { SingleSelect } from '../Selects';
import { PageCard } from '../PageCard';

type Scheme = CategoryView['scheme'];
interface CategoryFields {
  code: string;
  nameZh: string;
  nameEn: string;
  sector: string;
  scheme: Scheme;
  order: number;
}
const FIELD_NAMES = ['code', 'nameZh', 'nameEn', 'sector', 'scheme', 'order'] as const;
const SCHEMES: Scheme[] = ['violation', 'welding', 'concealed-accident'];

/** The report form's categories: administrators add, rename, reorder and retire them. */
export function CategoriesPage() {
  const all = useT();
  const t = all.console.categories;
  const lang = useLang();
  const { message } = App.useApp();
  const reference = useReferenceData();
  const [form] = Form.useForm<CategoryFields>();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<CategoryView | 'new' | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const list = useQuery({
    queryKey: queryKeys.categories,
    queryFn: ({ signal }) => api.get<{ items: CategoryView[] }>('/categories', { signal }),
  });
  const items = list.data?.items ?? [];

  /** The report form's catalog and every page's category names follow a change. */
  const refetchCategories = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.categories }),
      queryClient.invalidateQueries({ queryKey: queryKeys.reference }),
    ]);

  const open = (target: CategoryView | 'new') => {
    setFormError(null);
    form.resetFields();
    if (target !== 'new')
      form.setFieldsValue({
        code: target.code,
        nameZh: target.name.zh,
        nameEn: target.name.en,
        sector: target.sector,
        scheme: target.scheme,
        order: target.order,
      });
    setEditing(target);
  };

  const saving = useMutation({
    mutationFn: ({ target, f }: { target: CategoryView | 'new'; f: CategoryFields }) => {
      const body = { name: { zh: f.nameZh, en: f.nameEn }, sector: f.sector, scheme: f.scheme, order: f.order };
      return target === 'new'
        ? api.post('/categories', { ...body, code: f.code })
        : api.patch(`/categories/${encodeURIComponent(target.code)}`, body);
    },
    onMutate: () => setFormError(null),
    onSuccess: () => {
      setEditing(null);
      message.success(t.saved);
      return refetchCategories();
    },
    onError: (caught) => {
      setFormError(describeError(caught));
      showFieldErrors(form, caught, FIELD_NAMES);
    },
  });
  const save = (f: CategoryFields) => {
    if (editing) saving.mutate({ target: editing, f });
  };

  const activating = useMutation({
    mutationFn: ({ category, active }: { category: CategoryView; active: boolean }) =>
      api.patch(`/categories/${encodeURIComponent(category.code)}`, { active }),
    onSuccess: () => {
      message.success(t.saved);
      return refetchCategories();
    },
    onError: (caught) => message.error(describeError(caught)),
  });
  const setActive = (category: CategoryView, active: boolean) => activating.mutate({ category, active });

  const columns: ColumnsType<CategoryView> = [
    { title: t.order, dataIndex: 'order', width: 80 },
    { title: t.nameZh, render: (_, c) => localName(c.name, lang) },
    { title: t.code, dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    { title: t.sector, dataIndex: 'sector', render: (code: string) => reference.sectorName(code) },
    { title: t.scheme, dataIndex: 'scheme', render: (scheme: Scheme) => t.schemes[scheme] },
    {
      title: t.active,
      dataIndex: 'active',
      render: (active: boolean, c) => (
        <Switch checked={active} onChange={(on) => setActive(c, on)} aria-label={`${t.active}: ${c.code}`} />
      ),
    },
    {
      title: '',
      key: 'edit',
      render: (_, c) => <Button icon={<EditOutlined />} onClick={() => open(c)} aria-label={`${t.edit}: ${c.code}`} />,
    },
  ];

  const required = { required: true, whitespace: true, message: t.required };
  return (
    <PageCard
      title={t.title}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          {t.create}
        </Button>
      }
      intro={t.intro}
    >
      <QueryError queries={[list]} />
      <Table<CategoryView>
        rowKey="code"
        columns={columns}
        dataSource={items}
        loading={list.isFetching}
        pagination={false}
        size="middle"
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t.create : t.edit}
        okText={all.common.save}
        cancelText={all.common.cancel}
        confirmLoading={saving.isPending}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        {formError && <Alert type="error" showIcon title={formError} className="page-alert" />}
        <Form<CategoryFields>
          form={form}
          layout="vertical"
          name="category"
          onFinish={save}
          requiredMark
          initialValues={{ scheme: 'violation', order: 100 }}
        >
          <Form.Item
            label={t.code}
            name="code"
            extra={t.codeHint}
            rules={[required, { pattern: /^[a-z][a-z0-9-]{2,59}$/, message: t.codeHint }]}
          >
            <Input autoComplete="off" disabled={editing !== 'new'} maxLength={60} />
          </Form.Item>
          <Form.Item label={t.nameZh} name="nameZh" rules={[required, { max: 80 }]}>
            <Input autoComplete="off" maxLength={80} />
          </Form.Item>
          <Form.Item label={t.nameEn} name="nameEn" rules={[required, { max: 120 }]}>
            <Input autoComplete="off" maxLength={120} />
          </Form.Item>
          <Form.Item label={t.sector} name="sector" rules={[{ required: true, message: t.required }]}>
            <SingleSelect<string>
              options={reference.sectors.map((s) => ({ value: s.code, label: localName(s.name, lang) }))}
            />
          </Form.Item>
          <Form.Item label={t.scheme} name="scheme" rules={[{ required: true, message: t.required }]}>
            <SingleSelect<Scheme> options={SCHEMES.map((s) => ({ value: s, label: t.schemes[s] }))} />
          </Form.Item>
          <Form.Item label={t.order} name="order" rules={[{ required: true, message: t.required }]}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
