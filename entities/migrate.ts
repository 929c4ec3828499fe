import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { runMain } from '../platform/run-main';
import { openDatabase } from './open-database';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const database = await openDatabase(config, logger);
  await database.close();
  logger.info('database is up to date');
}

runMain('migrate', main);
