import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../platform/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../platform/embedded-postgres';
import type { Logger } from '../platform/logger';
import { createDataSource } from './data-source';
import { runMigrations } from './run-migrations';

/** An open, migrated database and how to close it. */
export interface OpenDatabase {
  dataSource: DataSource;
  /** Whether this process runs the embedded PostgreSQL (no DATABASE_URL given). */
  embedded: boolean;
  /** Closes the connections, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL under `DATA_DIR/postgres` when it is
 * unset, then applies pending migrations.
 */
export async function openDatabase(config: AppConfig, logger: Logger): Promise<OpenDatabase> {
  let server: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (url === undefined) {
    const directory = path.join(config.dataDir, 'postgres');
    const pgLogger = logger.child({ component: 'embedded-postgres' });
    server = await startEmbeddedPostgres({ directory, onLog: (line) => pgLogger.debug(line) });
    url = server.url;
    const message = server.shared
      ? 'using the embedded PostgreSQL of a running FlowBot'
      : 'embedded PostgreSQL started';
    logger.info({ directory, port: server.port }, message);
  }
  const dataSource = createDataSource(url);
  try {
    await dataSource.initialize();
    const applied = await runMigrations(dataSource);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await server?.stop();
    throw new Error('Could not open the database', { cause: error });
  }
  return {
    dataSource,
    embedded: server !== undefined,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await server?.stop();
    },
  };
}
