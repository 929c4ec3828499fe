/** What the runner hands each benchmark. */
import type { ProcessStack } from '../test/support/process-stack';
import type { SeededTenant } from '../test/support/seed-tenant';
import type { BareTemporal } from './bare-temporal/bare-temporal';
import type { BenchResult } from './bench-result';
import type { MeasuredProcess } from './process-cpu';

/** The run's mode, for every benchmark. */
export interface RunOptions {
  /** Quick mode: smaller loads and shorter runs (CI, smoke). */
  quick: boolean;
  /** Progress lines for the console. */
  log(message: string): void;
}

/** The running stack and the tenant to act as, plus the run's mode. */
export interface BenchContext extends RunOptions {
  stack: ProcessStack;
  tenant: SeededTenant;
  /** A Bearer API JWT for `tenant`, or null when the API cannot issue one (route not mounted). */
  apiToken: string | null;
  /** The bare-Temporal baseline's process; null unless the benchmark sets `baseline`. */
  bare: BareTemporal | null;
  /** The stack's processes, for CPU per operation. */
  measuredProcesses(): MeasuredProcess[];
}

interface BenchmarkInfo {
  id: string;
  title: string;
  /** Runs only when named with --only (long, or another view of a benchmark already in the set). */
  optional?: boolean;
}

/** A benchmark measured on the stack the runner starts for it. */
export interface StackBenchmark extends BenchmarkInfo {
  ownStack?: false;
  /** Start the bare-Temporal baseline's process beside the stack (bench/bare-temporal). */
  baseline?: boolean;
  run(context: BenchContext): Promise<BenchResult>;
}

/** A benchmark script that starts its own stack (the component benchmarks). */
export interface ScriptBenchmark extends BenchmarkInfo {
  ownStack: true;
  run(options: RunOptions): Promise<BenchResult>;
}

/** One file under bench/benchmarks exports one (or a few) of these. */
export type Benchmark = StackBenchmark | ScriptBenchmark;
