/**
 * The conversation workflow's side of every activity: the proxies with their options, and how each
 * failure is turned into something the run can go on with. Deterministic code only.
 */
import { ActivityFailure, ApplicationFailure, log, proxyActivities } from '@temporalio/workflow';
import type { ConversationChange, FlowActivities, StepSend } from '../activities';
import type { EffectAction, FlowEvent, OutgoingMessage } from './engine/runtime';
import {
  httpRequestActivityOptions,
  llmActivityOptions,
  sendActivityOptions,
  stepActivityOptions,
  storeActivityOptions,
} from './activity-options';
import { summarizeConversationChange, summarizeEffect, summarizeSend, summarizeStep } from './run-summaries';

const { sendWhatsAppMessage } = proxyActivities<FlowActivities>(sendActivityOptions);
const { generateAiReply, chooseAiIntent } = proxyActivities<FlowActivities>(llmActivityOptions);
const { performHttpRequest } = proxyActivities<FlowActivities>(httpRequestActivityOptions);
const { recordConversationChange } = proxyActivities<FlowActivities>(storeActivityOptions);
const { performStep } = proxyActivities<FlowActivities>(sendActivityOptions);

/**
 * What the run needs from activities; a seam so the run class reads without Temporal plumbing. Every
 * call carries a summary (see run-summaries.ts) that the Web UI shows on its event.
 */
export interface FlowActivityCalls {
  /** Sends one message (of node `nodeId`); resolves false (after logging) when the send failed for good. */
  send(
    conversationId: string,
    nodeId: string,
    message: OutgoingMessage,
    lastCustomerMessageAt: number | null,
  ): Promise<boolean>;
  /** Runs an engine effect; an expected failure becomes `ok: false`, never a throw. */
  runEffect(action: EffectAction): Promise<Extract<FlowEvent, { type: 'effect_result' }>>;
  /** Mirrors a change into PostgreSQL; resolves false (after logging) when the row is gone. */
  record(change: ConversationChange): Promise<boolean>;
  /**
   * One step's consecutive sends, then its change to the row, in one activity. Resolves whether the
   * change was recorded (true when there was none); a message that could not be sent is logged and
   * skipped, as `send` does. When the step itself fails, the change is recorded on its own.
   */
  performStep(
    conversationId: string,
    sends: StepSend[],
    lastCustomerMessageAt: number | null,
    change: ConversationChange | null,
  ): Promise<boolean>;
}

/** The real calls, through Temporal activities. */
export const flowActivityCalls: FlowActivityCalls = {
  async send(conversationId, nodeId, message, lastCustomerMessageAt) {
    try {
      await sendWhatsAppMessage.executeWithOptions({ summary: summarizeSend(nodeId, message) }, [
        { conversationId, message, lastCustomerMessageAt },
      ]);
      return true;
    } catch (error) {
      // A send that failed for good (window closed by the activity's clock, Graph refused the
      // payload, credentials broken, retries exhausted) is already recorded as a failed message row.
      // The flow goes on: the engine has moved past this node, and a missing message is better
      // than a stuck conversation. Anything else (a bug in the workflow) still fails the task.
      if (!(error instanceof ActivityFailure)) throw error;
      log.warn('WhatsApp message not sent; the flow continues without it', {
        conversationId,
        kind: message.kind,
        failureType: failureType(error),
        error: describeFailure(error),
      });
      return false;
    }
  },

  async runEffect(action) {
    const { effectId } = action;
    const options = { summary: summarizeEffect(action) };
    try {
      switch (action.kind) {
        case 'http_request': {
          const result = await performHttpRequest.executeWithOptions(options, [action.request]);
          return result.ok
            ? { type: 'effect_result', effectId, ok: true, value: result.value, at: Date.now() }
            : { type: 'effect_result', effectId, ok: false, error: result.error, at: Date.now() };
        }
        case 'ai_reply': {
          const value = await generateAiReply.executeWithOptions(options, [action.request]);
          return { type: 'effect_result', effectId, ok: true, value, at: Date.now() };
        }
        case 'ai_router': {
          const value = await chooseAiIntent.executeWithOptions(options, [action.request]);
          return { type: 'effect_result', effectId, ok: true, value, at: Date.now() };
        }
      }
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      log.warn('Effect failed; the node takes its failure output', {
        nodeId: action.nodeId,
        kind: action.kind,
        failureType: failureType(error),
        error: describeFailure(error),
      });
      return { type: 'effect_result', effectId, ok: false, error: describeFailure(error), at: Date.now() };
    }
  },

  async record(change) {
    try {
      await recordConversationChange.executeWithOptions({ summary: summarizeConversationChange(change) }, [
        change,
      ]);
      return true;
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      log.warn('Conversation change not recorded', {
        conversationId: change.conversationId,
        failureType: failureType(error),
        error: describeFailure(error),
      });
      return false;
    }
  },

  async performStep(conversationId, sends, lastCustomerMessageAt, change) {
    try {
      const result = await performStep.executeWithOptions(
        { ...stepActivityOptions(sends.length), summary: summarizeStep(sends, change ?? undefined) },
        [{ conversationId, sends, lastCustomerMessageAt, ...(change ? { change } : {}) }],
      );
      for (const outcome of result.sends) {
        if (outcome.sent) continue;
        // Recorded as a failed message row by the activity; the flow goes on, as with `send`.
        log.warn('WhatsApp message not sent; the flow continues without it', {
          conversationId,
          nodeId: outcome.nodeId,
          failureType: outcome.failureType,
          error: outcome.error,
        });
      }
      return true;
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      // Retries ran out (an hour of rate limits or outages) or the row is gone: the sends not yet
      // made are dropped like a send that failed for good, and the row still gets the step's change.
      log.warn('Step not performed; the flow continues without its remaining messages', {
        conversationId,
        failureType: failureType(error),
        error: describeFailure(error),
      });
      return change ? await flowActivityCalls.record(change) : true;
    }
  },
};

/** The `ApplicationFailure.type` under an activity failure, e.g. `WhatsAppWindowClosed`. */
export function failureType(error: ActivityFailure): string | undefined {
  return error.cause instanceof ApplicationFailure ? (error.cause.type ?? undefined) : error.cause?.name;
}

/** The innermost message: what actually went wrong, not "Activity task failed". */
export function describeFailure(error: ActivityFailure): string {
  let message = error.message;
  for (let cause: unknown = error.cause; cause instanceof Error; cause = cause.cause) {
    if (cause.message) message = cause.message;
  }
  return message;
}
