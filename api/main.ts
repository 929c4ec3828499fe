import { openDatabase } from '../entities/open-database';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { runMain } from '../platform/run-main';
import { stopOnSignals } from '../platform/shutdown';
import { StopSequence } from '../platform/stop-sequence';
import { connectTemporal } from '../platform/temporal-connection';
import { startApiServer } from './start-api-server';

/** `npm run api`: the HTTP API alone (production runs the worker as its own process). */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireTemporalAddress: true });
  const logger = createLogger({ level: config.logLevel });
  const parts = new StopSequence(logger);
  const database = await openDatabase(config, logger);
  parts.add(database.embedded ? 'PostgreSQL' : 'database connections', database.close);
  const temporal = connectTemporal(config.temporal.address as string, config.temporal.namespace);
  parts.add('Temporal client', temporal.close);
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
  logger.info({ port: api.port, temporal: config.temporal.address }, 'API listening');

  stopOnSignals(logger, parts, { timeoutMs: config.stopTimeoutMs });
}

runMain('api', main);
