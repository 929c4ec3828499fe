/**
 * Worker sizing from the environment, for operators sizing a worker to its machine's memory and for
 * the waiting-conversations benchmark, which varies these to measure what each cached run costs.
 */
import type { WorkerOptions } from '@temporalio/worker';

/** What the environment overrides of {@link flowWorkerDefaults}, plus the memory report interval. */
export interface WorkerTuning {
  options: Partial<WorkerOptions>;
  /** WORKER_MEMORY_REPORT_MS: log the worker's memory this often (0 = never). */
  memoryReportMs: number;
}

/**
 * Reads WORKER_MAX_CACHED_WORKFLOWS, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS and
 * WORKER_MEMORY_REPORT_MS. Unset variables keep the defaults; a value that is not a non-negative
 * integer is refused at startup instead of silently running a worker sized differently than asked.
 */
export function readWorkerTuning(env: NodeJS.ProcessEnv): WorkerTuning {
  const options: Partial<WorkerOptions> = {};
  const cache = readCount(env, 'WORKER_MAX_CACHED_WORKFLOWS');
  if (cache !== undefined) options.maxCachedWorkflows = cache;
  const slots = readCount(env, 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS');
  if (slots !== undefined) options.maxConcurrentWorkflowTaskExecutions = slots;
  return { options, memoryReportMs: readCount(env, 'WORKER_MEMORY_REPORT_MS') ?? 0 };
}

function readCount(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number ≥ 0, got "${raw}"`);
  return value;
}
