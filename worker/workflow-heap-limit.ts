/**
 * A ceiling on the V8 heap of the thread that runs workflows.
 *
 * Workflows run in a worker thread whose old generation V8 sizes like a main thread's (4 GB on a
 * 24 GB machine). Every replay and every new cached run evaluates the engine's modules again
 * (1.1 MB each while the bundle carried zod, ~100 KB since; see workflow-bundle.ts), so a backlog of
 * starts makes garbage fast; with a 4 GB ceiling V8 let it pile up and the measured worker RSS swung
 * between 1.2 and 3 GB with only 250 runs cached. A ceiling sized to what the cache can keep alive
 * makes V8 collect instead of growing.
 */
import v8 from 'node:v8';

/**
 * Heap allowed per cached or in-flight run: generous on purpose — a run measured 1.1 MB while the
 * bundle carried zod and ~100 KB since, so a change that pulls zod back in still fits under the ceiling.
 */
export const HEAP_PER_RUN_MB = 1.5;
/** The bundle's shared modules, the SDK's state and V8's own structures in that thread. */
const BASE_HEAP_MB = 96;

/** The ceiling for `runs` runs alive at once (cached plus replaying in task slots). */
export function workflowHeapLimitMb(runs: number): number {
  return Math.ceil(BASE_HEAP_MB + runs * HEAP_PER_RUN_MB);
}

/**
 * Sets the old-generation ceiling of isolates created from now on — the workflow thread, which
 * Worker.create starts next; threads already running (this one) keep theirs. V8 flags are
 * process-wide, so a later worker thread of another library would get the same ceiling.
 */
export function limitWorkflowThreadHeap(limitMb: number): void {
  v8.setFlagsFromString(`--max-old-space-size=${limitMb}`);
}
