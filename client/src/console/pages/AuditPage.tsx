import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api, describeError } from '../../api';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import type { AuditEntry, AuditPage as AuditPageData, AuditVerification } from '../types';
import { LoadError, useLoad } from '../useLoad';

const PAGE_SIZE = 50;
const HASH_PREFIX_LENGTH = 12;

/** The tamper-evident log, newest first, paged backwards by sequence number. */
export function AuditPage() {
  const all = useT();
  const t = all.console.audit;
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  const { loading, error: loadError, run: loadPage } = useLoad(
    useCallback(async (before?: number) => {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (before !== undefined) query.set('before', String(before));
      const page = await api.get<AuditPageData>(`/audit?${query}`);
      setEntries((current) => (before === undefined ? page.items : [...current, ...page.items]));
      setTotal(page.total);
    }, []),
    false,
  );

  useEffect(() => {
    void loadPage();
  }, [loadPage]);

  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    setVerification(null);
    try {
      setVerification(await api.post<AuditVerification>('/audit/verify'));
    } catch (caught) {
      setVerifyError(describeError(caught));
    } finally {
      setVerifying(false);
    }
  };

  const oldestSeq = entries.at(-1)?.seq;
  const hasMore = entries.length < total && oldestSeq !== undefined;

  const columns: ColumnsType<AuditEntry> = [
    { title: '#', dataIndex: 'seq', width: 80 },
    { title: t.time, dataIndex: 'at', render: (at: string) => formatDateTime(at) },
    { title: t.actor, dataIndex: 'actor', render: (actor: AuditEntry['actor']) => actor?.username ?? t.system },
    { title: t.action, dataIndex: 'action', render: (action: string) => <Typography.Text code>{action}</Typography.Text> },
    {
      title: t.target,
      dataIndex: 'target',
      render: (target: AuditEntry['target']) => (target ? `${target.type}:${target.id}` : '—'),
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
          <Button icon={<SafetyCertificateOutlined />} onClick={verify} loading={verifying} data-testid="audit-verify">
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
      <LoadError error={loadError} onRetry={() => void loadPage(entries.length ? oldestSeq : undefined)} />
      <Card className="page-card">
        <Table<AuditEntry>
          rowKey="seq"
          columns={columns}
          dataSource={entries}
          loading={loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="audit-table"
        />
        {hasMore && (
          <div className="load-more">
            <Button onClick={() => loadPage(oldestSeq)} loading={loading}>
              {t.loadMore}
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
