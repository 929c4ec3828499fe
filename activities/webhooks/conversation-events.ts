/**
 * The webhook events of the conversations row, as SQL over the CTE `change` of
 * `recordWebhookEventsWith` (entities/webhook-outbox.ts), so they are recorded in the statement
 * that changes the row. Comparing the row before and after the change (not what the run thinks it
 * wrote) makes a retried or replayed change record nothing twice.
 */
import type { ConversationStatus } from '../../entities/conversation';
import type { WebhookEventType } from '../../entities/webhook-outbox';

/** The event a conversation reaching each of these statuses causes (the other statuses cause none). */
const STATUS_EVENT_TYPES: Partial<Record<ConversationStatus, WebhookEventType>> = {
  completed: 'conversation.completed',
  failed: 'conversation.failed',
  handoff: 'handoff.requested',
};

const sqlText = (value: string) => `'${value}'`;

/** The `data` every conversation event carries, from the conversations row `change`. */
const CONVERSATION_DATA = `jsonb_build_object(
    'conversationId', change.id, 'flowId', change."flowId", 'whatsappAccountId', change."whatsappAccountId",
    'phone', change."customerPhone", 'triggerSource', change."triggerSource", 'status', change.status,
    'variables', change.variables)`;

/** `conversation.started`: `change` is the row of a conversation whose run has just started. */
export const CONVERSATION_STARTED_EVENTS = `SELECT change."userId", 'conversation.started' AS type,
    ${CONVERSATION_DATA} AS data FROM change`;

/**
 * The events of a change to a run's row: `change` is the row after it, with `"previousStatus"` and
 * `"previousVariables"` from before. Variables whose value changed make `variable.captured` (with
 * them as `captured`); reaching completed, failed or handoff makes its event.
 */
export const CONVERSATION_CHANGE_EVENTS = `
  SELECT change."userId", 'variable.captured' AS type,
         ${CONVERSATION_DATA} || jsonb_build_object('captured', captured.variables) AS data
    FROM change CROSS JOIN LATERAL (
           SELECT jsonb_object_agg(variable.key, variable.value) AS variables
             FROM jsonb_each(change.variables) variable
            WHERE change."previousVariables" -> variable.key IS DISTINCT FROM variable.value) captured
   WHERE captured.variables IS NOT NULL
  UNION ALL
  SELECT change."userId",
         CASE change.status ${Object.entries(STATUS_EVENT_TYPES)
           .map(([status, type]) => `WHEN ${sqlText(status)} THEN ${sqlText(type)}`)
           .join(' ')} END,
         ${CONVERSATION_DATA}
    FROM change
   WHERE change.status IN (${Object.keys(STATUS_EVENT_TYPES).map(sqlText).join(', ')})
     AND change.status IS DISTINCT FROM change."previousStatus"`;

/**
 * The event types {@link CONVERSATION_CHANGE_EVENTS} may record for a change that writes `status`
 * and `variables` (each absent when the change leaves it alone): a superset of what it records, as
 * it cannot know the row's old values. Empty: the change records no event whatever the row held.
 */
export function conversationChangeEventTypes(change: {
  status?: ConversationStatus;
  variables?: unknown;
}): WebhookEventType[] {
  const types: WebhookEventType[] = [];
  if (change.variables !== undefined) types.push('variable.captured');
  const statusType = change.status && STATUS_EVENT_TYPES[change.status];
  if (statusType) types.push(statusType);
  return types;
}
