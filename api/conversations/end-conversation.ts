/**
 * Ending a customer's open conversation from the API (a new lead replaces it, the contact is
 * deleted, the customer opts out): its run is terminated and its row ends as `stopped`, with the
 * `ended` node event analytics counts (docs/analytics.md) written by the same statement.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { apiStopNodeEventSql } from '../../activities/analytics/insert-node-events';
import { ServiceUnavailableError } from '../errors';
import type { ConversationServiceDeps, OpenConversation } from './start-conversation';

/** Why the API ends a conversation: the `reason` of its `ended` node event. */
export type ConversationStopReason = 'replaced' | 'opted_out' | 'contact_deleted';

/** Why, and in words for the run's termination and the log. */
export interface ConversationStop {
  reason: ConversationStopReason;
  detail: string;
}

/**
 * Stops a conversation's run (terminate: immediate, and the replacement must not race the old run's
 * sends) and ends its row as `stopped`. A run that is already gone is fine; a Temporal that does not
 * answer is a 503 and leaves the row open. The `ended` node event is written only when this UPDATE
 * ended the row (a run that ended first has written its own), at the node the run was at.
 */
export async function endConversation(
  deps: ConversationServiceDeps,
  client: Client,
  open: OpenConversation,
  stop: ConversationStop,
): Promise<void> {
  if (open.workflowId) {
    try {
      await client.workflow.getHandle(open.workflowId).terminate(stop.detail);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) {
        throw new ServiceUnavailableError('The active conversation could not be stopped; retry later', {
          cause: error,
        });
      }
    }
  }
  await deps.dataSource.query(
    `WITH stopped AS (
       UPDATE conversations SET status = 'stopped', "endedAt" = now(), "updatedAt" = now()
        WHERE id = $1 AND "endedAt" IS NULL
        RETURNING id, "flowId", "flowRevision")
     ${apiStopNodeEventSql('stopped', '$2')}`,
    [open.id, stop.reason],
  );
  deps.logger.info({ conversationId: open.id, reason: stop.detail }, 'open conversation stopped');
}
