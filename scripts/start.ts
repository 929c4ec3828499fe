import { startApiServer } from '../api/start-api-server';
import { openDatabase } from '../entities/open-database';
import { runWorker } from '../worker/main';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { runMain } from '../platform/run-main';
import { stopOnSignals } from '../platform/shutdown';
import { StopSequence } from '../platform/stop-sequence';
import { connectTemporal } from '../platform/temporal-connection';
import { startDevelopmentTemporal } from './start-development-temporal';

/**
 * `npm start`: the whole product in one process on embedded defaults — configuration (generated
 * development secrets), PostgreSQL (DATABASE_URL or embedded), migrations, Temporal
 * (TEMPORAL_ADDRESS or the Temporal dev server), the API and the worker. On SIGINT/SIGTERM (or when
 * npm is killed) it stops every part in the reverse order of starting, within STOP_TIMEOUT_MS:
 * the API stops accepting, the worker drains, then Temporal, then PostgreSQL.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const parts = new StopSequence(logger);

  try {
    const database = await openDatabase(config, logger);
    parts.add(database.embedded ? 'PostgreSQL' : 'database connections', database.close);

    let address = config.temporal.address;
    if (address === undefined) {
      const devServer = await startDevelopmentTemporal(config, logger);
      parts.add('Temporal dev server', devServer.stop);
      address = devServer.address;
    }
    const temporal = connectTemporal(address, config.temporal.namespace);
    parts.add('Temporal client', temporal.close);

    // The worker stops before Temporal and the database, so in-flight activities can finish their writes.
    const worker = await runWorker(config, { logger, dataSource: database.dataSource, address });
    parts.add('worker', worker.stop);

    const api = await startApiServer(
      {
        config,
        dataSource: database.dataSource,
        logger,
        checkTemporal: temporal.check,
        temporalClient: temporal.client,
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
