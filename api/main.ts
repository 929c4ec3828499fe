import { openDatabase } from '../entities/open-database';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { runMain } from '../platform/run-main';
import { stopOnSignals } from '../platform/shutdown';
import { connectTemporal } from '../platform/temporal-connection';
import { startApiServer } from './start-api-server';

/** `npm run api`: the HTTP API alone (production runs the worker as its own process). */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireTemporalAddress: true });
  const logger = createLogger({ level: config.logLevel });
  const database = await openDatabase(config, logger);
  const temporal = connectTemporal(config.temporal.address as string, config.temporal.namespace);
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
  logger.info({ port: api.port, temporal: config.temporal.address }, 'API listening');

  stopOnSignals(logger, async () => {
    await api.close();
    await temporal.close();
    await database.close();
  });
}

runMain('api', main);
