import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './all-entities';
import { MIGRATIONS } from './migrations';

/** Options of {@link createDataSource}. */
export interface DataSourceOptions {
  /** Connection pool size (default 10). */
  poolSize?: number;
}

/**
 * Creates (does not connect) a TypeORM DataSource for a postgres:// URL with every entity and
 * migration. Schema changes only ever come from migrations: `synchronize` stays off.
 */
export function createDataSource(url: string, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // TypeORM's loggers print every query's parameters (password hashes, phone numbers) to stdout,
    // past our logger's redaction: failures reach our logs as QueryFailedErrors instead.
    logging: false,
    poolSize: options.poolSize ?? 10,
  });
}
