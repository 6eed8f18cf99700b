// Which posters bring reports in: scans → reports → substantiated → rewarded.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import { api } from '../../../api';
import { queryKeys } from '../../queryKeys';
import { QueryError } from '../../QueryState';
import type { PosterFunnel } from './types';
import type { StatsText } from './statsText';

export function PosterFunnelCard({
  text,
  from,
  to,
  areaName,
}: {
  text: StatsText;
  from: string;
  to: string;
  areaName: (code: string) => string;
}) {
  const t = text.posters;
  const query = useQuery({
    queryKey: queryKeys.stats.posters(from, to),
    queryFn: ({ signal }) => api.get<PosterFunnel>(`/stats/posters?from=${from}&to=${to}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const funnel = query.data ?? null;
  const loading = query.isFetching;
  const steps = [
    { title: t.scans, dataIndex: 'scans' },
    { title: t.reports, dataIndex: 'reports' },
    { title: t.substantiated, dataIndex: 'substantiated' },
    { title: t.rewarded, dataIndex: 'rewarded' },
  ];
  return (
    <Card title={t.title} className="stats-card">
      <QueryError queries={[query]} />
      <Table
        rowKey="code"
        size="small"
        loading={loading}
        data-testid="poster-funnel"
        dataSource={funnel?.posters ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t.code, dataIndex: 'code' },
          { title: t.site, dataIndex: 'siteName' },
          { title: text.area, dataIndex: 'area', render: areaName },
          ...steps,
        ]}
      />
      <Typography.Title level={5}>{t.byArea}</Typography.Title>
      <Table
        rowKey="area"
        size="small"
        loading={loading}
        dataSource={funnel?.byArea ?? []}
        pagination={false}
        columns={[
          { title: text.area, dataIndex: 'area', render: areaName },
          { title: t.posterCount, dataIndex: 'posters' },
          ...steps,
        ]}
      />
      <Typography.Title level={5}>{t.never}</Typography.Title>
      <Typography.Paragraph data-testid="never-reported">
        {funnel &&
          (funnel.neverReported.length
            ? funnel.neverReported.map((p) => `${p.code} ${p.siteName}（${areaName(p.area)}）`).join('；')
            : t.none)}
      </Typography.Paragraph>
    </Card>
  );
}
