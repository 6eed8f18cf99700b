// The leadership dashboard: a period with its comparison, the charts, the 9
// areas at a glance, the monthly ranking, and the poster funnel.
import { lazy, Suspense, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Segmented, Space, Spin, Statistic, Typography } from 'antd';
import { api } from '../../../api';
import { useLang } from '../../../i18n';
import { useReferenceData } from '../../referenceData';
import { useCurrentUser } from '../../session';
import { SingleSelect } from '../../Selects';
import { queryKeys } from '../../queryKeys';
import { useSearchChoice, type StatsFilter } from '../../queryParams';
import { QueryError } from '../../QueryState';
import { AreaTiles } from './AreaTiles';
import { addMonths } from '../../../../../shared/dates';
import { currentMonth, recentMonths } from './months';
import { PosterFunnelCard } from './PosterFunnelCard';
import { RankingCard } from './RankingCard';
import { statsText } from './statsText';
import type { Overview, Ranking, Totals } from './types';
import './stats.css';

const StatsCharts = lazy(() => import('./StatsCharts'));

const yuan = (fen: number) =>
  (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** "+3 vs previous" under a figure, or nothing when there is nothing to compare. */
function Change({
  now,
  before,
  label,
  format = String,
}: {
  now: number | null;
  before: number | null;
  label: string;
  format?: (n: number) => string;
}) {
  if (now === null || before === null) return null;
  const d = now - before;
  return (
    <span
      className={d > 0 ? 'stats-up' : d < 0 ? 'stats-down' : 'stats-same'}
    >{`${label} ${d > 0 ? '+' : ''}${format(d)}`}</span>
  );
}

export function StatsPage() {
  const lang = useLang();
  const text = statsText(lang);
  const me = useCurrentUser();
  const reference = useReferenceData();
  // The period, area and sector live in the address: a dashboard view can be bookmarked and sent.
  const monthChoices = recentMonths(36);
  const [to, setTo] = useSearchChoice('to', monthChoices, currentMonth());
  const [from, setFrom] = useSearchChoice('from', monthChoices, addMonths(currentMonth(), -5));
  const [area, setArea] = useSearchChoice('area', ['all', ...reference.areas.map((a) => a.code)], 'all');
  const [sector, setSector] = useSearchChoice('sector', ['all', ...reference.sectors.map((s) => s.code)], 'all');
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [colourBy, setColourBy] = useState<'substantiation' | 'score'>('substantiation');

  const filter: StatsFilter = {
    from: from <= to ? from : to,
    to,
    ...(area !== 'all' && { area }),
    ...(sector !== 'all' && { sector }),
  };
  const overviewQuery = useQuery({
    queryKey: queryKeys.stats.overview(filter),
    queryFn: ({ signal }) => api.get<Overview>(`/stats/overview?${new URLSearchParams({ ...filter })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const overview = overviewQuery.data ?? null;
  const loading = overviewQuery.isFetching;

  const months = monthChoices.map((m) => ({ value: m, label: m }));
  const kpi = (key: keyof typeof text.kpi, value: string | number, change?: React.ReactNode) => (
    <Col xs={12} md={8} xl={6} key={key}>
      <Card size="small" className="stats-kpi" data-kpi={key}>
        <Statistic title={text.kpi[key]} value={value} />
        <div className="stats-kpi-change">{change}</div>
      </Card>
    </Col>
  );
  const cmp = (f: (t: Totals) => number | null, format?: (n: number) => string) =>
    overview && (
      <Change now={f(overview.totals)} before={f(overview.previous)} label={text.vsPrevious} format={format} />
    );

  const tiles = reference.areas.map((a) => {
    if (colourBy === 'score') {
      const r = ranking?.areas.find((x) => x.area === a.code);
      return {
        area: a.code,
        name: reference.areaName(a.code),
        value: r ? r.score / 100 : null,
        label: r ? `${r.score.toFixed(1)} · #${r.rank}` : '—',
      };
    }
    const o = overview?.byArea.find((x) => x.area === a.code);
    const rate = o?.substantiationRate ?? null;
    return {
      area: a.code,
      name: reference.areaName(a.code),
      value: rate,
      // Nothing concluded is no rate at all, not 0 %.
      label: o && rate !== null ? `${pct(rate)} (${o.substantiated}/${o.concluded})` : '—',
      ...(overview && rate === null && { note: text.noneConcludedPeriod }),
    };
  });

  return (
    <div className="stats-page">
      <Typography.Title level={1} className="page-title" data-testid="stats-title">
        {text.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{text.intro}</Typography.Paragraph>
      <Space wrap className="stats-filters">
        <label>
          {text.from}{' '}
          <SingleSelect
            aria-label={text.from}
            value={from}
            onChange={setFrom}
            options={months}
            style={{ width: 110 }}
          />
        </label>
        <label>
          {text.to}{' '}
          <SingleSelect aria-label={text.to} value={to} onChange={setTo} options={months} style={{ width: 110 }} />
        </label>
        <label>
          {text.area}{' '}
          <SingleSelect
            aria-label={text.area}
            value={area}
            onChange={setArea}
            style={{ width: 140 }}
            options={[
              { value: 'all', label: text.all },
              ...reference.areas.map((a) => ({ value: a.code, label: reference.areaName(a.code) })),
            ]}
          />
        </label>
        <label>
          {text.sector}{' '}
          <SingleSelect
            aria-label={text.sector}
            value={sector}
            onChange={setSector}
            style={{ width: 200 }}
            options={[
              { value: 'all', label: text.all },
              ...reference.sectors.map((s) => ({ value: s.code, label: reference.sectorName(s.code) })),
            ]}
          />
        </label>
        {overview && (
          <Typography.Text type="secondary">
            {text.previous(overview.previousPeriod.from, overview.previousPeriod.to)}
          </Typography.Text>
        )}
      </Space>
      <QueryError queries={[overviewQuery]} />
      <Spin spinning={loading}>
        {overview && (
          <Row gutter={[12, 12]} className="stats-kpis">
            {kpi(
              'received',
              overview.totals.received,
              cmp((t) => t.received),
            )}
            {kpi(
              'accepted',
              overview.totals.accepted,
              cmp((t) => t.accepted),
            )}
            {kpi(
              'substantiated',
              overview.totals.substantiated,
              cmp((t) => t.substantiated),
            )}
            {kpi(
              'rate',
              pct(overview.totals.substantiationRate),
              cmp(
                (t) => t.substantiationRate,
                (n) => `${(n * 100).toFixed(1)}%`,
              ),
            )}
            {kpi(
              'median',
              overview.totals.medianDaysToConclusion === null
                ? '—'
                : `${overview.totals.medianDaysToConclusion} ${text.days}`,
              cmp((t) => t.medianDaysToConclusion),
            )}
            {kpi(
              'rectified',
              overview.totals.rectifiedVerified,
              cmp((t) => t.rectifiedVerified),
            )}
            {kpi('rectificationOverdue', overview.totals.rectificationOverdue)}
            {kpi('overdue', overview.overdueNow)}
            {kpi(
              'approved',
              `${overview.totals.rewardsApproved} · ${yuan(overview.totals.rewardsApprovedFen)} ${text.yuan}`,
              cmp(
                (t) => t.rewardsApprovedFen,
                (n) => yuan(n),
              ),
            )}
            {kpi(
              'paid',
              `${overview.totals.rewardsPaid} · ${yuan(overview.totals.rewardsPaidFen)} ${text.yuan}`,
              cmp(
                (t) => t.rewardsPaidFen,
                (n) => yuan(n),
              ),
            )}
            {overview.fund && kpi('fund', `${yuan(overview.fund.availableFen)} ${text.yuan}`)}
          </Row>
        )}
      </Spin>
      {overview && (
        <Suspense fallback={<Spin tip={text.loading} />}>
          <StatsCharts overview={overview} text={text} sectorName={reference.sectorName} />
        </Suspense>
      )}
      <Card
        title={text.areas}
        className="stats-card"
        extra={
          <Segmented
            aria-label={text.colourBy}
            value={colourBy}
            onChange={(v) => setColourBy(v as 'substantiation' | 'score')}
            options={[
              { value: 'substantiation', label: text.bySubstantiation },
              { value: 'score', label: text.byScore },
            ]}
          />
        }
      >
        <AreaTiles tiles={tiles} text={text} />
      </Card>
      <RankingCard text={text} areaName={reference.areaName} isAdmin={me.role === 'admin'} onRanking={setRanking} />
      <PosterFunnelCard text={text} from={from <= to ? from : to} to={to} areaName={reference.areaName} />
    </div>
  );
}
