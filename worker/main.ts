/**
 * `npm run worker`: the Temporal worker process. Also exports {@link runWorker} for `npm start`.
 *
 * Shutdown: on SIGINT/SIGTERM (platform/shutdown.ts, the same path as `npm start`) the worker stops
 * polling and lets in-flight activities finish (up to `shutdownGraceTime`); then the connection and
 * the database are closed and the process exits, within STOP_TIMEOUT_MS.
 */
import { Client } from '@temporalio/client';
import { NativeConnection, type Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../entities/open-database';
import { loadConfig, type AppConfig } from '../platform/config';
import { createLogger, type Logger } from '../platform/logger';
import { runMain } from '../platform/run-main';
import { stopOnSignals } from '../platform/shutdown';
import { StopSequence } from '../platform/stop-sequence';
import { createFlowWorker } from './create-worker';
import { installRuntime } from './install-runtime';
import { startMemoryReport } from './memory-report';
import { startWebhookDeliverySweep } from './webhook-delivery-sweep';

/** Options of {@link runWorker}. */
export interface RunWorkerOptions {
  logger?: Logger;
  /** An open, migrated DataSource; without one the worker opens (and later closes) its own. */
  dataSource?: DataSource;
  /** host:port of Temporal; default `config.temporal.address` (e.g. `npm start` passes its dev server's). */
  address?: string;
  /** Signals on which the Runtime shuts the worker down itself. Default none: the caller stops it. */
  shutdownSignals?: NodeJS.Signals[];
  /**
   * A connection shared with a client in the same process (`npm start`: eager workflow start needs
   * the client on the worker's connection); the caller closes it. Default: the worker opens its own.
   */
  connection?: NativeConnection;
}

/** A running worker. */
export interface RunningWorker {
  worker: Worker;
  /** Settles when the worker has stopped (rejects if it crashed). */
  done: Promise<void>;
  /** Stops polling, waits for in-flight tasks, closes what runWorker opened. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The sizing the operator set (WORKER_* variables; unset values keep createFlowWorker's defaults) and
 * the prebuilt workflow bundle (WORKFLOW_BUNDLE_PATH), if any.
 */
function workerOptionsFrom(config: AppConfig): Partial<WorkerOptions> {
  const { maxCachedWorkflows, maxConcurrentWorkflowTasks, workflowBundlePath } = config.worker;
  return {
    ...(workflowBundlePath !== undefined && { workflowBundle: { codePath: workflowBundlePath } }),
    ...(maxCachedWorkflows !== undefined && { maxCachedWorkflows }),
    ...(maxConcurrentWorkflowTasks !== undefined && {
      maxConcurrentWorkflowTaskExecutions: maxConcurrentWorkflowTasks,
    }),
  };
}

/** Connects to Temporal and runs FlowBot's worker on `config.temporal.taskQueue` until stopped. */
export async function runWorker(config: AppConfig, options: RunWorkerOptions = {}): Promise<RunningWorker> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const address = options.address ?? config.temporal.address;
  if (address === undefined) throw new Error('The worker needs a Temporal address (TEMPORAL_ADDRESS)');
  installRuntime(logger, options.shutdownSignals ?? []);

  const database = options.dataSource ? undefined : await openDatabase(config, logger);
  const dataSource = options.dataSource ?? (database as { dataSource: DataSource }).dataSource;
  let connection: NativeConnection | undefined;
  try {
    connection = options.connection ?? (await NativeConnection.connect({ address }));
    // Activities start the webhook deliveries they record with it; so does the sweep.
    const temporalClient = new Client({ connection, namespace: config.temporal.namespace });
    const worker = await createFlowWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      activitiesDeps: { dataSource, config, temporalClient },
      options: workerOptionsFrom(config),
      fixedWorkflowTaskSlots: config.worker.fixedWorkflowTaskSlots,
    });
    const ownConnection = options.connection ? undefined : connection;
    const stopReport =
      config.worker.memoryReportMs > 0
        ? startMemoryReport(worker, logger, config.worker.memoryReportMs)
        : () => undefined;
    const stopSweep = startWebhookDeliverySweep(
      {
        client: temporalClient,
        dataSource,
        taskQueue: config.temporal.taskQueue,
        retry: config.webhooks.retry,
      },
      logger,
    );
    const done = worker.run().finally(async () => {
      stopReport();
      await stopSweep();
      await ownConnection?.close();
      await database?.close();
    });
    logger.info(
      {
        address,
        namespace: config.temporal.namespace,
        taskQueue: config.temporal.taskQueue,
        ...workerOptionsFrom(config),
        workflowTaskSlots: config.worker.fixedWorkflowTaskSlots ? 'fixed' : 'following task durations',
      },
      'worker running',
    );
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await done;
      })());
    return { worker, done, stop };
  } catch (error) {
    if (!options.connection) await connection?.close();
    await database?.close();
    throw new Error(`Could not start the worker against Temporal at ${address}`, { cause: error });
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireTemporalAddress: true });
  const logger = createLogger({ level: config.logLevel });
  const running = await runWorker(config, { logger });
  const parts = new StopSequence(logger);
  parts.add('worker', running.stop);
  stopOnSignals(logger, parts, { timeoutMs: config.stopTimeoutMs });
  // Rejects when the worker crashes (runMain reports it, exit 1); a stop is ended by stopOnSignals.
  await running.done;
}

if (require.main === module) runMain('worker', main);
