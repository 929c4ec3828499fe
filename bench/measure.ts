/** Small pieces every benchmark uses: timing a run, the doubling multiples, building a result. */
import type { BareFigure, BenchResult, LoadPoint, TargetCheck } from './bench-result';
import { readLoadAverage } from './machine';
import { cpuPerOperation, measureCpu, type MeasuredProcess } from './process-cpu';

/** The load multiples every series measures: 1×, 2×, 4×, 8×. */
export const LOAD_MULTIPLES = [1, 2, 4, 8] as const;

/** Checks `value` against a target and words it for the table. */
export function checkTarget(
  what: string,
  value: number,
  unit: string,
  comparison: '>=' | '<',
  threshold: number,
): TargetCheck {
  const met = comparison === '>=' ? value >= threshold : value < threshold;
  return { what, value, unit, target: `${comparison === '>=' ? '≥' : '<'} ${threshold} ${unit}`, met };
}

/**
 * Checks `value` as a multiple of the bare-Temporal figure measured in the same run, e.g. lead
 * intake ≥ 0.8× the bare starts/s. The table shows both figures and the ratio.
 */
export function checkRatioTarget(
  what: string,
  value: number,
  unit: string,
  baseline: BareFigure,
  comparison: '>=' | '<=',
  ratio: number,
): TargetCheck {
  const measured = value / baseline.value;
  const met = comparison === '>=' ? measured >= ratio : measured <= ratio;
  return {
    what,
    value,
    unit,
    baseline,
    target: `${comparison === '>=' ? '≥' : '≤'} ${ratio}× bare Temporal`,
    met,
  };
}

/** `check` read against the bare-Temporal figure `baseline` (its ratio shown beside it). */
export function besideBaseline(check: TargetCheck, baseline: BareFigure | undefined): TargetCheck {
  return baseline ? { ...check, baseline } : check;
}

/**
 * Runs one level's `body` and sets the point's CPU ms per operation by process; `operations`
 * counts what the level did (leads accepted, replies answered, messages delivered).
 */
export async function withCpuPerOperation<T extends LoadPoint>(
  processes: readonly MeasuredProcess[],
  body: () => Promise<T>,
  operations: (point: T) => number,
): Promise<T> {
  const { result, spent } = await measureCpu(processes, body);
  return { ...result, cpuMsPerOperation: cpuPerOperation(spent, operations(result)) };
}

/** The point of a series with the most throughput (what "the figure" of a benchmark is). */
export function bestPoint(points: LoadPoint[]): LoadPoint | undefined {
  return [...points].sort((a, b) => b.throughput - a.throughput)[0];
}

/**
 * Wraps a benchmark body: records load averages and duration around it and turns an exception into
 * a `failed` result, so one broken benchmark does not lose the others' figures.
 */
export async function measureBenchmark(
  id: string,
  title: string,
  body: () => Promise<Omit<BenchResult, 'id' | 'title' | 'loadAverage' | 'durationMs'>>,
): Promise<BenchResult> {
  const before = readLoadAverage();
  const started = Date.now();
  let outcome: Omit<BenchResult, 'id' | 'title' | 'loadAverage' | 'durationMs'>;
  try {
    outcome = await body();
  } catch (error) {
    outcome = {
      status: 'failed',
      reason: error instanceof Error ? error.message.split('\n')[0] : String(error),
      metrics: {},
      targets: [],
      notes: [],
    };
  }
  return {
    id,
    title,
    ...outcome,
    loadAverage: { before, after: readLoadAverage() },
    durationMs: Date.now() - started,
  };
}

/** A skipped result (a route or process the benchmark needs is not there yet). */
export function skipped(reason: string): Omit<BenchResult, 'id' | 'title' | 'loadAverage' | 'durationMs'> {
  return { status: 'skipped', reason, metrics: {}, targets: [], notes: [] };
}

/** Runs `tasks` with at most `limit` in flight; resolves with their results in order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
