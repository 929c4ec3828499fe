/**
 * The one way FlowBot builds a Temporal worker: our workflows, our activities, and settings sized for
 * many long-waiting conversations. Used by `npm run worker`, `npm start`, tests and benchmarks.
 */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps, type FlowActivities } from '../activities';

/** Options of {@link createFlowWorker}: give `activitiesDeps` (the usual) or ready-made `activities`. */
export type CreateFlowWorkerOptions = {
  connection: NativeConnection;
  /** Default `default`. */
  namespace?: string;
  taskQueue: string;
  /** Anything else Temporal's Worker takes (e.g. `workflowBundle`, `identity`); wins over our defaults. */
  options?: Partial<WorkerOptions>;
} & (
  | { activitiesDeps: ActivityDeps; activities?: never }
  | { activities: FlowActivities; activitiesDeps?: never }
);

/** The workflows entry point (`workflows/index.ts`), bundled by the worker. */
export const workflowsPath = require.resolve('../workflows');

/**
 * Cache and concurrency defaults, and why.
 *
 * - `maxCachedWorkflows: 1000`. A conversation spends nearly all its life waiting (for a reply, a
 *   delay, an agent); a cached run costs memory but saves replaying its history on the next event. With
 *   the shared V8 context (`reuseV8Context`, the SDK default) a cached conversation weighs tens of KB
 *   (its FlowState with a 30-entry transcript, the parsed graph, pending promises). 1,000 of them stay
 *   well under 200 MB; runs beyond the cache are evicted and replayed from history when their next
 *   event arrives, so memory is bounded by the cache, not by the number of waiting conversations
 *   (bench/waiting-conversations.ts measures it).
 * - `maxConcurrentWorkflowTaskExecutions: 100`: workflow tasks here are short (the interpreter is
 *   pure and fast); more slots keep a burst of replies from queuing behind one another.
 * - `maxConcurrentActivityTaskExecutions: 200`: activities are I/O-bound (Graph, OpenAI, PostgreSQL —
 *   the DataSource pool limits database concurrency on its own), and sends to one business number
 *   wait in the pacer without using CPU.
 * - `shutdownGraceTime: 20 s`: on SIGTERM, in-flight sends get time to finish; anything still running
 *   afterwards is retried by another worker, and the activity's send key prevents a double send.
 */
export const flowWorkerDefaults = {
  maxCachedWorkflows: 1000,
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
  const bundled = options.options?.workflowBundle !== undefined;
  return await Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    ...(bundled ? {} : { workflowsPath }),
    activities,
    ...flowWorkerDefaults,
    ...options.options,
  });
}
