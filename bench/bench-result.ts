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
}

/** How a figure changes as the load doubles. */
export interface LoadSeries {
  loadUnit: string;
  throughputUnit: string;
  points: LoadPoint[];
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
