// Reward-policy versions: the published ones (which is in force now) and the
// drafts; a version's values with their assumed marks; drafting from any version,
// editing a draft, and publishing someone else's draft (four-eyes on the server).
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { rewardPolicies } from '../../../../../shared/contract/rewardPolicies';
import type { RewardPolicy } from '../../../../../shared/rewards/policySchema';
import type { PolicyVersionView } from '../../../../../shared/schemas/rewardPolicies';
import { ApiError, describeError } from '../../../api';
import { call, route } from '../../../apiClient';
import { formatDateTime } from '../../../format';
import { useLang } from '../../../i18n';
import { queryKeys } from '../../queryKeys';
import { QueryError } from '../../QueryState';
import { useCurrentUser } from '../../session';
import { policiesEn } from './messages.en';
import { policiesZh } from './messages.zh';
import { PolicyDraftForm } from './PolicyDraftForm';
import { PolicyValues } from './PolicyValues';
import './policies.css';
import { PageCard } from '../../PageCard';

type C = typeof rewardPolicies;
const versionsRoute = route<C['versions']>({ kind: 'json', method: 'get', path: '/api/v1/reward-policies/versions' });
const createRoute = route<C['createDraft']>({ kind: 'json', method: 'post', path: '/api/v1/reward-policies/drafts' });
const updateRoute = route<C['updateDraft']>({
  kind: 'json',
  method: 'put',
  path: '/api/v1/reward-policies/drafts/:id',
});
const discardRoute = route<C['discardDraft']>({
  kind: 'empty',
  method: 'delete',
  path: '/api/v1/reward-policies/drafts/:id',
});
const publishRoute = route<C['publish']>({
  kind: 'json',
  method: 'post',
  path: '/api/v1/reward-policies/drafts/:id/publish',
});

/** A refusal with the fields it names, for the page's banner. */
const problemText = (caught: unknown) =>
  [
    describeError(caught),
    ...(caught instanceof ApiError ? caught.errors.map((e) => `${e.path}: ${e.message}`) : []),
  ].join(' ');

export function PoliciesPage() {
  const lang = useLang();
  const t = lang === 'en' ? policiesEn : policiesZh;
  const me = useCurrentUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [viewing, setViewing] = useState<PolicyVersionView | null>(null);
  const [editing, setEditing] = useState<PolicyVersionView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const isAdmin = me.role === 'admin';

  const list = useQuery({
    queryKey: queryKeys.rewardPolicies,
    queryFn: ({ signal }) => call(versionsRoute, undefined, { signal }),
  });
  const items = list.data?.items ?? [];
  const refetch = () => queryClient.invalidateQueries({ queryKey: queryKeys.rewardPolicies });
  const fail = (caught: unknown) => setProblem(problemText(caught));

  const drafting = useMutation({
    mutationFn: (basedOn: string) => call(createRoute, { body: { basedOn } }),
    onMutate: () => setProblem(null),
    onSuccess: async ({ version }) => {
      message.success(t.drafted);
      await refetch();
      setEditing(version);
    },
    onError: fail,
  });
  const saving = useMutation({
    mutationFn: ({ id, policy }: { id: string; policy: RewardPolicy }) =>
      call(updateRoute, { params: { id }, body: { policy } }),
    onSuccess: async () => {
      message.success(t.saved);
      setEditing(null);
      await refetch();
    },
  });
  const publishing = useMutation({
    mutationFn: (v: { id: string; updatedAt: string }) =>
      call(publishRoute, { params: { id: v.id }, body: { reviewedUpdatedAt: v.updatedAt } }),
    onMutate: () => setProblem(null),
    onSuccess: async () => {
      message.success(t.publishedOk);
      await refetch();
    },
    onError: fail,
  });
  const discarding = useMutation({
    mutationFn: (id: string) => call(discardRoute, { params: { id } }),
    onMutate: () => setProblem(null),
    onSuccess: async () => {
      message.success(t.discarded);
      await refetch();
    },
    onError: fail,
  });

  const whoAndWhen = (who: PolicyVersionView['draftedBy'], at: string | null) =>
    who ? `${who.displayName || who.username} · ${formatDateTime(at)}` : '';

  const columns: ColumnsType<PolicyVersionView> = [
    {
      title: t.status,
      key: 'status',
      render: (_, v) => (
        <Space size={4} wrap>
          <Tag color={v.status === 'published' ? 'blue' : 'default'}>
            {v.status === 'published' ? t.published : t.draft}
          </Tag>
          {v.inForce && <Tag color="green">{t.inForce}</Tag>}
          {v.source === 'built-in' && <Tag>{t.builtIn}</Tag>}
        </Space>
      ),
    },
    { title: t.effectiveFrom, key: 'effectiveFrom', render: (_, v) => v.policy.effectiveFrom },
    { title: t.versionTitle, key: 'title', render: (_, v) => (lang === 'en' ? v.policy.title.en : v.policy.title.zh) },
    {
      title: t.id,
      key: 'id',
      render: (_, v) => <Typography.Text code>{v.status === 'draft' ? v.policy.id : v.id}</Typography.Text>,
    },
    {
      title: `${t.drafter} / ${t.lastChange}`,
      key: 'drafter',
      render: (_, v) =>
        v.status === 'draft'
          ? `${whoAndWhen(v.draftedBy, v.draftedAt)} · ${formatDateTime(v.updatedAt)}`
          : whoAndWhen(v.publishedBy, v.publishedAt),
    },
    {
      title: t.actions,
      key: 'actions',
      render: (_, v) => {
        const mine = v.draftedBy?.id === me.id;
        return (
          <Space wrap>
            <Button size="small" onClick={() => setViewing(v)}>
              {t.view}
            </Button>
            {isAdmin && (
              <Button size="small" loading={drafting.isPending} onClick={() => drafting.mutate(v.id)}>
                {t.draftFrom}
              </Button>
            )}
            {isAdmin && v.status === 'draft' && (
              <Button size="small" onClick={() => setEditing(v)}>
                {t.edit}
              </Button>
            )}
            {v.status === 'draft' && !mine && (
              <Popconfirm
                title={t.publishConfirm(v.policy.id, v.policy.effectiveFrom)}
                okText={t.publish}
                cancelText={t.cancel}
                onConfirm={() => publishing.mutate(v)}
              >
                <Button size="small" type="primary" loading={publishing.isPending}>
                  {t.publish}
                </Button>
              </Popconfirm>
            )}
            {v.status === 'draft' && mine && <Typography.Text type="secondary">{t.ownDraft}</Typography.Text>}
            {isAdmin && v.status === 'draft' && (
              <Popconfirm
                title={t.discardConfirm}
                okText={t.discard}
                cancelText={t.cancel}
                onConfirm={() => discarding.mutate(v.id)}
              >
                <Button size="small" danger>
                  {t.discard}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <PageCard title={t.title} intro={t.intro}>
      <QueryError queries={[list]} />
      {problem && <Alert type="error" showIcon title={problem} className="page-alert" data-testid="policy-problem" />}
      <Table<PolicyVersionView>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={list.isFetching}
        pagination={false}
        size="middle"
        scroll={{ x: true }}
      />
      <Modal
        open={viewing !== null}
        width={760}
        title={
          viewing ? `${viewing.policy.id} · ${lang === 'en' ? viewing.policy.title.en : viewing.policy.title.zh}` : ''
        }
        footer={<Button onClick={() => setViewing(null)}>{t.close}</Button>}
        onCancel={() => setViewing(null)}
        destroyOnHidden
      >
        {viewing && <PolicyValues policy={viewing.policy} t={t} />}
      </Modal>
      {editing && (
        <PolicyDraftForm
          key={editing.id}
          version={editing}
          t={t}
          saving={saving.isPending}
          onSave={(policy) => saving.mutateAsync({ id: editing.id, policy })}
          onClose={() => setEditing(null)}
        />
      )}
    </PageCard>
  );
}
