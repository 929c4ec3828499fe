/** What the runner hands each benchmark. */
import type { ProcessStack } from '../test/support/process-stack';
import type { SeededTenant } from '../test/support/seed-tenant';

/** The running stack and the tenant to act as, plus the run's mode. */
export interface BenchContext {
  stack: ProcessStack;
  tenant: SeededTenant;
  /** A Bearer API JWT for `tenant`, or null when the API cannot issue one (route not mounted). */
  apiToken: string | null;
  /** Quick mode: smaller loads and shorter runs (CI, smoke). */
  quick: boolean;
  /** Progress lines for the console. */
  log(message: string): void;
}

/** A benchmark: one file under bench/benchmarks exports one of these. */
export interface Benchmark {
  id: string;
  title: string;
  run(context: BenchContext): Promise<import('./bench-result').BenchResult>;
}
