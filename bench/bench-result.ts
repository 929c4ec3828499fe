/** The shape every benchmark returns, written to bench/results/latest.json and rendered by bench/report. */
import type { TemporalServerInfo } from './temporal-server';

/** One figure measured against a target from the issues. */
export interface TargetCheck {
  /** e.g. "lead intake p99 latency". */
  what: string;
  value: number;
  unit: string;
  /** e.g. "< 100 ms". */
  target: string;
  met: boolean;
  /** The bare-Temporal figure measured in the same run that this one is read against. */
  baseline?: BareFigure;
}

/** A bare-Temporal baseline figure (bench/bare-temporal), e.g. 203 starts/s. */
export interface BareFigure {
  value: number;
  unit: string;
}

/** One load level of a doubling series. */
export interface LoadPoint {
  /** 1, 2, 4, 8: the multiple of the base load. */
  multiple: number;
  /** The load itself (connections, conversations…), described by the series' `loadUnit`. */
  load: number;
  /** Operations per second achieved. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Anything else worth a column (e.g. RSS). */
  extra?: Record<string, number>;
  /**
   * CPU ms per operation (see the series' `operation`) by process, and `total`, over the level and
   * the quiet-down after it (bench/process-cpu.ts).
   */
  cpuMsPerOperation?: Record<string, number>;
}

/** The bare-Temporal baseline measured at the same levels as a FlowBot series. */
export interface BaselineSeries {
  /** What the baseline does, e.g. "bare Temporal: HTTP → start". */
  what: string;
  throughputUnit: string;
  /** What its CPU is counted per, e.g. `start`. */
  operation: string;
  /** One per FlowBot point, same `multiple` and `load`. */
  points: LoadPoint[];
}

/** How a figure changes as the load doubles. */
export interface LoadSeries {
  loadUnit: string;
  throughputUnit: string;
  points: LoadPoint[];
  /** What `cpuMsPerOperation` is counted per, e.g. `lead`. */
  operation?: string;
  /** Temporal alone at the same levels, in the same run. */
  baseline?: BaselineSeries;
}

/** What one benchmark produced. */
export interface BenchResult {
  id: string;
  title: string;
  status: 'ok' | 'skipped' | 'failed';
  /** Why it was skipped or how it failed. */
  reason?: string;
  /** Headline figures, name → value (units in the name). */
  metrics: Record<string, number>;
  /** For a headline figure with a bare-Temporal counterpart: that counterpart, by metric name. */
  baselineMetrics?: Record<string, BareFigure>;
  targets: TargetCheck[];
  series?: LoadSeries;
  /** How it was measured, deviations, where the time goes. */
  notes: string[];
  /** The Temporal server it ran on; absent when none answered (the benchmark failed before). */
  temporal?: TemporalServerInfo;
  /** Load averages (1/5/15 min) when it started and ended: the machine is shared. */
  loadAverage: { before: number[]; after: number[] };
  durationMs: number;
}
