import type { Queryable } from '../database/queryable';

/**
 * Ends every login session of a user at once by raising `users.sessionEpoch` (one indexed UPDATE;
 * authentication compares the epoch in each session JWT with the row it loads anyway). An
 * increment in SQL rather than a read-modify-write, so two concurrent ends cannot collapse into one
 * and leave a session issued in between alive. API tokens are not sessions and are not touched.
 * @param fromEpoch only if the epoch is still this one (logout: an ended session cannot end the newer ones).
 * @returns the new epoch, to sign a session that should survive (the caller's own, after a password
 *   change); undefined when nothing was ended (no such user, or the epoch had moved on from `fromEpoch`).
 */
export async function endSessions(
  db: Queryable,
  userId: string,
  fromEpoch?: number,
): Promise<number | undefined> {
  // TypeORM answers an UPDATE with [rows, affected count].
  const [rows]: [{ sessionEpoch: number }[], number] = await db.query(
    `UPDATE users SET "sessionEpoch" = "sessionEpoch" + 1, "updatedAt" = now()
      WHERE id = $1 AND ($2::int IS NULL OR "sessionEpoch" = $2)
      RETURNING "sessionEpoch"`,
    [userId, fromEpoch ?? null],
  );
  return rows[0]?.sessionEpoch;
}
