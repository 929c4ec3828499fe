import type { EntityManager } from 'typeorm';
import { User } from '../../entities/user';

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
  manager: EntityManager,
  userId: string,
  fromEpoch?: number,
): Promise<number | undefined> {
  const update = manager
    .createQueryBuilder()
    .update(User)
    .set({ sessionEpoch: () => '"sessionEpoch" + 1' })
    .where('id = :userId', { userId });
  if (fromEpoch !== undefined) update.andWhere('"sessionEpoch" = :fromEpoch', { fromEpoch });
  const rows = (await update.returning(['sessionEpoch']).execute()).raw as { sessionEpoch: number }[];
  return rows[0]?.sessionEpoch;
}
