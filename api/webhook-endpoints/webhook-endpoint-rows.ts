/** The `webhook_endpoints` table: a tenant's receivers of event webhooks. */
import type { WebhookEndpoint } from '../../entities/webhook-endpoint';
import type { WebhookEventType } from '../../entities/webhook-outbox';
import { findRowById } from '../database/find-row-by-id';
import { listRowsOwnedBy } from '../database/list-rows-owned-by';
import type { Queryable } from '../database/queryable';
import { saveRowChanges } from '../database/save-row-changes';

/** The fields of an endpoint its owner edits. */
export interface WebhookEndpointFields {
  url: string;
  description: string | null;
  eventTypes: WebhookEventType[];
  enabled: boolean;
}

/** The endpoint with this id if `userId` owns it; null otherwise (also for a non-UUID id). */
export async function findOwnWebhookEndpoint(
  db: Queryable,
  id: string,
  userId: string,
): Promise<WebhookEndpoint | null> {
  const endpoint = await findRowById<WebhookEndpoint>(db, 'webhook_endpoints', id);
  return endpoint?.userId === userId ? endpoint : null;
}

/** The endpoints of `userId`, oldest first. */
export async function listWebhookEndpoints(db: Queryable, userId: string): Promise<WebhookEndpoint[]> {
  return await listRowsOwnedBy<WebhookEndpoint>(db, 'webhook_endpoints', userId, 'ASC');
}

/** Inserts an endpoint with its encrypted secret; returns the stored row. */
export async function insertWebhookEndpoint(
  db: Queryable,
  endpoint: WebhookEndpointFields & { userId: string; secretEncrypted: string },
): Promise<WebhookEndpoint> {
  const rows: WebhookEndpoint[] = await db.query(
    `INSERT INTO webhook_endpoints ("userId", url, description, "eventTypes", enabled, "secretEncrypted")
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [
      endpoint.userId,
      endpoint.url,
      endpoint.description,
      endpoint.eventTypes,
      endpoint.enabled,
      endpoint.secretEncrypted,
    ],
  );
  return rows[0];
}

/** Writes `changes`; `updatedAt` moves only when a value changed. */
export async function saveWebhookEndpointChanges(
  db: Queryable,
  endpoint: WebhookEndpoint,
  changes: Partial<WebhookEndpointFields>,
): Promise<WebhookEndpoint> {
  return await saveRowChanges<WebhookEndpoint>(db, 'webhook_endpoints', endpoint, changes);
}

/** Replaces the signing secret; deliveries signed from now on use the new one. */
export async function replaceWebhookSecret(
  db: Queryable,
  id: string,
  secretEncrypted: string,
): Promise<WebhookEndpoint> {
  const [rows]: [WebhookEndpoint[], number] = await db.query(
    `UPDATE webhook_endpoints SET "secretEncrypted" = $2, "updatedAt" = now() WHERE id = $1 RETURNING *`,
    [id, secretEncrypted],
  );
  return rows[0];
}

/** Deletes an endpoint and its delivery log; its pending deliveries then end without sending. */
export async function deleteWebhookEndpoint(db: Queryable, id: string): Promise<void> {
  await db.query(`DELETE FROM webhook_endpoints WHERE id = $1`, [id]);
}
