import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { api, describeError } from '../../api';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useReferenceData } from '../referenceData';
import { useCurrentUser, useSession } from '../session';
import type { StaffView } from '../types';
import { OneTimePasswordModal, type OneTimePassword } from './OneTimePasswordModal';
import { StaffFormModal, type StaffFormTarget } from './StaffFormModal';
import { LoadError, useLoad } from '../useLoad';

export function StaffPage() {
  const all = useT();
  const t = all.console.staff;
  const { message } = App.useApp();
  const me = useCurrentUser();
  const { replaceUser } = useSession();
  const reference = useReferenceData();

  const [staff, setStaff] = useState<StaffView[]>([]);
  const [total, setTotal] = useState(0);
  const [formTarget, setFormTarget] = useState<StaffFormTarget | null>(null);
  const [secret, setSecret] = useState<OneTimePassword | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const { loading, error: loadError, run: load } = useLoad(
    useCallback(async () => {
      const page = await api.get<{ items: StaffView[]; total: number }>('/staff');
      setStaff(page.items);
      setTotal(page.total);
    }, []),
  );

  useEffect(() => {
    void load();
  }, [load]);

  const putRow = (user: StaffView) => {
    setStaff((rows) => rows.map((row) => (row.id === user.id ? user : row)));
    if (user.id === me.id) replaceUser(user); // own role or name changed: header and menu follow
  };

  const setDisabled = async (user: StaffView, disabled: boolean) => {
    setBusyId(user.id);
    try {
      const { user: updated } = await api.patch<{ user: StaffView }>(`/staff/${encodeURIComponent(user.id)}`, { disabled });
      putRow(updated);
      message.success(t.saved);
    } catch (caught) {
      message.error(describeError(caught));
    } finally {
      setBusyId(null);
    }
  };

  const resetPassword = async (user: StaffView) => {
    setBusyId(user.id);
    try {
      const { temporaryPassword } = await api.post<{ temporaryPassword: string }>(
        `/staff/${encodeURIComponent(user.id)}/password-reset`,
      );
      setSecret({ title: t.temporaryPasswordTitle, name: user.displayName, password: temporaryPassword });
    } catch (caught) {
      message.error(describeError(caught));
    } finally {
      setBusyId(null);
    }
  };

  const columns: ColumnsType<StaffView> = [
    { title: t.username, dataIndex: 'username', render: (username: string) => <Typography.Text code>{username}</Typography.Text> },
    { title: t.displayName, dataIndex: 'displayName' },
    { title: t.role, dataIndex: 'role', render: (role: StaffView['role']) => all.console.roles[role] },
    { title: t.unit, dataIndex: 'unitCode', render: (code: string) => (code ? reference.unitName(code) : '—') },
    {
      title: t.areas,
      dataIndex: 'areaCodes',
      // Nine counties make a long line: cut it, the full list is in the tooltip.
      ellipsis: { showTitle: true },
      width: 240,
      render: (codes: string[], user) =>
        user.allAreas ? (
          <Tag color="gold">{t.allAreas}</Tag>
        ) : codes.length ? (
          codes.map(reference.areaName).join(all.common.listSeparator)
        ) : (
          <Typography.Text type="secondary">{t.noAreas}</Typography.Text>
        ),
    },
    {
      title: t.totp,
      dataIndex: 'totpEnabled',
      render: (on: boolean) => <Tag color={on ? 'green' : 'default'}>{on ? t.on : t.off}</Tag>,
    },
    {
      title: t.status,
      dataIndex: 'disabled',
      render: (disabled: boolean) => <Tag color={disabled ? 'red' : 'green'}>{disabled ? t.disabled : t.active}</Tag>,
    },
    { title: t.lastLogin, dataIndex: 'lastLoginAt', render: (at?: string) => formatDateTime(at) || '—' },
    {
      title: t.actions,
      key: 'actions',
      render: (_, user) => (
        <Space size={0} wrap>
          <Button type="link" onClick={() => setFormTarget({ kind: 'edit', user })}>
            {t.edit}
          </Button>
          <Popconfirm
            title={user.disabled ? t.confirmEnable(user.displayName) : t.confirmDisable(user.displayName)}
            okText={all.common.yes}
            cancelText={all.common.no}
            onConfirm={() => setDisabled(user, !user.disabled)}
          >
            <Button type="link" danger={!user.disabled} loading={busyId === user.id}>
              {user.disabled ? t.enable : t.disable}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t.confirmReset(user.displayName)}
            okText={all.common.yes}
            cancelText={all.common.no}
            onConfirm={() => resetPassword(user)}
          >
            <Button type="link">{t.resetPassword}</Button>
          </Popconfirm>
        </Space>
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
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ kind: 'create' })}>
            {t.create}
          </Button>
        </Space>
      </div>
      <LoadError error={loadError} onRetry={load} />
      <Card className="page-card">
        <Table<StaffView>
          rowKey="id"
          columns={columns}
          dataSource={staff}
          loading={loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="staff-table"
        />
      </Card>
      <StaffFormModal
        target={formTarget}
        reference={reference}
        onCancel={() => setFormTarget(null)}
        onCreated={(user, initialPassword) => {
          setFormTarget(null);
          setStaff((rows) => [...rows, user]);
          setTotal((n) => n + 1);
          setSecret({ title: t.initialPasswordTitle, name: user.displayName, password: initialPassword });
        }}
        onUpdated={(user) => {
          setFormTarget(null);
          putRow(user);
          message.success(t.saved);
        }}
      />
      <OneTimePasswordModal secret={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
