import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, DatePicker, Input, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { formatDateTime } from '../../../format';
import { useLang, useT } from '../../../i18n';
import { localName, useReferenceData } from '../../referenceData';
import { useCurrentUser } from '../../session';
import { SingleSelect } from '../../SingleSelect';
import type { Role } from '../../types';
import { LoadError, useLoad } from '../../useLoad';
import { BulkAssignModal } from './BulkAssignModal';
import { StatusTag, statusName } from './caseLabels';
import { isOverdue, type CaseList, type CaseSummary, type ReportQueue } from './caseTypes';
import { EnterReportModal } from './EnterReportModal';
import { useCategories } from './useCategories';
import { reportStates } from '../../../../../shared/workflow';
import './cases.css';

type Tab = ReportQueue | 'all';

/** Each role's own queues first; everyone can look at all the reports of their areas. */
const TABS: Record<Role, Tab[]> = {
  intake: ['new', 'all'],
  verifier: ['mine', 'due-soon', 'overdue', 'all'],
  reviewer: ['awaiting-review', 'all'],
  admin: ['all'],
  finance: ['all'],
};
/** Deadline queues read best soonest-first. */
const BY_DEADLINE = new Set<Tab>(['mine', 'due-soon', 'overdue']);
/** Reports an intake officer can still accept, so select for bulk assignment. */
const ACCEPTABLE = new Set(['submitted', 'screening', 'awaiting-information']);
const PAGE_SIZE = 20;

/** The report queue: role tabs, filters, paging; intake officers assign in bulk and enter phoned-in reports. */
export function CasesPage() {
  const all = useT();
  const t = all.cases;
  const lang = useLang();
  const me = useCurrentUser();
  const reference = useReferenceData();
  const { categories, categoryName } = useCategories();
  const tabs = TABS[me.role];
  const isIntake = me.role === 'intake';

  const [tab, setTab] = useState<Tab>(tabs[0]);
  const [area, setArea] = useState('all');
  const [category, setCategory] = useState('all');
  const [status, setStatus] = useState('all');
  const [range, setRange] = useState<[string, string] | null>(null);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<CaseList>({ items: [], total: 0 });
  const [selected, setSelected] = useState<CaseSummary[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [enterOpen, setEnterOpen] = useState(false);

  const { loading, error, run: load } = useLoad(
    useCallback(async () => {
      const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
      if (tab !== 'all') query.set('queue', tab);
      if (BY_DEADLINE.has(tab)) query.set('sort', 'dueAt');
      if (area !== 'all') query.set('area', area);
      if (category !== 'all') query.set('category', category);
      if (status !== 'all') query.set('status', status);
      if (range) {
        query.set('from', range[0]);
        query.set('to', range[1]);
      }
      if (q) query.set('q', q);
      setData(await api.get<CaseList>(`/reports?${query}`));
    }, [tab, area, category, status, range, q, page]),
  );

  useEffect(() => {
    void load();
  }, [load]);

  /** A filter change starts again from the first page and drops a selection the new list may not show. */
  const refilter =
    <V,>(set: (v: V) => void) =>
    (value: V) => {
      set(value);
      setPage(1);
      setSelected([]);
    };

  const columns: ColumnsType<CaseSummary> = [
    {
      title: t.reference,
      dataIndex: 'reference',
      render: (ref: string) => (
        <Link to={`/cases/${ref}`}>
          <Typography.Text code>{ref}</Typography.Text>
        </Link>
      ),
    },
    { title: t.status, dataIndex: 'status', render: (s: string) => <StatusTag status={s} lang={lang} /> },
    { title: t.category, dataIndex: 'category', render: (code: string) => categoryName(code) },
    { title: t.area, dataIndex: 'area', render: (code: string) => reference.areaName(code) },
    { title: t.subject, dataIndex: 'subjectName', ellipsis: true },
    { title: t.channel, dataIndex: 'channel', render: (c: string) => t.channels[c] ?? c },
    { title: t.submittedAt, dataIndex: 'submittedAt', render: (at: string) => formatDateTime(at) },
    {
      title: t.dueAt,
      dataIndex: 'dueAt',
      render: (at: string | undefined, row) =>
        at && (
          <Typography.Text type={isOverdue(row) ? 'danger' : undefined} title={isOverdue(row) ? t.overdueHint : undefined} data-overdue={isOverdue(row) || undefined}>
            {formatDateTime(at)}
          </Typography.Text>
        ),
    },
    { title: t.evidence, dataIndex: 'evidenceCount', align: 'right' },
  ];

  return (
    <div className="console-page console-page--wide">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title">
          {t.title}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">{t.total(data.total)}</Typography.Text>
          {isIntake && (
            <>
              <Button icon={<PhoneOutlined />} onClick={() => setEnterOpen(true)}>
                {t.enter.button}
              </Button>
              <Button type="primary" icon={<TeamOutlined />} disabled={!selected.length} onClick={() => setBulkOpen(true)}>
                {t.bulk.button(selected.length)}
              </Button>
            </>
          )}
        </Space>
      </div>
      <LoadError error={error} onRetry={load} />
      <Card className="page-card">
        <Tabs activeKey={tab} onChange={(key) => refilter(setTab)(key as Tab)} items={tabs.map((key) => ({ key, label: t.tabs[key] }))} />
        <Space wrap className="case-filters">
          <SingleSelect<string>
            aria-label={t.area}
            value={area}
            onChange={refilter(setArea)}
            className="case-filter"
            options={[{ value: 'all', label: t.allAreas }, ...reference.areas.map((a) => ({ value: a.code, label: localName(a.name, lang) }))]}
          />
          <SingleSelect<string>
            aria-label={t.category}
            value={category}
            onChange={refilter(setCategory)}
            className="case-filter case-filter--wide"
            showSearch={{ optionFilterProp: 'label' }}
            options={[{ value: 'all', label: t.allCategories }, ...categories.map((c) => ({ value: c.code, label: localName(c.name, lang) }))]}
          />
          <SingleSelect<string>
            aria-label={t.status}
            value={status}
            onChange={refilter(setStatus)}
            className="case-filter"
            options={[{ value: 'all', label: t.allStatuses }, ...reportStates.map((s) => ({ value: s, label: statusName(s, lang) }))]}
          />
          <DatePicker.RangePicker
            aria-label={t.dateRange}
            onChange={(_, [from, to]) => refilter(setRange)(from && to ? [from, to] : null)}
          />
          <Input.Search aria-label={t.search} placeholder={t.search} allowClear onSearch={(value) => refilter(setQ)(value.trim())} className="case-search" />
        </Space>
        <Table<CaseSummary>
          rowKey="reference"
          columns={columns}
          dataSource={data.items}
          loading={loading}
          scroll={{ x: 'max-content' }}
          data-testid="cases-table"
          rowSelection={
            isIntake
              ? {
                  selectedRowKeys: selected.map((r) => r.reference),
                  onChange: (_, rows) => setSelected(rows),
                  getCheckboxProps: (row) => ({ disabled: !ACCEPTABLE.has(row.status), 'aria-label': row.reference }),
                  preserveSelectedRowKeys: true,
                }
              : undefined
          }
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage, hideOnSinglePage: true }}
        />
      </Card>
      {isIntake && (
        <>
          <BulkAssignModal
            open={bulkOpen}
            reports={selected}
            onClose={(changed) => {
              setBulkOpen(false);
              if (changed) {
                setSelected([]);
                void load();
              }
            }}
          />
          <EnterReportModal
            open={enterOpen}
            onClose={(entered) => {
              setEnterOpen(false);
              if (entered) void load();
            }}
          />
        </>
      )}
    </div>
  );
}
