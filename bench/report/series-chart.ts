/** The chart of one benchmark's doubling series, with the bare-Temporal baseline's curves beside FlowBot's. */
import type { BenchResult, LoadSeries } from '../bench-result';
import { renderTemporalServer } from '../temporal-server';
import { renderLineChart, type ChartLine } from './svg';

/** Renders `series` (throughput on the left axis; p99 or worker RSS on the right) as an SVG document. */
export function renderSeriesChart(result: BenchResult, series: LoadSeries): string {
  const { points, loadUnit, throughputUnit, baseline } = series;
  const latencyLine = points.some((point) => Number.isFinite(point.p99Ms));
  const rssLine = points.some((point) => point.extra?.['worker RSS MB'] !== undefined);
  // The baseline is matched level by level: a level it did not reach stays a gap in its line.
  const bareAt = (multiple: number) => baseline?.points.find((point) => point.multiple === multiple);
  const lines: ChartLine[] = [
    { name: 'throughput', values: points.map((point) => point.throughput), axis: 'left', color: '#1f77b4' },
  ];
  if (baseline)
    lines.push({
      name: `bare Temporal ${baseline.throughputUnit}`,
      values: points.map((point) => bareAt(point.multiple)?.throughput ?? NaN),
      axis: 'left',
      color: '#17becf',
    });
  if (latencyLine) {
    lines.push({ name: 'p99', values: points.map((point) => point.p99Ms), axis: 'right', color: '#d62728' });
    if (baseline)
      lines.push({
        name: 'bare Temporal p99',
        values: points.map((point) => bareAt(point.multiple)?.p99Ms ?? NaN),
        axis: 'right',
        color: '#ff7f0e',
      });
  }
  if (rssLine)
    lines.push({
      name: 'worker RSS',
      values: points.map((point) => point.extra?.['worker RSS MB'] ?? NaN),
      axis: 'right',
      color: '#2ca02c',
    });
  return renderLineChart({
    title: result.title,
    subtitle: result.temporal ? renderTemporalServer(result.temporal) : undefined,
    xLabel: loadUnit,
    xTicks: points.map((point) => `${point.multiple}× (${point.load})`),
    leftUnit: throughputUnit,
    rightUnit: rssLine ? 'MB' : latencyLine ? 'ms' : undefined,
    lines,
  });
}
