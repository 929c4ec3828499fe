/**
 * A periodic log line of where the worker's memory is: the process RSS, the main thread's V8 heap
 * and off-heap buffers, and how many runs the workflow cache holds. Workflows run in a worker thread
 * whose heap the main thread cannot see, so that part is RSS minus the rest (with sdk-core's Rust heap).
 */
import type { Worker } from '@temporalio/worker';
import type { Logger } from '../platform/logger';

const MB = 1024 * 1024;

/** Starts logging every `everyMs`; returns the function that stops it. */
export function startMemoryReport(worker: Worker, logger: Logger, everyMs: number): () => void {
  const timer = setInterval(() => {
    const memory = process.memoryUsage();
    const status = worker.getStatus();
    logger.info(
      {
        rssMb: round(memory.rss / MB),
        heapUsedMb: round(memory.heapUsed / MB),
        heapTotalMb: round(memory.heapTotal / MB),
        externalMb: round(memory.external / MB),
        arrayBuffersMb: round(memory.arrayBuffers / MB),
        cachedWorkflows: status.numCachedWorkflows,
        inFlightActivations: status.numInFlightWorkflowActivations,
        inFlightActivities: status.numInFlightActivities,
      },
      'worker memory',
    );
  }, everyMs);
  // A report must never keep a stopping worker's process alive.
  timer.unref();
  return () => clearInterval(timer);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
