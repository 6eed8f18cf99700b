import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Dropdown, Popconfirm, Space, Table, Tag, Typography, type MenuProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownOutlined, FilePdfOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { api, describeError } from '../../api';
import { formatDateTime } from '../../format';
import { useLang, useT } from '../../i18n';
import { downloadFile } from '../download';
import { queryKeys } from '../queryKeys';
import { useSearchState, type PosterListParams } from '../queryParams';
import { QueryError } from '../QueryState';
import { localName, useReferenceData } from '../referenceData';
import { useCurrentUser } from '../session';
import { SingleSelect } from '../Selects';
import type { PosterView } from '../types';
import { PosterFormModal, type PosterFormTarget } from './PosterFormModal';
import { posterListQuery, type posterListResponse } from '../../../../shared/schemas/poster';
import type { z } from 'zod';

type StatusFilter = 'all' | 'true' | 'false';
type PosterList = z.infer<typeof posterListResponse>;

function postersPath(params: PosterListParams): string {
  const query = new URLSearchParams();
  if (params.areaCode) query.set('areaCode', params.areaCode);
  if (params.active) query.set('active', params.active);
  return query.size ? `/posters?${query}` : '/posters';
}

/** The printable files of one poster: the A4 poster first, then the QR code alone. */
const FILES = [
  { key: 'pdf', path: 'poster.pdf', name: (code: string) => `poster-${code}.pdf` },
  { key: 'png', path: 'qr.png', name: (code: string) => `poster-${code}-qr.png` },
  { key: 'svg', path: 'qr.svg', name: (code: string) => `poster-${code}-qr.svg` },
] as const;
type PosterFile = (typeof FILES)[number];

/** Posters and their QR codes: administrators manage them, intake officers list and print them. */
export function PostersPage() {
  const all = useT();
  const t = all.console.posters;
  const lang = useLang();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canManage = me.role === 'admin';
  const reference = useReferenceData();

  const queryClient = useQueryClient();
  // Area and status filters live in the address (the list itself is short and paged on screen).
  const { values, update } = useSearchState(posterListQuery);
  const request: PosterListParams = { areaCode: values.areaCode, active: values.active };
  const [formTarget, setFormTarget] = useState<PosterFormTarget | null>(null);
  /** `${code}:${what}` of the action under way, for its spinner. */
  const [busy, setBusy] = useState<string | null>(null);

  const list = useQuery({
    queryKey: queryKeys.posters.list(request),
    queryFn: ({ signal }) => api.get<PosterList>(postersPath(request), { signal }),
    placeholderData: keepPreviousData,
  });
  const posters = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  /** A poster as the server now has it: this list shows it at once, every poster list is refetched. */
  const putRow = (poster: PosterView, added = false) => {
    queryClient.setQueryData<PosterList>(
      queryKeys.posters.list(request),
      (page) =>
        page &&
        (added
          ? { items: [poster, ...page.items], total: page.total + 1 }
          : { ...page, items: page.items.map((row) => (row.code === poster.code ? poster : row)) }),
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.posters.all });
  };

  const activating = useMutation({
    mutationFn: ({ poster, active }: { poster: PosterView; active: boolean }) =>
      api.patch<{ poster: PosterView }>(`/posters/${encodeURIComponent(poster.code)}`, { active }),
    onMutate: ({ poster }) => setBusy(`${poster.code}:active`),
    onSuccess: ({ poster }) => {
      putRow(poster);
      message.success(t.saved);
    },
    onError: (caught) => message.error(describeError(caught)),
    onSettled: () => setBusy(null),
  });
  const setActive = (poster: PosterView, active: boolean) =>
    activating.mutateAsync({ poster, active }).catch(() => undefined);

  const download = async (poster: PosterView, file: PosterFile) => {
    setBusy(`${poster.code}:${file.key}`);
    try {
      await downloadFile(`/posters/${encodeURIComponent(poster.code)}/${file.path}`, file.name(poster.code));
    } catch (caught) {
      message.error(describeError(caught));
    } finally {
      setBusy(null);
    }
  };

  const qrMenu = (poster: PosterView): MenuProps => ({
    items: [
      { key: 'png', label: t.downloadPng },
      { key: 'svg', label: t.downloadSvg },
    ],
    onClick: ({ key }) => {
      const file = FILES.find((f) => f.key === key);
      if (file) void download(poster, file);
    },
  });

  const columns: ColumnsType<PosterView> = [
    { title: t.code, dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    {
      title: t.siteName,
      dataIndex: 'siteName',
      render: (siteName: string, poster) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{siteName}</Typography.Text>
          <Typography.Text type="secondary">{poster.enterpriseName}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t.areaAndSector,
      dataIndex: 'areaCode',
      render: (code: string, poster) => (
        <Space orientation="vertical" size={0}>
          <span>{reference.areaName(code)}</span>
          <Typography.Text type="secondary">{reference.sectorName(poster.sector)}</Typography.Text>
        </Space>
      ),
    },
    { title: t.address, dataIndex: 'address', ellipsis: { showTitle: true }, width: 180 },
    { title: t.scans, dataIndex: 'scanCount', align: 'right' },
    {
      title: t.status,
      dataIndex: 'active',
      render: (active: boolean) => <Tag color={active ? 'green' : 'default'}>{active ? t.active : t.retired}</Tag>,
    },
    {
      title: t.reportUrl,
      dataIndex: 'reportUrl',
      width: 220,
      render: (url: string) => (
        <Typography.Text copyable={{ text: url }} ellipsis={{ tooltip: url }}>
          {url}
        </Typography.Text>
      ),
    },
    { title: t.createdAt, dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
    {
      title: t.actions,
      key: 'actions',
      // Printing is what most visits are for: keep it in view however wide the table scrolls.
      fixed: 'right',
      render: (_, poster) => (
        <Space size={0} wrap>
          <Button
            type="link"
            icon={<FilePdfOutlined />}
            disabled={!poster.active}
            title={poster.active ? undefined : t.retiredNoPrint}
            loading={busy === `${poster.code}:pdf`}
            onClick={() => download(poster, FILES[0])}
          >
            {t.downloadPdf}
          </Button>
          <Dropdown menu={qrMenu(poster)} disabled={!poster.active} trigger={['click']}>
            <Button
              type="link"
              icon={<QrcodeOutlined />}
              loading={busy === `${poster.code}:png` || busy === `${poster.code}:svg`}
            >
              {t.downloadQr} <DownOutlined />
            </Button>
          </Dropdown>
          {canManage && (
            <>
              <Button type="link" onClick={() => setFormTarget({ kind: 'edit', poster })}>
                {t.edit}
              </Button>
              <Popconfirm
                title={poster.active ? t.confirmDeactivate(poster.code) : t.confirmReactivate(poster.code)}
                okText={all.common.yes}
                cancelText={all.common.no}
                onConfirm={() => setActive(poster, !poster.active)}
              >
                <Button type="link" danger={poster.active} loading={busy === `${poster.code}:active`}>
                  {poster.active ? t.deactivate : t.reactivate}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="console-page console-page--wide">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title">
          {t.title}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">{t.total(total)}</Typography.Text>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ kind: 'create' })}>
              {t.create}
            </Button>
          )}
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <QueryError queries={[list]} />
      <Card className="page-card">
        <Space wrap className="poster-filters">
          <SingleSelect<string>
            aria-label={t.area}
            value={values.areaCode ?? 'all'}
            onChange={(value) => update({ areaCode: value === 'all' ? undefined : value })}
            className="poster-filter"
            options={[
              { value: 'all', label: t.allAreas },
              ...reference.areas.map((area) => ({ value: area.code, label: localName(area.name, lang) })),
            ]}
          />
          <SingleSelect<StatusFilter>
            aria-label={t.status}
            value={values.active ?? 'all'}
            onChange={(value) => update({ active: value === 'all' ? undefined : value })}
            className="poster-filter"
            options={[
              { value: 'all', label: t.allStatuses },
              { value: 'true', label: t.active },
              { value: 'false', label: t.retired },
            ]}
          />
        </Space>
        <Table<PosterView>
          rowKey="code"
          columns={columns}
          dataSource={posters}
          loading={list.isFetching}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="posters-table"
        />
      </Card>
      <PosterFormModal
        target={formTarget}
        reference={reference}
        onCancel={() => setFormTarget(null)}
        onSaved={(poster, created) => {
          setFormTarget(null);
          putRow(poster, created);
          if (created) {
            message.success(t.created(poster.code));
          } else {
            message.success(t.saved);
          }
        }}
      />
    </div>
  );
}
