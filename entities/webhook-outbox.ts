/**
 * The outbox of event webhooks: the event types a tenant subscribes endpoints to, and the one
 * statement that records an event for every subscribed endpoint. Callers run it on the transaction of
 * the change that causes the event, so an event exists exactly when its change committed; the rows
 * are then handed to `webhookDeliveryWorkflow` (activities/webhooks/webhook-dispatcher.ts).
 * Shared by the API (a conversation's start) and the activities (status, variables, sends, campaigns).
 */
import type { DataSource, EntityManager } from 'typeorm';

/** Every event type, in the order the docs list them. */
export const WEBHOOK_EVENT_TYPES = [
  'conversation.started',
  'conversation.completed',
  'conversation.failed',
  'handoff.requested',
  'variable.captured',
  'message.failed',
  'campaign.completed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** One event of a tenant; `data` is the body's `data` object. */
export interface WebhookEvent {
  userId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/** A DataSource, or a transaction's EntityManager. */
type Queryable = Pick<DataSource | EntityManager, 'query'>;

/**
 * Records `event` once per enabled endpoint of its tenant subscribed to its type (none: nothing is
 * written) and returns the new delivery ids. Each row's payload is the whole body the receiver gets,
 * `{ id, type, createdAt, data }`, with `id` the row's own id.
 */
export async function recordWebhookEvent(db: Queryable, event: WebhookEvent): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `WITH events AS (SELECT $1::uuid AS "userId", $2::text AS type, $3::jsonb AS data) ${INSERT_EVENTS}`,
    [event.userId, event.type, JSON.stringify(event.data)],
  );
  return rows.map((row) => row.id);
}

/**
 * Runs a change and records the events it causes in one statement, so they commit together without
 * a transaction's extra round trips (for hot paths). `change.sql` (an INSERT/UPDATE … RETURNING,
 * with its own parameters) becomes the CTE `change`; `eventsSql` is a SELECT over `change` yielding
 * `"userId"`, `type` and `data` (jsonb) per event; `alsoSql`, another write over the same parameters,
 * joins the statement (a step's node events). Returns how many rows the change returned and the new
 * delivery ids.
 */
export async function recordWebhookEventsWith(
  db: Queryable,
  change: { sql: string; params: unknown[] },
  eventsSql: string,
  alsoSql?: string,
): Promise<{ changed: number; deliveryIds: string[] }> {
  // PostgreSQL runs a data-modifying CTE to completion even when nothing reads it.
  const also = alsoSql ? `, also AS (${alsoSql})` : '';
  const [result]: { changed: number; deliveryIds: string[] }[] = await db.query(
    `WITH change AS (${change.sql}), events AS (${eventsSql}), recorded AS (${INSERT_EVENTS})${also}
     SELECT (SELECT count(*) FROM change)::int AS changed,
            COALESCE((SELECT array_agg(id) FROM recorded), '{}') AS "deliveryIds"`,
    change.params,
  );
  return result;
}

/**
 * SQL, true when tenant `userIdSql` has an enabled endpoint subscribed to one of `typesSql` (a
 * text[]): exactly when recording an event of those types writes a delivery (the join below). A hot
 * path asks it in the statement of its change and runs {@link recordWebhookEventsWith} only when
 * true, so a tenant without endpoints never pays for building events nobody receives, and an endpoint
 * committed before the change is never missed (no cache to go stale).
 */
export function subscribedEndpointExistsSql(userIdSql: string, typesSql: string): string {
  return `EXISTS (SELECT 1 FROM webhook_endpoints e
                   WHERE e."userId" = ${userIdSql} AND e.enabled AND e."eventTypes" && ${typesSql})`;
}

/**
 * Inserts one delivery per event of the relation `events` and subscribed endpoint of its tenant
 * (the same rule as {@link subscribedEndpointExistsSql}).
 */
const INSERT_EVENTS = `INSERT INTO webhook_deliveries (id, "endpointId", "eventType", payload)
     SELECT delivery.id, e.id, events.type,
            jsonb_build_object('id', delivery.id, 'type', events.type,
                               'createdAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                               'data', events.data)
       FROM events
       JOIN webhook_endpoints e ON e."userId" = events."userId" AND e.enabled AND events.type = ANY (e."eventTypes")
       CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id) delivery
     RETURNING id`;
