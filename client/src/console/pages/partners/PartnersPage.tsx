// Partner systems (the provincial platform, other cities): administrators register
// them, switch test mode and webhooks, rotate secrets (shown once) and deactivate them.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import type { partners } from '../../../../../shared/contract/partners';
import type { PartnerView } from '../../../../../shared/schemas/partners';
import { describeError } from '../../../api';
import { call, route } from '../../../apiClient';
import { formatDateTime } from '../../../format';
import { useLang, useT } from '../../../i18n';
import { showFieldErrors } from '../../formErrors';
import { QueryError } from '../../QueryState';
import { partnersEn } from './messages.en';
import { partnersZh } from './messages.zh';
import { PartnerSecretModal, type IssuedSecret } from './PartnerSecretModal';
import { PageCard } from '../../PageCard';

type C = typeof partners;
const listRoute = route<C['list']>({ kind: 'json', method: 'get', path: '/api/v1/partners' });
const registerRoute = route<C['register']>({ kind: 'json', method: 'post', path: '/api/v1/partners' });
const updateRoute = route<C['update']>({ kind: 'json', method: 'patch', path: '/api/v1/partners/:code' });
const rotateRoute = route<C['rotateSecret']>({ kind: 'json', method: 'post', path: '/api/v1/partners/:code/secret' });

const KEY = ['partners'] as const;

interface PartnerFields {
  code: string;
  nameZh: string;
  nameEn: string;
  webhookUrl?: string;
  testMode: boolean;
}
const FIELD_NAMES = ['code', 'nameZh', 'nameEn', 'webhookUrl', 'testMode'] as const;

export function PartnersPage() {
  const all = useT();
  const lang = useLang();
  const t = lang === 'en' ? partnersEn : partnersZh;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PartnerFields>();
  const [editing, setEditing] = useState<PartnerView | 'new' | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedSecret | null>(null);

  const list = useQuery({ queryKey: KEY, queryFn: ({ signal }) => call(listRoute, undefined, { signal }) });
  const refetch = () => queryClient.invalidateQueries({ queryKey: KEY });
  const nameOf = (p: PartnerView) => (lang === 'en' ? p.name.en : p.name.zh);
  const showSecret = ({ partner, secret }: { partner: PartnerView; secret: string }) =>
    setIssued({ name: nameOf(partner), keyId: partner.keyId, secret });

  const open = (target: PartnerView | 'new') => {
    setFormError(null);
    form.resetFields();
    if (target !== 'new')
      form.setFieldsValue({
        code: target.code,
        nameZh: target.name.zh,
        nameEn: target.name.en,
        webhookUrl: target.webhookUrl,
        testMode: target.testMode,
      });
    setEditing(target);
  };

  const saving = useMutation({
    mutationFn: async ({ target, f }: { target: PartnerView | 'new'; f: PartnerFields }) => {
      const name = { zh: f.nameZh, en: f.nameEn };
      const webhookUrl = f.webhookUrl?.trim() || undefined;
      if (target === 'new') {
        showSecret(await call(registerRoute, { body: { code: f.code, name, webhookUrl, testMode: f.testMode } }));
        return;
      }
      await call(updateRoute, {
        params: { code: target.code },
        body: { name, webhookUrl: webhookUrl ?? null, testMode: f.testMode },
      });
      void message.success(t.saved);
    },
    onMutate: () => setFormError(null),
    onSuccess: () => {
      setEditing(null);
      return refetch();
    },
    onError: (caught) => {
      setFormError(describeError(caught));
      showFieldErrors(form, caught, FIELD_NAMES);
    },
  });

  const failed = (caught: unknown) => void message.error(describeError(caught));
  const rotating = useMutation({
    mutationFn: (p: PartnerView) => call(rotateRoute, { params: { code: p.code } }),
    onSuccess: (answer) => {
      showSecret(answer);
      return refetch();
    },
    onError: failed,
  });
  const switching = useMutation({
    mutationFn: ({ p, active }: { p: PartnerView; active: boolean }) =>
      call(updateRoute, { params: { code: p.code }, body: { active } }),
    onSuccess: () => {
      void message.success(t.saved);
      return refetch();
    },
    onError: failed,
  });

  const columns: ColumnsType<PartnerView> = [
    {
      title: t.name,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{nameOf(p)}</Typography.Text>
          <Typography.Text type="secondary">{p.code}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t.status,
      render: (_, p) =>
        !p.active ? (
          <Tag>{t.statusInactive}</Tag>
        ) : p.testMode ? (
          <Tag color="gold">{t.statusTest}</Tag>
        ) : (
          <Tag color="green">{t.statusLive}</Tag>
        ),
    },
    {
      title: t.keyId,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text code>{p.keyId}</Typography.Text>
          <Typography.Text type="secondary">
            {t.secretIssuedAt}: {formatDateTime(p.secretIssuedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t.webhookUrl,
      dataIndex: 'webhookUrl',
      // The host alone: the full address (which may carry the partner's token) stays in the edit form.
      render: (url?: string) => (url ? new URL(url).host : t.noWebhook),
    },
    {
      title: t.active,
      render: (_, p) =>
        p.active ? (
          <Popconfirm title={t.deactivateConfirm} onConfirm={() => switching.mutate({ p, active: false })}>
            <Switch checked aria-label={`${t.active}: ${p.code}`} />
          </Popconfirm>
        ) : (
          <Switch
            checked={false}
            onChange={() => switching.mutate({ p, active: true })}
            aria-label={`${t.active}: ${p.code}`}
          />
        ),
    },
    {
      title: t.actions,
      key: 'actions',
      render: (_, p) => (
        <Space wrap>
          <Button icon={<EditOutlined />} onClick={() => open(p)} aria-label={`${t.edit}: ${p.code}`} />
          <Popconfirm title={t.rotateConfirm} onConfirm={() => rotating.mutate(p)}>
            <Button icon={<KeyOutlined />} loading={rotating.isPending && rotating.variables?.code === p.code}>
              {t.rotate}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const required = { required: true, whitespace: true, message: t.required };
  return (
    <PageCard
      title={t.title}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          {t.register}
        </Button>
      }
      intro={t.intro}
    >
      <QueryError queries={[list]} />
      <Table<PartnerView>
        rowKey="code"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={false}
        size="middle"
        scroll={{ x: 'max-content' }}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t.register : t.edit}
        okText={all.common.save}
        cancelText={all.common.cancel}
        confirmLoading={saving.isPending}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        {formError && <Alert type="error" showIcon title={formError} className="page-alert" />}
        <Form<PartnerFields>
          form={form}
          layout="vertical"
          name="partner"
          onFinish={(f) => editing && saving.mutate({ target: editing, f })}
          requiredMark
          initialValues={{ testMode: true }}
        >
          <Form.Item
            label={t.code}
            name="code"
            extra={t.codeHint}
            rules={[required, { pattern: /^[a-z][a-z0-9-]{2,39}$/, message: t.codeHint }]}
          >
            <Input autoComplete="off" disabled={editing !== 'new'} maxLength={40} />
          </Form.Item>
          <Form.Item label={t.nameZh} name="nameZh" rules={[required, { max: 80 }]}>
            <Input autoComplete="off" maxLength={80} />
          </Form.Item>
          <Form.Item label={t.nameEn} name="nameEn" rules={[required, { max: 120 }]}>
            <Input autoComplete="off" maxLength={120} />
          </Form.Item>
          <Form.Item
            label={t.webhookUrl}
            name="webhookUrl"
            extra={t.webhookHint}
            rules={[{ type: 'url', message: t.webhookHint }]}
          >
            <Input autoComplete="off" maxLength={500} inputMode="url" />
          </Form.Item>
          <Form.Item label={t.testMode} name="testMode" valuePropName="checked" extra={t.testModeHint}>
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
      <PartnerSecretModal issued={issued} t={t} onClose={() => setIssued(null)} />
    </PageCard>
  );
}
