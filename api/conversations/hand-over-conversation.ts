/**
 * An agent takes a running conversation over from its flow, or hands it back. The conversation's
 * run is told by a signal (agentTakeoverSignal / agentReleaseSignal); the engine pauses whatever the
 * flow waited for and restores it on release, and the run records the status change (`handoff`,
 * then `active`) on the conversations row itself, a moment after the answer.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../platform/logger';
import { agentReleaseSignal, agentTakeoverSignal } from '../../workflows/definitions';
import { ConflictError, ServiceUnavailableError } from '../errors';
import { getConversation, type Reader } from './read-conversations';

/** What an agent asks of the run. */
export type HandoverAction = 'takeover' | 'release';

/** What a handover needs: the database to read the row, Temporal to reach the run. */
export interface HandoverDeps {
  dataSource: DataSource;
  temporalClient?: Client;
  logger: Logger;
}

const VERB: Record<HandoverAction, string> = { takeover: 'take over', release: 'hand back' };

/**
 * Signals the run of a conversation the reader may see (404 otherwise). 409 when the conversation
 * has ended or has no run (an inbound message no flow answered: agents have it already).
 */
export async function handOverConversation(
  deps: HandoverDeps,
  reader: Reader,
  conversationId: string,
  action: HandoverAction,
): Promise<void> {
  const conversation = await getConversation(deps.dataSource, reader, conversationId);
  if (conversation.endedAt !== null) {
    throw new ConflictError(
      `The conversation has ended (${conversation.status}): there is nothing to ${VERB[action]}`,
    );
  }
  if (!conversation.workflowId) {
    throw new ConflictError(
      `The conversation has no flow run to ${VERB[action]}: it is with the agents already`,
    );
  }
  const client = deps.temporalClient;
  if (!client) throw new ServiceUnavailableError('Temporal is not configured');
  const handle = client.workflow.getHandle(conversation.workflowId);
  try {
    if (action === 'takeover') await handle.signal(agentTakeoverSignal, { agentId: reader.userId });
    else await handle.signal(agentReleaseSignal);
  } catch (error) {
    // The run has ended while the row is still open (it records its end last).
    if (error instanceof WorkflowNotFoundError) {
      throw new ConflictError(`The conversation has ended: there is nothing to ${VERB[action]}`, {
        cause: error,
      });
    }
    deps.logger.error({ err: error, conversationId, action }, 'signalling the conversation run failed');
    throw new ServiceUnavailableError('The conversation could not be reached; retry later', { cause: error });
  }
}
