/**
 * The `recordConversationChange` activity: mirrors a run's progress into `conversations` so the API,
 * agents and audits see it without asking Temporal. Every field is written as an absolute value, so a
 * retried or replayed call leaves the row as one call would (the workflow awaits each change, so an
 * older change never lands after a newer one).
 */
import { log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { ConversationStatus } from '../entities/conversation';
import { recordWebhookEventsWith, subscribedEndpointExistsSql } from '../entities/webhook-outbox';
import { sendFailureTypes } from '../workflows/activity-failure-types';
import type { NodeTransition } from '../workflows/engine/node-transition';
import { insertNodeEvents, nodeEventRowsJson, nodeEventsInsertSql } from './analytics/insert-node-events';
import { CONVERSATION_CHANGE_EVENTS, conversationChangeEventTypes } from './webhooks/conversation-events';
import type { DispatchWebhooks } from './webhooks/dispatch-webhook-deliveries';

/** The fields of a conversation a run may change; omitted fields stay as they are. */
export interface ConversationChange {
  conversationId: string;
  status?: ConversationStatus;
  currentNodeId?: string | null;
  variables?: Record<string, unknown>;
  /** Epoch ms. Defaults to now when `status` is final; the first value written is kept. */
  endedAt?: number;
  workflowId?: string;
  runId?: string;
  lastMessage?: string;
  /** Epoch ms of a customer message; only ever moves forward. */
  lastCustomerMessageAt?: number;
  /**
   * The step's node transitions, written to `node_events` in the same statement as the row's
   * change (once each, however often the activity is retried).
   */
  nodeEvents?: NodeTransition[];
}

const finalStatuses: ReadonlySet<ConversationStatus> = new Set(['completed', 'stopped', 'failed']);

/** Creates the `recordConversationChange` activity. */
export function createConversationStoreActivities(deps: ConversationStoreDeps) {
  return {
    /** Applies one change to `conversations`; non-retryable `ConversationNotFound` if the row is gone. */
    async recordConversationChange(change: ConversationChange): Promise<void> {
      await applyConversationChange(deps, change);
    },
  };
}

export interface ConversationStoreDeps {
  dataSource: DataSource;
  now: () => number;
  /** Starts the webhook deliveries a change recorded; without it the worker's sweep starts them. */
  dispatchWebhooks?: DispatchWebhooks;
}

/**
 * Writes one change to `conversations` and its node transitions in one statement (only the
 * transitions when the change names no field). Throws a non-retryable `ConversationNotFound` if the row is gone. Runs
 * inside an activity (its logger).
 *
 * A row already ended is left as it is: the API ends a conversation (replaced, contact deleted,
 * customer wrote STOP) and terminates its run, but a step the run had already started still finishes
 * its writes afterwards — it must not make the ended conversation look active again.
 *
 * A change of status or variables records its webhook events (conversation-events.ts) in the same
 * statement as the UPDATE, so an event exists exactly when its change committed, once. That
 * statement only runs when the tenant has an enabled endpoint subscribed to an event the change may
 * cause: the first statement asks, and changes the row on its own when none is.
 */
export async function applyConversationChange(
  deps: ConversationStoreDeps,
  change: ConversationChange,
): Promise<void> {
  const deliveryIds = await updateConversation(deps, change);
  // Started after the commit, so a delivery never reads an event that could still roll back.
  if (deliveryIds.length > 0) await deps.dispatchWebhooks?.(deliveryIds);
}

/**
 * Applies the row change and writes the step's node events, in one statement (atomic without a
 * transaction's extra round trips; a second one when the first finds a subscribed endpoint and
 * leaves the writing to it); returns the webhook deliveries it recorded (not started yet).
 */
async function updateConversation(
  deps: ConversationStoreDeps,
  change: ConversationChange,
): Promise<string[]> {
  const db = deps.dataSource;
  const transitions = change.nodeEvents ?? [];
  const assignments: string[] = [];
  const values: unknown[] = [change.conversationId];
  const set = (sql: (param: string) => string, value: unknown) => {
    values.push(value);
    assignments.push(sql(`$${values.length}`));
  };
  if (change.status !== undefined) set((p) => `status = ${p}`, change.status);
  if (change.currentNodeId !== undefined) set((p) => `"currentNodeId" = ${p}`, change.currentNodeId);
  if (change.variables !== undefined) set((p) => `variables = ${p}::jsonb`, JSON.stringify(change.variables));
  if (change.workflowId !== undefined) set((p) => `"workflowId" = ${p}`, change.workflowId);
  if (change.runId !== undefined) set((p) => `"runId" = ${p}`, change.runId);
  if (change.lastMessage !== undefined) set((p) => `"lastMessage" = ${p}`, change.lastMessage);
  if (change.lastCustomerMessageAt !== undefined) {
    set(
      (p) => `"lastCustomerMessageAt" = GREATEST("lastCustomerMessageAt", ${p}::timestamptz)`,
      new Date(change.lastCustomerMessageAt),
    );
  }
  const endedAt =
    change.endedAt ?? (change.status && finalStatuses.has(change.status) ? deps.now() : undefined);
  if (endedAt !== undefined)
    set((p) => `"endedAt" = COALESCE("endedAt", ${p}::timestamptz)`, new Date(endedAt));
  if (assignments.length === 0) {
    await insertNodeEvents(db, change.conversationId, transitions);
    return [];
  }
  const assignmentsSql = `SET ${assignments.join(', ')}, "updatedAt" = now()`;
  const rowsParam = transitions.length > 0 ? `$${values.push(nodeEventRowsJson(transitions))}` : undefined;
  const nodeEventsSql = rowsParam && nodeEventsInsertSql('$1', rowsParam);

  const eventTypes = conversationChangeEventTypes(change);
  const quick = await updateUnlessSubscribed(db, { assignmentsSql, values, rowsParam, eventTypes });
  let affected = quick.changed;
  let deliveryIds: string[] = [];
  if (quick.subscribed) {
    ({ changed: affected, deliveryIds } = await recordWebhookEventsWith(
      db,
      {
        sql: updateReturningPreviousSql(assignmentsSql),
        params: values,
      },
      CONVERSATION_CHANGE_EVENTS,
      nodeEventsSql,
    ));
  }
  if (affected === 0) {
    const [row] = await db.query(`SELECT status FROM conversations WHERE id = $1`, [change.conversationId]);
    if (row) {
      log.info("Conversation already ended; the run's change is not applied", {
        conversationId: change.conversationId,
        status: row.status,
      });
      return [];
    }
    throw ApplicationFailure.create({
      message: `Conversation ${change.conversationId} does not exist`,
      type: sendFailureTypes.conversationNotFound,
      nonRetryable: true,
    });
  }
  log.debug('Conversation change recorded', {
    conversationId: change.conversationId,
    fields: Object.keys(change).filter((key) => key !== 'conversationId' && key !== 'nodeEvents'),
  });
  return deliveryIds;
}

/**
 * The UPDATE of conversation `$1` by `assignmentsSql` as the `change` of
 * {@link recordWebhookEventsWith}: the row after it, with `"previousStatus"` and
 * `"previousVariables"` read under the UPDATE's lock, so its events compare with what it replaced.
 */
export function updateReturningPreviousSql(assignmentsSql: string): string {
  return `UPDATE conversations c ${assignmentsSql}
            FROM (SELECT id AS "conversationId", status AS "previousStatus", variables AS "previousVariables"
                    FROM conversations WHERE id = $1 AND "endedAt" IS NULL FOR UPDATE) previous
           WHERE c.id = previous."conversationId"
           RETURNING c.*, previous."previousStatus", previous."previousVariables"`;
}

/**
 * Applies the row change and writes its node transitions (SQL `rowsParam` of `values`) in one
 * statement, unless the row's tenant has an enabled endpoint subscribed to one of `eventTypes` (the
 * events the change may cause): then it writes nothing and answers `subscribed`, and the caller
 * records the change with its events. Asked in the statement that changes the row, so an endpoint
 * committed before it is never missed; a change no endpoint would hear of (the common case) costs
 * about the row change alone instead of the events statement (twice the server time, mostly to plan
 * it: bench/results/webhook-outbox-cost.md).
 */
async function updateUnlessSubscribed(
  db: DataSource,
  statement: { assignmentsSql: string; values: unknown[]; rowsParam?: string; eventTypes: string[] },
): Promise<{ changed: number; subscribed: boolean }> {
  const { assignmentsSql, values, rowsParam, eventTypes } = statement;
  if (eventTypes.length === 0 && !rowsParam) {
    const [, changed]: [unknown, number] = await db.query(
      `UPDATE conversations ${assignmentsSql} WHERE id = $1 AND "endedAt" IS NULL`,
      values,
    );
    return { changed, subscribed: false };
  }
  const params = [...values];
  const ctes: string[] = [];
  let unsubscribed = '';
  let conversationParam = '$1';
  let subscribed = 'false';
  if (eventTypes.length > 0) {
    const tenant = '(SELECT "userId" FROM conversations WHERE id = $1)';
    const types = `$${params.push(eventTypes)}::text[]`;
    ctes.push(`gate AS (SELECT ${subscribedEndpointExistsSql(tenant, types)} AS subscribed)`);
    unsubscribed = ' AND NOT (SELECT subscribed FROM gate)';
    // No node events either when the tenant is subscribed: they go with the row in the caller's statement.
    conversationParam = '(SELECT $1::uuid FROM gate WHERE NOT subscribed)';
    subscribed = '(SELECT subscribed FROM gate)';
  }
  ctes.push(
    `change AS (UPDATE conversations ${assignmentsSql} WHERE id = $1 AND "endedAt" IS NULL${unsubscribed} RETURNING id)`,
  );
  if (rowsParam) ctes.push(`also AS (${nodeEventsInsertSql(conversationParam, rowsParam)})`);
  const [row]: { changed: number; subscribed: boolean }[] = await db.query(
    `WITH ${ctes.join(', ')} SELECT (SELECT count(*) FROM change)::int AS changed, ${subscribed} AS subscribed`,
    params,
  );
  return row;
}
