/** The `webhook_deliveries` table as the API reads it: the delivery log, and redelivery. */
import type { WebhookDelivery, WebhookDeliveryStatus } from '../../entities/webhook-delivery';
import type { Queryable } from '../database/queryable';
import { isUuid } from '../routing/is-uuid';

/** A delivery with the cursor that pages past it. */
export type LoggedDelivery = WebhookDelivery & { cursor: string };

/**
 * One page of an endpoint's delivery log, newest first: deliveries older than `before` (a
 * `cursor` of the previous page: creation time to the microsecond and id).
 */
export async function listWebhookDeliveries(
  db: Queryable,
  endpointId: string,
  query: { status?: WebhookDeliveryStatus; limit: number; before?: string },
): Promise<LoggedDelivery[]> {
  const [beforeTime, beforeId] = query.before?.split('_') ?? [null, null];
  return await db.query(
    `SELECT *, to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || id AS cursor
       FROM webhook_deliveries
      WHERE "endpointId" = $1 AND ($2::text IS NULL OR status = $2)
        AND ($3::timestamptz IS NULL OR ("createdAt", id) < ($3::timestamptz, $4::uuid))
      ORDER BY "createdAt" DESC, id DESC
      LIMIT $5`,
    [endpointId, query.status ?? null, beforeTime, beforeId, query.limit],
  );
}

/** The delivery with this id if its endpoint belongs to `userId`; null otherwise. */
export async function findOwnWebhookDelivery(
  db: Queryable,
  id: string,
  userId: string,
): Promise<WebhookDelivery | null> {
  if (!isUuid(id)) return null;
  const rows: WebhookDelivery[] = await db.query(
    `SELECT d.* FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d."endpointId"
      WHERE d.id = $1 AND e."userId" = $2`,
    [id, userId],
  );
  return rows[0] ?? null;
}

/**
 * Queues a new attempt series of a finished delivery (same event id, same body): pending again,
 * not yet dispatched. Null when the delivery is still pending: its series is under way.
 */
export async function requeueWebhookDelivery(db: Queryable, id: string): Promise<WebhookDelivery | null> {
  const [rows]: [WebhookDelivery[], number] = await db.query(
    `UPDATE webhook_deliveries
        SET status = 'pending', "queuedAt" = now(), "dispatchedAt" = NULL, "deliveredAt" = NULL
      WHERE id = $1 AND status <> 'pending'
      RETURNING *`,
    [id],
  );
  return rows[0] ?? null;
}
