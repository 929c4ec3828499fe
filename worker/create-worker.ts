/**
 * The one way FlowBot builds a Temporal worker: our workflows, our activities, and settings sized for
 * many long-waiting conversations. Used by `npm run worker`, `npm start`, tests and benchmarks.
 */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps, type FlowActivities } from '../activities';
import { bundleFlowWorkflows, workflowsPath } from './workflow-bundle';
import { limitWorkflowThreadHeap, workflowHeapLimitMb } from './workflow-heap-limit';
import { createWorkflowTaskSlots } from './workflow-task-slots';

/** Options of {@link createFlowWorker}: give `activitiesDeps` (the usual) or ready-made `activities`. */
export type CreateFlowWorkerOptions = {
  connection: NativeConnection;
  /** Default `default`. */
  namespace?: string;
  taskQueue: string;
  /**
   * Keep every workflow task slot open (`maxConcurrentWorkflowTaskExecutions` of them) instead of
   * following task durations; for comparison and as an operator's escape hatch. Default false.
   */
  fixedWorkflowTaskSlots?: boolean;
  /** Anything else Temporal's Worker takes (e.g. `workflowBundle`, `identity`); wins over our defaults. */
  options?: Partial<WorkerOptions>;
} & (
  | { activitiesDeps: ActivityDeps; activities?: never }
  | { activities: FlowActivities; activitiesDeps?: never }
);

export { workflowsPath };

/**
 * Cache and concurrency defaults, and why.
 *
 * - `maxCachedWorkflows: 250`. A conversation spends nearly all its life waiting (for a reply, a
 *   delay, an agent); a cached run saves replaying its history on its next event, but costs memory:
 *   the SDK evaluates the workflow modules once per run, so each cached run holds its own copy of the
 *   engine — ~100 KB of heap with the zod-free runtime entry, 1.1 MB while the bundle carried zod
 *   (measured by creating runs in the SDK's reusable context). With 250, one worker held 10,000
 *   waiting conversations at 549 MB RSS settled, 783 MB peak during the ramp (the zod bundle with
 *   1,000 cached measured 3.4 GB). Runs beyond the cache are evicted and replayed when their next
 *   event arrives (20 evicted runs answered: all moved on within 0.5 s), so memory is bounded by the
 *   cache, not by the number of waiting conversations. 1,000 would likely fit now (~100 MB of runs)
 *   but has not been measured at 10,000 with the zod-free bundle; raise it with
 *   WORKER_MAX_CACHED_WORKFLOWS after running bench/waiting-conversations.ts --cache=1000. The
 *   workflow thread's heap ceiling follows cache + slots (workflow-heap-limit.ts).
 * - `maxConcurrentWorkflowTaskExecutions: 100` is the most workflow task slots; how many are open at a
 *   time follows how long tasks take (workflow-task-slots.ts): all of them share the one workflow
 *   thread, and a restarted worker replaying a backlog with 100 fixed slots let tasks run past
 *   Temporal's task timeout, while few fixed slots waste the worker when tasks are short.
 * - `maxConcurrentActivityTaskExecutions: 200`: activities are I/O-bound (Graph, OpenAI, PostgreSQL —
 *   the DataSource pool limits database concurrency on its own), and sends to one business number
 *   wait in the pacer without using CPU.
 * - `shutdownGraceTime: 20 s`: on SIGTERM, in-flight sends get time to finish; anything still running
 *   afterwards is retried by another worker, and the activity's send key prevents a double send.
 */
export const flowWorkerDefaults = {
  maxCachedWorkflows: 250,
  maxConcurrentWorkflowTaskExecutions: 100,
  maxConcurrentActivityTaskExecutions: 200,
  shutdownGraceTime: '20 seconds',
} satisfies Partial<WorkerOptions>;

/**
 * Creates (does not run) a worker for FlowBot's workflows and activities. Sends are paced per business
 * number by the activities' pacer: each account's `messagesPerSecond`, else
 * `config.whatsapp.messagesPerSecond` (WHATSAPP_MESSAGES_PER_SECOND).
 */
export async function createFlowWorker(options: CreateFlowWorkerOptions): Promise<Worker> {
  const activities = options.activities ?? createActivities(options.activitiesDeps as ActivityDeps);
  const workflowBundle = options.options?.workflowBundle ?? (await bundleFlowWorkflows());
  const {
    maxConcurrentWorkflowTaskExecutions: maxWorkflowTasks,
    maxConcurrentActivityTaskExecutions: maxActivityTasks,
    ...settings
  } = { ...flowWorkerDefaults, ...options.options };
  limitWorkflowThreadHeap(
    workflowHeapLimitMb(
      (settings.maxCachedWorkflows ?? flowWorkerDefaults.maxCachedWorkflows) + maxWorkflowTasks,
    ),
  );
  const activitySlots = { type: 'fixed-size', numSlots: maxActivityTasks } as const;
  return await Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    workflowBundle,
    activities,
    ...settings,
    // A tuner replaces the max-concurrent options: every slot kind has to be given.
    tuner: {
      workflowTaskSlotSupplier: options.fixedWorkflowTaskSlots
        ? { type: 'fixed-size', numSlots: maxWorkflowTasks }
        : createWorkflowTaskSlots({ maximum: maxWorkflowTasks }).supplier,
      activityTaskSlotSupplier: activitySlots,
      localActivityTaskSlotSupplier: activitySlots,
      nexusTaskSlotSupplier: { type: 'fixed-size', numSlots: 1 },
    },
  });
}
