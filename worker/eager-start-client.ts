/**
 * The Temporal client of `npm start`, where the API and the worker share one process: built on the
 * worker's NativeConnection, it asks Temporal to start conversation runs eagerly. The server then
 * answers the start with the run's first workflow task, which the local worker takes at once, instead
 * of queueing it for a poller: one trip through matching less per lead (the server needs
 * `system.enableEagerWorkflowStart`, set in platform/temporal-dev-server.ts and
 * deploy/temporal/dynamicconfig.yaml). A run the local worker has no free slot for starts as usual.
 */
import {
  Client,
  InternalConnectionLikeSymbol,
  type InternalConnectionLike,
  type WorkflowClientInterceptor,
} from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';

/** The workflow types a client of FlowBot's API starts eagerly: the conversation runs. */
const EAGER_WORKFLOW_TYPES: ReadonlySet<string> = new Set(['conversationWorkflow']);

export interface EagerStartClientOptions {
  /** The connection the in-process worker polls with. */
  connection: NativeConnection;
  namespace: string;
  /** The in-process worker's task queue: only starts on it can be eager. */
  taskQueue: string;
}

/**
 * A client on `connection` that requests eager start for conversation runs on `taskQueue`, when the
 * connection supports it (the SDK allows it on a NativeConnection only); otherwise a plain client.
 */
export function createEagerStartClient(options: EagerStartClientOptions): Client {
  const { connection, namespace, taskQueue } = options;
  const supportsEagerStart =
    (connection as InternalConnectionLike)[InternalConnectionLikeSymbol]?.supportsEagerStart === true;
  return new Client({
    connection,
    namespace,
    interceptors: supportsEagerStart ? { workflow: [eagerStartInterceptor(taskQueue)] } : {},
  });
}

/** Adds `requestEagerStart` to starts of conversation runs on `taskQueue`. */
export function eagerStartInterceptor(taskQueue: string): WorkflowClientInterceptor {
  return {
    startWithDetails: (input, next) =>
      EAGER_WORKFLOW_TYPES.has(input.workflowType) && input.options.taskQueue === taskQueue
        ? next({ ...input, options: { ...input.options, requestEagerStart: true } })
        : next(input),
  };
}
