import { isUuid } from '../routing/is-uuid';
import type { Queryable } from './queryable';

/**
 * The row of `table` with this id, whoever owns it; null for an unknown id or one that is not a
 * UUID (which PostgreSQL would refuse with an error). Ownership is the caller's check.
 */
export async function findRowById<Row>(db: Queryable, table: string, id: string): Promise<Row | null> {
  if (!isUuid(id)) return null;
  const rows: Row[] = await db.query(`SELECT * FROM "${table}" WHERE id = $1`, [id]);
  return rows[0] ?? null;
}
