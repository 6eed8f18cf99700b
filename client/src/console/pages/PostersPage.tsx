import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Dropdown, Popconfirm, Space, Table, Tag, Typography, type MenuProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownOutlined, FilePdfOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { api, describeError } from '../../api';
import { formatDateTime } from '../../format';
import { useLang, useT } from '../../i18n';
import { downloadFile } from '../download';
import { localName, useReferenceData } from '../referenceData';
import { useCurrentUser } from '../session';
import { SingleSelect } from '../SingleSelect';
import type { PosterView } from '../types';
import { PosterFormModal, type PosterFormTarget } from './PosterFormModal';
import { LoadError, useLoad } from '../useLoad';

type StatusFilter = 'all' | 'true' | 'false';

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

  const [posters, setPosters] = useState<PosterView[]>([]);
  const [total, setTotal] = useState(0);
  const [areaFilter, setAreaFilter] = useState<string>('all');
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const [formTarget, setFormTarget] = useState<PosterFormTarget | null>(null);
  /** `${code}:${what}` of the action under way, for its spinner. */
  const [busy, setBusy] = useState<string | null>(null);

  const { loading, error: loadError, run: load } = useLoad(
    useCallback(async () => {
      const query = new URLSearchParams();
      if (areaFilter !== 'all') query.set('areaCode', areaFilter);
      if (statusFilter !== 'all') query.set('active', statusFilter);
      const search = query.toString();
      const page = await api.get<{ items: PosterView[]; total: number }>(search ? `/posters?${search}` : '/posters');
      setPosters(page.items);
      setTotal(page.total);
    }, [areaFilter, statusFilter]),
  );

  useEffect(() => {
    void load();
  }, [load]);

  const putRow = (poster: PosterView) => setPosters((rows) => rows.map((row) => (row.code === poster.code ? poster : row)));

  const setActive = async (poster: PosterView, active: boolean) => {
    setBusy(`${poster.code}:active`);
    try {
      const { poster: updated } = await api.patch<{ poster: PosterView }>(`/posters/${encodeURIComponent(poster.code)}`, { active });
      putRow(updated);
      message.success(t.saved);
    } catch (caught) {
      message.error(describeError(caught));
    } finally {
      setBusy(null);
    }
  };

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
            <Button type="link" icon={<QrcodeOutlined />} loading={busy === `${poster.code}:png` || busy === `${poster.code}:svg`}>
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
      <LoadError error={loadError} onRetry={load} />
      <Card className="page-card">
        <Space wrap className="poster-filters">
          <SingleSelect<string>
            aria-label={t.area}
            value={areaFilter}
            onChange={setAreaFilter}
            className="poster-filter"
            options={[
              { value: 'all', label: t.allAreas },
              ...reference.areas.map((area) => ({ value: area.code, label: localName(area.name, lang) })),
            ]}
          />
          <SingleSelect<StatusFilter>
            aria-label={t.status}
            value={statusFilter}
            onChange={setStatusFilter}
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
          loading={loading}
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
          if (created) {
            setPosters((rows) => [poster, ...rows]);
            setTotal((n) => n + 1);
            message.success(t.created(poster.code));
          } else {
            putRow(poster);
            message.success(t.saved);
          }
        }}
      />
    </div>
  );
}
