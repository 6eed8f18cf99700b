import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { api } from '../../../api';
import { formatDateTime } from '../../../format';
import { useT } from '../../../i18n';
import { useReferenceData } from '../../referenceData';
import { queryKeys } from '../../queryKeys';
import { QueryError } from '../../QueryState';
import { formatYuan } from './money';
import type { RewardWorkItem, RewardWorkPage } from './types';

const QUEUES = [
  { status: 'reward-reviewed', label: 'queueReviewed' },
  { status: 'reward-claimed', label: 'queueClaimed' },
  { status: 'reward-approved', label: 'queueApproved' },
] as const;
type QueueStatus = (typeof QUEUES)[number]['status'];
const PAGE_SIZE = 50;

/** Finance's three reward queues; each row opens the case. */
const EMPTY: RewardWorkPage = { items: [], total: 0 };

export function RewardQueues() {
  const t = useT().finance;
  const { areaName } = useReferenceData();
  const query = useQuery({
    queryKey: queryKeys.fund.rewards,
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        QUEUES.map((q) =>
          api.get<RewardWorkPage>(`/fund/rewards?status=${q.status}&pageSize=${PAGE_SIZE}`, { signal }),
        ),
      );
      return Object.fromEntries(QUEUES.map((q, i) => [q.status, pages[i]])) as Record<QueueStatus, RewardWorkPage>;
    },
  });
  const queues = query.data ?? { 'reward-reviewed': EMPTY, 'reward-claimed': EMPTY, 'reward-approved': EMPTY };
  const loading = query.isFetching;

  const columns = (status: QueueStatus): ColumnsType<RewardWorkItem> => [
    {
      title: t.reference,
      dataIndex: 'reference',
      render: (ref: string) => <Link to={`/cases/${encodeURIComponent(ref)}`}>{ref}</Link>,
    },
    { title: t.area, dataIndex: 'area', render: (code: string) => areaName(code) },
    { title: t.rewardAmount, dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatYuan(fen) },
    status === 'reward-approved'
      ? {
          title: t.claimDue,
          dataIndex: 'claimDueAt',
          render: (due?: string) => (
            <>
              {formatDateTime(due)} {due && new Date(due).getTime() < Date.now() && <Tag color="red">{t.overdue}</Tag>}
            </>
          ),
        }
      : status === 'reward-claimed'
        ? { title: t.claimedAt, dataIndex: 'claimedAt', render: (at?: string) => formatDateTime(at) }
        : { title: t.since, dataIndex: 'statusChangedAt', render: (at?: string) => formatDateTime(at) },
  ];

  return (
    <Card className="page-card" title={<h2 className="card-title">{t.queuesTitle}</h2>}>
      <QueryError queries={[query]} />
      <Tabs
        items={QUEUES.map((q) => ({
          key: q.status,
          label: (
            <span>
              {t[q.label]}{' '}
              <Badge count={queues[q.status].total} showZero color={queues[q.status].total ? undefined : '#bfbfbf'} />
            </span>
          ),
          children: (
            <Table<RewardWorkItem>
              rowKey="reference"
              size="small"
              loading={loading}
              columns={columns(q.status)}
              dataSource={queues[q.status].items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid={`queue-${q.status}`}
            />
          ),
        }))}
      />
    </Card>
  );
}
