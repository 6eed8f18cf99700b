// Loaded on demand (see FinancePage): ECharts is large and only the fund page draws charts.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useT } from '../../../i18n';
import type { MonthFigures } from './types';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const yuan = (fen: number) => fen / 100;

export default function MonthlyChart({ months }: { months: MonthFigures[] }) {
  const t = useT().finance;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', name: t.yuan },
    series: [
      { name: t.reservedSeries, type: 'bar', data: months.map((m) => yuan(m.reservedFen)) },
      { name: t.paidSeries, type: 'bar', data: months.map((m) => yuan(m.paidFen)) },
      { name: t.availableSeries, type: 'line', data: months.map((m) => yuan(m.endAvailableFen)) },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} />;
}
