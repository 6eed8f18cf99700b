import { useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Grid, Input, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../../api';
import { formatDateTime } from '../../../format';
import { useLang, useT } from '../../../i18n';
import { queryKeys } from '../../queryKeys';
import { useSearchState, type ReportListParams } from '../../queryParams';
import { QueryError } from '../../QueryState';
import { localName, useReferenceData } from '../../referenceData';
import { useCurrentUser } from '../../session';
import { SingleSelect } from '../../Selects';
import type { Role } from '../../types';
import { BulkAssignModal } from './BulkAssignModal';
import { StatusTag, statusName } from './caseLabels';
import { isOverdue, type CaseList, type CaseSummary, type ReportQueue } from './caseTypes';
import { EnterReportModal } from './EnterReportModal';
import { PosterLine } from './PosterSource';
import { inGroup, reportStates } from '../../../../../shared/workflow';
import { reportListQuery } from '../../../../../shared/schemas/workflow';
import './cases.css';

type Tab = ReportQueue | 'all';

/**
 * Each role's own queues first; everyone can look at all the reports of their areas.
 * Every queue a home-page to-do links to (server/reports/todo.ts) is among its role's tabs.
 */
const TABS: Record<Role, Tab[]> = {
  intake: ['new', 'due-soon', 'overdue', 'letters-due', 'all'],
  verifier: ['mine', 'due-soon', 'overdue', 'rectification', 'sample-checks', 'all'],
  reviewer: ['awaiting-review', 'to-decide', 'withdrawals', 'letters-due', 'rectification', 'all'],
  admin: ['all', 'new', 'overdue'],
  finance: ['corrections', 'all'],
  leader: ['leadership', 'corrections', 'all'],
  discipline: ['all'],
  protection: ['protection', 'reveal-requests', 'all'],
};
/** Deadline queues read best soonest-first. */
const BY_DEADLINE = new Set<Tab>(['mine', 'due-soon', 'overdue']);
/** Reports an intake officer can still accept, so select for bulk assignment. */
const DEFAULT_PAGE_SIZE = 20;
/** The columns' widths without the channel (shown from 1600 px): what fits beside the menu at 1366 px. */
const TABLE_MIN_WIDTH = 1060;
const PAGE_SIZES = [20, 50, 100];
type Sort = ReportListParams['sort'];

/** The report list's address in the API: exactly the parameters it was asked with. */
function reportsPath(params: ReportListParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
  return `/reports?${query}`;
}

/** The report queue: role tabs, filters, paging; intake officers assign in bulk and enter phoned-in reports. */
export function CasesPage() {
  const all = useT();
  const t = all.cases;
  const lang = useLang();
  const me = useCurrentUser();
  const reference = useReferenceData();
  const screens = Grid.useBreakpoint();
  const tabs = TABS[me.role];
  const isIntake = me.role === 'intake';

  const queryClient = useQueryClient();
  const { values, params, update } = useSearchState(reportListQuery);
  const [selected, setSelected] = useState<CaseSummary[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [enterOpen, setEnterOpen] = useState(false);

  // The address says which queue; "all" is spelt out because the role's first tab is the default.
  const tab: Tab =
    params.get('queue') === 'all' ? 'all' : values.queue && tabs.includes(values.queue) ? values.queue : tabs[0];
  const defaultSort: Sort = BY_DEADLINE.has(tab) ? 'dueAt' : 'submittedAt';
  const sort: Sort = params.get('sort') === values.sort ? values.sort : defaultSort;
  const range = values.from && values.to ? ([values.from, values.to] as const) : null;
  const request: ReportListParams = {
    page: values.page,
    pageSize: values.pageSize,
    queue: tab === 'all' ? undefined : tab,
    sort,
    status: values.status,
    area: values.area,
    category: values.category,
    q: values.q || undefined,
    from: range?.[0],
    to: range?.[1],
  };

  const list = useQuery({
    queryKey: queryKeys.reports.list(request),
    queryFn: ({ signal }) => api.get<CaseList>(reportsPath(request), { signal }),
    placeholderData: keepPreviousData,
  });
  const data = list.data ?? { items: [], total: 0 };

  /** A filter change starts again from the first page and drops a selection the new list may not show. */
  const refilter = (changes: Record<string, string | undefined>) => {
    update({ ...changes, page: undefined });
    setSelected([]);
  };
  const setTab = (next: Tab) => refilter({ queue: next === tabs[0] ? undefined : next, sort: undefined });
  const setSort = (next: Sort | undefined) =>
    update({ sort: !next || next === defaultSort ? undefined : next, page: undefined });
  const setPage = (page: number, pageSize: number) =>
    update({
      page: page === 1 || pageSize !== values.pageSize ? undefined : String(page),
      pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : String(pageSize),
    });
  // New or accepted reports change the queues and the figures alike.
  const refreshLists = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.reports.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.stats.all });
  };

  // At 1366 px (a common office laptop) the deadline and attachments must show without scrolling:
  // fixed widths, long texts cut with a tooltip, the channel only on wide screens, and from `lg`
  // the reference pinned left and the deadline and attachments pinned right.
  const pinned = !!screens.lg;
  const columns: ColumnsType<CaseSummary> = [
    {
      title: t.reference,
      dataIndex: 'reference',
      width: 140,
      fixed: pinned ? 'left' : undefined,
      render: (ref: string) => (
        <Link to={`/cases/${ref}`}>
          <Typography.Text code>{ref}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t.status,
      dataIndex: 'status',
      width: 120,
      render: (s: string) => <StatusTag status={s} lang={lang} />,
    },
    {
      title: t.category,
      dataIndex: 'category',
      width: 170,
      ellipsis: { showTitle: true },
      render: (code: string) => reference.categoryName(code),
    },
    { title: t.area, dataIndex: 'area', width: 80, render: (code: string) => reference.areaName(code) },
    {
      title: t.subject,
      dataIndex: 'subjectName',
      width: 170,
      ellipsis: { showTitle: true },
      // The poster's site says where the report came from, beside whom it is about.
      render: (name: string | undefined, row) => (
        <>
          {name}
          <PosterLine report={row} label={t.case.poster} />
        </>
      ),
    },
    {
      title: t.channel,
      dataIndex: 'channel',
      width: 110,
      responsive: ['xxl'],
      render: (c: string) => t.channels[c] ?? c,
    },
    {
      title: t.submittedAt,
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      width: 150,
      sorter: true,
      sortDirections: ['descend'],
      sortOrder: sort === 'submittedAt' ? 'descend' : null,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t.dueAt,
      dataIndex: 'dueAt',
      key: 'dueAt',
      width: 160,
      fixed: pinned ? 'right' : undefined,
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sort === 'dueAt' ? 'ascend' : null,
      render: (at: string | undefined, row) =>
        at && (
          <Typography.Text
            type={isOverdue(row) ? 'danger' : undefined}
            title={isOverdue(row) ? t.overdueHint : undefined}
            data-overdue={isOverdue(row) || undefined}
            data-testid="row-due"
          >
            {formatDateTime(at)}
          </Typography.Text>
        ),
    },
    {
      title: t.evidence,
      dataIndex: 'evidenceCount',
      key: 'evidenceCount',
      width: 70,
      align: 'right',
      fixed: pinned ? 'right' : undefined,
    },
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
              <Button
                type="primary"
                icon={<TeamOutlined />}
                disabled={!selected.length}
                onClick={() => setBulkOpen(true)}
              >
                {t.bulk.button(selected.length)}
              </Button>
            </>
          )}
        </Space>
      </div>
      <QueryError queries={[list]} />
      <Card className="page-card">
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as Tab)}
          items={tabs.map((key) => ({ key, label: t.tabs[key] }))}
        />
        <Space wrap className="case-filters">
          <SingleSelect<string>
            aria-label={t.area}
            value={values.area ?? 'all'}
            onChange={(value) => refilter({ area: value === 'all' ? undefined : value })}
            className="case-filter"
            options={[
              { value: 'all', label: t.allAreas },
              ...reference.areas.map((a) => ({ value: a.code, label: localName(a.name, lang) })),
            ]}
          />
          <SingleSelect<string>
            aria-label={t.category}
            value={values.category ?? 'all'}
            onChange={(value) => refilter({ category: value === 'all' ? undefined : value })}
            className="case-filter case-filter--wide"
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: 'all', label: t.allCategories },
              ...reference.categories.map((c) => ({ value: c.code, label: localName(c.name, lang) })),
            ]}
          />
          <SingleSelect<string>
            aria-label={t.status}
            value={values.status ?? 'all'}
            onChange={(value) => refilter({ status: value === 'all' ? undefined : value })}
            className="case-filter"
            options={[
              { value: 'all', label: t.allStatuses },
              ...reportStates.map((s) => ({ value: s, label: statusName(s, lang) })),
            ]}
          />
          <DatePicker.RangePicker
            aria-label={t.dateRange}
            value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
            onChange={(_, [from, to]) => refilter(from && to ? { from, to } : { from: undefined, to: undefined })}
          />
          <Input.Search
            key={values.q ?? ''}
            aria-label={t.search}
            placeholder={t.search}
            allowClear
            defaultValue={values.q}
            onSearch={(value) => refilter({ q: value.trim() || undefined })}
            className="case-search"
          />
        </Space>
        <Table<CaseSummary>
          rowKey="reference"
          columns={columns}
          dataSource={data.items}
          loading={list.isFetching}
          tableLayout="fixed"
          scroll={{ x: TABLE_MIN_WIDTH }}
          data-testid="cases-table"
          onChange={(_, __, sorter, { action }) => {
            if (action !== 'sort') return;
            const { columnKey, order } = sorter as SorterResult<CaseSummary>;
            setSort(order ? (columnKey as Sort) : undefined);
          }}
          rowSelection={
            isIntake
              ? {
                  selectedRowKeys: selected.map((r) => r.reference),
                  onChange: (_, rows) => setSelected(rows),
                  getCheckboxProps: (row) => ({
                    disabled: !inGroup('notAccepted', row.status),
                    'aria-label': row.reference,
                  }),
                  preserveSelectedRowKeys: true,
                }
              : undefined
          }
          pagination={{
            current: values.page,
            pageSize: values.pageSize,
            total: data.total,
            showSizeChanger: data.total > PAGE_SIZES[0],
            pageSizeOptions: PAGE_SIZES,
            onChange: setPage,
            hideOnSinglePage: data.total <= PAGE_SIZES[0],
          }}
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
                refreshLists();
              }
            }}
          />
          <EnterReportModal
            open={enterOpen}
            onClose={(entered) => {
              setEnterOpen(false);
              if (entered) refreshLists();
            }}
          />
        </>
      )}
    </div>
  );
}
