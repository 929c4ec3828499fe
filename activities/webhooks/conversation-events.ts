/**
 * Which webhook events a change of a conversations row causes, from the row before and after it: a
 * status reached (completed, failed, handoff) and variables that changed. Comparing with the stored row
 * (not with what the run thinks it wrote) makes a retried or replayed change cause nothing twice.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ConversationStatus } from '../../entities/conversation';
import type { WebhookEvent, WebhookEventType } from '../../entities/webhook-outbox';

/** The conversations row as events describe it. */
export interface ConversationEventRow {
  id: string;
  userId: string;
  flowId: string | null;
  whatsappAccountId: string;
  customerPhone: string;
  triggerSource: string;
  status: ConversationStatus;
  variables: Record<string, unknown>;
}

const statusEvents: Partial<Record<ConversationStatus, WebhookEventType>> = {
  completed: 'conversation.completed',
  failed: 'conversation.failed',
  handoff: 'handoff.requested',
};

/** The `data` every conversation event carries. */
export function conversationEventData(row: ConversationEventRow): Record<string, unknown> {
  return {
    conversationId: row.id,
    flowId: row.flowId,
    whatsappAccountId: row.whatsappAccountId,
    phone: row.customerPhone,
    triggerSource: row.triggerSource,
    status: row.status,
    variables: row.variables,
  };
}

/** The events of one change: captured variables first, then the status reached. */
export function conversationChangeEvents(
  before: Pick<ConversationEventRow, 'status' | 'variables'>,
  after: ConversationEventRow,
): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  const captured = Object.fromEntries(
    Object.entries(after.variables).filter(
      ([key, value]) => !isDeepStrictEqual(before.variables[key], value),
    ),
  );
  if (Object.keys(captured).length > 0) {
    events.push({
      userId: after.userId,
      type: 'variable.captured',
      data: { ...conversationEventData(after), captured },
    });
  }
  const reached = before.status === after.status ? undefined : statusEvents[after.status];
  if (reached) events.push({ userId: after.userId, type: reached, data: conversationEventData(after) });
  return events;
}
