import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createTemporalTestEnv, type TemporalTestEnvOptions } from '../support/temporal-env';
import type { ConformanceActivities } from './workflows/activities';

/** A test environment plus one running worker on a fresh task queue. */
export interface ConformanceEnv {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** Stops the worker and tears the environment down. */
  close(): Promise<void>;
}

/** Starts an environment (see the harness) and a worker for the conformance workflows. */
export async function startConformanceEnv(
  activities: Partial<ConformanceActivities>,
  options: TemporalTestEnvOptions = {},
): Promise<ConformanceEnv> {
  const env = await createTemporalTestEnv(options);
  const taskQueue = `conformance-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities,
  });
  const running = worker.run();
  return {
    env,
    taskQueue,
    close: async () => {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
