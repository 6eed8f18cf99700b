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
const axisLabel = { formatter: (v: number) => v.toLocaleString('zh-CN') };

/**
 * A month's reservations and payouts are thousands of yuan, the balance millions: on one
 * axis the bars vanish next to the line. So the bars have the left axis and the balance its own on the right.
 */
export default function MonthlyChart({ months }: { months: MonthFigures[] }) {
  const t = useT().finance;
  const yAxes = [
    { type: 'value', name: t.movementsAxis, nameTextStyle: { align: 'left' }, axisLabel },
    {
      type: 'value',
      name: t.balanceAxis,
      nameTextStyle: { align: 'right' },
      axisLabel,
      splitLine: { show: false },
    },
  ];
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 64, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: yAxes,
    series: [
      { name: t.reservedSeries, type: 'bar', yAxisIndex: 0, data: months.map((m) => yuan(m.reservedFen)) },
      { name: t.paidSeries, type: 'bar', yAxisIndex: 0, data: months.map((m) => yuan(m.paidFen)) },
      { name: t.availableSeries, type: 'line', yAxisIndex: 1, data: months.map((m) => yuan(m.endAvailableFen)) },
    ],
  };
  // The axes as data attributes: what the canvas draws, readable by tests and tools.
  return (
    <div data-y-axes={yAxes.length} data-y-axis-names={yAxes.map((a) => a.name).join(' | ')}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 340 }} />
    </div>
  );
}
