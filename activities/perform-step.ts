/**
 * The `performStep` activity: what one engine step of a conversation does to the outside world in one
 * activity — its consecutive sends, in order, then the step's change to the conversations row. On
 * Temporal every activity costs a workflow task to schedule it and one to learn its result, so a reply
 * to "message, then question" costs one activity instead of two sends and a mirror.
 *
 * Each message keeps the idempotency of `sendWhatsAppMessage`: its own send key (the activity's
 * workflowId/runId/activityId plus `/index`), claimed as a lease before Graph is called. A retry of the
 * step skips the sends an earlier attempt finished (sent, or failed for good) without pacing them
 * again, and claims the others as `sendWhatsAppMessage` would.
 *
 * A send that fails for good (window closed, Graph refused the payload, credentials broken) is
 * recorded as a failed row and reported in the result; the following sends still go out, as a flow
 * moves on without a message it cannot send. A failure a retry may fix (rate limit, 5xx, another
 * attempt holding the lease) fails the attempt, and Temporal retries the step.
 */
import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { stepOutcomeFailureTypes } from '../workflows/activity-failure-types';
import type { OutgoingMessage } from '../workflows/engine/engine-action';
import { applyConversationChange, type ConversationChange } from './conversation-store';
import {
  createConversationNotFoundFailure,
  deliverMessage,
  readSendKey,
  type SendWhatsAppMessageDeps,
} from './send-whatsapp-message';
import { findFinishedSends, loadSendContext } from './whatsapp/outbound-message-store';

/** One message of a step, and the node that sends it. */
export interface StepSend {
  nodeId: string;
  message: OutgoingMessage;
}

export interface PerformStepInput {
  conversationId: string;
  /** Sent in order, each exactly once. */
  sends: StepSend[];
  /** The customer's latest message as the workflow knows it (epoch ms); see SendWhatsAppMessageInput. */
  lastCustomerMessageAt: number | null;
  /** The step's change to the conversations row, written after the sends; none: nothing changed. */
  change?: ConversationChange;
}

/** What became of one send of the step. */
export type StepSendOutcome =
  | { nodeId: string; sent: true; waMessageId: string; deduplicated: boolean }
  | { nodeId: string; sent: false; failureType: string; error: string };

export interface PerformStepResult {
  /** One per send, in the order of `sends`. */
  sends: StepSendOutcome[];
}

/** Creates the `performStep` activity. */
export function createPerformStepActivity(deps: SendWhatsAppMessageDeps) {
  return {
    /**
     * Sends the step's messages, then records its change. Throws a non-retryable `ConversationNotFound`
     * when the row is gone, and a retryable failure when a send or the write may succeed later.
     */
    async performStep(input: PerformStepInput): Promise<PerformStepResult> {
      const { info } = Context.current();
      const sends: StepSendOutcome[] = [];
      if (input.sends.length > 0) {
        const context = await loadSendContext(deps.dataSource, input.conversationId);
        if (!context) throw createConversationNotFoundFailure(input.conversationId);
        const stepKey = readSendKey(info);
        const sendKeys = input.sends.map((_, index) => `${stepKey}/${index}`);
        // Only a retry can find rows under this step's keys; the first attempt saves the query.
        const finished = info.attempt > 1 ? await findFinishedSends(deps.dataSource, sendKeys) : new Map();
        for (const [index, { nodeId, message }] of input.sends.entries()) {
          const earlier = finished.get(sendKeys[index]);
          if (earlier?.sent) {
            sends.push({ nodeId, sent: true, waMessageId: earlier.waMessageId, deduplicated: true });
            continue;
          }
          if (earlier) {
            const error = earlier.errorTitle ?? `failed with ${earlier.errorCode ?? 'an unknown error'}`;
            sends.push({ nodeId, sent: false, failureType: stepOutcomeFailureTypes.failedEarlier, error });
            continue;
          }
          try {
            const result = await deliverMessage(deps, context, {
              message,
              sendKey: sendKeys[index],
              lastCustomerMessageAt: input.lastCustomerMessageAt,
            });
            sends.push({
              nodeId,
              sent: true,
              waMessageId: result.waMessageId,
              deduplicated: result.deduplicated,
            });
          } catch (error) {
            if (!(error instanceof ApplicationFailure) || !error.nonRetryable) throw error;
            log.warn('WhatsApp message failed for good; the step goes on', {
              conversationId: input.conversationId,
              nodeId,
              failureType: error.type,
            });
            sends.push({ nodeId, sent: false, failureType: error.type ?? 'unknown', error: error.message });
          }
        }
      }
      if (input.change) await applyConversationChange(deps, input.change);
      return { sends };
    },
  };
}
