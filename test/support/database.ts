import fs from 'node:fs';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../entities/data-source';
import { runMigrations } from '../../entities/run-migrations';
import { createTemporaryDirectory, startEmbeddedPostgres } from '../../platform/embedded-postgres';

/** A throw-away PostgreSQL for one test file; see {@link startTestDatabase}. */
export interface TestDatabase {
  /** Connected DataSource with every migration applied. */
  dataSource: DataSource;
  /** postgres:// URL of the same database, for code under test that opens its own connections. */
  url: string;
  /** Closes the DataSource, stops the server and deletes its files. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a real, empty PostgreSQL for the calling test file: a new cluster in a temporary folder
 * on a free port, with every migration applied (about a second). Nothing is shared with other
 * test files, so files may run in parallel; within a file, tests share the database — use unique
 * usernames / phone numbers or clean the tables you touch.
 *
 * @example
 * ```ts
 * import { after, before, test } from 'node:test';
 * import { startTestDatabase, type TestDatabase } from '../support/database';
 *
 * let db: TestDatabase;
 * before(async () => { db = await startTestDatabase(); });
 * after(() => db.stop());
 * test('...', async () => { await db.dataSource.getRepository(User).save({ ... }); });
 * ```
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  const directory = createTemporaryDirectory('flowbot-test-pg-');
  const server = await startEmbeddedPostgres({ directory });
  const dataSource = createDataSource(server.url, { poolSize: 5 });
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
  } catch (error) {
    await server.stop();
    fs.rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await server.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    })());
  return { dataSource, url: server.url, stop };
}
