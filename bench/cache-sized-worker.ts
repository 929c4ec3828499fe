/**
 * A worker process like `npm run worker`, except that FLOWBOT_BENCH_MAX_CACHED_WORKFLOWS sets the
 * workflow cache size. The waiting-conversations benchmark uses it to show how worker RSS follows the
 * cache (not the number of waiting conversations), which is what sizing the cache needs to know.
 */
import { NativeConnection } from '@temporalio/worker';
import { openDatabase } from '../entities/open-database';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { runMain } from '../platform/run-main';
import { createFlowWorker } from '../worker/create-worker';
import { installRuntime } from '../worker/install-runtime';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireTemporalAddress: true });
  const logger = createLogger({ level: config.logLevel });
  installRuntime(logger, ['SIGINT', 'SIGTERM']);
  const database = await openDatabase(config, logger);
  const connection = await NativeConnection.connect({ address: config.temporal.address as string });
  const maxCachedWorkflows = Number(process.env.FLOWBOT_BENCH_MAX_CACHED_WORKFLOWS ?? 1000);
  const worker = await createFlowWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activitiesDeps: { dataSource: database.dataSource, config },
    options: { maxCachedWorkflows },
  });
  logger.info({ maxCachedWorkflows }, 'worker running');
  await worker.run();
  await connection.close();
  await database.close();
}

runMain('bench-worker', main);
