import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Card, Skeleton, Typography } from 'antd';
import { api } from '../../../api';
import { useT } from '../../../i18n';
import { useCurrentUser } from '../../session';
import { LoadError, useLoad } from '../../useLoad';
import { AppropriationForm } from './AppropriationForm';
import { BalanceCards } from './BalanceCards';
import { LedgerCard } from './LedgerCard';
import { RewardQueues } from './RewardQueues';
import type { FundOverview, MonthFigures } from './types';

// ECharts is most of this page's weight: fetched only when the chart is drawn.
const MonthlyChart = lazy(() => import('./MonthlyChart'));

const CHART_MONTHS = 12;

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
  const [fund, setFund] = useState<FundOverview | null>(null);
  const [months, setMonths] = useState<MonthFigures[]>([]);
  /** Bumped after an appropriation: every part of the page reloads. */
  const [refreshKey, setRefreshKey] = useState(0);

  const { error, run } = useLoad(
    useCallback(async () => {
      const { from, to } = recentMonths(CHART_MONTHS);
      const [overview, monthly] = await Promise.all([api.get<FundOverview>('/fund'), api.get<{ items: MonthFigures[] }>(`/fund/monthly?from=${from}&to=${to}`)]);
      setFund(overview);
      setMonths(monthly.items);
    }, []),
  );

  useEffect(() => {
    void run();
  }, [run, refreshKey]);

  const refresh = () => setRefreshKey((k) => k + 1);

  return (
    <div className="console-page console-page--wide">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" data-testid="finance-title">
          {t.title}
        </Typography.Title>
      </div>
      <LoadError error={error} onRetry={() => void run()} />
      {fund ? <BalanceCards fund={fund} /> : <Skeleton active />}
      {isFinance && <AppropriationForm onDone={refresh} />}
      {isFinance && <RewardQueues refreshKey={refreshKey} />}
      <Card className="page-card" title={<h2 className="card-title">{t.monthlyTitle}</h2>}>
        <Suspense fallback={<Skeleton active />}>
          <div data-testid="fund-monthly-chart">
            <MonthlyChart months={months} />
          </div>
        </Suspense>
      </Card>
      <LedgerCard refreshKey={refreshKey} />
    </div>
  );
}
