import { lazy, Suspense } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Skeleton, Typography } from 'antd';
import { api } from '../../../api';
import { useT } from '../../../i18n';
import { useCurrentUser } from '../../session';
import { queryKeys } from '../../queryKeys';
import { QueryError } from '../../QueryState';
import { AppropriationForm } from './AppropriationForm';
import { BalanceCards } from './BalanceCards';
import { FundSources } from './FundSources';
import { LedgerCard } from './LedgerCard';
import { RewardQueues } from './RewardQueues';
import type { FundOverview, MonthFigures } from './types';

// ECharts is most of this page's weight: fetched only when the chart is drawn.
const MonthlyChart = lazy(() => import('./MonthlyChart'));

const CHART_MONTHS = 12;
const NO_MONTHS: MonthFigures[] = [];

/** The last `count` months up to this one, as YYYY-MM in Asia/Shanghai. */
function recentMonths(count: number): { from: string; to: string } {
  const shanghaiNow = new Date(Date.now() + 8 * 3600_000);
  const to = shanghaiNow.toISOString().slice(0, 7);
  const start = new Date(Date.UTC(shanghaiNow.getUTCFullYear(), shanghaiNow.getUTCMonth() - (count - 1), 1));
  return { from: start.toISOString().slice(0, 7), to };
}

/** The reward fund: balances, month by month, appropriations, the ledger and finance's reward queues. */
export function FinancePage() {
  const t = useT().finance;
  const me = useCurrentUser();
  const isFinance = me.role === 'finance';
  const { from, to } = recentMonths(CHART_MONTHS);
  // An appropriation (or a reward moving money on a case) refetches everything under queryKeys.fund.all.
  const overview = useQuery({
    queryKey: queryKeys.fund.overview,
    queryFn: ({ signal }) => api.get<FundOverview>('/fund', { signal }),
  });
  const monthly = useQuery({
    queryKey: queryKeys.fund.monthly(from, to),
    queryFn: ({ signal }) => api.get<{ items: MonthFigures[] }>(`/fund/monthly?from=${from}&to=${to}`, { signal }),
  });
  const fund = overview.data ?? null;
  const months = monthly.data?.items ?? NO_MONTHS;

  return (
    <div className="console-page console-page--wide">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" data-testid="finance-title">
          {t.title}
        </Typography.Title>
      </div>
      <QueryError queries={[overview, monthly]} />
      {fund ? <BalanceCards fund={fund} /> : <Skeleton active />}
      {fund && <FundSources sources={fund.sources} />}
      {isFinance && <AppropriationForm />}
      {isFinance && <RewardQueues />}
      <Card className="page-card" title={<h2 className="card-title">{t.monthlyTitle}</h2>}>
        <Suspense fallback={<Skeleton active />}>
          <div data-testid="fund-monthly-chart">
            <MonthlyChart months={months} />
          </div>
        </Suspense>
      </Card>
      <LedgerCard />
    </div>
  );
}
