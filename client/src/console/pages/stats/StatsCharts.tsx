// The dashboard's charts. ECharts is large, so only this module imports it (and
// only the pieces used), and the page loads it lazily: other pages stay light.
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Overview } from './types';
import type { StatsText } from './statsText';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface StatsChartsProps {
  overview: Overview;
  text: StatsText;
  sectorName: (code: string) => string;
}

export default function StatsCharts({ overview, text, sectorName }: StatsChartsProps) {
  const months = overview.byMonth.map((m) => m.month);
  const trend = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: text.series.received, type: 'line', data: overview.byMonth.map((m) => m.received) },
      { name: text.series.concluded, type: 'line', data: overview.byMonth.map((m) => m.concluded) },
      { name: text.series.substantiated, type: 'line', data: overview.byMonth.map((m) => m.substantiated) },
    ],
  };
  const sectors = overview.bySector.filter((s) => s.received > 0).sort((a, b) => a.received - b.received);
  const bySector = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 150, right: 16, top: 36, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sectors.map((s) => sectorName(s.sector)) },
    series: [
      { name: text.series.received, type: 'bar', data: sectors.map((s) => s.received) },
      { name: text.series.substantiated, type: 'bar', data: sectors.map((s) => s.substantiated) },
    ],
  };
  return (
    <div className="stats-charts">
      <section aria-label={text.trend}>
        <h2>{text.trend}</h2>
        <ReactEChartsCore echarts={echarts} option={trend} style={{ height: 280 }} notMerge />
      </section>
      <section aria-label={text.bySector}>
        <h2>{text.bySector}</h2>
        <ReactEChartsCore
          echarts={echarts}
          option={bySector}
          style={{ height: Math.max(200, 60 + sectors.length * 36) }}
          notMerge
        />
      </section>
    </div>
  );
}
