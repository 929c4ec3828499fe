import type { Queryable } from './queryable';

/** The rows of `table` owned by `userId` (every row when undefined), in `createdAt` order. */
export async function listRowsOwnedBy<Row>(
  db: Queryable,
  table: string,
  userId: string | undefined,
  order: 'ASC' | 'DESC',
): Promise<Row[]> {
  return await db.query(
    `SELECT * FROM "${table}" WHERE $1::uuid IS NULL OR "userId" = $1 ORDER BY "createdAt" ${order}`,
    [userId ?? null],
  );
}
