import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api, describeError } from '../../../api';
import { formatDateTime } from '../../../format';
import { useT } from '../../../i18n';
import { downloadFile } from '../../download';
import { useCurrentUser } from '../../session';
import { SingleSelect } from '../../SingleSelect';
import { LoadError, useLoad } from '../../useLoad';
import { formatYuan } from './money';
import type { LedgerEntryView, Paged } from './types';

const PAGE_SIZE = 20;
const KINDS = ['appropriate', 'reserve', 'release', 'pay'] as const;
const EXPORTS = [
  { file: 'ledger.csv', label: 'exportLedgerCsv' },
  { file: 'ledger.xlsx', label: 'exportLedgerXlsx' },
  { file: 'payouts.csv', label: 'exportPayoutsCsv' },
  { file: 'payouts.xlsx', label: 'exportPayoutsXlsx' },
] as const;

interface Period {
  from?: string;
  to?: string;
}

/** The ledger of a period (Shanghai days), newest first, and the period's files for the accounts office. */
export function LedgerCard({ refreshKey }: { refreshKey: number }) {
  const t = useT().finance;
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canExport = me.role === 'finance' || me.role === 'admin';
  const [period, setPeriod] = useState<Period>({});
  const [kind, setKind] = useState<string>('all');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Paged<LedgerEntryView>>({ items: [], total: 0 });
  const [exporting, setExporting] = useState<string | null>(null);

  const { loading, error, run } = useLoad(
    useCallback(async () => {
      const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
      if (period.from) query.set('from', period.from);
      if (period.to) query.set('to', period.to);
      if (kind !== 'all') query.set('kind', kind);
      setData(await api.get<Paged<LedgerEntryView>>(`/fund/ledger?${query}`));
    }, [page, period, kind]),
  );

  useEffect(() => {
    void run();
  }, [run, refreshKey]);

  const exportFile = async (file: string) => {
    const query = new URLSearchParams(Object.entries(period).filter((e): e is [string, string] => !!e[1]));
    const [stem, ext] = file.split('.');
    setExporting(file);
    try {
      await downloadFile(`/fund/exports/${file}${query.size ? `?${query}` : ''}`, `fund-${stem}_${period.from ?? 'start'}_${period.to ?? 'today'}.${ext}`);
    } catch (caught) {
      message.error(describeError(caught));
    } finally {
      setExporting(null);
    }
  };

  const columns: ColumnsType<LedgerEntryView> = [
    { title: t.time, dataIndex: 'at', render: (at: string) => formatDateTime(at) },
    { title: t.kind, dataIndex: 'kind', render: (k: string) => t.kinds[k] ?? k },
    { title: t.amount, dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatYuan(fen) },
    { title: t.reward, dataIndex: 'rewardId', render: (id?: string) => (id ? <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link> : '—') },
    { title: t.ledgerNote, dataIndex: 'note', ellipsis: { showTitle: true } },
  ];

  return (
    <Card
      className="page-card"
      title={<h2 className="card-title">{t.ledgerTitle}</h2>}
      extra={<Typography.Text type="secondary">{t.total(data.total)}</Typography.Text>}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          aria-label={t.period}
          allowEmpty={[true, true]}
          onChange={(_, [from, to]) => {
            setPeriod({ from: from || undefined, to: to || undefined });
            setPage(1);
          }}
          data-testid="ledger-period"
        />
        <SingleSelect<string>
          aria-label={t.kind}
          value={kind}
          style={{ width: 140 }}
          options={[{ value: 'all', label: t.allKinds }, ...KINDS.map((k) => ({ value: k, label: t.kinds[k] }))]}
          onChange={(value) => {
            setKind(value);
            setPage(1);
          }}
        />
        {canExport &&
          EXPORTS.map((e) => (
            <Button key={e.file} icon={<DownloadOutlined />} loading={exporting === e.file} onClick={() => void exportFile(e.file)}>
              {t[e.label]}
            </Button>
          ))}
      </Space>
      <LoadError error={error} onRetry={() => void run()} />
      <Table<LedgerEntryView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage }}
        data-testid="ledger-table"
      />
    </Card>
  );
}
