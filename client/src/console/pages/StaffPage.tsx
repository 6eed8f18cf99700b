import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { api, describeError } from '../../api';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { queryKeys } from '../queryKeys';
import { QueryError } from '../QueryState';
import { useReferenceData } from '../referenceData';
import { useCurrentUser, useSession } from '../session';
import type { z } from 'zod';
import type { staffListResponse } from '../../../../shared/schemas/staff';
import type { StaffView } from '../types';
import { OneTimePasswordModal, type OneTimePassword } from './OneTimePasswordModal';
import { StaffFormModal, type StaffFormTarget } from './StaffFormModal';

type StaffList = z.infer<typeof staffListResponse>;

export function StaffPage() {
  const all = useT();
  const t = all.console.staff;
  const { message } = App.useApp();
  const me = useCurrentUser();
  const { replaceUser } = useSession();
  const reference = useReferenceData();

  const queryClient = useQueryClient();
  const [formTarget, setFormTarget] = useState<StaffFormTarget | null>(null);
  const [secret, setSecret] = useState<OneTimePassword | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const list = useQuery({
    queryKey: queryKeys.staff,
    queryFn: ({ signal }) => api.get<StaffList>('/staff', { signal }),
  });
  const staff = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  /** The server answered with the account as it now is: the row shows it at once, and the list is refetched. */
  const putRow = (user: StaffView, added = false) => {
    queryClient.setQueryData<StaffList>(
      queryKeys.staff,
      (page) =>
        page &&
        (added
          ? { items: [...page.items, user], total: page.total + 1 }
          : { ...page, items: page.items.map((row) => (row.id === user.id ? user : row)) }),
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.staff });
    if (user.id === me.id) replaceUser(user); // own role or name changed: header and menu follow
  };

  const disabling = useMutation({
    mutationFn: ({ user, disabled }: { user: StaffView; disabled: boolean }) =>
      api.patch<{ user: StaffView }>(`/staff/${encodeURIComponent(user.id)}`, { disabled }),
    onMutate: ({ user }) => setBusyId(user.id),
    onSuccess: ({ user }) => {
      putRow(user);
      message.success(t.saved);
    },
    onError: (caught) => message.error(describeError(caught)),
    onSettled: () => setBusyId(null),
  });
  const setDisabled = (user: StaffView, disabled: boolean) =>
    disabling.mutateAsync({ user, disabled }).catch(() => undefined);

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
    {
      title: t.username,
      dataIndex: 'username',
      render: (username: string) => <Typography.Text code>{username}</Typography.Text>,
    },
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
      <QueryError queries={[list]} />
      <Card className="page-card">
        <Table<StaffView>
          rowKey="id"
          columns={columns}
          dataSource={staff}
          loading={list.isFetching}
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
          putRow(user, true);
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
