import type { DataSource } from 'typeorm';

// Any constant works; it only has to be the same in every FlowBot process.
const MIGRATION_LOCK_ID = 740_210_101;

/**
 * Applies pending migrations, each in its own transaction; returns the names applied.
 * An advisory lock serialises processes that start together (API, worker, `npm run migrate`),
 * which would otherwise race to apply the same migration.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lock.release();
  }
}
