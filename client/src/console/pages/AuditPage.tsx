import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api, describeError } from '../../api';
import { formatDateTime } from '../../format';
import { useLang, useT } from '../../i18n';
import { auditActionLabel, auditActorKind, auditTargetTypes } from '../../../../shared/auditActions';
import { AuditFilters } from './AuditFilters';
import { auditListQuery } from '../../../../shared/schemas/common';
import { queryKeys } from '../queryKeys';
import { useSearchState } from '../queryParams';
import { QueryError } from '../QueryState';
import type { AuditEntry, AuditPage as AuditPageData, AuditVerification } from '../types';

const HASH_PREFIX_LENGTH = 12;

/**
 * The tamper-evident log, newest first, paged backwards by sequence number. The address may
 * name where to start (`before`, a sequence number) and how many to show at once (`limit`),
 * so a place in the log can be bookmarked or sent to a colleague.
 */
export function AuditPage() {
  const all = useT();
  const t = all.console.audit;
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const { values, update } = useSearchState(auditListQuery);
  const { limit, before: start, ...filters } = values;
  const filterParams = Object.fromEntries(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  );

  const log = useInfiniteQuery({
    queryKey: queryKeys.audit.list({ limit, ...filterParams, ...(start ? { before: start } : {}) }),
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(limit), ...filterParams });
      if (pageParam !== undefined) query.set('before', String(pageParam));
      return api.get<AuditPageData>(`/audit?${query}`, { signal });
    },
    initialPageParam: start as number | undefined,
    getNextPageParam: (last) => (last.items.length === limit ? last.items.at(-1)?.seq : undefined),
  });
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const total = log.data?.pages[0]?.total ?? 0;

  const verifying = useMutation({
    mutationFn: () => api.post<AuditVerification>('/audit/verify'),
  });
  const verification = verifying.data ?? null;
  const verifyError = verifying.error ? describeError(verifying.error) : null;
  const verify = () => verifying.mutate();

  const hasMore = log.hasNextPage && entries.length < total;

  const columns: ColumnsType<AuditEntry> = [
    { title: '#', dataIndex: 'seq', width: 80 },
    { title: t.time, dataIndex: 'at', render: (at: string) => formatDateTime(at) },
    {
      title: t.actor,
      key: 'actor',
      render: (_: unknown, e: AuditEntry) => {
        const kind = auditActorKind(e);
        return kind === 'staff' ? e.actor?.username : kind === 'reporter' ? t.reporter : t.system;
      },
    },
    {
      title: t.action,
      dataIndex: 'action',
      // The code stays at hand for whoever needs it: shown beside the name in English, in a tooltip otherwise.
      render: (action: string) =>
        lang === 'en' ? (
          <span>
            {auditActionLabel(action, lang)} <Typography.Text type="secondary">({action})</Typography.Text>
          </span>
        ) : (
          <span title={action}>{auditActionLabel(action, lang)}</span>
        ),
    },
    {
      title: t.target,
      dataIndex: 'target',
      render: (target: AuditEntry['target']) =>
        target ? `${auditTargetTypes[target.type]?.[lang] ?? target.type} ${target.id}` : '—',
    },
    {
      title: t.hash,
      dataIndex: 'hash',
      render: (hash: string) => (
        <Typography.Text code title={hash}>
          {hash.slice(0, HASH_PREFIX_LENGTH)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <div className="console-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title">
          {t.title}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">{t.total(total)}</Typography.Text>
          <Button
            icon={<SafetyCertificateOutlined />}
            onClick={verify}
            loading={verifying.isPending}
            data-testid="audit-verify"
          >
            {t.verify}
          </Button>
        </Space>
      </div>
      <div aria-live="polite">
        {verification && (
          <Alert
            className="page-alert"
            showIcon
            type={verification.ok ? 'success' : 'error'}
            title={
              verification.ok
                ? t.verifyOk(verification.checked)
                : verification.firstBroken !== undefined
                  ? t.verifyBroken(verification.firstBroken, verification.checked)
                  : t.verifyBrokenUnknown(verification.checked)
            }
            data-testid="audit-verification"
          />
        )}
        {verifyError && <Alert className="page-alert" showIcon type="error" title={verifyError} />}
      </div>
      <QueryError queries={[log]} />
      <Card className="page-card">
        <AuditFilters values={filters} update={update} />
        <Table<AuditEntry>
          rowKey="seq"
          columns={columns}
          dataSource={entries}
          loading={log.isFetching && !log.isFetchingNextPage}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="audit-table"
        />
        {hasMore && (
          <div className="load-more">
            <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
              {t.loadMore}
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
