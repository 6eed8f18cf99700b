// The jurisdiction as administrators keep it: the profile that names the place,
// the areas and the sectors. Every change goes through the audited endpoints.
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { AreaView, SectorView, jurisdictionResponse } from '../../../../../shared/schemas/jurisdiction';
import { api, describeError } from '../../../api';
import { useLang, useT } from '../../../i18n';
import { showFieldErrors } from '../../formErrors';
import { queryKeys } from '../../queryKeys';
import { QueryError } from '../../QueryState';
import { localName } from '../../referenceData';
import { jurisdictionEn } from './jurisdictionMessages.en';
import { jurisdictionZh } from './jurisdictionMessages.zh';
import { PageCard } from '../../PageCard';
import './jurisdiction.css';

type Jurisdiction = z.infer<typeof jurisdictionResponse>;
type Label = { zh: string; en: string };
interface ProfileFields {
  bureau: Label;
  letterAddress: Label;
  visitAddress: Label;
  fundName: Label;
  footer: Label;
  hotlines: { label: Label; number: string }[];
}
interface NewEntry {
  code: string;
  name: Label;
  population?: number;
}

const JURISDICTION_KEY = ['jurisdiction'] as const;
const LABELLED = ['bureau', 'letterAddress', 'visitAddress', 'fundName', 'footer'] as const;

export function JurisdictionPage() {
  const all = useT();
  const lang = useLang();
  const t = lang === 'en' ? jurisdictionEn : jurisdictionZh;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [profileForm] = Form.useForm<ProfileFields>();
  const [entryForm] = Form.useForm<NewEntry>();
  const [adding, setAdding] = useState<'area' | 'sector' | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const query = useQuery({
    queryKey: JURISDICTION_KEY,
    queryFn: ({ signal }) => api.get<Jurisdiction>('/jurisdiction', { signal }),
  });
  const data = query.data;
  useEffect(() => {
    if (data) profileForm.setFieldsValue(data.profile);
  }, [data, profileForm]);

  /** Every page's names (the reference data) follow a change. */
  const refetch = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: JURISDICTION_KEY }),
      queryClient.invalidateQueries({ queryKey: queryKeys.reference }),
    ]);
  const done = () => {
    message.success(t.saved);
    return refetch();
  };

  const savingProfile = useMutation({
    mutationFn: (f: ProfileFields) => api.patch('/jurisdiction/profile', f),
    onSuccess: done,
    onError: (caught) => {
      message.error(describeError(caught));
      showFieldErrors(profileForm, caught, [...LABELLED, 'hotlines']);
    },
  });

  const creating = useMutation({
    mutationFn: (f: NewEntry) =>
      adding === 'area'
        ? api.post('/jurisdiction/areas', { ...f, level: 'county', parentCode: data?.profile.areaCode })
        : api.post('/jurisdiction/sectors', { code: f.code, name: f.name }),
    onMutate: () => setFormError(null),
    onSuccess: () => {
      setAdding(null);
      return done();
    },
    onError: (caught) => {
      setFormError(describeError(caught));
      showFieldErrors(entryForm, caught, ['code', 'name', 'population']);
    },
  });

  const toggling = useMutation({
    mutationFn: ({ kind, code, active }: { kind: 'areas' | 'sectors'; code: string; active: boolean }) =>
      api.patch(`/jurisdiction/${kind}/${encodeURIComponent(code)}`, { active }),
    onSuccess: done,
    onError: (caught) => message.error(describeError(caught)),
  });

  const open = (kind: 'area' | 'sector') => {
    setFormError(null);
    entryForm.resetFields();
    setAdding(kind);
  };

  const required = { required: true, whitespace: true, message: t.required };
  const bilingual = (name: string, label: string) => (
    <Form.Item label={label} required>
      <Space.Compact block>
        <Form.Item name={[name, 'zh']} noStyle rules={[required]}>
          <Input aria-label={`${label} (${t.zh})`} placeholder={t.zh} maxLength={200} />
        </Form.Item>
        <Form.Item name={[name, 'en']} noStyle rules={[required]}>
          <Input aria-label={`${label} (${t.en})`} placeholder={t.en} maxLength={300} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
  const activeSwitch = (kind: 'areas' | 'sectors') => (active: boolean, row: { code: string }) => (
    <Switch
      checked={active}
      onChange={(on) => toggling.mutate({ kind, code: row.code, active: on })}
      aria-label={`${t.active}: ${row.code}`}
    />
  );
  const codeCell = (code: string) => <Typography.Text code>{code}</Typography.Text>;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageCard title={t.title} intro={t.intro}>
        <QueryError queries={[query]} />
        {data && (
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t.servedArea}>
              {localName(data.areas.find((a) => a.code === data.profile.areaCode)?.name ?? { zh: '', en: '' }, lang)} (
              {data.profile.areaCode})
            </Descriptions.Item>
            <Descriptions.Item label={t.seed}>{data.seed}</Descriptions.Item>
          </Descriptions>
        )}
      </PageCard>

      <Card
        title={
          <Typography.Title level={2} className="jurisdiction-section">
            {t.profile}
          </Typography.Title>
        }
      >
        <Form<ProfileFields>
          form={profileForm}
          layout="vertical"
          name="profile"
          onFinish={(f) => savingProfile.mutate(f)}
        >
          {bilingual('bureau', t.bureau)}
          <Form.List name="hotlines">
            {(fields, { add, remove }) => (
              <Form.Item label={t.hotlines}>
                {fields.map((field) => (
                  <div key={field.key} className="jurisdiction-hotline">
                    <Form.Item name={[field.name, 'label', 'zh']} rules={[required]}>
                      <Input aria-label={`${t.hotlineLabel} (${t.zh})`} placeholder={`${t.hotlineLabel} (${t.zh})`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'label', 'en']} rules={[required]}>
                      <Input aria-label={`${t.hotlineLabel} (${t.en})`} placeholder={`${t.hotlineLabel} (${t.en})`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'number']}
                      rules={[required, { pattern: /^[\d -]{3,40}$/, message: t.hotlineNumber }]}
                    >
                      <Input aria-label={t.hotlineNumber} placeholder={t.hotlineNumber} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={all.common.cancel}
                      />
                    )}
                  </div>
                ))}
                {fields.length < 6 && (
                  <Button icon={<PlusOutlined />} onClick={() => add({ label: { zh: '', en: '' }, number: '' })}>
                    {t.addHotline}
                  </Button>
                )}
              </Form.Item>
            )}
          </Form.List>
          {bilingual('letterAddress', t.letterAddress)}
          {bilingual('visitAddress', t.visitAddress)}
          {bilingual('fundName', t.fundName)}
          {bilingual('footer', t.footer)}
          <Button type="primary" htmlType="submit" loading={savingProfile.isPending} disabled={!data}>
            {t.saveProfile}
          </Button>
        </Form>
      </Card>

      <Card
        title={
          <Typography.Title level={2} className="jurisdiction-section">
            {t.areas}
          </Typography.Title>
        }
        extra={
          <Button icon={<PlusOutlined />} onClick={() => open('area')} disabled={!data}>
            {t.addArea}
          </Button>
        }
      >
        <Table<AreaView>
          rowKey="code"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          loading={query.isFetching}
          dataSource={data?.areas ?? []}
          columns={[
            { title: t.code, dataIndex: 'code', render: codeCell },
            { title: t.name, render: (_, a) => localName(a.name, lang) },
            { title: t.level, dataIndex: 'level', render: (level: AreaView['level']) => t.levels[level] },
            { title: t.parent, dataIndex: 'parentCode' },
            { title: t.population, dataIndex: 'population', render: (n?: number) => n?.toLocaleString() },
            { title: t.active, dataIndex: 'active', render: activeSwitch('areas') },
          ]}
        />
      </Card>

      <Card
        title={
          <Typography.Title level={2} className="jurisdiction-section">
            {t.sectors}
          </Typography.Title>
        }
        extra={
          <Button icon={<PlusOutlined />} onClick={() => open('sector')} disabled={!data}>
            {t.addSector}
          </Button>
        }
      >
        <Table<SectorView>
          rowKey="code"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          loading={query.isFetching}
          dataSource={data?.sectors ?? []}
          columns={[
            { title: t.code, dataIndex: 'code', render: codeCell },
            { title: t.name, render: (_, s) => localName(s.name, lang) },
            { title: t.active, dataIndex: 'active', render: activeSwitch('sectors') },
          ]}
        />
      </Card>

      <Modal
        open={adding !== null}
        title={adding === 'area' ? t.addArea : t.addSector}
        okText={all.common.save}
        cancelText={all.common.cancel}
        confirmLoading={creating.isPending}
        onOk={() => entryForm.submit()}
        onCancel={() => setAdding(null)}
        forceRender
      >
        {formError && <Alert type="error" showIcon title={formError} className="page-alert" />}
        <Form<NewEntry>
          form={entryForm}
          layout="vertical"
          name="jurisdiction-entry"
          onFinish={(f) => creating.mutate(f)}
        >
          <Form.Item
            label={t.code}
            name="code"
            extra={adding === 'area' ? t.codeHint : t.sectorCodeHint}
            rules={[
              required,
              adding === 'area'
                ? { pattern: /^\d{6}$/, message: t.codeHint }
                : { pattern: /^[a-z][a-z0-9-]{1,59}$/, message: t.sectorCodeHint },
            ]}
          >
            <Input autoComplete="off" maxLength={60} />
          </Form.Item>
          <Form.Item label={t.nameZh} name={['name', 'zh']} rules={[required]}>
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
          <Form.Item label={t.nameEn} name={['name', 'en']} rules={[required]}>
            <Input autoComplete="off" maxLength={300} />
          </Form.Item>
          {adding === 'area' && (
            <Form.Item label={t.population} name="population">
              <InputNumber min={1} max={100_000_000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
