// Reward integrity (奖励监督): the anomaly views for a period, for finance, the
// discipline officer and leaders, and the exclusion register for administrators
// and the discipline officer. Figures only: payees appear as pseudonyms.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formatYuan } from '../../../../../shared/money';
import { claimFlagText, type AnomaliesView, type ClaimFlag } from '../../../../../shared/schemas/rewardControls';
import { api } from '../../../api';
import { formatDateTime } from '../../../format';
import { useLang } from '../../../i18n';
import { QueryError } from '../../QueryState';
import { useReferenceData } from '../../referenceData';
import { CASE_ROLES } from '../../navigation';
import { useCurrentUser } from '../../session';
import { ExclusionRegister } from './ExclusionRegister';
import { integrityTexts } from './integrityTexts';

const ANOMALY_ROLES = new Set(['finance', 'discipline', 'leader']);
const REGISTER_ROLES = new Set(['admin', 'discipline']);
const yuan = (fen: number) => formatYuan(fen);

function AnomalyTables({ from, to }: { from: string; to: string }) {
  const lang = useLang();
  const t = integrityTexts[lang];
  const reference = useReferenceData();
  // The discipline officer reads figures, not cases: references are links only for those who open cases.
  const opensCases = CASE_ROLES.includes(useCurrentUser().role);
  const query = useQuery({
    queryKey: ['rewards', 'anomalies', { from, to }],
    queryFn: ({ signal }) => api.get<AnomaliesView>(`/rewards/anomalies?from=${from}&to=${to}`, { signal }),
  });
  if (query.error) return <QueryError queries={[query]} />;
  const v = query.data;
  const loading = query.isPending;
  const tally = [
    { title: t.count, dataIndex: 'count', key: 'count' },
    { title: t.total, dataIndex: 'totalFen', key: 'total', render: yuan },
  ];
  const caseLink = (ref: string) => (opensCases ? <Link to={`/cases/${ref}`}>{ref}</Link> : ref);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t.byVerifier} size="small">
        <Table
          size="small"
          rowKey="verifierId"
          loading={loading}
          pagination={false}
          dataSource={v?.byVerifier}
          columns={[
            { title: t.verifier, key: 'v', render: (_, r) => r.verifier ?? r.verifierId },
            ...tally,
            { title: t.adjustedCount, dataIndex: 'adjustedCount', key: 'adj' },
          ]}
        />
      </Card>
      <Card title={t.byArea} size="small">
        <Table
          size="small"
          rowKey="area"
          loading={loading}
          pagination={false}
          dataSource={v?.byArea}
          columns={[{ title: t.area, key: 'a', render: (_, r) => reference.areaName(r.area) }, ...tally]}
        />
      </Card>
      <Card title={t.byPayee} size="small" extra={<Typography.Text type="secondary">{t.payeeHint}</Typography.Text>}>
        <Table
          size="small"
          rowKey="payee"
          loading={loading}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={v?.byPayee}
          columns={[{ title: t.payee, dataIndex: 'payee', key: 'p' }, ...tally]}
        />
      </Card>
      <Card title={t.bySubject} size="small">
        <Table
          size="small"
          rowKey="subject"
          loading={loading}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={v?.bySubject}
          columns={[{ title: t.subject, dataIndex: 'subject', key: 's' }, ...tally]}
        />
      </Card>
      <Card title={t.adjusted} size="small">
        <Table
          size="small"
          rowKey="reference"
          loading={loading}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={v?.adjusted}
          columns={[
            { title: t.reference, dataIndex: 'reference', key: 'r', render: caseLink },
            { title: t.computed, dataIndex: 'computedFen', key: 'c', render: yuan },
            { title: t.approved, dataIndex: 'amountFen', key: 'a', render: yuan },
            { title: t.reason, dataIndex: 'reason', key: 'why' },
          ]}
        />
      </Card>
      <Card title={v ? t.quickClosures(v.quickClosureDays) : t.quickClosures(0)} size="small">
        <Table
          size="small"
          rowKey="reference"
          loading={loading}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={v?.quickClosures}
          columns={[
            { title: t.reference, dataIndex: 'reference', key: 'r', render: caseLink },
            { title: t.acceptedAt, dataIndex: 'acceptedAt', key: 'acc', render: formatDateTime },
            { title: t.concludedAt, dataIndex: 'concludedAt', key: 'con', render: formatDateTime },
            { title: t.approved, dataIndex: 'amountFen', key: 'a', render: yuan },
          ]}
        />
      </Card>
      <Card title={t.flagged} size="small">
        <Table
          size="small"
          rowKey="reference"
          loading={loading}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={v?.flagged}
          columns={[
            { title: t.reference, dataIndex: 'reference', key: 'r', render: caseLink },
            {
              title: t.flags,
              key: 'f',
              render: (_, r) =>
                r.flags.map((f) => (
                  <Tag key={f} color="red">
                    {(claimFlagText[f as ClaimFlag] ?? { zh: f, en: f })[lang === 'en' ? 'en' : 'zh']}
                  </Tag>
                )),
            },
            { title: t.approved, dataIndex: 'amountFen', key: 'a', render: yuan },
            { title: t.cleared, key: 'c', render: (_, r) => (r.cleared ? t.yes : t.no) },
          ]}
        />
      </Card>
    </Space>
  );
}

export function IntegrityPage() {
  const t = integrityTexts[useLang()];
  const me = useCurrentUser();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs().endOf('month')]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="integrity-page">
      <Typography.Title level={1} className="page-title">
        {t.title}
      </Typography.Title>
      {ANOMALY_ROLES.has(me.role) && (
        <>
          <Space wrap>
            <Typography.Text>{t.period}</Typography.Text>
            <DatePicker.RangePicker
              allowClear={false}
              value={range}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
          </Space>
          <AnomalyTables from={from} to={to} />
        </>
      )}
      {REGISTER_ROLES.has(me.role) && <ExclusionRegister />}
    </Space>
  );
}
