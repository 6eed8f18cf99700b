// Status webhooks to partner platforms that did not go: dead letters and long
// waits, with "send again" for a dead letter (audited on the server).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { webhooks } from '../../../../../shared/contract/webhooks';
import type { WebhookDeliveryItem } from '../../../../../shared/schemas/webhookDeliveries';
import { describeError } from '../../../api';
import { call, route } from '../../../apiClient';
import { formatDateTime } from '../../../format';
import { useLang } from '../../../i18n';
import { queryKeys } from '../../queryKeys';
import { QueryError } from '../../QueryState';
import { webhooksEn } from './webhookMessages.en';
import { webhooksZh } from './webhookMessages.zh';
import { PageCard } from '../../PageCard';

type C = typeof webhooks;
const listRoute = route<C['undelivered']>({ kind: 'json', method: 'get', path: '/api/v1/webhooks/undelivered' });
const resendRoute = route<C['resend']>({ kind: 'empty', method: 'post', path: '/api/v1/webhooks/:eventId/resend' });

export function WebhooksPage() {
  const lang = useLang();
  const t = lang === 'en' ? webhooksEn : webhooksZh;
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const list = useQuery({
    queryKey: queryKeys.webhooks,
    queryFn: ({ signal }) => call(listRoute, undefined, { signal }),
  });
  const resend = useMutation({
    mutationFn: (eventId: string) => call(resendRoute, { params: { eventId } }),
    onSuccess: () => message.success(t.resent),
    onError: (caught) => message.error(describeError(caught)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks }),
  });

  const columns: ColumnsType<WebhookDeliveryItem> = [
    { title: t.partner, key: 'partner', render: (_, w) => (lang === 'en' ? w.partner.name.en : w.partner.name.zh) },
    {
      title: t.reference,
      key: 'reference',
      render: (_, w) => <Link to={`/cases/${encodeURIComponent(w.reference)}`}>{w.reference}</Link>,
    },
    { title: t.sequence, dataIndex: 'sequence', key: 'sequence', align: 'right' },
    { title: t.event, key: 'type', render: (_, w) => t.events[w.type] },
    {
      title: t.status,
      key: 'status',
      render: (_, w) => (
        <Space size={4} wrap>
          <Tag color={w.status === 'failed' ? 'red' : 'gold'}>{t.statuses[w.status]}</Tag>
          {w.waitingForEarlier && <Tag>{t.waiting}</Tag>}
        </Space>
      ),
    },
    { title: t.attempts, dataIndex: 'attempts', key: 'attempts', align: 'right' },
    { title: t.lastError, key: 'lastError', render: (_, w) => w.lastError ?? '' },
    {
      title: t.nextAttempt,
      key: 'nextAttempt',
      // One waiting behind an earlier event goes when that one does, whatever its own time says.
      render: (_, w) => (w.waitingForEarlier ? '' : formatDateTime(w.nextAttemptAt)),
    },
    { title: t.queuedAt, key: 'queuedAt', render: (_, w) => formatDateTime(w.queuedAt) },
    {
      title: t.action,
      key: 'action',
      // Kept in view when the table scrolls sideways: it is what the page is for.
      fixed: 'right',
      render: (_, w) =>
        w.status === 'failed' ? (
          <Popconfirm title={t.resendConfirm} onConfirm={() => resend.mutate(w.eventId)}>
            <Button size="small" loading={resend.isPending && resend.variables === w.eventId}>
              {t.resend}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <PageCard title={t.title} intro={t.intro}>
      {/* In the body, not beside the title: on a phone the title needs the whole width. */}
      <Button style={{ marginBottom: 12 }} onClick={() => void list.refetch()} loading={list.isFetching}>
        {t.refresh}
      </Button>
      <QueryError queries={[list]} />
      <Table<WebhookDeliveryItem>
        data-testid="webhooks-table"
        rowKey="eventId"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{ emptyText: t.empty }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        size="small"
        scroll={{ x: 'max-content' }}
      />
    </PageCard>
  );
}
