/** The `api_clients` table: a user's one API credential (client id and the hash of its key). */
import type { ApiClient } from '../../entities/api-client';
import type { Queryable } from '../database/queryable';

/** The API client of a user, if they ever rotated a key. */
export async function findApiClientOf(db: Queryable, userId: string): Promise<ApiClient | null> {
  const rows: ApiClient[] = await db.query(`SELECT * FROM api_clients WHERE "userId" = $1`, [userId]);
  return rows[0] ?? null;
}

/** The API client with this public client id. */
export async function findApiClientByClientId(db: Queryable, clientId: string): Promise<ApiClient | null> {
  const rows: ApiClient[] = await db.query(`SELECT * FROM api_clients WHERE "clientId" = $1`, [clientId]);
  return rows[0] ?? null;
}

/** Creates the user's API client or replaces its client id and key in place. */
export async function saveApiClient(
  db: Queryable,
  client: Pick<ApiClient, 'userId' | 'clientId' | 'apiKeyHash' | 'rotatedAt'>,
): Promise<void> {
  await db.query(
    `INSERT INTO api_clients ("userId", "clientId", "apiKeyHash", "rotatedAt") VALUES ($1, $2, $3, $4)
     ON CONFLICT ("userId") DO UPDATE
       SET "clientId" = EXCLUDED."clientId", "apiKeyHash" = EXCLUDED."apiKeyHash", "rotatedAt" = EXCLUDED."rotatedAt"`,
    [client.userId, client.clientId, client.apiKeyHash, client.rotatedAt],
  );
}
