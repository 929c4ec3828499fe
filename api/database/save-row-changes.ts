import type { Queryable } from './queryable';

/**
 * Writes `changes` (undefined values are left out) to `row` in `table` and stamps `updatedAt`, but
 * only when a value differs from what is stored, so that saving an unchanged record keeps its
 * `updatedAt` (as TypeORM's `save` did). Values of `jsonbColumns` are sent as JSON text: node-postgres
 * would turn an array into a Postgres array. Table and column names come from our code, never from
 * a request.
 * @returns the stored row with `changes` over it: jsonb stores object keys in its own order, and
 *   callers answer with the values as the request gave them.
 */
export async function saveRowChanges<Row extends { id: string }>(
  db: Queryable,
  table: string,
  row: Row,
  changes: Partial<Row>,
  jsonbColumns: readonly string[] = [],
): Promise<Row> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return row;
  const columns = entries.map(([column]) => `"${column}"`);
  const jsonb = entries.map(([column]) => jsonbColumns.includes(column));
  const parameters = entries.map((_, index) => `$${index + 2}${jsonb[index] ? '::jsonb' : ''}`);
  // TypeORM answers an UPDATE with [rows, affected count].
  const [rows]: [Row[], number] = await db.query(
    `UPDATE "${table}" SET ${columns.map((column, index) => `${column} = ${parameters[index]}`).join(', ')},
            "updatedAt" = now()
      WHERE id = $1 AND (${columns.join(', ')}, NULL) IS DISTINCT FROM (${parameters.join(', ')}, NULL)
      RETURNING *`,
    [row.id, ...entries.map(([, value], index) => (jsonb[index] ? JSON.stringify(value) : value))],
  );
  return { ...(rows[0] ?? row), ...Object.fromEntries(entries) };
}
