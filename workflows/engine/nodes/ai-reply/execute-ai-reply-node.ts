import { isWindowOpen } from '../../customer-window';
import type { NodeContext, NodeResult } from '../../node-definition';
import { renderTemplate } from '../../render-template';
import { toChatTurns } from '../to-chat-turns';
import { takeWindowClosedOutput } from '../take-window-closed-output';
import type { AiReplyNodeData } from './ai-reply-node-data';
import { aiReplyOutputs } from './ai-reply-outputs';

/**
 * Asks the LLM for an answer. When the answer is to be sent and the window is already closed,
 * the LLM is not called at all: the answer could not be delivered.
 */
export function executeAiReplyNode(ctx: NodeContext<AiReplyNodeData>): NodeResult {
  if (ctx.data.send !== false && !isWindowOpen(ctx.state, ctx.now)) {
    return takeWindowClosedOutput(ctx, aiReplyOutputs.failure);
  }
  const { systemPrompt, model, temperature, maxTokens } = ctx.data;
  return {
    then: {
      kind: 'wait',
      wait: {
        kind: 'effect',
        effect: {
          kind: 'ai_reply',
          request: {
            systemPrompt: renderTemplate(systemPrompt, ctx.state.variables),
            messages: toChatTurns(ctx.state.transcript),
            model,
            temperature,
            maxTokens,
          },
        },
      },
    },
  };
}
