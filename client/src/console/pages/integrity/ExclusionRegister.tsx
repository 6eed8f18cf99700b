// The exclusion register: add a person by ID number (the server keeps only its
// keyed index), list by kind and note, remove. Administrators and the discipline officer.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Table, Typography } from 'antd';
import { SingleSelect } from '../../Selects';
import type { z } from 'zod';
import {
  exclusionKinds,
  exclusionKindText,
  type exclusionEntry,
  type exclusionList,
} from '../../../../../shared/schemas/rewardControls';
import { api } from '../../../api';
import { formatDateTime } from '../../../format';
import { useLang } from '../../../i18n';
import { QueryError } from '../../QueryState';
import { integrityTexts } from './integrityTexts';

type Entry = z.infer<typeof exclusionEntry>;
const KEY = ['rewards', 'exclusions'] as const;

export function ExclusionRegister() {
  const lang = useLang();
  const t = integrityTexts[lang];
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<z.infer<typeof exclusionList>>('/rewards/exclusions', { signal }),
  });
  const done = () => void queryClient.invalidateQueries({ queryKey: KEY });
  const failed = (e: unknown) => void message.error(e instanceof Error ? e.message : String(e));
  const add = useMutation({
    mutationFn: (v: { idNumber: string; kind: string; note: string }) => api.post<Entry>('/rewards/exclusions', v),
    onSuccess: () => {
      form.resetFields();
      void message.success(t.added);
      done();
    },
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete<void>(`/rewards/exclusions/${id}`),
    onSuccess: done,
    onError: failed,
  });
  const kindName = (k: string) =>
    (exclusionKindText[k as Entry['kind']] ?? { zh: k, en: k })[lang === 'en' ? 'en' : 'zh'];
  const required = [{ required: true, whitespace: true, message: t.required }];
  return (
    <Card title={t.register} data-testid="exclusion-register">
      <Typography.Paragraph type="secondary">{t.registerHint}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(v: { idNumber: string; kind: string; note: string }) => add.mutate(v)}
        style={{ rowGap: 8, marginBottom: 16 }}
      >
        <Form.Item name="idNumber" label={t.idNumber} rules={required}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t.kind} rules={[{ required: true, message: t.required }]}>
          <SingleSelect
            style={{ minWidth: 180 }}
            options={exclusionKinds.map((k) => ({ value: k, label: kindName(k) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t.note} rules={[...required, { max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t.add}
        </Button>
      </Form>
      {list.error ? (
        <QueryError queries={[list]} />
      ) : (
        <Table<Entry>
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.entries}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t.kind, dataIndex: 'kind', key: 'kind', render: kindName },
            { title: t.note, dataIndex: 'note', key: 'note' },
            { title: t.addedBy, key: 'by', render: (_, e) => e.addedBy ?? e.addedById },
            { title: t.addedAt, dataIndex: 'addedAt', key: 'at', render: formatDateTime },
            {
              key: 'remove',
              render: (_, e) => (
                <Popconfirm title={t.removeConfirm} onConfirm={() => remove.mutate(e.id)}>
                  <Button size="small" danger>
                    {t.remove}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
