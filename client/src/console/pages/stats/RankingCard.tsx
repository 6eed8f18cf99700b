// The month's ranking of the 9 areas, its exports, and (administrators) the weights.
import { useEffect, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, InputNumber, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import { api, describeError } from '../../../api';
import { downloadFile } from '../../download';
import { SingleSelect } from '../../Selects';
import { queryKeys } from '../../queryKeys';
import { useSearchChoice } from '../../queryParams';
import { QueryError } from '../../QueryState';
import { addMonths } from '../../../../../shared/dates';
import { currentMonth, recentMonths } from './months';
import type { AreaRank, Measure, Ranking, Weights } from './types';
import type { StatsText } from './statsText';

const MEASURES: Measure[] = ['onTime', 'rectification', 'substantiation', 'perCapita'];
type RateMeasure = Exclude<Measure, 'perCapita'>;
const RATES: RateMeasure[] = ['onTime', 'rectification', 'substantiation'];
const pct = (f: number) => `${(f * 100).toFixed(1)}%`;

/** A rate, or "—" with why there is none: nothing concluded (or substantiated) is not 0 %. */
function RateCell({ value, why }: { value: number | null; why: string }) {
  if (value !== null) return <>{pct(value)}</>;
  return (
    <Tooltip title={why}>
      <span className="stats-no-denominator" data-no-denominator="true">
        —<span className="visually-hidden">{why}</span>
      </span>
    </Tooltip>
  );
}

export function RankingCard({
  text,
  areaName,
  isAdmin,
  onRanking,
}: {
  text: StatsText;
  areaName: (code: string) => string;
  isAdmin: boolean;
  onRanking: (r: Ranking) => void;
}) {
  const t = text.ranking;
  const { message } = App.useApp();
  const [month, setMonth] = useSearchChoice('month', recentMonths(36), addMonths(currentMonth(), -1));
  const queryClient = useQueryClient();
  const [weights, setWeights] = useState<Weights | null>(null);

  const query = useQuery({
    queryKey: queryKeys.stats.ranking(month),
    queryFn: ({ signal }) => api.get<Ranking>(`/stats/ranking?month=${month}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const ranking = query.data ?? null;
  const loading = query.isFetching;
  // Each ranking that arrives resets the weights form and colours the area tiles.
  useEffect(() => {
    if (!query.data) return;
    setWeights(query.data.weights);
    onRanking(query.data);
  }, [query.data, onRanking]);

  const saving = useMutation({
    mutationFn: (next: Weights) => api.put('/stats/ranking-weights', next),
    onSuccess: () => {
      message.success(t.saved);
      return queryClient.invalidateQueries({ queryKey: queryKeys.stats.all });
    },
    onError: (caught) => message.error(describeError(caught)),
  });
  const save = () => {
    if (weights) saving.mutate(weights);
  };

  const columns: ColumnsType<AreaRank> = [
    { title: t.rank, dataIndex: 'rank', width: 70 },
    {
      title: t.area,
      dataIndex: 'area',
      render: (code: string, row) => (
        <Space>
          {areaName(code)}
          {row.flagged && <Tag color="red">{t.flaggedTag}</Tag>}
        </Space>
      ),
    },
    { title: t.score, dataIndex: 'score', render: (s: number) => s.toFixed(1) },
    {
      title: t.change,
      dataIndex: 'change',
      render: (c: number | null) => (c === null ? '—' : c > 0 ? `↑${c}` : c < 0 ? `↓${-c}` : '—'),
    },
    ...RATES.map((m) => ({
      title: t[m],
      key: m,
      render: (_: unknown, row: AreaRank) => (
        <RateCell value={row.measures[m]} why={m === 'rectification' ? t.noneSubstantiated : t.noneConcluded} />
      ),
    })),
    {
      title: t.perCapita,
      key: 'perCapita',
      render: (_: unknown, row: AreaRank) => row.reportsPerTenThousand.toFixed(2),
    },
    { title: t.received, dataIndex: 'received' },
    { title: t.rectifiedVerified, dataIndex: 'rectifiedVerified' },
    { title: t.rectificationOverdue, dataIndex: 'rectificationOverdue' },
  ];

  return (
    <Card
      title={t.title}
      className="stats-card"
      extra={
        <Space wrap>
          <SingleSelect
            aria-label={t.month}
            value={month}
            onChange={setMonth}
            style={{ width: 120 }}
            options={recentMonths(36).map((m) => ({ value: m, label: m }))}
          />
          {(['pdf', 'xlsx', 'csv'] as const).map((f) => (
            <Button
              key={f}
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadFile(`/stats/ranking.${f}?month=${month}`, `ranking-${month}.${f}`).catch((e: unknown) =>
                  message.error(describeError(e)),
                )
              }
            >
              {f.toUpperCase()}
            </Button>
          ))}
        </Space>
      }
    >
      <QueryError queries={[query]} />
      <Table<AreaRank>
        rowKey="area"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={ranking?.areas ?? []}
        pagination={false}
        data-testid="ranking-table"
      />
      <Typography.Paragraph type="secondary" className="stats-footnote" data-testid="ranking-note">
        {t.noDenominatorNote}
      </Typography.Paragraph>
      {isAdmin && weights && (
        <div className="stats-weights">
          <Typography.Title level={5}>{t.weights}</Typography.Title>
          <Typography.Paragraph type="secondary">{t.weightsHint}</Typography.Paragraph>
          <Space wrap>
            {MEASURES.map((m) => (
              <label key={m} className="stats-weight">
                <span>{t[m]}</span>
                <InputNumber
                  aria-label={t[m]}
                  min={0}
                  max={1000}
                  value={weights[m]}
                  onChange={(v) => setWeights({ ...weights, [m]: typeof v === 'number' ? v : 0 })}
                />
              </label>
            ))}
            <Button
              type="primary"
              loading={saving.isPending}
              onClick={save}
              disabled={MEASURES.every((m) => weights[m] === 0)}
            >
              {t.save}
            </Button>
          </Space>
        </div>
      )}
    </Card>
  );
}
