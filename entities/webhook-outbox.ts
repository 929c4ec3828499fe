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
  const rows: { id: string }[] = await db.query(insertDeliveries(1, ''), eventParams(event));
  return rows.map((row) => row.id);
}

/**
 * {@link recordWebhookEvent} in one statement with the change that causes the event: `change` (an
 * INSERT/UPDATE … RETURNING, with its own `$1…$n`) runs first, and the event is recorded only when
 * it returned a row. For hot paths, where a transaction's extra round trips would cost too much.
 */
export async function recordWebhookEventWith(
  db: Queryable,
  change: { sql: string; params: unknown[] },
  event: WebhookEvent,
): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `WITH change AS (${change.sql}) ${insertDeliveries(change.params.length + 1, 'AND EXISTS (SELECT 1 FROM change)')}`,
    [...change.params, ...eventParams(event)],
  );
  return rows.map((row) => row.id);
}

function eventParams(event: WebhookEvent): unknown[] {
  return [event.userId, event.type, JSON.stringify(event.data)];
}

/** The INSERT of one event's rows; its three parameters (user, type, data) start at `$first`. */
function insertDeliveries(first: number, condition: string): string {
  const [user, type, data] = [first, first + 1, first + 2].map((n) => `$${n}`);
  return `INSERT INTO webhook_deliveries (id, "endpointId", "eventType", payload)
     SELECT delivery.id, e.id, ${type},
            jsonb_build_object('id', delivery.id, 'type', ${type}::text,
                               'createdAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                               'data', ${data}::jsonb)
       FROM webhook_endpoints e CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id) delivery
      WHERE e."userId" = ${user} AND e.enabled AND ${type} = ANY (e."eventTypes") ${condition}
     RETURNING id`;
}

/** {@link recordWebhookEvent} for several events; the ids of every row written. */
export async function recordWebhookEvents(db: Queryable, events: WebhookEvent[]): Promise<string[]> {
  const ids: string[] = [];
  for (const event of events) ids.push(...(await recordWebhookEvent(db, event)));
  return ids;
}
