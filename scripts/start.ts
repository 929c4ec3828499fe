import { startApiServer } from '../api/start-api-server';
import { openDatabase } from '../entities/open-database';
import { runWorker } from '../worker/main';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { runMain } from '../platform/run-main';
import { stopOnSignals } from '../platform/shutdown';
import { StopSequence } from '../platform/stop-sequence';
import { NativeConnection } from '@temporalio/worker';
import { createEagerStartClient } from '../worker/eager-start-client';
import { installRuntime } from '../worker/install-runtime';
import { ensureConsoleBuilt } from './ensure-console-built';
import { startDevelopmentTemporal } from './start-development-temporal';

/**
 * `npm start`: the whole product in one process on embedded defaults — configuration (generated
 * development secrets), PostgreSQL (DATABASE_URL or embedded), migrations, Temporal
 * (TEMPORAL_ADDRESS or the Temporal dev server), the API (with the web console, built when stale) and
 * the worker. On SIGINT/SIGTERM (or when
 * npm is killed) it stops every part in the reverse order of starting, within STOP_TIMEOUT_MS:
 * the API stops accepting, the worker drains, then Temporal, then PostgreSQL.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const parts = new StopSequence(logger);

  try {
    // Before anything listens: the API serves console/dist at `/`.
    ensureConsoleBuilt((message) => logger.info(message));
    const database = await openDatabase(config, logger);
    parts.add(database.embedded ? 'PostgreSQL' : 'database connections', database.close);

    let address = config.temporal.address;
    let webUiUrl = config.temporal.webUiUrl;
    if (address === undefined) {
      const devServer = await startDevelopmentTemporal(config, logger);
      parts.add('Temporal dev server', devServer.stop);
      address = devServer.address;
      // The console links each run to this server's Web UI unless TEMPORAL_WEB_UI_URL names another.
      webUiUrl ??= devServer.uiUrl;
    }
    // One connection for the worker and the API's client, so conversation runs start eagerly:
    // Temporal hands a run's first workflow task straight to this worker (worker/eager-start-client.ts).
    installRuntime(logger, []);
    const connection = await NativeConnection.connect({ address });
    parts.add('Temporal client', () => connection.close());

    // The worker stops before Temporal and the database, so in-flight activities can finish their writes.
    const worker = await runWorker(config, { logger, dataSource: database.dataSource, address, connection });
    parts.add('worker', worker.stop);
    const temporalClient = createEagerStartClient({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
    });

    const api = await startApiServer(
      {
        config: { ...config, temporal: { ...config.temporal, webUiUrl } },
        dataSource: database.dataSource,
        logger,
        checkTemporal: async () => {
          await connection.workflowService.getSystemInfo({});
        },
        temporalClient,
      },
      config.port,
    );
    parts.add('API', () => api.close());
    logger.info(
      { url: config.publicBaseUrl, port: api.port, temporal: address, embeddedDatabase: database.embedded },
      'FlowBot is running',
    );
  } catch (error) {
    await parts.stop().catch(() => undefined);
    throw error;
  }

  stopOnSignals(logger, parts, { timeoutMs: config.stopTimeoutMs });
}

runMain('start', main);
