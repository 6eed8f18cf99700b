import { useReferenceData } from '../../referenceData';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api, describeError } from '../../../api';
import { formatDateTime } from '../../../format';
import { useLang, useT } from '../../../i18n';
import { downloadFile } from '../../download';
import { useCurrentUser } from '../../session';
import { SingleSelect } from '../../Selects';
import { ledgerQuery } from '../../../../../shared/schemas/fund';
import { queryKeys } from '../../queryKeys';
import { useSearchState, type LedgerParams } from '../../queryParams';
import { QueryError } from '../../QueryState';
import { formatYuan } from './money';
import { ledgerNoteText } from '../../../../../shared/notes';
import type { LedgerEntryView, LedgerPage } from './types';

const DEFAULT_PAGE_SIZE = 20;
const KINDS = ['appropriate', 'reserve', 'release', 'pay'] as const;
const EXPORTS = [
  { file: 'ledger.csv', label: 'exportLedgerCsv' },
  { file: 'ledger.xlsx', label: 'exportLedgerXlsx' },
  { file: 'payouts.csv', label: 'exportPayoutsCsv' },
  { file: 'payouts.xlsx', label: 'exportPayoutsXlsx' },
] as const;

function ledgerPath(params: LedgerParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
  return `/fund/ledger?${query}`;
}

/**
 * The ledger of a period (Shanghai days), newest first, and the period's files for the accounts
 * office. Period, kind and page live in the address.
 */
export function LedgerCard() {
  const t = useT().finance;
  const lang = useLang();
  const reference = useReferenceData();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canExport = me.role === 'finance' || me.role === 'admin';
  const { values, update } = useSearchState(ledgerQuery);
  const period = { from: values.from, to: values.to };
  const [exporting, setExporting] = useState<string | null>(null);

  const ledger = useQuery({
    queryKey: queryKeys.fund.ledger(values),
    queryFn: ({ signal }) => api.get<LedgerPage>(ledgerPath(values), { signal }),
    placeholderData: keepPreviousData,
  });
  const data = ledger.data ?? { items: [], total: 0 };

  const exportFile = async (file: string) => {
    const query = new URLSearchParams(Object.entries(period).filter((e): e is [string, string] => !!e[1]));
    const [stem, ext] = file.split('.');
    setExporting(file);
    try {
      await downloadFile(
        `/fund/exports/${file}${query.size ? `?${query}` : ''}`,
        `fund-${stem}_${period.from ?? 'start'}_${period.to ?? 'today'}.${ext}`,
      );
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
    { title: t.source, dataIndex: 'source', render: (s: string) => reference.fundSourceName(s) },
    {
      title: t.reward,
      dataIndex: 'rewardId',
      render: (id?: string) => (id ? <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link> : '—'),
    },
    {
      title: t.ledgerNote,
      key: 'note',
      ellipsis: { showTitle: true },
      render: (_: unknown, e: LedgerEntryView) => ledgerNoteText(e, lang === 'en' ? 'en' : 'zh'),
    },
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
          value={
            period.from || period.to
              ? [period.from ? dayjs(period.from) : null, period.to ? dayjs(period.to) : null]
              : null
          }
          onChange={(_, [from, to]) => update({ from: from || undefined, to: to || undefined, page: undefined })}
          data-testid="ledger-period"
        />
        <SingleSelect<string>
          aria-label={t.kind}
          value={values.kind ?? 'all'}
          style={{ width: 140 }}
          options={[{ value: 'all', label: t.allKinds }, ...KINDS.map((k) => ({ value: k, label: t.kinds[k] }))]}
          onChange={(value) => update({ kind: value === 'all' ? undefined : value, page: undefined })}
        />
        {canExport &&
          EXPORTS.map((e) => (
            <Button
              key={e.file}
              icon={<DownloadOutlined />}
              loading={exporting === e.file}
              onClick={() => void exportFile(e.file)}
            >
              {t[e.label]}
            </Button>
          ))}
      </Space>
      <QueryError queries={[ledger]} />
      <Table<LedgerEntryView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data.items}
        loading={ledger.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: values.page,
          pageSize: values.pageSize,
          total: data.total,
          showSizeChanger: false,
          onChange: (page) =>
            update({
              page: page === 1 ? undefined : page,
              pageSize: values.pageSize === DEFAULT_PAGE_SIZE ? undefined : values.pageSize,
            }),
        }}
        data-testid="ledger-table"
      />
    </Card>
  );
}
