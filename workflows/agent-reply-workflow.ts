/**
 * `agentReplyWorkflow`: one message an agent writes into a conversation, sent by the same idempotent
 * activity as flow messages, so it is durable and audited in Temporal and never sent by the API
 * process. The activity checks the 24-hour window against the clock at send time.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { FlowActivities } from '../activities';
import { agentReplySendActivityOptions } from './activity-options';
import type { AgentReplyInput, AgentReplyResult } from './definitions';
import { summarizeAgentReply } from './run-summaries';

const { sendWhatsAppMessage } = proxyActivities<FlowActivities>(agentReplySendActivityOptions);

/**
 * Sends `input.message` to the conversation's customer and returns its wamid. Fails with the
 * activity's typed failure (e.g. `WhatsAppWindowClosed` for a session message outside the window,
 * nothing sent) as an `ApplicationFailure` of the same type, so the API can answer 422 and the like.
 */
export async function agentReplyWorkflow(input: AgentReplyInput): Promise<AgentReplyResult> {
  try {
    const { waMessageId } = await sendWhatsAppMessage.executeWithOptions(
      { summary: summarizeAgentReply(input.message) },
      [{ conversationId: input.conversationId, message: input.message }],
    );
    return { waMessageId };
  } catch (error) {
    if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
      throw ApplicationFailure.create({
        message: error.cause.message,
        type: error.cause.type ?? undefined,
        nonRetryable: true,
        cause: error,
      });
    }
    throw error;
  }
}
