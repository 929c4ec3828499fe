import { isWindowOpen, toChatTurns } from '../../flow-state';
import { isAiReplyEffectValue } from '../../engine-action';
import type { EffectOutcomePort, NodeContext, NodeEvent, NodeResult, NodeRuntime } from '../../node-runtime';
import {
  awaitEffect,
  effectNodeRuntime,
  sendText,
  takeFailurePort,
  takeWindowClosedOutput,
} from '../../node-runtime';
import { renderTemplate } from '../../variables';
import type { AiReplyNodeData } from './ai-reply-node';

export type AiReplyPort = EffectOutcomePort;
type Context = NodeContext<AiReplyNodeData, AiReplyPort>;

/** `ai_reply` at run time: asks the LLM, then saves and sends its answer. */
export const aiReplyNodeRuntime: NodeRuntime<AiReplyNodeData, AiReplyPort> = effectNodeRuntime({
  execute: executeAiReplyNode,
  resume: resumeAiReplyNode,
});

/**
 * Asks the LLM for an answer. When the answer is to be sent and the window is already closed,
 * the LLM is not called at all: the answer could not be delivered.
 */
function executeAiReplyNode(ctx: Context): NodeResult<AiReplyPort> {
  if (ctx.data.send !== false && !isWindowOpen(ctx.state, ctx.now)) {
    return takeWindowClosedOutput(ctx, 'failure');
  }
  const { systemPrompt, model, temperature, maxTokens } = ctx.data;
  return awaitEffect({
    kind: 'ai_reply',
    request: {
      systemPrompt: renderTemplate(systemPrompt, ctx.state.variables),
      messages: toChatTurns(ctx.state.transcript),
      model,
      temperature,
      maxTokens,
    },
  });
}

/** Saves the answer, sends it when the window is still open, and takes `success`; failures take `failure`. */
function resumeAiReplyNode(ctx: Context, event: NodeEvent): NodeResult<AiReplyPort> {
  if (event.type !== 'effect') return fail(ctx, 'The AI reply got no answer.');
  if (!event.ok) return fail(ctx, `The AI reply failed: ${event.error}`);
  if (!isAiReplyEffectValue(event.value) || event.value.text.trim() === '')
    return fail(ctx, 'The AI returned no text.');
  const text = event.value.text.trim();
  const variables = ctx.data.variable ? { [ctx.data.variable]: text } : undefined;
  if (ctx.data.send === false) return { variables, then: { next: 'success' } };
  // The window can close while the LLM thinks; the answer is still saved.
  if (!isWindowOpen(ctx.state, ctx.now)) return { ...takeWindowClosedOutput(ctx, 'failure'), variables };
  return { variables, actions: [sendText(ctx.nodeId, text)], then: { next: 'success' } };
}

function fail(ctx: Context, message: string): NodeResult<AiReplyPort> {
  return takeFailurePort(ctx.nodeId, message, 'ai_reply_failed');
}
