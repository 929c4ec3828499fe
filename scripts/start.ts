import { startApiServer } from '../api/start-api-server';
import { openDatabase } from '../entities/open-database';
import { runWorker } from '../worker/main';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { runMain } from '../platform/run-main';
import { stopOnSignals } from '../platform/shutdown';
import { connectTemporal } from '../platform/temporal-connection';
import { startDevelopmentTemporal } from './start-development-temporal';

/**
 * `npm start`: the whole product in one process on embedded defaults — configuration (generated
 * development secrets), PostgreSQL (DATABASE_URL or embedded), migrations, Temporal
 * (TEMPORAL_ADDRESS or the Temporal dev server), the API and the worker. Stops every part on SIGINT/SIGTERM,
 * in the reverse order of starting.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };

  try {
    const database = await openDatabase(config, logger);
    stops.push(database.close);

    let address = config.temporal.address;
    if (address === undefined) {
      const devServer = await startDevelopmentTemporal(config.dataDir, config.temporal.namespace, logger);
      stops.push(devServer.stop);
      address = devServer.address;
    }
    const temporal = connectTemporal(address, config.temporal.namespace);
    stops.push(temporal.close);

    // The worker stops before Temporal and the database (stops run in reverse), so in-flight
    // activities can finish their writes.
    const worker = await runWorker(config, { logger, dataSource: database.dataSource, address });
    stops.push(worker.stop);

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
    stops.push(() => api.close());
    logger.info(
      { url: config.publicBaseUrl, port: api.port, temporal: address, embeddedDatabase: database.embedded },
      'FlowBot is running',
    );
  } catch (error) {
    await stopAll().catch((stopError: unknown) => logger.error({ err: stopError }, 'cleanup failed'));
    throw error;
  }

  stopOnSignals(logger, stopAll);
}

runMain('start', main);
