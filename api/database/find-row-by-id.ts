import { isUuid } from '../routing/is-uuid';
import type { Queryable } from './queryable';

/**
 * The row of `table` with this id, whoever owns it; null for an unknown id or one that is not a
 * UUID (which PostgreSQL would refuse with an error). Ownership is the caller's check. `forUpdate`
 * locks the row until the caller's transaction ends.
 */
export async function findRowById<Row>(
  db: Queryable,
  table: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Row | null> {
  if (!isUuid(id)) return null;
  const lock = options.forUpdate ? ' FOR UPDATE' : '';
  const rows: Row[] = await db.query(`SELECT * FROM "${table}" WHERE id = $1${lock}`, [id]);
  return rows[0] ?? null;
}
